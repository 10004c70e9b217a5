import { Controller, Get, Param } from '@nestjs/common';
import { resourceId } from '../common/id-param';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser } from '@kakehashi/auth';
import { ApiBuyerSession, ApiErrors } from '../common/api-responses.doc';
import { tenantScope } from './dashboard-scope';
import { SupplierRiskDetailResponse } from './dashboard.doc';
import { SupplierRiskDetail, SupplierRiskDetailQuery } from './supplier-risk-detail.query';

/** `GET /suppliers/:id/risk` lives with the dashboard: it reads the same roll-ups. */
@ApiTags('dashboard')
@ApiBuyerSession()
@Controller('suppliers')
export class SupplierRiskController {
  constructor(private readonly detail: SupplierRiskDetailQuery) {}

  @Get(':id/risk')
  @ApiOperation({ summary: "One supplier's risk drill-down: score, findings, history, contacts" })
  @ApiParam({ name: 'id', format: 'uuid', description: 'Supplier id' })
  @ApiOkResponse({ type: SupplierRiskDetailResponse })
  @ApiErrors({
    404: "No supplier with this id in the caller's organization (ownership does not matter)",
  })
  risk(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', resourceId('Supplier')) id: string,
  ): Promise<SupplierRiskDetail> {
    return this.detail.run(tenantScope(user), id);
  }
}
