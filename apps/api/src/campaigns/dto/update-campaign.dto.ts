import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { Trim } from '../../common/text.transforms';
import { CAMPAIGN_NAME_MAX } from './create-campaign.dto';

/** Left out: unchanged. null is refused (a campaign always has a name and an owner). */
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
}
