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

/** A file a supplier uploaded as evidence; the bytes live in the storage backend. */
@Entity({ name: 'evidence_files' })
@Index('ix_evidence_files_assessment', ['assessmentId'])
export class EvidenceFile {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ name: 'assessment_id', type: 'uuid' })
  assessmentId!: string;

  /**
   * An assessment of the same tenant, which cannot be deleted while its files (and their bytes
   * in storage) remain.
   */
  @ManyToOne(() => Assessment, { onDelete: 'NO ACTION' })
  @JoinColumn(sameTenant('assessment_id', 'fk_evidence_files_assessment'))
  assessment?: Assessment;

  @Column({ type: 'text' })
  filename!: string;

  @Column({ name: 'content_type', type: 'text' })
  contentType!: string;

  @Column({ type: 'bigint' })
  size!: string;

  @Column({ type: 'text' })
  sha256!: string;

  @Column({ name: 'storage_key', type: 'text' })
  storageKey!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
