import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { UserRole, UserSession } from '@kakehashi/database';
import { AuthenticatedUser } from './authenticated-user';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Expired rows deleted at each login: enough to keep up (one row is added), never a long wait. */
const PURGE_BATCH = 100;

export interface SessionClaims {
  /** The token's jti. */
  sessionId: unknown;
  userId: unknown;
  organizationId: unknown;
}

/** Server-side buyer sessions (user_sessions): what makes a signed JWT revocable. */
@Injectable()
export class SessionService {
  constructor(@InjectRepository(UserSession) private readonly sessions: Repository<UserSession>) {}

  /** Starts a session for `user` and returns its id (the jti of the token to sign). */
  async open(user: AuthenticatedUser, ttlSeconds: number): Promise<string> {
    await this.purgeExpired();
    const inserted = await this.sessions.insert({
      organizationId: user.organizationId,
      userId: user.id,
      expiresAt: new Date(Date.now() + ttlSeconds * 1000),
      revokedAt: null,
    });
    return (inserted.identifiers[0] as { id: string }).id;
  }

  /**
   * The user behind a live session, as stored now: one primary-key lookup joined to the user.
   * Null when the session was revoked, has expired or is unknown (a token from before sessions
   * existed carries no jti), or the user is gone or deactivated. The role and email are read from
   * the user row, so a change of role applies to open sessions at once.
   */
  async resolve(claims: SessionClaims): Promise<AuthenticatedUser | null> {
    const { sessionId, userId, organizationId } = claims;
    if (![sessionId, userId, organizationId].every((id) => typeof id === 'string' && UUID.test(id)))
      return null;
    const rows: { id: string; organizationId: string; email: string; role: UserRole }[] =
      await this.sessions.query(
        `SELECT u.id, u.organization_id AS "organizationId", u.email, u.role
           FROM user_sessions s
           JOIN users u ON u.organization_id = s.organization_id AND u.id = s.user_id
          WHERE s.id = $1 AND s.user_id = $2 AND s.organization_id = $3
            AND s.revoked_at IS NULL AND s.expires_at > now()
            AND u.deactivated_at IS NULL`,
        [sessionId, userId, organizationId],
      );
    const [row] = rows;
    return row
      ? { id: row.id, organizationId: row.organizationId, email: row.email, role: row.role }
      : null;
  }

  /** Ends a session for good; returns whose it was, or null when already ended or unknown. */
  async revoke(sessionId: string): Promise<{ organizationId: string; userId: string } | null> {
    if (!UUID.test(sessionId)) return null;
    const result = await this.sessions
      .createQueryBuilder()
      .update()
      .set({ revokedAt: () => 'now()' })
      .where({ id: sessionId, revokedAt: IsNull() })
      .returning('organization_id, user_id')
      .execute();
    const [row] = result.raw as { organization_id: string; user_id: string }[];
    return row ? { organizationId: row.organization_id, userId: row.user_id } : null;
  }

  /** Expired rows are useless (their tokens have expired too): a few go at each login. */
  private async purgeExpired(): Promise<void> {
    await this.sessions.query(
      `DELETE FROM user_sessions
        WHERE id IN (SELECT id FROM user_sessions WHERE expires_at < now() LIMIT $1)`,
      [PURGE_BATCH],
    );
  }
}
