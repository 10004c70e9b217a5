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

/** A console notification for buyer users (e.g. a supplier landed in a high tier). */
@Entity({ name: 'notifications' })
@Index('ix_notifications_organization_created', ['organizationId', 'createdAt'])
// A user's inbox newest first; the partial one holds only unread rows, which the console
// header counts on every page.
@Index('ix_notifications_user_created', ['userId', 'createdAt'])
@Index('ix_notifications_user_unread', ['userId', 'createdAt'], { where: '"read_at" IS NULL' })
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'NO ACTION' })
  @JoinColumn({
    name: 'organization_id',
    foreignKeyConstraintName: 'fk_notifications_organization',
  })
  organization?: Organization;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  /** A user of the same tenant; a user's inbox goes with the user. */
  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn(sameTenant('user_id', 'fk_notifications_user'))
  user?: User;

  /** Dedup key, e.g. `high-tier:<smallest scoreId of the digest>`. */
  @Column({ type: 'text', unique: true })
  key!: string;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'jsonb' })
  title!: object;

  @Column({ type: 'text', nullable: true })
  link!: string | null;

  /** What the notification is about, by kind; high-tier: `[{ scoreId, assessmentId, supplierId }]`. */
  @Column({ type: 'jsonb', nullable: true })
  detail!: object | null;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
