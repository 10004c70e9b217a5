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
import { Organization } from './organization.entity';
import { User } from './user.entity';

export type CampaignStatus = 'draft' | 'launched' | 'closed';

export interface ReminderPolicy {
  /** Days before the due date on which to remind, e.g. [7, 3, 1]. */
  beforeDays: number[];
  /** Repeat every N days once overdue. */
  overdueEveryDays: number;
  /** Escalate to the owner after this many overdue reminders. */
  escalateAfterOverdue: number;
}

export const DEFAULT_REMINDER_POLICY: ReminderPolicy = {
  beforeDays: [7, 3, 1],
  overdueEveryDays: 3,
  escalateAfterOverdue: 2,
};

/** A questionnaire sent to a set of suppliers, pinned to one catalog version. */
@Entity({ name: 'campaigns' })
@Index('ix_campaigns_organization_created', ['organizationId', 'createdAt'])
// Lets tenant tables point at a campaign of their own tenant: (organization_id, campaign_id).
@Index('uq_campaigns_organization_id', ['organizationId', 'id'], { unique: true })
export class Campaign {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_campaigns_organization' })
  organization?: Organization;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'catalog_version', type: 'text' })
  catalogVersion!: string;

  @Column({ type: 'text', default: 'draft' })
  status!: CampaignStatus;

  /** A calendar date in Asia/Tokyo. */
  @Column({ name: 'due_date', type: 'date' })
  dueDate!: string;

  @Column({ name: 'reminder_policy', type: 'jsonb' })
  reminderPolicy!: ReminderPolicy;

  @Column({ name: 'sender_name', type: 'text', nullable: true })
  senderName!: string | null;

  @Column({ type: 'text', nullable: true })
  message!: string | null;

  /** The suppliers chosen while the campaign is a draft; launch turns them into assessments. */
  @Column({ name: 'draft_supplier_ids', type: 'uuid', array: true, default: () => "'{}'" })
  draftSupplierIds!: string[];

  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId!: string;

  /** A user of the same tenant, who cannot be deleted while they own a campaign. */
  @ManyToOne(() => User, { onDelete: 'NO ACTION' })
  @JoinColumn(sameTenant('owner_id', 'fk_campaigns_owner'))
  owner?: User;

  /**
   * Fan-out waves written so far: the launch is wave 1, each later batch of added suppliers the
   * next. Numbers the waves' job ids (`fanout:<id>:<wave>`), whatever the outbox still holds.
   */
  @Column({ name: 'fan_out_waves', type: 'integer', default: 0 })
  fanOutWaves!: number;

  /**
   * How many times the due date of the launched campaign has changed. Reminder keys carry it once
   * it is not 0 (`remind:<assessmentId>:r<revision>:<step>`), so every date gets its own steps,
   * and each change notice is keyed by it (`due-date:<assessmentId>:<revision>`).
   */
  @Column({ name: 'due_date_revision', type: 'smallint', default: 0 })
  dueDateRevision!: number;

  /**
   * When the due date of the launched campaign last changed: reminder steps falling on or before
   * that Tokyo day are left out, since the change notice told the suppliers that day.
   */
  @Column({ name: 'due_date_changed_at', type: 'timestamptz', nullable: true })
  dueDateChangedAt!: Date | null;

  @Column({ name: 'launched_at', type: 'timestamptz', nullable: true })
  launchedAt!: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
