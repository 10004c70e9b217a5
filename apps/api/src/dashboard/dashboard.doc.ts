import { ApiProperty } from '@nestjs/swagger';
import { LocalizedTextResponse, PageResponse } from '../common/api-responses.doc';
import type { DashboardSummary } from './dashboard-summary.query';
import type { CampaignTrend } from './dashboard-trends.query';
import { TIERS } from './dto/dashboard-filter.dto';
import { FINDING_STATUSES } from './dto/update-finding.dto';
import type { SupplierRiskRow } from './supplier-list.query';
import type { SupplierRiskDetail } from './supplier-risk-detail.query';

// Response shapes of the dashboard API, for the OpenAPI document only.

const TEN_DIRECTIVES = {
  type: 'number',
  isArray: true,
  minItems: 10,
  maxItems: 10,
  description: 'One value per directive 1–10 (maturity 1.0–5.0)',
} as const;
const SECURITY_ACTION = ['none', 'star1', 'star2'];
const LEVELS = ['none', 'basic', 'strong'];

class TierCounts {
  @ApiProperty({ type: 'integer' })
  low!: number;

  @ApiProperty({ type: 'integer' })
  medium!: number;

  @ApiProperty({ type: 'integer' })
  high!: number;

  @ApiProperty({ type: 'integer' })
  critical!: number;
}

class SecurityActionCounts {
  @ApiProperty({ type: 'integer' })
  none!: number;

  @ApiProperty({ type: 'integer', description: 'SECURITY ACTION 一つ星' })
  star1!: number;

  @ApiProperty({ type: 'integer', description: 'SECURITY ACTION 二つ星' })
  star2!: number;
}

export class DashboardSummaryResponse implements DashboardSummary {
  @ApiProperty({ type: 'integer', description: 'Suppliers matching the filters' })
  suppliers!: number;

  @ApiProperty({ type: 'integer', description: 'Of those, suppliers with a current score' })
  scoredSuppliers!: number;

  @ApiProperty({ type: 'integer', description: 'Assessments sent' })
  invited!: number;

  @ApiProperty({ type: 'integer', description: 'Assessments submitted (scored included)' })
  submitted!: number;

  @ApiProperty({ type: 'integer' })
  scored!: number;

  @ApiProperty({ type: 'integer', description: 'Not submitted although the due date passed' })
  overdue!: number;

  @ApiProperty({ minimum: 0, maximum: 1, description: 'submitted / invited' })
  responseRate!: number;

  @ApiProperty({ type: TierCounts, description: 'Scored suppliers by risk tier' })
  tiers!: TierCounts;

  @ApiProperty(TEN_DIRECTIVES)
  directiveAverage!: number[];

  @ApiProperty({ type: SecurityActionCounts })
  securityAction!: SecurityActionCounts;

  @ApiProperty({ minimum: 0, maximum: 1, description: 'Share using サイバーセキュリティお助け隊' })
  otasuketaiShare!: number;

  @ApiProperty({ type: 'integer', description: 'Criticality-3 suppliers in tier high or critical' })
  criticalHighTier!: number;

  @ApiProperty({ minimum: 0, maximum: 1, description: 'Share of SMEs with SECURITY ACTION' })
  smeSecurityActionShare!: number;

  @ApiProperty({ ...TEN_DIRECTIVES, description: 'Averages over criticality-3 suppliers' })
  criticalDirectiveAverage!: number[];

  @ApiProperty({ ...TEN_DIRECTIVES, description: "The organization's target profile" })
  targetProfile!: number[];
}

export class SupplierRiskRowResponse implements SupplierRiskRow {
  @ApiProperty({ format: 'uuid' })
  supplierId!: string;

  @ApiProperty({ example: 'ABC株式会社' })
  name!: string;

