import { GoneException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { hashLinkToken, LinkResolution, resolveAssessmentLink } from '@kakehashi/auth';
import { AssessmentLink, AssessmentStatus } from '@kakehashi/database';
import { RespondContext, SaveScope } from './respond-context';
import { RespondSession } from './respond-session.service';
import { Requester, StartInfoService } from './start-info.service';

const FACTS_TTL_MS = 60_000;
const FACTS_MAX = 10_000;

/** Why a link no longer opens its assessment; pages choose their wording by it. */
export type GoneReason = 'expired' | 'revoked' | 'closed';

/**
 * 410 with both languages and the reason (a closed campaign needs other words than a dead link),
 * and whom to ask: the buyer organization and its contact, as the pages of such a link name them
 * (null only if the assessment disappeared meanwhile).
 */
function gone(reason: GoneReason, requester: Requester | null): GoneException {
  return new GoneException(
    reason === 'closed'
      ? {
          message: 'This questionnaire is closed',
          messageJa: 'この調査は締め切られました',
          reason,
          requester,
        }
      : {
          message: 'This link has expired or was withdrawn; request a fresh link',
          messageJa:
            'このリンクは有効期限切れか、無効になっています。新しいリンクを依頼してください',
          reason,
          requester,
        },
  );
}

/**
 * The reason and the requester a 410 from this service carries, if the error is one (requester
 * undefined when the 410 did not look it up).
 */
export function goneOf(
  error: unknown,
): { reason: GoneReason; requester?: Requester | null } | undefined {
  if (!(error instanceof GoneException)) return undefined;
  const response = error.getResponse() as { reason?: GoneReason; requester?: Requester | null };
  return { reason: response.reason ?? 'expired', requester: response.requester };
}

function goneReasonOf(row: {
  revoked_at: Date | null;
  expires_at: Date;
  campaign_status: string;
}): GoneReason | undefined {
  // A closed campaign first: a fresh link would not open it either.
  if (row.campaign_status === 'closed') return 'closed';
  if (row.revoked_at) return 'revoked';
  if (row.expires_at.getTime() <= Date.now()) return 'expired';
  return undefined;
}

/** Turns a link token or a session into a RespondContext, or answers 404 / 410. */
@Injectable()
export class RespondAccessService {
  private readonly facts = new Map<string, { scope: SaveScope; until: number }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly startInfo: StartInfoService,
  ) {}

  resolve(token: string): Promise<LinkResolution> {
    return resolveAssessmentLink(this.dataSource.manager, token);
  }

  /**
   * The token endpoints' check in one round trip (autosave calls it on every save); the same
   * rules as resolveAssessmentLink, which still answers why a link does not work.
   */
  async byToken(token: string, ip: string | null): Promise<RespondContext> {
    if (/^[A-Za-z0-9_-]{20,100}$/.test(token)) {
      const rows = (await this.dataSource.query(
        `SELECT l.id AS link_id, l.organization_id, l.contact_id, a.id AS assessment_id,
                a.catalog_version, a.status
           FROM assessment_links l
           JOIN assessments a ON a.id = l.assessment_id AND a.organization_id = l.organization_id
           JOIN campaigns c ON c.id = a.campaign_id AND c.organization_id = a.organization_id
          WHERE l.token_hash = $1 AND l.revoked_at IS NULL AND l.expires_at > now()
            AND c.status <> 'closed'`,
        [hashLinkToken(token)],
      )) as {
        link_id: string;
        organization_id: string;
        contact_id: string | null;
        assessment_id: string;
        catalog_version: string;
        status: AssessmentStatus;
      }[];
      const row = rows[0];
      if (row) {
        return {
          organizationId: row.organization_id,
          assessmentId: row.assessment_id,
          linkId: row.link_id,
          contactId: row.contact_id,
          catalogVersion: row.catalog_version,
          status: row.status,
          ip,
        };
      }
    }
    const resolution = await this.resolve(token);
    if (!resolution.ok && resolution.reason === 'unknown')
      throw new NotFoundException('Unknown link');
    // Also when the link turned valid between the two reads: the caller may simply retry.
    throw await this.gone(resolution.ok ? 'expired' : resolution.reason, resolution.link);
  }

  /**
   * For saves: the link's fixed facts, cached briefly so autosave costs one statement; the save
   * statement itself requires the link to be unrevoked, unexpired and its campaign open.
   */
  async forSave(token: string, ip: string | null): Promise<SaveScope> {
    const hash = hashLinkToken(token);
    const cached = this.facts.get(hash);
    if (cached && cached.until > Date.now()) return { ...cached.scope, ip };
    const { status: _status, ...scope } = await this.byToken(token, ip);
    if (this.facts.size >= FACTS_MAX) this.facts.delete(this.facts.keys().next().value as string);
    this.facts.set(hash, { scope, until: Date.now() + FACTS_TTL_MS });
    return scope;
  }

  /** Throws 404/410 when the scope's link no longer opens its assessment. */
  async requireUsable(scope: SaveScope): Promise<void> {
    const rows = (await this.dataSource.query(
      `SELECT l.revoked_at, l.expires_at, c.status AS campaign_status
         FROM assessment_links l
         JOIN assessments a ON a.id = l.assessment_id AND a.organization_id = l.organization_id
         JOIN campaigns c ON c.id = a.campaign_id AND c.organization_id = a.organization_id
        WHERE l.id = $1 AND l.assessment_id = $2 AND l.organization_id = $3`,
      [scope.linkId, scope.assessmentId, scope.organizationId],
    )) as { revoked_at: Date | null; expires_at: Date; campaign_status: string }[];
    const row = rows[0];
    if (!row) throw new NotFoundException('Unknown link');
    const reason = goneReasonOf(row);
    if (reason) throw await this.gone(reason, scope);
  }

  /** The session's link and why it no longer works (undefined while it still does). */
  async sessionLink(
    session: RespondSession,
  ): Promise<{ link: AssessmentLink; reason: GoneReason | undefined } | null> {
    const link = await this.dataSource.getRepository(AssessmentLink).findOne({
      where: {
        id: session.linkId,
        assessmentId: session.assessmentId,
        organizationId: session.organizationId,
      },
    });
    if (!link) return null;
    const rows = (await this.dataSource.query(
      `SELECT c.status AS campaign_status
         FROM assessments a
         JOIN campaigns c ON c.id = a.campaign_id AND c.organization_id = a.organization_id
        WHERE a.id = $1 AND a.organization_id = $2`,
      [session.assessmentId, session.organizationId],
    )) as { campaign_status: string }[];
    const reason = goneReasonOf({
      revoked_at: link.revokedAt,
      expires_at: link.expiresAt,
      campaign_status: rows[0]?.campaign_status ?? 'closed',
    });
    return { link, reason };
  }

  /** The session's link must still be valid: revoking the link or closing the campaign ends it. */
  async bySession(session: RespondSession, ip: string | null): Promise<RespondContext> {
    const rows = (await this.dataSource.query(
      `SELECT l.revoked_at, l.expires_at, c.status AS campaign_status,
              a.catalog_version, a.status
         FROM assessment_links l
         JOIN assessments a ON a.id = l.assessment_id AND a.organization_id = l.organization_id
         JOIN campaigns c ON c.id = a.campaign_id AND c.organization_id = a.organization_id
        WHERE l.id = $1 AND l.assessment_id = $2 AND l.organization_id = $3`,
      [session.linkId, session.assessmentId, session.organizationId],
    )) as {
      revoked_at: Date | null;
      expires_at: Date;
      campaign_status: string;
      catalog_version: string;
      status: AssessmentStatus;
    }[];
    const row = rows[0];
    if (!row) throw new NotFoundException('Unknown questionnaire session');
    const reason = goneReasonOf(row);
    if (reason) throw await this.gone(reason, session);
    return {
      organizationId: session.organizationId,
      assessmentId: session.assessmentId,
      linkId: session.linkId,
      contactId: session.contactId,
      catalogVersion: row.catalog_version,
      status: row.status,
      ip,
    };
  }

  /** The 410 of a real link of this assessment, naming whom to ask about it. */
  private async gone(
    reason: GoneReason,
    assessment: { organizationId: string; assessmentId: string },
  ): Promise<GoneException> {
    return gone(reason, await this.startInfo.requester(assessment));
  }
}
