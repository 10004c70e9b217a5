import { createHash, randomBytes } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Assessment, AssessmentLink, Campaign } from '@kakehashi/database';

/** Links stay valid this long after the campaign's due date, for late answers. */
export const LINK_GRACE_DAYS = 30;

/**
 * A link mailed late (a reopen request, an overdue reminder, a fresh link asked for) still lives
 * this long from the moment it is minted, whatever the due date: two weeks cover a supplier away
 * for a long holiday (Golden Week, Obon, the New Year) and an internal sign-off of a revised
 * answer, while a token sitting in a mailbox does not stay usable much longer than it is needed
 * (anyone who still needs one can ask for a fresh link).
 */
export const LINK_MIN_LIFETIME_DAYS = 14;

const DAY_MS = 24 * 3600 * 1000;

export function hashLinkToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A 256-bit random token, URL-safe. Only its hash is stored. */
export function newLinkToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * End of the grace period of a campaign due on `dueDate` (YYYY-MM-DD, Asia/Tokyo): end of the due
 * day + LINK_GRACE_DAYS. Every link of the campaign lives at least this long.
 */
export function dueDateGraceEnd(dueDate: string): Date {
  const endOfDueDayTokyo = new Date(`${dueDate}T23:59:59.999+09:00`);
  return new Date(endOfDueDayTokyo.getTime() + LINK_GRACE_DAYS * DAY_MS);
}

/**
 * Expiry of a link minted at `issuedAt` for a campaign due on `dueDate`: the due date's grace
 * period, and never less than LINK_MIN_LIFETIME_DAYS from its issue (a link mailed long after the
 * due date must not arrive dead).
 */
export function linkExpiry(dueDate: string, issuedAt: Date): Date {
  const graceEnd = dueDateGraceEnd(dueDate);
  const minimum = new Date(issuedAt.getTime() + LINK_MIN_LIFETIME_DAYS * DAY_MS);
  return graceEnd.getTime() >= minimum.getTime() ? graceEnd : minimum;
}

/** Creates a link for an assessment and returns the raw token (to be mailed, never stored). */
export async function issueAssessmentLink(
  manager: EntityManager,
  input: {
    organizationId: string;
    assessmentId: string;
    contactId: string | null;
    expiresAt: Date;
  },
): Promise<string> {
  const token = newLinkToken();
  await manager.getRepository(AssessmentLink).insert({
    organizationId: input.organizationId,
    assessmentId: input.assessmentId,
    contactId: input.contactId,
    tokenHash: hashLinkToken(token),
    expiresAt: input.expiresAt,
    revokedAt: null,
  });
  return token;
}

export type LinkResolution =
  | { ok: true; link: AssessmentLink; assessment: Assessment; campaign: Campaign }
  | { ok: false; reason: 'unknown' }
  | { ok: false; reason: 'expired' | 'revoked' | 'closed'; link: AssessmentLink };

/**
 * Looks a raw token up by its hash and says whether it still opens its one assessment. A closed
 * campaign is said first: a fresh link would not open it either (so no page offers one).
 */
export async function resolveAssessmentLink(
  manager: EntityManager,
  token: string,
  now: Date = new Date(),
): Promise<LinkResolution> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { ok: false, reason: 'unknown' };
  const link = await manager
    .getRepository(AssessmentLink)
    .findOne({ where: { tokenHash: hashLinkToken(token) } });
  if (!link) return { ok: false, reason: 'unknown' };
  const assessment = await manager
    .getRepository(Assessment)
    .findOne({ where: { id: link.assessmentId, organizationId: link.organizationId } });
  if (!assessment) return { ok: false, reason: 'unknown' };
  const campaign = await manager
    .getRepository(Campaign)
    .findOneOrFail({ where: { id: assessment.campaignId, organizationId: link.organizationId } });
  if (campaign.status === 'closed') return { ok: false, reason: 'closed', link };
  if (link.revokedAt) return { ok: false, reason: 'revoked', link };
  if (link.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired', link };
  return { ok: true, link, assessment, campaign };
}

/** Sets revoked_at on the links matching `where` that still work; returns how many. */
async function revokeWhere(
  manager: EntityManager,
  where: string,
  params: unknown[],
): Promise<number> {
  // A CTE, so the driver answers the RETURNING rows as it does for a SELECT.
  const [row] = await manager.query<{ n: number }[]>(
    `WITH revoked AS (
       UPDATE assessment_links SET revoked_at = now()
        WHERE ${where} AND revoked_at IS NULL AND expires_at > now()
       RETURNING 1)
     SELECT count(*)::int AS n FROM revoked`,
    params,
  );
  return row?.n ?? 0;
}

/**
 * Withdraws the working links of contacts leaving a supplier, in the caller's transaction:
 * whoever holds their mail must not answer any more. Returns how many links stopped working.
 */
export function revokeContactLinks(
  manager: EntityManager,
  input: { organizationId: string; contactIds: string[] },
): Promise<number> {
  if (input.contactIds.length === 0) return Promise.resolve(0);
  return revokeWhere(manager, 'organization_id = $1 AND contact_id = ANY($2::uuid[])', [
    input.organizationId,
    input.contactIds,
  ]);
}

/** Withdraws every working link of one assessment; returns how many stopped working. */
export function revokeAssessmentLinks(
  manager: EntityManager,
  input: { organizationId: string; assessmentId: string },
): Promise<number> {
  return revokeWhere(manager, 'organization_id = $1 AND assessment_id = $2', [
    input.organizationId,
    input.assessmentId,
  ]);
}