  @ApiProperty({ type: String, nullable: true, example: '1234567890123', description: '法人番号' })
  corporateNumber!: string | null;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 3 })
  criticality!: number;

  @ApiProperty({ type: String, nullable: true })
  category!: string | null;

  @ApiProperty({ type: String, enum: ['sme', 'large'], nullable: true })
  sizeClass!: string | null;

  @ApiProperty({ type: String, enum: TIERS, nullable: true, description: 'null: not scored yet' })
  tier!: string | null;

  @ApiProperty({ type: Number, nullable: true, minimum: 0, maximum: 100 })
  riskScore!: number | null;

  @ApiProperty({ ...TEN_DIRECTIVES, nullable: true })
  directiveMaturity!: number[] | null;

  @ApiProperty({ type: String, enum: SECURITY_ACTION, nullable: true })
  securityAction!: string | null;

  @ApiProperty({ type: Boolean, nullable: true })
  otasuketai!: boolean | null;

  @ApiProperty({ type: String, enum: ['basic', 'strong'], nullable: true })
  requiredLevel!: string | null;

  @ApiProperty({ type: String, enum: LEVELS, nullable: true })
  achievedLevel!: string | null;

  @ApiProperty({ type: 'integer' })
  openFindings!: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  scoredAt!: string | null;
}

export class SupplierRiskPageResponse extends PageResponse(SupplierRiskRowResponse) {}

class CampaignTrendResponse implements CampaignTrend {
  @ApiProperty({ format: 'uuid' })
  campaignId!: string;

  @ApiProperty({ example: '2026年度 上期 サプライヤーセキュリティ評価' })
  name!: string;

  @ApiProperty({ format: 'date' })
  dueDate!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  launchedAt!: string | null;

  @ApiProperty({ type: 'integer' })
  scored!: number;

  @ApiProperty({ type: Number, nullable: true })
  averageRisk!: number | null;

  @ApiProperty({ type: TierCounts })
  tiers!: TierCounts;
}

export class TrendsResponse {
  @ApiProperty({ type: [CampaignTrendResponse], description: 'One per campaign, oldest first' })
  items!: CampaignTrendResponse[];
}

class RiskSupplier {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'ABC株式会社' })
  name!: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 3 })
  criticality!: number;

  @ApiProperty({ type: String, nullable: true })
  category!: string | null;

  @ApiProperty({ type: String, enum: ['sme', 'large'], nullable: true })
  sizeClass!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  ownerId!: string | null;
}

class CurrentRisk {
  @ApiProperty({ format: 'uuid' })
  assessmentId!: string;

  @ApiProperty({ format: 'uuid' })
  campaignId!: string;

  @ApiProperty({ minimum: 0, maximum: 100 })
  riskScore!: number;

  @ApiProperty({ enum: TIERS })
  tier!: string;

  @ApiProperty(TEN_DIRECTIVES)
  directiveMaturity!: number[];

  @ApiProperty()
  overallMaturity!: number;

  @ApiProperty({ enum: SECURITY_ACTION })
  securityAction!: string;

  @ApiProperty()
  otasuketai!: boolean;

  @ApiProperty({ enum: ['basic', 'strong'] })
  requiredLevel!: string;

  @ApiProperty({ enum: LEVELS })
  achievedLevel!: string;

  @ApiProperty({ type: 'integer' })
  openFindings!: number;

  @ApiProperty({ format: 'date-time' })
  scoredAt!: string;
}

class SecurityActionExplanation {
  @ApiProperty({ enum: SECURITY_ACTION })
  declared!: 'none' | 'star1' | 'star2';

  @ApiProperty()
  consistentWithSelfCheck!: boolean;

  @ApiProperty({ type: 'integer', nullable: true })
  selfCheckTotal!: number | null;

  @ApiProperty({ type: String, nullable: true })
  selfCheckBand!: string | null;
}

class OtasuketaiExplanation {
  @ApiProperty()
  uses!: boolean;

  @ApiProperty({ type: [String] })
  covers!: string[];
}

class GateResponse {
  @ApiProperty()
  code!: string;

  @ApiProperty()
  passed!: boolean;

  @ApiProperty({ type: LocalizedTextResponse })
  message!: LocalizedTextResponse;
}

