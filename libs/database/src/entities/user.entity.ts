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

export const USER_ROLES = ['admin', 'procurement', 'ciso', 'auditor'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** A buyer-side user. Emails are stored lower-cased and are unique within a tenant. */
@Entity({ name: 'users' })
@Index('uq_users_organization_email', ['organizationId', 'email'], { unique: true })
@Index('ix_users_email', ['email'])
// Lets tenant tables point at a user of their own tenant: (organization_id, user_id) -> here.
@Index('uq_users_organization_id', ['organizationId', 'id'], { unique: true })
export class User {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  @Column({ type: 'text' })
  email!: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName!: string;

  @Column({ type: 'enum', enum: USER_ROLES, enumName: 'user_role' })
  role!: UserRole;

  @Column({ name: 'password_hash', type: 'text' })
  passwordHash!: string;

  @Column({ type: 'text', default: 'ja' })
  locale!: string;

  @Column({ name: 'last_login_at', type: 'timestamptz', nullable: true })
  lastLoginAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
