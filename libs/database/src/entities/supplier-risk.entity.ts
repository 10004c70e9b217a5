import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { sameTenant } from './same-tenant';
import { AssessmentScore } from './assessment-score.entity';
import { Supplier } from './supplier.entity';

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

  /** A supplier of the same tenant; its roll-up goes with it. */
  @ManyToOne(() => Supplier, { onDelete: 'CASCADE' })
  @JoinColumn(sameTenant('supplier_id', 'fk_supplier_risk_supplier'))
  supplier?: Supplier;

  @Column({ name: 'assessment_id', type: 'uuid' })
  assessmentId!: string;

  @Column({ name: 'score_id', type: 'uuid' })
  scoreId!: string;

  /**
   * The score it rolls up, of the same tenant: a roll-up of a deleted score goes too (a rescore
   * writes it again). Scores are never deleted by the application, so score_id has no index
   * of its own; a manual delete of scores scans this table, one row per supplier.
   */
  @ManyToOne(() => AssessmentScore, { onDelete: 'CASCADE' })
  @JoinColumn(sameTenant('score_id', 'fk_supplier_risk_score'))
  score?: AssessmentScore;

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
