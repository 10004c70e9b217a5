import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A job that must happen, written in the same transaction as the change that causes it.
 * The relay moves it to BullMQ under its deterministic job id; the sweep re-enqueues it
 * if Redis lost it before a processor marked it done.
 */
@Entity({ name: 'outbox' })
@Index('ix_outbox_pending', ['availableAt'], { where: 'relayed_at IS NULL' })
@Index('ix_outbox_unfinished', ['relayedAt'], {
  where: 'relayed_at IS NOT NULL AND done_at IS NULL',
})
export class OutboxMessage {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ name: 'organization_id', type: 'uuid', nullable: true })
  organizationId!: string | null;

  @Column({ type: 'text' })
  queue!: string;

  @Column({ name: 'job_name', type: 'text' })
  jobName!: string;

  @Column({ name: 'job_id', type: 'text', unique: true })
  jobId!: string;

  @Column({ type: 'jsonb' })
  payload!: object;

  @Column({ name: 'available_at', type: 'timestamptz', default: () => 'now()' })
  availableAt!: Date;

  @Column({ name: 'relayed_at', type: 'timestamptz', nullable: true })
  relayedAt!: Date | null;

  @Column({ name: 'done_at', type: 'timestamptz', nullable: true })
  doneAt!: Date | null;

  @Column({ name: 'relay_count', type: 'integer', default: 0 })
  relayCount!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