class RiskExplanation {
  @ApiProperty({ enum: ['scored', 'incomplete'] })
  status!: string;

  @ApiProperty()
  levelGap!: boolean;

  @ApiProperty({ type: SecurityActionExplanation })
  securityAction!: SecurityActionExplanation;

  @ApiProperty({ type: OtasuketaiExplanation })
  otasuketai!: OtasuketaiExplanation;

  @ApiProperty({ type: [GateResponse] })
  gates!: GateResponse[];

  @ApiProperty()
  engineVersion!: string;
}

class RiskFinding {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  code!: string;

  @ApiProperty({ enum: ['info', 'low', 'medium', 'high', 'critical'] })
  severity!: string;

  @ApiProperty({ type: 'integer', isArray: true, description: 'Related directives 1–10' })
  directives!: number[];

  @ApiProperty({ type: LocalizedTextResponse })
  message!: LocalizedTextResponse;

  @ApiProperty({ type: LocalizedTextResponse })
  recommendation!: LocalizedTextResponse;

  @ApiProperty({ enum: FINDING_STATUSES })
  status!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The note given with the latest status change, if any',
  })
  note!: string | null;
}

class HistoryScore {
  @ApiProperty()
  riskScore!: number;

  @ApiProperty({ enum: TIERS })
  tier!: string;

  @ApiProperty(TEN_DIRECTIVES)
  directiveMaturity!: number[];

  @ApiProperty()
  overallMaturity!: number;

  @ApiProperty({ format: 'date-time' })
  scoredAt!: string;
}

class RiskHistoryEntry {
  @ApiProperty({ format: 'uuid' })
  assessmentId!: string;

  @ApiProperty({ format: 'uuid' })
  campaignId!: string;

  @ApiProperty()
  campaignName!: string;

  @ApiProperty({ format: 'date' })
  dueDate!: string;

  @ApiProperty()
  status!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  submittedAt!: string | null;

  @ApiProperty({ type: HistoryScore, nullable: true })
  score!: HistoryScore | null;
}

class LastMail {
  @ApiProperty({ example: 'invitation' })
  kind!: string;

  @ApiProperty({ enum: ['queued', 'sent', 'failed', 'skipped'] })
  status!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  sentAt!: string | null;

  @ApiProperty({ type: String, nullable: true })
  lastError!: string | null;
}

class RiskContact {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: '山田 太郎' })
  name!: string;

  @ApiProperty({ example: 'yamada@example.co.jp' })
  email!: string;

  @ApiProperty()
  isPrimary!: boolean;

  @ApiProperty()
  undeliverable!: boolean;

  @ApiProperty({ type: String, nullable: true })
  undeliverableReason!: string | null;

  @ApiProperty({ type: LastMail, nullable: true })
  lastMail!: LastMail | null;
}

export class SupplierRiskDetailResponse implements SupplierRiskDetail {
  @ApiProperty({ type: RiskSupplier })
  supplier!: RiskSupplier;

  @ApiProperty({ type: CurrentRisk, nullable: true, description: 'null: not scored yet' })
  current!: CurrentRisk | null;

  @ApiProperty({ ...TEN_DIRECTIVES, description: "The organization's average per directive" })
  portfolioAverage!: number[];

  @ApiProperty({ type: RiskExplanation, nullable: true })
  explanation!: RiskExplanation | null;

  @ApiProperty({ type: [RiskFinding], description: 'Findings of the current score' })
  findings!: RiskFinding[];

  @ApiProperty({ type: [RiskHistoryEntry], description: 'One per campaign, oldest first' })
  history!: RiskHistoryEntry[];

  @ApiProperty({ type: [RiskContact] })
  contacts!: RiskContact[];
}

export class FindingStatusResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: FINDING_STATUSES })
  status!: string;

  @ApiProperty({ format: 'uuid' })
  supplierId!: string;

  @ApiProperty({ type: String, nullable: true, description: 'The note kept with this change' })
  note!: string | null;
}
