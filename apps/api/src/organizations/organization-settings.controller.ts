import { Body, Controller, Get, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@kakehashi/auth';
import { UpdateOrganizationSettingsDto } from './dto/update-organization-settings.dto';
import { OrganizationSettingsService } from './organization-settings.service';
import { OrganizationSettingsView } from './organization-settings.view';

/** The caller's tenant settings; every role reads them, only an admin changes them. */
@ApiTags('organization')
@ApiBearerAuth()
@Controller('organization/settings')
export class OrganizationSettingsController {
  constructor(private readonly settings: OrganizationSettingsService) {}

  @Get()
  @Roles('procurement', 'ciso', 'auditor')
  @ApiOkResponse({ description: 'Quiet hours and target profile in force, with the defaults' })
  get(@CurrentUser() user: AuthenticatedUser): Promise<OrganizationSettingsView> {
    return this.settings.get(user.organizationId);
  }

  @Put()
  @Roles('admin')
  @ApiOkResponse({ description: 'The settings after the change' })
  @ApiBadRequestResponse({ description: 'A value out of range; the message names the field' })
  @ApiForbiddenResponse({ description: 'Only an admin of the tenant changes its settings' })
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: UpdateOrganizationSettingsDto,
  ): Promise<OrganizationSettingsView> {
    return this.settings.update(user, body);
  }
}
