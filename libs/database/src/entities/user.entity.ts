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

  /** argon2id; null while an invited user has not set a password yet (no login possible). */
  @Column({ name: 'password_hash', type: 'text', nullable: true })
  passwordHash!: string | null;

  @Column({ type: 'text', default: 'ja' })
  locale!: string;

  @Column({ name: 'last_login_at', type: 'timestamptz', nullable: true })
  lastLoginAt!: Date | null;

  /** Set by an admin: the user can neither log in nor use a session until reactivated. */
  @Column({ name: 'deactivated_at', type: 'timestamptz', nullable: true })
  deactivatedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** How a user stands: invited (no password yet), active, or deactivated by an admin. */
export type UserStatus = 'active' | 'invited' | 'deactivated';

export function userStatus(user: Pick<User, 'passwordHash' | 'deactivatedAt'>): UserStatus {
  if (user.deactivatedAt) return 'deactivated';
  return user.passwordHash === null ? 'invited' : 'active';
}
