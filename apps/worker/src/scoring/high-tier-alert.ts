import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Environment } from '@kakehashi/config';
import { Clock, OutboxEntry, OutboxService, sendMailEntry } from '@kakehashi/queue';
import { STAFF_RECIPIENT } from '../staff-recipient';
import {
  AlertDigest,
  AlertWindow,
  buildDigests,
  gatheredAlertPrefix,
  isNews,
  parseGatheredAlertKey,
  planAlertMail,
} from './alert-digest';
import { lockAlertRecipient } from './alert-window';

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
 * console notification per owner listing all of them, recorded at once. The mail is paced per
 * recipient: the first alert goes out at once; those within the next
 * HIGH_TIER_ALERT_WINDOW_MINUTES (by the injected Clock) are gathered into one mail sent when
 * the window ends. A rescore by a new engine version that does not worsen the tier is no news
 * and alerts nobody. Runs inside the scoring transaction; the events are fresh scores only and
 * notifications and mails have unique keys, so a re-delivered job adds nothing.
 */
@Injectable()
export class HighTierAlert {
  constructor(
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly env: Environment,
  ) {}

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
    // Recipients in a fixed order: two batches lock the same recipients the same way round.
    digests.sort((a, b) => (a.ownerId < b.ownerId ? -1 : a.ownerId > b.ownerId ? 1 : 0));
    const mails: { id: string; message_key: string; organization_id: string }[] = [];
    const later: { mail: { id: string; message_key: string }; waitMs: number; org: string }[] = [];
    for (const digest of digests) {
      await lockAlertRecipient(manager, digest.ownerId);
      // Read after the lock: a mail sent meanwhile for this recipient is seen as sent.
      const now = this.clock.now();
      const plan = planAlertMail({
        recipientId: digest.ownerId,
        now,
        windowMs: this.env.HIGH_TIER_ALERT_WINDOW_MINUTES * 60_000,
        ...(await this.lastMails(manager, digest, now)),
      });
      const noted: unknown[] = await manager.query(
        `INSERT INTO notifications (organization_id, user_id, key, kind, title, link, detail,
                created_at)
         VALUES ($1, $2, $3, 'high-tier', $4, $5, $6, $7)
         ON CONFLICT (key) DO NOTHING
         RETURNING id`,
        [
          digest.organizationId,
          digest.ownerId,
          digest.key,
          JSON.stringify(digest.title),
          digest.link,
          JSON.stringify(digest.detail),
          now,
        ],
      );
      // Already recorded (a batch run twice): its mail was decided then.
      if (noted.length === 0) continue;
      if (plan.send === 'gathered' && !plan.create) continue;
      const key = plan.send === 'now' ? `alert:${digest.key}` : plan.key;
      const [mail] = await this.insertMail(manager, digest, key);
      if (!mail) continue;
      if (plan.send === 'now') mails.push(mail);
      else {
        const waitMs = Math.max(0, plan.window.until.getTime() - now.getTime());
        later.push({ mail, waitMs, org: digest.organizationId });
      }
    }
    const entries: OutboxEntry[] = mails.map((mail) => sendMailEntry(mail.organization_id, mail));
    if (later.length > 0) {
      // The relay compares with the database's clock: wait there as long as the window lasts.
      const [{ dbNow }]: { dbNow: Date }[] = await manager.query(
        'SELECT clock_timestamp() AS "dbNow"',
      );
      for (const { mail, waitMs, org } of later) {
        entries.push({
          ...sendMailEntry(org, mail),
          availableAt: new Date(new Date(dbNow).getTime() + waitMs),
        });
      }
    }
    await this.outbox.add(manager, entries);
  }

  /**
   * The recipient's last mails that count for the window: the latest alert that went out on its
   * own within the window (its notification's time), and the latest gathered mail.
   */
  private async lastMails(
    manager: EntityManager,
    digest: AlertDigest,
    now: Date,
  ): Promise<{ lastImmediate: Date | null; lastGathered: AlertWindow | null }> {
    const windowMs = this.env.HIGH_TIER_ALERT_WINDOW_MINUTES * 60_000;
    const [immediate]: { at: Date | null }[] = await manager.query(
      `SELECT max(n.created_at) AS at FROM notifications n
        WHERE n.organization_id = $1 AND n.user_id = $2 AND n.kind = 'high-tier'
          AND n.created_at > $3
          AND EXISTS (SELECT 1 FROM mail_messages m WHERE m.message_key = 'alert:' || n.key)`,
      [digest.organizationId, digest.ownerId, new Date(now.getTime() - windowMs)],
    );
    const prefix = gatheredAlertPrefix(digest.ownerId);
    // A range on the unique index of message_key (';' follows the digits of the times).
    const [gathered]: { key: string }[] = await manager.query(
      `SELECT message_key AS key FROM mail_messages
        WHERE message_key >= $1 AND message_key < $2 AND starts_with(message_key, $1)
        ORDER BY message_key DESC LIMIT 1`,
      [prefix, `${prefix};`],
    );
    const parsed = gathered ? parseGatheredAlertKey(gathered.key) : null;
    return {
      lastImmediate: immediate?.at ? new Date(immediate.at) : null,
      lastGathered: parsed ? { from: parsed.from, until: parsed.until } : null,
    };
  }

  /** The alert mail row to the digest's recipient (none once they were deactivated). */
  private insertMail(
    manager: EntityManager,
    digest: AlertDigest,
    key: string,
  ): Promise<{ id: string; message_key: string; organization_id: string }[]> {
    return manager.query(
      `INSERT INTO mail_messages (organization_id, message_key, kind, to_email, to_name, locale,
              user_id, campaign_id, assessment_id)
       SELECT u.organization_id, $3, 'alert', u.email, u.display_name, u.locale,
              u.id, $4, $5
         FROM users u
        WHERE u.id = $2 AND u.organization_id = $1 AND u.deactivated_at IS NULL
       ON CONFLICT (message_key) DO NOTHING
       RETURNING id, message_key, organization_id`,
      [
        digest.organizationId,
        digest.ownerId,
        key,
        digest.first.campaignId,
        digest.first.assessmentId,
      ],
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
