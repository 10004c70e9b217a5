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
import { Campaign } from './campaign.entity';
import { Organization } from './organization.entity';
import { SupplierContact } from './supplier-contact.entity';
import { User } from './user.entity';

export type MailKind =
  | 'invitation'
  | 'reminder'
  | 'escalation'
  | 'reopened'
  | 'link'
  | 'alert'
  /** A buyer user invited by an admin: the link to set a password (`user-invite:<invitationId>`). */
  | 'user_invitation'
  /** A buyer user who forgot their password: a one-hour link to set a new one (`password-reset:<invitationId>`). */
  | 'password_reset'
  /** A launched campaign's due date changed: the new date and a link (`due-date:<assessmentId>:<revision>`). */
  | 'due_date_changed'
  /**
   * A supplier's primary contact changed while it was answering: a link to the new contact
   * (`contact-changed:<assessmentId>:<contactId>`).
   */
  | 'contact_changed'
  /**
   * A supplier's copy of what they submitted, to the contact whose link was used (else the
   * primary contact), with no link (`receipt:<assessmentId>:<submission>`).
   */
  | 'submission_receipt';
export type MailStatus = 'queued' | 'sent' | 'failed' | 'skipped';

/** Each message the platform means to send, recorded once under its message key. */
@Entity({ name: 'mail_messages' })
@Index('ix_mail_messages_campaign_status', ['campaignId', 'status'])
@Index('ix_mail_messages_assessment', ['assessmentId'])
// Deleting a contact clears contact_id here: the lookup needs an index.
@Index('ix_mail_messages_contact', ['contactId'])
export class MailMessage {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  /** Every reference below may be null, so the tenant is checked on its own. */
  @ManyToOne(() => Organization, { onDelete: 'NO ACTION' })
  @JoinColumn({
    name: 'organization_id',
    foreignKeyConstraintName: 'fk_mail_messages_organization',
  })
  organization?: Organization;

  /** e.g. `invite:<assessmentId>`, `remind:<assessmentId>:<step>`: the same message is never sent twice. */
  @Column({ name: 'message_key', type: 'text', unique: true })
  messageKey!: string;

  @Column({ type: 'text' })
  kind!: MailKind;

  @Column({ type: 'text', default: 'queued' })
  status!: MailStatus;

  @Column({ name: 'to_email', type: 'text' })
  toEmail!: string;

  @Column({ name: 'to_name', type: 'text', nullable: true })
  toName!: string | null;

  @Column({ type: 'text', default: 'ja' })
  locale!: string;

  @Column({ name: 'contact_id', type: 'uuid', nullable: true })
  contactId!: string | null;

  /**
   * A contact of the same tenant. Replacing a supplier's contacts deletes rows: the message
   * stays (to_email keeps the address) and only contact_id is cleared (the migration says
   * `SET NULL ("contact_id")`; TypeORM compares the action, not the column list).
   */
  @ManyToOne(() => SupplierContact, { onDelete: 'SET NULL' })
  @JoinColumn(sameTenant('contact_id', 'fk_mail_messages_contact'))
  contact?: SupplierContact;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  /**
   * A user of the same tenant; deleting the user clears only user_id (`SET NULL ("user_id")`).
   * Users are never deleted by the application, so user_id has no index of its own.
   */
  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn(sameTenant('user_id', 'fk_mail_messages_user'))
  user?: User;

  @Column({ name: 'campaign_id', type: 'uuid', nullable: true })
  campaignId!: string | null;

  /** Mail is history: a campaign or assessment that was mailed about cannot be deleted. */
  @ManyToOne(() => Campaign, { onDelete: 'NO ACTION' })
  @JoinColumn(sameTenant('campaign_id', 'fk_mail_messages_campaign'))
  campaign?: Campaign;

  @Column({ name: 'assessment_id', type: 'uuid', nullable: true })
  assessmentId!: string | null;

  @ManyToOne(() => Assessment, { onDelete: 'NO ACTION' })
  @JoinColumn(sameTenant('assessment_id', 'fk_mail_messages_assessment'))
  assessment?: Assessment;

  @Column({ type: 'text', nullable: true })
  subject!: string | null;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'smtp_response', type: 'text', nullable: true })
  smtpResponse!: string | null;

  @Column({ name: 'smtp_message_id', type: 'text', nullable: true })
  smtpMessageId!: string | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
