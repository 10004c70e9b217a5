import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Roll-up: each supplier's current risk from its latest scored assessment, written by the
 * scoring processor so the dashboard never scores in a request.
 */
@Entity({ name: 'supplier_risk' })
@Index('ix_supplier_risk_organization_tier', ['organizationId', 'tier'])
@Index('ix_supplier_risk_organization_score', ['organizationId', 'riskScore'])
export class SupplierRisk {
  @PrimaryColumn({ name: 'supplier_id', type: 'uuid' })
  supplierId!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ name: 'assessment_id', type: 'uuid' })
  assessmentId!: string;

  @Column({ name: 'score_id', type: 'uuid' })
  scoreId!: string;

  @Column({ name: 'campaign_id', type: 'uuid' })
  campaignId!: string;

  @Column({ name: 'risk_score', type: 'real' })
  riskScore!: number;

  @Column({ type: 'text' })
  tier!: string;

  @Column({ name: 'directive_maturity', type: 'real', array: true })
  directiveMaturity!: number[];

  @Column({ name: 'overall_maturity', type: 'real' })
  overallMaturity!: number;

  /** none | star1 | star2 */
  @Column({ name: 'security_action', type: 'text' })
  securityAction!: string;

  @Column({ type: 'boolean' })
  otasuketai!: boolean;

  @Column({ name: 'required_level', type: 'text' })
  requiredLevel!: string;

  @Column({ name: 'achieved_level', type: 'text' })
  achievedLevel!: string;

  @Column({ name: 'open_findings', type: 'integer', default: 0 })
  openFindings!: number;

  @Column({ name: 'scored_at', type: 'timestamptz' })
  scoredAt!: Date;
}
