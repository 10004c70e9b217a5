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
import { User } from './user.entity';

/** An invitation link opens the set-password page this long after it was mailed. */
export const USER_INVITATION_TTL_HOURS = 72;

/**
 * One invitation mail to a buyer user, with the link it carries to set a password. The worker
 * writes the token's SHA-256 when it sends the mail (the raw token goes only into the mail), so
 * a row is recorded with the mail and gets its token later. A link works once, until it expires
 * or a newer invitation (or a deactivation) revokes it.
 */
@Entity({ name: 'user_invitations' })
// Revoking a user's open invitations, and deleting a user's rows with the user.
@Index('ix_user_invitations_user', ['organizationId', 'userId'])
export class UserInvitation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  /** A user of the same tenant; a user's invitations go with the user. */
  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn(sameTenant('user_id', 'fk_user_invitations_user'))
  user?: User;

  /** Null until the mail is sent. */
  @Column({ name: 'token_hash', type: 'text', nullable: true, unique: true })
  tokenHash!: string | null;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
