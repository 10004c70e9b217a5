import { createHash, randomBytes } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Assessment, AssessmentLink, Campaign } from '@kakehashi/database';

/** Links stay valid this long after the campaign's due date, for late answers. */
export const LINK_GRACE_DAYS = 30;

export function hashLinkToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A 256-bit random token, URL-safe. Only its hash is stored. */
export function newLinkToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Expiry for a campaign due on `dueDate` (YYYY-MM-DD, Asia/Tokyo): end of due day + grace. */
export function linkExpiry(dueDate: string): Date {
  const endOfDueDayTokyo = new Date(`${dueDate}T23:59:59.999+09:00`);
  return new Date(endOfDueDayTokyo.getTime() + LINK_GRACE_DAYS * 24 * 3600 * 1000);
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

/** Looks a raw token up by its hash and says whether it still opens its one assessment. */
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
  if (link.revokedAt) return { ok: false, reason: 'revoked', link };
  if (link.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired', link };
  const assessment = await manager
    .getRepository(Assessment)
    .findOne({ where: { id: link.assessmentId, organizationId: link.organizationId } });
  if (!assessment) return { ok: false, reason: 'unknown' };
  const campaign = await manager
    .getRepository(Campaign)
    .findOneOrFail({ where: { id: assessment.campaignId, organizationId: link.organizationId } });
  if (campaign.status === 'closed') return { ok: false, reason: 'closed', link };
  return { ok: true, link, assessment, campaign };
}
