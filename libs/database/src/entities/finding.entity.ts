import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type FindingStatus = 'open' | 'accepted' | 'remediated';

/**
 * A finding of one score, as data: code, severity, directives, items and the few values its text
 * needs (`params`). The ja/en text is rendered when read (`describeFinding` in libs/domain), so a
 * score writes a few hundred bytes per finding, not a kilobyte of prose. `message` and
 * `recommendation` hold the text of rows written before that, and are null for newer rows.
 */
@Entity({ name: 'findings' })
@Index('ix_findings_score', ['scoreId'])
export class FindingRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  /**
   * The score this finding belongs to. Deliberately without a foreign key: findings are written
   * only by the scoring batch, right after their score and from the ids that insert returned, and
   * a check per finding row (about ten per score) cost about 15% of scoring throughput
   * (`npm run bench -- scoring`). Every read filters by organization_id as well.
   */
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

  @Column({ type: 'jsonb', default: () => "'{}'" })
  params!: Record<string, string | number>;

  @Column({ type: 'jsonb', nullable: true })
  message!: object | null;

  @Column({ type: 'jsonb', nullable: true })
  recommendation!: object | null;

  @Column({ type: 'text', default: 'open' })
  status!: FindingStatus;
}
