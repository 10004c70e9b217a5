import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsNotEmpty,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { CATALOG_VERSIONS } from '@kakehashi/domain';
import { Trim, TrimToNull } from '../../common/text.transforms';
import {
  CAMPAIGN_MESSAGE_MAX,
  CAMPAIGN_NAME_MAX,
  CAMPAIGN_SENDER_NAME_MAX,
} from './create-campaign.dto';
import { ReminderPolicyDto } from './reminder-policy.dto';

/** Left out: unchanged. null is refused (a campaign always has a name, an owner and a due date). */
const IfPresent = () => ValidateIf((_: object, value: unknown) => value !== undefined);
/** Left out: unchanged; null (or blank) clears the field. */
const IfSet = () =>
  ValidateIf((_: object, value: unknown) => value !== undefined && value !== null);

/** The fields that only a draft may change: they are what its invitations will say and ask. */
export const DRAFT_ONLY_FIELDS = [
  'senderName',
  'message',
  'reminderPolicy',
  'catalogVersion',
] as const;
export type DraftOnlyField = (typeof DRAFT_ONLY_FIELDS)[number];

export class UpdateCampaignDto {
  @ApiPropertyOptional({ maxLength: CAMPAIGN_NAME_MAX, description: 'Trimmed; blank is refused' })
  @IfPresent()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(CAMPAIGN_NAME_MAX)
  name?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'An active procurement user or admin of the organization: receives the high-risk alerts, ' +
      'the escalations and the overdue digests of this campaign from now on',
  })
  @IfPresent()
  @IsUUID('all', { message: 'ownerId must be the id of a user of this organization' })
  ownerId?: string;

  /** A calendar date in Asia/Tokyo, today or later (as when the campaign is created). */
  @ApiPropertyOptional({
    type: String,
    format: 'date',
    example: '2026-07-31',
    description:
      'YYYY-MM-DD, a real date, today or later and at most one year ahead in Asia/Tokyo. On a ' +
      'launched campaign every supplier still answering is mailed the new date with their ' +
      'link, and the reminders start over from it',
  })
  @IfPresent()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dueDate must be a date YYYY-MM-DD' })
  dueDate?: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: CAMPAIGN_SENDER_NAME_MAX,
    description:
      'Draft only (409 once launched). Sender name shown in the invitation mail; null or blank: ' +
      'the organization name',
  })
  @TrimToNull()
  @IfSet()
  @IsString()
  @MaxLength(CAMPAIGN_SENDER_NAME_MAX)
  senderName?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: CAMPAIGN_MESSAGE_MAX,
    description:
      'Draft only (409 once launched). A note added to the invitation mail; null or blank: none',
  })
  @TrimToNull()
  @IfSet()
  @IsString()
  @MaxLength(CAMPAIGN_MESSAGE_MAX)
  message?: string | null;

  @ApiPropertyOptional({
    type: ReminderPolicyDto,
    description: 'Draft only (409 once launched). When reminders go out',
  })
  @IfPresent()
  @ValidateNested()
  @Type(() => ReminderPolicyDto)
  reminderPolicy?: ReminderPolicyDto;

  @ApiPropertyOptional({
    enum: CATALOG_VERSIONS,
    description: 'Draft only (409 once launched). The questionnaire catalog the suppliers answer',
  })
  @IfPresent()
  @IsIn(CATALOG_VERSIONS, {
    message: `catalogVersion must be one of ${CATALOG_VERSIONS.join(', ')}`,
  })
  catalogVersion?: string;
}
