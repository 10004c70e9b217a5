import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { QuietHoursDto } from './quiet-hours.dto';
import { IsTargetList } from './settings-validators';

/** One target maturity per directive of the Cyber Security Management Guidelines. */
export const TARGET_PROFILE_LENGTH = 10;

/** A partial update: keys left out keep their stored value; `null` returns a key to the default. */
export class UpdateOrganizationSettingsDto {
  @ApiPropertyOptional({
    type: QuietHoursDto,
    nullable: true,
    description: 'Asia/Tokyo sending window for reminders; null means the default (9–18, weekdays)',
  })
  @IsOptional()
  @IsObject({ message: '$property must be an object {startHour, endHour, weekdaysOnly}' })
  @ValidateNested()
  @Type(() => QuietHoursDto)
  quietHours?: QuietHoursDto | null;

  @ApiPropertyOptional({
    type: [Number],
    nullable: true,
    minItems: TARGET_PROFILE_LENGTH,
    maxItems: TARGET_PROFILE_LENGTH,
    example: [3, 3, 3, 3, 3.5, 3, 4, 3, 3, 2.5],
    description: 'Target maturity (1–5, one decimal) for directives 1–10; null means the default',
  })
  @IsOptional()
  @IsArray({ message: '$property must be a list of numbers, or null' })
  @IsTargetList(TARGET_PROFILE_LENGTH)
  targetProfile?: number[] | null;
}
