import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { CATALOG_VERSIONS } from '@kakehashi/domain';
import { ReminderPolicyDto } from './reminder-policy.dto';

export const MAX_CAMPAIGN_SUPPLIERS = 20_000;
export const CAMPAIGN_NAME_MAX = 200;

/** Trimmed before validation, so a name of spaces is refused as empty (API and console form). */
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateCampaignDto {
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(CAMPAIGN_NAME_MAX)
  name!: string;

  @IsIn(CATALOG_VERSIONS, {
    message: `catalogVersion must be one of ${CATALOG_VERSIONS.join(', ')}`,
  })
  catalogVersion!: string;

  @IsArray()
  @ArrayMaxSize(MAX_CAMPAIGN_SUPPLIERS)
  @IsUUID('all', { each: true })
  supplierIds!: string[];

  /** A calendar date in Asia/Tokyo, today or later. */
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dueDate must be a date YYYY-MM-DD' })
  dueDate!: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => ReminderPolicyDto)
  reminderPolicy?: ReminderPolicyDto;

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  senderName?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  message?: string;
}
