import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { sameTenant } from './same-tenant';
import { Campaign } from './campaign.entity';
import { Supplier } from './supplier.entity';

export const ASSESSMENT_STATUSES = [
  'invited',
  'opened',
  'in_progress',
  'submitted',
  'scored',
] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

/** One supplier's questionnaire within a campaign; answers are a JSON map by item id. */
@Entity({ name: 'assessments' })
@Index('uq_assessments_campaign_supplier', ['campaignId', 'supplierId'], { unique: true })
@Index('ix_assessments_supplier', ['supplierId'])
// Lets the dashboard count a tenant's assessments by status for a subset without reading rows;
// its (organization, status) prefix also serves plain lookups by status.
@Index('ix_assessments_org_status_campaign', [
  'organizationId',
  'status',
  'campaignId',
  'supplierId',
])
// Lets tenant tables point at an assessment of their own tenant: (organization_id, assessment_id).
@Index('uq_assessments_organization_id', ['organizationId', 'id'], { unique: true })
export class Assessment {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ name: 'campaign_id', type: 'uuid' })
  campaignId!: string;

  @Column({ name: 'supplier_id', type: 'uuid' })
  supplierId!: string;

  /** The campaign and supplier are of the same tenant; neither goes while it has assessments. */
  @ManyToOne(() => Campaign, { onDelete: 'NO ACTION' })
  @JoinColumn(sameTenant('campaign_id', 'fk_assessments_campaign'))
  campaign?: Campaign;

  @ManyToOne(() => Supplier, { onDelete: 'NO ACTION' })
  @JoinColumn(sameTenant('supplier_id', 'fk_assessments_supplier'))
  supplier?: Supplier;

  @Column({ name: 'catalog_version', type: 'text' })
  catalogVersion!: string;

  @Column({ type: 'text', default: 'invited' })
  status!: AssessmentStatus;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  answers!: object;

  /** Optimistic concurrency: every save bumps it; a stale one gets 409. */
  @Column({ type: 'integer', default: 0 })
  version!: number;

  /** How many times it was submitted; scores are unique per submission. */
  @Column({ name: 'submission_count', type: 'integer', default: 0 })
  submissionCount!: number;

  @Column({ name: 'opened_at', type: 'timestamptz', nullable: true })
  openedAt!: Date | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @Column({ name: 'submitted_by', type: 'text', nullable: true })
  submittedBy!: string | null;

  /** Procurement's clarification request when reopened. */
  @Column({ name: 'reopen_message', type: 'text', nullable: true })
  reopenMessage!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
