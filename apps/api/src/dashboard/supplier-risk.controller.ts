import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser } from '@kakehashi/auth';
import { scopeOf } from './dashboard-scope';
import { SupplierRiskDetail, SupplierRiskDetailQuery } from './supplier-risk-detail.query';

/** `GET /suppliers/:id/risk` lives with the dashboard: it reads the same roll-ups. */
@ApiTags('dashboard')
@ApiBearerAuth()
@Controller('suppliers')
export class SupplierRiskController {
  constructor(private readonly detail: SupplierRiskDetailQuery) {}

  @Get(':id/risk')
  risk(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) id: string,
  ): Promise<SupplierRiskDetail> {
    return this.detail.run(scopeOf(user), id);
  }
}
