import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsString, IsUUID, Matches, MaxLength, ValidateIf } from 'class-validator';
import { Trim } from '../../common/text.transforms';
import { CAMPAIGN_NAME_MAX } from './create-campaign.dto';

/** Left out: unchanged. null is refused (a campaign always has a name, an owner and a due date). */
const IfPresent = () => ValidateIf((_: object, value: unknown) => value !== undefined);

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
      'YYYY-MM-DD, a real date, today or later in Asia/Tokyo. On a launched campaign every ' +
      'supplier still answering is mailed the new date with their link, and the reminders ' +
      'start over from it',
  })
  @IfPresent()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dueDate must be a date YYYY-MM-DD' })
  dueDate?: string;
}
