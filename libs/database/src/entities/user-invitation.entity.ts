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

/** A password-reset link opens the set-password page this long after it was mailed. */
export const PASSWORD_RESET_TTL_MINUTES = 60;

/**
 * What a set-password link is for: an invited user's first password (an admin's invitation), or
 * a new password for someone who has forgotten theirs (asked for on the login page).
 */
export type UserLinkPurpose = 'invitation' | 'password_reset';

/** How long each kind of link opens the page, as a PostgreSQL interval. */
export const USER_LINK_LIFETIME: Record<UserLinkPurpose, string> = {
  invitation: `${USER_INVITATION_TTL_HOURS} hours`,
  password_reset: `${PASSWORD_RESET_TTL_MINUTES} minutes`,
};

/**
 * One mail to a buyer user with a link to the set-password page: an invitation, or a password
 * reset (`purpose`). The worker writes the token's SHA-256 when it sends the mail (the raw token
 * goes only into the mail), so a row is recorded with the mail and gets its token later. A link
 * works once, until it expires or is revoked: a newer invitation or a deactivation revokes every
 * open link of the user, a password set through a reset link the user's other reset links.
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

  @Column({ type: 'text', default: 'invitation' })
  purpose!: UserLinkPurpose;

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
