import { EntityManager } from 'typeorm';
import { hashLinkToken } from '@kakehashi/auth';
import { USER_LINK_LIFETIME, UserLinkPurpose } from '@kakehashi/database';
import { OutboxService, sendMailEntry } from '@kakehashi/queue';

type LinkUser = { id: string; email: string; displayName: string; locale: string };

/**
 * Records an invitation and its mail in the caller's transaction, after revoking the user's
 * earlier links (only the newest invitation works). The worker makes the token when it sends
 * the mail and stores only its hash (apps/worker/src/mail/mail-context.loader.ts).
 */
export async function recordInvitation(
  manager: EntityManager,
  outbox: OutboxService,
  input: { organizationId: string; user: LinkUser },
): Promise<string> {
  await revokeOpenInvitations(manager, {
    organizationId: input.organizationId,
    userId: input.user.id,
  });
  return recordUserLink(manager, outbox, input, INVITATION);
}

/**
 * Records a password-reset link and its mail in the caller's transaction, for a user who has a
 * password. Earlier reset links stay open until they expire (an hour), are used or the password
 * is set through one of them: whichever mail the person opens works. The token is made by the
 * worker when it sends the mail, as for an invitation.
 */
export function recordPasswordReset(
  manager: EntityManager,
  outbox: OutboxService,
  input: { organizationId: string; user: LinkUser },
): Promise<string> {
  return recordUserLink(manager, outbox, input, PASSWORD_RESET);
}

interface LinkKind {
  purpose: UserLinkPurpose;
  mailKind: 'user_invitation' | 'password_reset';
  keyPrefix: string;
}

const INVITATION: LinkKind = {
  purpose: 'invitation',
  mailKind: 'user_invitation',
  keyPrefix: 'user-invite',
};

const PASSWORD_RESET: LinkKind = {
  purpose: 'password_reset',
  mailKind: 'password_reset',
  keyPrefix: 'password-reset',
};

/** The link row, its mail row and the job that sends it; returns the link row's id. */
async function recordUserLink(
  manager: EntityManager,
  outbox: OutboxService,
  { organizationId, user }: { organizationId: string; user: LinkUser },
  kind: LinkKind,
): Promise<string> {
  const [link] = await manager.query<{ id: string }[]>(
    `INSERT INTO user_invitations (organization_id, user_id, purpose, expires_at)
     VALUES ($1, $2, $3, now() + $4::interval) RETURNING id`,
    [organizationId, user.id, kind.purpose, USER_LINK_LIFETIME[kind.purpose]],
  );
  const messageKey = `${kind.keyPrefix}:${link.id}`;
  const [mail] = await manager.query<{ id: string }[]>(
    `INSERT INTO mail_messages (organization_id, message_key, kind, to_email, to_name, locale, user_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [organizationId, messageKey, kind.mailKind, user.email, user.displayName, user.locale, user.id],
  );
  await outbox.add(manager, [
    sendMailEntry(organizationId, { id: mail.id, message_key: messageKey }),
  ]);
  return link.id;
}

/**
 * Links already mailed stop working (a newer invitation, a deactivation, a password set through
 * a reset link): every open link of the user, whatever it was for.
 */
export async function revokeOpenInvitations(
  manager: EntityManager,
  input: { organizationId: string; userId: string },
): Promise<void> {
  await manager.query(
    `UPDATE user_invitations SET revoked_at = now()
      WHERE organization_id = $1 AND user_id = $2 AND used_at IS NULL AND revoked_at IS NULL`,
    [input.organizationId, input.userId],
  );
}

export interface OpenInvitation {
  id: string;
  /** An invitation sets the first password; a reset replaces a forgotten one. */
  purpose: UserLinkPurpose;
  organizationId: string;
  userId: string;
  email: string;
  displayName: string;
  locale: string;
  organizationName: string;
}

export type InvitationResolution =
  | { ok: true; invitation: OpenInvitation }
  | {
      ok: false;
      reason: 'unknown' | 'expired' | 'used' | 'revoked';
      /** What the link was for, when it is known. */
      purpose?: UserLinkPurpose;
    };

/**
 * What a raw token from a set-password link opens, read only (a GET must change nothing). With
 * `lock`, the invitation row is locked for the caller's transaction; the caller locks the user's
 * row before (users first, then their links and sessions, as every change to a user does).
 */
export async function resolveInvitation(
  manager: EntityManager,
  token: string,
  options: { lock?: boolean } = {},
): Promise<InvitationResolution> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { ok: false, reason: 'unknown' };
  const [row] = await manager.query<
    (OpenInvitation & {
      expired: boolean;
      usedAt: Date | null;
      revokedAt: Date | null;
      hasPassword: boolean;
      deactivated: boolean;
    })[]
  >(
    `SELECT i.id, i.purpose, i.organization_id AS "organizationId", i.user_id AS "userId",
            u.email, u.display_name AS "displayName", u.locale, o.name AS "organizationName",
            i.expires_at <= now() AS expired, i.used_at AS "usedAt", i.revoked_at AS "revokedAt",
            u.password_hash IS NOT NULL AS "hasPassword", u.deactivated_at IS NOT NULL AS deactivated
       FROM user_invitations i
       JOIN users u ON u.organization_id = i.organization_id AND u.id = i.user_id
       JOIN organizations o ON o.id = i.organization_id
      WHERE i.token_hash = $1
      ${options.lock ? 'FOR UPDATE OF i, u' : ''}`,
    [hashLinkToken(token)],
  );
  if (!row) return { ok: false, reason: 'unknown' };
  const { purpose } = row;
  // An invitation is spent once the user has a password, however it was set; a reset link
  // replaces a password and is spent only by its own use.
  if (row.usedAt || (purpose === 'invitation' && row.hasPassword)) {
    return { ok: false, reason: 'used', purpose };
  }
  if (row.revokedAt || row.deactivated || (purpose === 'password_reset' && !row.hasPassword)) {
    return { ok: false, reason: 'revoked', purpose };
  }
  if (row.expired) return { ok: false, reason: 'expired', purpose };
  const { id, organizationId, userId, email, displayName, locale, organizationName } = row;
  return {
    ok: true,
    invitation: {
      id,
      purpose,
      organizationId,
      userId,
      email,
      displayName,
      locale,
      organizationName,
    },
  };
}
