import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { JobIds, OutboxService, QueueName } from '@kakehashi/queue';

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

const TIER_JA: Record<string, string> = { high: '高', critical: '重大' };

/**
 * Tells campaign owners that a supplier landed in a high or critical tier: a console
 * notification and an 'alert' mail each, keyed by the score so a re-delivered job adds nothing.
 * Runs inside the scoring transaction, set-based for a whole batch.
 */
@Injectable()
export class HighTierAlert {
  constructor(private readonly outbox: OutboxService) {}

  async record(manager: EntityManager, events: HighTierEvent[]): Promise<void> {
    if (events.length === 0) return;
    const records = JSON.stringify(
      events.map((event) => ({
        organization_id: event.organizationId,
        owner_id: event.ownerId,
        supplier_id: event.supplierId,
        campaign_id: event.campaignId,
        assessment_id: event.id,
        score_id: event.scoreId,
        tier: event.tier,
        tier_ja: TIER_JA[event.tier] ?? event.tier,
      })),
    );
    const columns = `e(organization_id uuid, owner_id uuid, supplier_id uuid, campaign_id uuid,
            assessment_id uuid, score_id uuid, tier text, tier_ja text)`;
    await manager.query(
      `INSERT INTO notifications (organization_id, user_id, key, kind, title, link)
       SELECT e.organization_id, e.owner_id, 'high-tier:' || e.score_id, 'high-tier',
              jsonb_build_object(
                'ja', s.name || ' のリスク評価が「' || e.tier_ja || '」になりました',
                'en', s.name || ' was rated ' || e.tier || ' risk'),
              '/console/suppliers/' || e.supplier_id
         FROM jsonb_to_recordset($1::jsonb) AS ${columns}
         JOIN suppliers s ON s.id = e.supplier_id
       ON CONFLICT (key) DO NOTHING`,
      [records],
    );
    const mails: { id: string; message_key: string; organization_id: string }[] =
      await manager.query(
        `INSERT INTO mail_messages (organization_id, message_key, kind, to_email, to_name, locale,
                user_id, campaign_id, assessment_id)
         SELECT u.organization_id, 'alert:high-tier:' || e.score_id, 'alert', u.email,
                u.display_name, u.locale, u.id, e.campaign_id, e.assessment_id
           FROM jsonb_to_recordset($1::jsonb) AS ${columns}
           JOIN users u ON u.id = e.owner_id AND u.organization_id = e.organization_id
         ON CONFLICT (message_key) DO NOTHING
         RETURNING id, message_key, organization_id`,
        [records],
      );
    await this.outbox.add(
      manager,
      mails.map((mail) => ({
        organizationId: mail.organization_id,
        queue: QueueName.Mail,
        jobName: 'send-mail',
        jobId: JobIds.sendMail(mail.message_key),
        payload: { organizationId: mail.organization_id, mailMessageId: mail.id },
      })),
    );
  }
}
