import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type FindingStatus = 'open' | 'accepted' | 'remediated';

/** A finding of one score, with its ja/en message and recommendation. */
@Entity({ name: 'findings' })
@Index('ix_findings_score', ['scoreId'])
@Index('ix_findings_supplier', ['organizationId', 'supplierId'])
export class FindingRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ name: 'score_id', type: 'uuid' })
  scoreId!: string;

  @Column({ name: 'assessment_id', type: 'uuid' })
  assessmentId!: string;

  @Column({ name: 'supplier_id', type: 'uuid' })
  supplierId!: string;

  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  severity!: string;

  @Column({ type: 'smallint', array: true })
  directives!: number[];

  @Column({ name: 'item_ids', type: 'text', array: true })
  itemIds!: string[];

  @Column({ type: 'jsonb' })
  message!: object;

  @Column({ type: 'jsonb' })
  recommendation!: object;

  @Column({ type: 'text', default: 'open' })
  status!: FindingStatus;
}
