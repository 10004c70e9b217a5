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
import { SupplierContact } from './supplier-contact.entity';

/** An emailed link to one assessment; only the SHA-256 of the 256-bit token is stored. */
@Entity({ name: 'assessment_links' })
@Index('ix_assessment_links_assessment', ['assessmentId'])
// Deleting a contact clears contact_id here: the lookup needs an index.
@Index('ix_assessment_links_contact', ['contactId'])
export class AssessmentLink {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ name: 'assessment_id', type: 'uuid' })
  assessmentId!: string;

  /** An assessment of the same tenant; its links go with it. */
  @ManyToOne(() => Assessment, { onDelete: 'CASCADE' })
  @JoinColumn(sameTenant('assessment_id', 'fk_assessment_links_assessment'))
  assessment?: Assessment;

  @Column({ name: 'contact_id', type: 'uuid', nullable: true })
  contactId!: string | null;

  /**
   * A contact of the same tenant. Replacing a supplier's contacts deletes rows: that clears only
   * contact_id (the migration says `SET NULL ("contact_id")`; TypeORM compares the action only).
   */
  @ManyToOne(() => SupplierContact, { onDelete: 'SET NULL' })
  @JoinColumn(sameTenant('contact_id', 'fk_assessment_links_contact'))
  contact?: SupplierContact;

  @Column({ name: 'token_hash', type: 'text', unique: true })
  tokenHash!: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
