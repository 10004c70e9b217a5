import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@kakehashi/auth';
import { ApiBuyerSession, ApiErrors } from '../common/api-responses.doc';
import { UpdateOrganizationSettingsDto } from './dto/update-organization-settings.dto';
import { OrganizationSettingsResponse } from './organization-settings.doc';
import { OrganizationSettingsService } from './organization-settings.service';
import { OrganizationSettingsView } from './organization-settings.view';

/** The caller's tenant settings; every role reads them, only an admin changes them. */
@ApiTags('organization')
@ApiBuyerSession()
@Controller('organization/settings')
export class OrganizationSettingsController {
  constructor(private readonly settings: OrganizationSettingsService) {}

  @Get()
  @Roles('procurement', 'ciso', 'auditor')
  @ApiOperation({ summary: "The organization's reminder quiet hours and target profile" })
  @ApiOkResponse({
    type: OrganizationSettingsResponse,
    description: 'Quiet hours and target profile in force, with the defaults',
  })
  get(@CurrentUser() user: AuthenticatedUser): Promise<OrganizationSettingsView> {
    return this.settings.get(user.organizationId);
  }

  @Put()
  @Roles('admin')
  @ApiOperation({
    summary: 'Change the settings (admins)',
    description: 'Keys left out keep their value; null returns a key to the default.',
  })
  @ApiOkResponse({
    type: OrganizationSettingsResponse,
    description: 'The settings after the change',
  })
  @ApiErrors({
    400: 'A value out of range or of the wrong type; the message names the field',
    403: 'Only an admin of the organization changes its settings',
  })
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: UpdateOrganizationSettingsDto,
  ): Promise<OrganizationSettingsView> {
    return this.settings.update(user, body);
  }
}
