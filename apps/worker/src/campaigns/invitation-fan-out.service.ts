import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { OutboxService, sendMailEntry } from '@kakehashi/queue';

export const FAN_OUT_BATCH = 500;

interface PendingInvitation {
  assessment_id: string;
  contact_id: string | null;
  email: string | null;
  name: string | null;
  language: string | null;
  undeliverable: boolean;
}

/**
 * Writes one invitation mail row (and its send-mail outbox row) per invited assessment that has
 * none yet, one transaction per batch. Re-running finds nothing left to do, so it is idempotent;
 * the unique message key makes two overlapping runs harmless too.
 */
@Injectable()
export class InvitationFanOutService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
  ) {}

  /** Returns how many mail rows were written; marks `jobId` done with the last batch. */
  async run(input: { organizationId: string; campaignId: string; jobId: string }): Promise<number> {
    const campaign = await this.dataSource.query<{ status: string }[]>(
      'SELECT status FROM campaigns WHERE id = $1 AND organization_id = $2',
      [input.campaignId, input.organizationId],
    );
    let written = 0;
    if (campaign[0]?.status === 'launched') {
      for (;;) {
        const count = await this.dataSource.transaction((manager) =>
          this.writeBatch(manager, input),
        );
        written += count;
        if (count === 0) break;
      }
    }
    await this.dataSource.transaction((manager) => this.outbox.markDone(manager, input.jobId));
    return written;
  }

  private async writeBatch(
    manager: EntityManager,
    input: { organizationId: string; campaignId: string },
  ): Promise<number> {
    const pending = await manager.query<PendingInvitation[]>(
      `SELECT a.id AS assessment_id, c.id AS contact_id, c.email, c.name, c.language,
              c.undeliverable_at IS NOT NULL AS undeliverable
         FROM assessments a
         LEFT JOIN supplier_contacts c ON c.supplier_id = a.supplier_id AND c.is_primary
        WHERE a.campaign_id = $1 AND a.organization_id = $2 AND a.status = 'invited'
          AND NOT EXISTS (SELECT 1 FROM mail_messages m WHERE m.message_key = 'invite:' || a.id)
        ORDER BY a.id
        LIMIT ${FAN_OUT_BATCH}`,
      [input.campaignId, input.organizationId],
    );
    if (pending.length === 0) return 0;
    const rows = pending.map((p) => {
      // No reachable primary contact: keep a 'skipped' row so the campaign shows why.
      const skip = !p.email
        ? 'no primary contact'
        : p.undeliverable
          ? 'contact undeliverable'
          : null;
      return { ...p, skip, locale: p.language === 'en' ? 'en' : 'ja' };
    });
    // One unnest INSERT per batch: a query builder with 500 x 11 parameters costs more CPU
    // than the database work, and this runs while the same process is sending mail.
    const created = await manager.query<{ id: string; message_key: string; status: string }[]>(
      `INSERT INTO mail_messages (organization_id, message_key, kind, status, to_email, to_name,
                                  locale, contact_id, campaign_id, assessment_id, last_error)
       SELECT $1, 'invite:' || r.assessment_id, 'invitation', r.status, r.email, r.name,
              r.locale, r.contact_id, $2, r.assessment_id, r.skip
         FROM unnest($3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::uuid[],
                     $9::text[]) AS r(assessment_id, status, email, name, locale, contact_id, skip)
       ON CONFLICT (message_key) DO NOTHING
       RETURNING id, message_key, status`,
      [
        input.organizationId,
        input.campaignId,
        rows.map((r) => r.assessment_id),
        rows.map((r) => (r.skip ? 'skipped' : 'queued')),
        rows.map((r) => r.email ?? ''),
        rows.map((r) => r.name),
        rows.map((r) => r.locale),
        rows.map((r) => r.contact_id),
        rows.map((r) => r.skip),
      ],
    );
    const queued = created.filter((row) => row.status === 'queued');
    await this.outbox.add(
      manager,
      queued.map((row) => sendMailEntry(input.organizationId, row)),
    );
    return pending.length;
  }
}
