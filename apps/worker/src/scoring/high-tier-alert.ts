import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OutboxService, sendMailEntry } from '@kakehashi/queue';
import { STAFF_RECIPIENT } from '../staff-recipient';
import { buildDigests, isNews } from './alert-digest';

export interface HighTierEvent {
  organizationId: string;
  campaignId: string;
  supplierId: string;
  /** The assessment's id. */
  id: string;
  ownerId: string;
  scoreId: string;
  tier: string;
}

/**
 * Tells campaign owners that suppliers landed in a high or critical tier: per batch, one
 * console notification and one 'alert' mail per owner listing all of them (a digest, not one
 * mail per supplier). A rescore by a new engine version that does not worsen the tier is no
 * news and alerts nobody. Runs inside the scoring transaction, set-based for a whole batch;
 * the events are fresh scores only, so a re-delivered job adds nothing.
 */
@Injectable()
export class HighTierAlert {
  constructor(private readonly outbox: OutboxService) {}

  async record(manager: EntityManager, events: HighTierEvent[]): Promise<void> {
    if (events.length === 0) return;
    const known: { scoreId: string; supplierName: string; earlierTier: string | null }[] =
      await manager.query(
        `SELECT cur.id AS "scoreId", s.name AS "supplierName", p.tier AS "earlierTier"
           FROM assessment_scores cur
           JOIN suppliers s ON s.id = cur.supplier_id
           LEFT JOIN LATERAL (
                SELECT x.tier FROM assessment_scores x
                 WHERE x.assessment_id = cur.assessment_id AND x.submission = cur.submission
                   AND x.engine_version <> cur.engine_version AND x.status = 'scored'
                 ORDER BY x.created_at DESC, x.id DESC LIMIT 1) p ON true
          WHERE cur.id = ANY($1::uuid[])`,
        [events.map((event) => event.scoreId)],
      );
    const byScore = new Map(known.map((row) => [row.scoreId, row]));
    const recipients = await this.recipientsFor(manager, events);
    const digests = buildDigests(
      events.flatMap((event) => {
        const score = byScore.get(event.scoreId);
        const recipient = recipients.get(event.ownerId);
        if (!score || !recipient || !isNews(event.tier, score.earlierTier)) return [];
        return [
          {
            organizationId: event.organizationId,
            ownerId: recipient,
            scoreId: event.scoreId,
            assessmentId: event.id,
            campaignId: event.campaignId,
            supplierId: event.supplierId,
            supplierName: score.supplierName,
            tier: event.tier,
          },
        ];
      }),
    );
    if (digests.length === 0) return;
    const records = JSON.stringify(
      digests.map((digest) => ({
        organization_id: digest.organizationId,
        owner_id: digest.ownerId,
        key: digest.key,
        title: digest.title,
        link: digest.link,
        detail: digest.detail,
        campaign_id: digest.first.campaignId,
        assessment_id: digest.first.assessmentId,
      })),
    );
    const columns = `d(organization_id uuid, owner_id uuid, key text, title jsonb, link text,
            detail jsonb, campaign_id uuid, assessment_id uuid)`;
    await manager.query(
      `INSERT INTO notifications (organization_id, user_id, key, kind, title, link, detail)
       SELECT d.organization_id, d.owner_id, d.key, 'high-tier', d.title, d.link, d.detail
         FROM jsonb_to_recordset($1::jsonb) AS ${columns}
       ON CONFLICT (key) DO NOTHING`,
      [records],
    );
    const mails: { id: string; message_key: string; organization_id: string }[] =
      await manager.query(
        `INSERT INTO mail_messages (organization_id, message_key, kind, to_email, to_name, locale,
                user_id, campaign_id, assessment_id)
         SELECT u.organization_id, 'alert:' || d.key, 'alert', u.email, u.display_name, u.locale,
                u.id, d.campaign_id, d.assessment_id
           FROM jsonb_to_recordset($1::jsonb) AS ${columns}
           JOIN users u ON u.id = d.owner_id AND u.organization_id = d.organization_id
            AND u.deactivated_at IS NULL
         ON CONFLICT (message_key) DO NOTHING
         RETURNING id, message_key, organization_id`,
        [records],
      );
    await this.outbox.add(
      manager,
      mails.map((mail) => sendMailEntry(mail.organization_id, mail)),
    );
  }

  /** Who is told about each campaign owner's suppliers (STAFF_RECIPIENT). */
  private async recipientsFor(
    manager: EntityManager,
    events: HighTierEvent[],
  ): Promise<Map<string, string>> {
    const owners = [...new Set(events.map((event) => event.ownerId))];
    const rows: { ownerId: string; recipientId: string }[] = await manager.query(
      `SELECT u.id AS "ownerId", r.id AS "recipientId"
         FROM users u CROSS JOIN LATERAL (${STAFF_RECIPIENT}) r
        WHERE u.id = ANY($1::uuid[])`,
      [owners],
    );
    return new Map(rows.map((row) => [row.ownerId, row.recipientId]));
  }
}
