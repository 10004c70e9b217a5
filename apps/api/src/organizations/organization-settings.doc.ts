import { ApiProperty } from '@nestjs/swagger';
import { QuietHoursDto } from './dto/quiet-hours.dto';
import { TARGET_PROFILE_LENGTH } from './dto/update-organization-settings.dto';
import type { OrganizationSettingsView } from './organization-settings.view';

// Response shape of the organization settings API, for the OpenAPI document only.

const TARGET_PROFILE = {
  type: 'number',
  isArray: true,
  minItems: TARGET_PROFILE_LENGTH,
  maxItems: TARGET_PROFILE_LENGTH,
  example: [3, 3, 3, 3, 3.5, 3, 4, 3, 3, 2.5],
} as const;

class SettingsDefaults {
  @ApiProperty({ type: QuietHoursDto })
  quietHours!: QuietHoursDto;

  @ApiProperty(TARGET_PROFILE)
  targetProfile!: number[];
}

export class OrganizationSettingsResponse implements OrganizationSettingsView {
  @ApiProperty({
    type: QuietHoursDto,
    description: 'The sending window in force (the default where the organization set none)',
  })
  quietHours!: QuietHoursDto;

  @ApiProperty({
    ...TARGET_PROFILE,
    nullable: true,
    description: "The organization's own target profile; null: the dashboard draws the default",
  })
  targetProfile!: number[] | null;

  @ApiProperty({ type: SettingsDefaults })
  defaults!: SettingsDefaults;
}
