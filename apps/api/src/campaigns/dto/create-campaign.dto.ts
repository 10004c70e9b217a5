import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
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
import { CATALOG_VERSIONS, DEFAULT_CATALOG_VERSION } from '@kakehashi/domain';
import { DEFAULT_REMINDER_POLICY } from '@kakehashi/database';
import { Trim } from '../../common/text.transforms';
import { ReminderPolicyDto } from './reminder-policy.dto';

export const MAX_CAMPAIGN_SUPPLIERS = 20_000;
export const CAMPAIGN_NAME_MAX = 200;
export const CAMPAIGN_SENDER_NAME_MAX = 100;
export const CAMPAIGN_MESSAGE_MAX = 2000;

export class CreateCampaignDto {
  @ApiProperty({
    maxLength: CAMPAIGN_NAME_MAX,
    example: '2026年度 上期 サプライヤーセキュリティ評価',
    description: 'Trimmed; blank is refused',
  })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(CAMPAIGN_NAME_MAX)
  name!: string;

  @ApiProperty({
    enum: CATALOG_VERSIONS,
    example: DEFAULT_CATALOG_VERSION,
    description: 'The questionnaire catalog the suppliers answer',
  })
  @IsIn(CATALOG_VERSIONS, {
    message: `catalogVersion must be one of ${CATALOG_VERSIONS.join(', ')}`,
  })
  catalogVersion!: string;

  @ApiProperty({
    type: String,
    format: 'uuid',
    isArray: true,
    maxItems: MAX_CAMPAIGN_SUPPLIERS,
    example: ['0f8e2a4c-5b1d-4c3e-9a7f-2d6b8e1c4a90'],
    description:
      "Suppliers of the caller's organization to invite on launch; may be empty while a draft " +
      '(repeats are ignored)',
  })
  @IsArray()
  @ArrayMaxSize(MAX_CAMPAIGN_SUPPLIERS)
  @IsUUID('all', { each: true })
  supplierIds!: string[];

  /** A calendar date in Asia/Tokyo, today or later. */
  @ApiProperty({
    type: String,
    format: 'date',
    example: '2026-06-30',
    description: 'YYYY-MM-DD, a real date, today or later and at most one year ahead in Asia/Tokyo',
  })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dueDate must be a date YYYY-MM-DD' })
  dueDate!: string;

  @ApiPropertyOptional({
    type: ReminderPolicyDto,
    default: DEFAULT_REMINDER_POLICY,
    description: 'When reminders go out; omitted: 7, 3 and 1 days before, then every 3 days',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReminderPolicyDto)
  reminderPolicy?: ReminderPolicyDto;

  @ApiPropertyOptional({
    minLength: 1,
    maxLength: CAMPAIGN_SENDER_NAME_MAX,
    example: '株式会社サンプル 調達部',
    description: 'Sender name shown in the invitation mail',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(CAMPAIGN_SENDER_NAME_MAX)
  senderName?: string;

  @ApiPropertyOptional({
    maxLength: CAMPAIGN_MESSAGE_MAX,
    example: '期日までにご回答をお願いいたします。',
    description: 'A note added to the invitation mail',
  })
  @IsOptional()
  @IsString()
  @MaxLength(CAMPAIGN_MESSAGE_MAX)
  message?: string;
}
