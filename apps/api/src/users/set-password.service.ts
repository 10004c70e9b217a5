import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { hashPassword, verifyPassword } from '@kakehashi/auth';
import { AuditService } from '@kakehashi/database';
import {
  InvitationResolution,
  OpenInvitation,
  resolveInvitation,
  revokeOpenInvitations,
} from './user-invitations';

type Refused = Exclude<InvitationResolution, { ok: true }>;

export type SetPasswordResult =
  | { outcome: 'set'; email: string; purpose: OpenInvitation['purpose'] }
  | { outcome: 'refused'; reason: Refused['reason']; purpose?: Refused['purpose'] }
  /** The same password opens the person's account (same email) in another organization. */
  | { outcome: 'reused' };

/**
 * The person's side of an emailed one-time link: an invitation sets their first password, a
 * reset link (asked for on the login page) a new one.
 */
@Injectable()
export class SetPasswordService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Read only: what the link opens (the page's GET; mail scanners fetch links too). */
  resolve(token: string): Promise<InvitationResolution> {
    return resolveInvitation(this.dataSource.manager, token);
  }

  /** Sets the password (already checked against the strength rule) and uses up the link. */
  async setPassword(input: {
    token: string;
    password: string;
    ip: string | null;
  }): Promise<SetPasswordResult> {
    const found = await this.resolve(input.token);
    if (!found.ok) return { outcome: 'refused', reason: found.reason, purpose: found.purpose };
    if (await this.opensAnotherAccount(found.invitation, input.password)) {
      return { outcome: 'reused' };
    }
    // Hashing takes ~20 ms of CPU: done before the transaction, which then holds its locks briefly.
    const passwordHash = await hashPassword(input.password);
    return this.dataSource.transaction(async (manager) => {
      // The user's row first, then their links and sessions: the order an admin's deactivation
      // and a reset request take them in. Locking the link first deadlocks with a deactivation.
      await manager.query('SELECT 1 FROM users WHERE organization_id = $1 AND id = $2 FOR UPDATE', [
        found.invitation.organizationId,
        found.invitation.userId,
      ]);
      const locked = await resolveInvitation(manager, input.token, { lock: true });
      if (!locked.ok) return { outcome: 'refused', reason: locked.reason, purpose: locked.purpose };
      const { invitation } = locked;
      const { organizationId, userId } = invitation;
      await manager.query(
        `UPDATE users SET password_hash = $3 WHERE organization_id = $1 AND id = $2`,
        [organizationId, userId, passwordHash],
      );
      await manager.query('UPDATE user_invitations SET used_at = now() WHERE id = $1', [
        invitation.id,
      ]);
      const reset = invitation.purpose === 'password_reset';
      const details: Record<string, unknown> = { invitationId: invitation.id };
      if (reset) {
        // Whoever knew the old password is signed out everywhere, and the other reset links
        // mailed meanwhile stop working.
        const [, sessionsEnded] = await manager.query<[unknown[], number]>(
          `UPDATE user_sessions SET revoked_at = now()
            WHERE organization_id = $1 AND user_id = $2 AND revoked_at IS NULL AND expires_at > now()`,
          [organizationId, userId],
        );
        await revokeOpenInvitations(manager, { organizationId, userId });
        details.sessionsEnded = sessionsEnded;
      }
      await this.audit.record(
        {
          organizationId,
          actorType: 'user',
          actorId: userId,
          action: reset ? 'user.password_reset' : 'user.password_set',
          targetType: 'user',
          targetId: userId,
          details,
          ip: input.ip,
        },
        manager,
      );
      return { outcome: 'set', email: invitation.email, purpose: invitation.purpose };
    });
  }

  /**
   * Login tries every account of an email in turn: with the same password as an account in
   * another organization, one of the two could never be reached. Deactivated accounts count
   * too: reactivating one must not make either unreachable.
   */
  private async opensAnotherAccount(
    invitation: { organizationId: string; userId: string; email: string },
    password: string,
  ): Promise<boolean> {
    const others = await this.dataSource.query<{ hash: string }[]>(
      `SELECT password_hash AS hash FROM users
        WHERE email = $1 AND password_hash IS NOT NULL AND organization_id <> $2
        LIMIT 10`,
      [invitation.email, invitation.organizationId],
    );
    for (const other of others) {
      if (await verifyPassword(other.hash, password)) return true;
    }
    return false;
  }
}
