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

/**
 * A buyer's signed-in session. Its id is the `jti` of the session's JWT: a token is accepted only
 * while its row exists, is not revoked and has not expired, so logging out ends it for good.
 * Rows are deleted once expired (a few at each login).
 */
@Entity({ name: 'user_sessions' })
// Deleting a user deletes their sessions, and "sign out everywhere" looks them up by user.
@Index('ix_user_sessions_user', ['organizationId', 'userId'])
// The purge of expired rows.
@Index('ix_user_sessions_expires', ['expiresAt'])
export class UserSession {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  /** A user of the same tenant; a user's sessions go with the user. */
  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn(sameTenant('user_id', 'fk_user_sessions_user'))
  user?: User;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  /** Set by logout; the row is kept until it expires, for the record. */
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
