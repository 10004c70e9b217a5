import { ApiProperty } from '@nestjs/swagger';
import { PageResponse } from '../common/api-responses.doc';
import { ASSESSMENT_STATUSES } from '@kakehashi/database';
import type { CampaignDetail } from './campaign-queries.service';
import { ReminderPolicyDto } from './dto/reminder-policy.dto';
import { CAMPAIGN_STATUSES } from './dto/list-query.dto';
import type { LaunchResult } from './launch-campaign.use-case';

// Response shapes of the campaigns API, for the OpenAPI document only.

export class CampaignCreatedResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ['draft'] })
  status!: 'draft';
}

export class CampaignListItem {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: '2026年度 上期 サプライヤーセキュリティ評価' })
  name!: string;

  @ApiProperty({ enum: CAMPAIGN_STATUSES })
  status!: string;

  @ApiProperty({ example: 'meti-v3.0+sa-3.1' })
  catalogVersion!: string;

  @ApiProperty({ format: 'date', example: '2026-06-30' })
  dueDate!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  launchedAt!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: 'integer', description: 'Assessments created at launch or since' })
  assessments!: number;
}

export class CampaignPageResponse extends PageResponse(CampaignListItem) {}

class AssessmentCounts {
  @ApiProperty({ type: 'integer' })
  invited!: number;

  @ApiProperty({ type: 'integer' })
  opened!: number;

  @ApiProperty({ type: 'integer' })
  in_progress!: number;

  @ApiProperty({ type: 'integer' })
  submitted!: number;

  @ApiProperty({ type: 'integer' })
  scored!: number;

  @ApiProperty({ type: 'integer', description: 'Not submitted although the due date passed' })
  overdue!: number;
}

class InvitationDelivery {
  @ApiProperty({
    type: 'integer',
    description:
      'Invitations not sent yet, counting those not written yet: right after a launch (or an ' +
      'addition of suppliers) the invitations are written a few seconds later, and each ' +
      'invited assessment of a launched campaign without one counts here meanwhile',
  })
  queued!: number;

  @ApiProperty({ type: 'integer' })
  sent!: number;

  @ApiProperty({ type: 'integer' })
  failed!: number;

  @ApiProperty({ type: 'integer' })
  skipped!: number;
}

class UndeliverableContact {
  @ApiProperty({ format: 'uuid' })
  supplierId!: string;

  @ApiProperty({ example: 'ABC株式会社' })
  supplierName!: string;

  @ApiProperty({ example: 'yamada@example.co.jp' })
  contactEmail!: string;

  @ApiProperty({ type: String, nullable: true, description: 'What the mail server answered' })
  reason!: string | null;
}

export class CampaignDetailResponse implements CampaignDetail {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: '2026年度 上期 サプライヤーセキュリティ評価' })
  name!: string;

  @ApiProperty({ enum: CAMPAIGN_STATUSES })
  status!: CampaignDetail['status'];

  @ApiProperty({ example: 'meti-v3.0+sa-3.1' })
  catalogVersion!: string;

  @ApiProperty({ format: 'date', example: '2026-06-30' })
  dueDate!: string;

  @ApiProperty({ type: String, nullable: true })
  senderName!: string | null;

  @ApiProperty({ type: String, nullable: true })
  message!: string | null;

  @ApiProperty({ type: ReminderPolicyDto })
  reminderPolicy!: ReminderPolicyDto;

  @ApiProperty({ format: 'uuid' })
  ownerId!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  launchedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  closedAt!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: 'integer', description: 'Suppliers chosen so far (drafts only; else 0)' })
  draftSupplierCount!: number;

  @ApiProperty({ type: AssessmentCounts, description: 'Assessments by status' })
  counts!: AssessmentCounts;

  @ApiProperty({ type: InvitationDelivery, description: 'Invitation mails by delivery state' })
  delivery!: InvitationDelivery;

  @ApiProperty({
    type: [UndeliverableContact],
    description: 'Suppliers whose primary contact address bounced for good',
  })
  undeliverable!: UndeliverableContact[];
}

export class CampaignAssessmentItem {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  supplierId!: string;

  @ApiProperty({ example: 'ABC株式会社' })
  supplierName!: string;

  @ApiProperty({ enum: ASSESSMENT_STATUSES })
  status!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  submittedAt!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: "The supplier's primary contact now (who may not be whom the invitation went to)",
  })
  contactEmail!: string | null;

  @ApiProperty({ type: String, nullable: true })
  undeliverableReason!: string | null;

  @ApiProperty({
    enum: ['none', 'queued', 'sent', 'failed', 'skipped'],
    description:
      'State of the invitation mail; `queued` also while a launched campaign has not written it ' +
      'yet; `none`: no invitation was or will be sent',
  })
  delivery!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  invitedAt!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'The address the invitation was written to (null before it is written, or without a ' +
      'contact); differs from contactEmail once the primary contact changed',
  })
  invitationEmail!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'contact_changed',
    description:
      'Kind of the latest supplier mail about this assessment to the current primary contact ' +
      '(invitation, reminder, reopened, link, due_date_changed, contact_changed); null: none',
  })
  contactMailKind!: string | null;

  @ApiProperty({
    enum: ['none', 'queued', 'sent', 'failed', 'skipped'],
    description: 'State of that mail (`none`: the current primary contact was never mailed)',
  })
  contactDelivery!: string;

  @ApiProperty({ description: 'Not submitted although the due date passed' })
  overdue!: boolean;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the supplier last opened the questionnaire (as in the CSV); null: never',
  })
  lastOpenedAt!: string | null;

  @ApiProperty({
    type: 'integer',
    description: 'Reminder mails sent to the supplier (as in the CSV)',
  })
  remindersSent!: number;
}

export class CampaignAssessmentPageResponse extends PageResponse(CampaignAssessmentItem) {}

export class LaunchResponse implements LaunchResult {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ['launched'] })
  status!: 'launched';

  @ApiProperty({ type: 'integer', description: 'Assessments created (all of them on a repeat)' })
  invited!: number;

  @ApiProperty({ description: 'false when the campaign was already launched: nothing changed' })
  launchedNow!: boolean;
}

export class SuppliersAddedResponse {
  @ApiProperty({ type: 'integer', description: 'Suppliers not already in the campaign' })
  added!: number;
}

export class CampaignClosedResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ['closed'] })
  status!: 'closed';
}
