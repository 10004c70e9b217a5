import { Body, Controller, Param, Patch } from '@nestjs/common';
import { resourceId } from '../common/id-param';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@kakehashi/auth';
import { ApiBuyerSession, ApiErrors } from '../common/api-responses.doc';
import { FindingStatusResponse } from './dashboard.doc';
import { UpdateFindingDto } from './dto/update-finding.dto';
import { UpdateFindingStatusUseCase } from './update-finding-status.use-case';

@ApiTags('dashboard')
@ApiBuyerSession()
@Controller('findings')
export class FindingsController {
  constructor(private readonly updateStatus: UpdateFindingStatusUseCase) {}

  @Patch(':id')
  @Roles('procurement', 'ciso')
  @ApiOperation({ summary: "Set a finding's status (accepted risk, remediated, open again)" })
  @ApiParam({ name: 'id', format: 'uuid', description: 'Finding id' })
  @ApiOkResponse({ type: FindingStatusResponse })
  @ApiErrors({
    400: 'status is not open, accepted or remediated, or note is longer than 500 characters',
    403: 'Only procurement, the CISO (or an admin) changes findings',
    404: "No finding with this id in the caller's organization",
  })
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', resourceId('Finding')) id: string,
    @Body() body: UpdateFindingDto,
  ): Promise<{ id: string; status: string; supplierId: string; note: string | null }> {
    return this.updateStatus.execute({ user, findingId: id, body });
  }
}
