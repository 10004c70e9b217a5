import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Organization } from './organization.entity';

/** Who acts: a buyer user, a supplier contact (through a link), the system, or nobody signed in. */
export const AUDIT_ACTOR_TYPES = ['user', 'supplier', 'system', 'anonymous'] as const;
export type AuditActorType = (typeof AUDIT_ACTOR_TYPES)[number];

/** Append-only record of who did what to which target, and when. */
@Entity({ name: 'audit_events' })
@Index('ix_audit_events_organization_created', ['organizationId', 'createdAt'])
// A target's events by time, the action included so the index alone answers (the CSV of a
// campaign's unanswered suppliers reads each assessment's last opened and saved events).
@Index('ix_audit_events_organization_target', [
  'organizationId',
  'targetType',
  'targetId',
  'createdAt',
  'action',
])
export class AuditEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  /** Null only for events that belong to no tenant yet, e.g. a login with an unknown email. */
  @Column({ name: 'organization_id', type: 'uuid', nullable: true })
  organizationId!: string | null;

  /** The audit trail is append-only: a tenant with events cannot be deleted by accident. */
  @ManyToOne(() => Organization, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_audit_events_organization' })
  organization?: Organization;

  @Column({ name: 'actor_type', type: 'text' })
  actorType!: AuditActorType;

  @Column({ name: 'actor_id', type: 'text', nullable: true })
  actorId!: string | null;

  @Column({ type: 'text' })
  action!: string;

  @Column({ name: 'target_type', type: 'text', nullable: true })
  targetType!: string | null;

  @Column({ name: 'target_id', type: 'text', nullable: true })
  targetId!: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  details!: object;

  @Column({ type: 'text', nullable: true })
  ip!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
