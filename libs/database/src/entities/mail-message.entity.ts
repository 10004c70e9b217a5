import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type MailKind = 'invitation' | 'reminder' | 'escalation' | 'reopened' | 'link' | 'alert';
export type MailStatus = 'queued' | 'sent' | 'failed' | 'skipped';

/** Each message the platform means to send, recorded once under its message key. */
@Entity({ name: 'mail_messages' })
@Index('ix_mail_messages_campaign_status', ['campaignId', 'status'])
@Index('ix_mail_messages_assessment', ['assessmentId'])
export class MailMessage {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

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

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  @Column({ name: 'campaign_id', type: 'uuid', nullable: true })
  campaignId!: string | null;

  @Column({ name: 'assessment_id', type: 'uuid', nullable: true })
  assessmentId!: string | null;

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
