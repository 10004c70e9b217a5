import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { sameTenant } from './same-tenant';
import { Assessment } from './assessment.entity';

/** The engine's result for one submission of one assessment (idempotent per engine version). */
@Entity({ name: 'assessment_scores' })
@Index('uq_assessment_scores_submission', ['assessmentId', 'submission', 'engineVersion'], {
  unique: true,
})
@Index('ix_assessment_scores_supplier', ['supplierId', 'createdAt'])
// Lets findings and the risk roll-up point at a score of their own tenant.
@Index('uq_assessment_scores_organization_id', ['organizationId', 'id'], { unique: true })
export class AssessmentScore {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ name: 'assessment_id', type: 'uuid' })
  assessmentId!: string;

  /** An assessment of the same tenant; its scores are derived from it and go with it. */
  @ManyToOne(() => Assessment, { onDelete: 'CASCADE' })
  @JoinColumn(sameTenant('assessment_id', 'fk_assessment_scores_assessment'))
  assessment?: Assessment;

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
