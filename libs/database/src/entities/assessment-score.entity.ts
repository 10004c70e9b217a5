import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The engine's result for one submission of one assessment (idempotent per engine version). */
@Entity({ name: 'assessment_scores' })
@Index('uq_assessment_scores_submission', ['assessmentId', 'submission', 'engineVersion'], {
  unique: true,
})
@Index('ix_assessment_scores_supplier', ['supplierId', 'createdAt'])
export class AssessmentScore {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ name: 'assessment_id', type: 'uuid' })
  assessmentId!: string;

  @Column({ name: 'supplier_id', type: 'uuid' })
  supplierId!: string;

  @Column({ name: 'campaign_id', type: 'uuid' })
  campaignId!: string;

  @Column({ type: 'integer' })
  submission!: number;

  @Column({ type: 'text' })
  status!: 'scored' | 'incomplete';

  @Column({ name: 'risk_score', type: 'real' })
  riskScore!: number;

  @Column({ type: 'text' })
  tier!: string;

  @Column({ name: 'directive_maturity', type: 'real', array: true })
  directiveMaturity!: number[];

  @Column({ name: 'overall_maturity', type: 'real' })
  overallMaturity!: number;

  /** The engine's full result (securityAction, otasuketai, gates, levels) as returned. */
  @Column({ type: 'jsonb' })
  result!: object;

  @Column({ name: 'engine_version', type: 'text' })
  engineVersion!: string;

  @Column({ name: 'catalog_version', type: 'text' })
  catalogVersion!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
