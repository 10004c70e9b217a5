import { Body, Controller, Param, ParseUUIDPipe, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@kakehashi/auth';
import { UpdateFindingDto } from './dto/update-finding.dto';
import { UpdateFindingStatusUseCase } from './update-finding-status.use-case';

@ApiTags('dashboard')
@ApiBearerAuth()
@Controller('findings')
export class FindingsController {
  constructor(private readonly updateStatus: UpdateFindingStatusUseCase) {}

  @Patch(':id')
  @Roles('procurement', 'ciso')
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) id: string,
    @Body() body: UpdateFindingDto,
  ): Promise<{ id: string; status: string; supplierId: string }> {
    return this.updateStatus.execute({ user, findingId: id, body });
  }
}
