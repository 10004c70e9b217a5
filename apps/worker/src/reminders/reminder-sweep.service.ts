import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { OrganizationSettings } from '@kakehashi/database';
import { Clock, OutboxService, sendMailEntry, tokyoDate } from '@kakehashi/queue';
import { DueReminder, findDueReminders } from './due-reminders.query';

import { insideSendingWindow } from './sending-window';
import { STAFF_RECIPIENT } from '../staff-recipient';

export interface SweepResult {
  reminders: number;
  skipped: number;
  escalations: number;
}

/**
 * Writes the due reminder mails (and the owners' escalation digests) with their send-mail
 * outbox rows in one transaction. Message keys are unique, so concurrent or repeated sweeps
 * write each step once; the mail processor sends what is written.
 */
@Injectable()
export class ReminderSweepService {
  private readonly logger = new Logger(ReminderSweepService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  async run(): Promise<SweepResult> {
    const now = this.clock.now();
    const today = tokyoDate(now);
    const tenants: { id: string; settings: OrganizationSettings | null }[] =
      await this.dataSource.query(
        `SELECT o.id, o.settings FROM organizations o
          WHERE EXISTS (SELECT 1 FROM campaigns c
                         WHERE c.organization_id = o.id AND c.status = 'launched')`,
      );
    // Outside a tenant's sending window nothing is written; the next sweep inside it sends.
    const organizationIds = tenants
      .filter((tenant) => insideSendingWindow(now, tenant.settings))
      .map((tenant) => tenant.id);
    const result = await this.dataSource.transaction(async (manager) => {
      const due = await findDueReminders(manager, { today, organizationIds });
      const written = await this.writeReminders(manager, due);
      const escalations = await this.writeEscalations(manager, { due: written, today });
      return {
        reminders: written.filter((row) => row.status === 'queued').length,
        skipped: written.filter((row) => row.status === 'skipped').length,
        escalations,
      };
    });
    if (result.reminders + result.skipped + result.escalations > 0) {
      this.logger.log(
        `reminder sweep ${today}: ${result.reminders} reminder(s), ${result.skipped} skipped, ${result.escalations} escalation digest(s)`,
      );
    }
    return result;
  }

  private async writeReminders(
    manager: EntityManager,
    due: DueReminder[],
  ): Promise<(DueReminder & { status: string })[]> {
    // No primary contact: nobody to remind (the campaign view shows the supplier as unreachable).
    const reachable = due.filter((row) => row.email);
    if (reachable.length === 0) return [];
    const inserted: { id: string; message_key: string; status: string }[] = await manager.query(
      `INSERT INTO mail_messages (organization_id, message_key, kind, status, to_email, to_name,
              locale, contact_id, campaign_id, assessment_id, last_error)
       SELECT r.organization_id, r.message_key, 'reminder', r.status, r.email, r.name, r.locale,
              r.contact_id, r.campaign_id, r.assessment_id, r.last_error
         FROM jsonb_to_recordset($1::jsonb) AS r(organization_id uuid, message_key text,
              status text, email text, name text, locale text, contact_id uuid, campaign_id uuid,
              assessment_id uuid, last_error text)
       ON CONFLICT (message_key) DO NOTHING
       RETURNING id, message_key, status`,
      [
        JSON.stringify(
          reachable.map((row) => ({
            organization_id: row.organizationId,
            message_key: reminderKey(row),
            status: row.undeliverableReason ? 'skipped' : 'queued',
            email: row.email,
            name: row.name,
            locale: row.language ?? 'ja',
            contact_id: row.contactId,
            campaign_id: row.campaignId,
            assessment_id: row.assessmentId,
            last_error: row.undeliverableReason
              ? `not sent: address undeliverable (${row.undeliverableReason})`
              : null,
          })),
        ),
      ],
    );
    const byKey = new Map(reachable.map((row) => [reminderKey(row), row]));
    await this.enqueueMail(
      manager,
      inserted.filter((row) => row.status === 'queued'),
      byKey,
    );
    return inserted.map((row) => ({ ...byKey.get(row.message_key)!, status: row.status }));
  }

  /**
   * One digest per owner per Tokyo day, when a supplier's overdue count reaches the policy's; a
   * deactivated owner's digest goes to the organization's longest-serving active admin.
   */
  private async writeEscalations(
    manager: EntityManager,
    { due, today }: { due: DueReminder[]; today: string },
  ): Promise<number> {
    const campaignsByOwner = new Map<string, Set<string>>();
    for (const row of due) {
      if (row.escalateAfter <= 0 || row.overdueCount < row.escalateAfter) continue;
      campaignsByOwner.set(
        row.ownerId,
        (campaignsByOwner.get(row.ownerId) ?? new Set()).add(row.campaignId),
      );
    }
    if (campaignsByOwner.size === 0) return 0;
    // campaign_id is set when the digest is about one campaign; null means several.
    const digests = [...campaignsByOwner].map(([ownerId, campaigns]) => ({
      owner_id: ownerId,
      campaign_id: campaigns.size === 1 ? [...campaigns][0] : null,
    }));
    const inserted: { id: string; message_key: string; organization_id: string }[] =
      await manager.query(
        `INSERT INTO mail_messages (organization_id, message_key, kind, to_email, to_name, locale,
                user_id, campaign_id)
         SELECT u.organization_id, 'escalate:' || u.id || ':' || $2, 'escalation', r.email,
                r.display_name, r.locale, u.id, d.campaign_id
           FROM jsonb_to_recordset($1::jsonb) AS d(owner_id uuid, campaign_id uuid)
           JOIN users u ON u.id = d.owner_id
          -- The digest still lists the owner's campaigns: user_id stays the owner's.
          CROSS JOIN LATERAL (${STAFF_RECIPIENT}) r
         ON CONFLICT (message_key) DO NOTHING
         RETURNING id, message_key, organization_id`,
        [JSON.stringify(digests), today],
      );
    await this.enqueueMail(
      manager,
      inserted.map((row) => ({ ...row, status: 'queued' })),
      new Map(inserted.map((row) => [row.message_key, { organizationId: row.organization_id }])),
    );
    return inserted.length;
  }

  private async enqueueMail(
    manager: EntityManager,
    rows: { id: string; message_key: string }[],
    byKey: Map<string, { organizationId: string }>,
  ): Promise<void> {
    await this.outbox.add(
      manager,
      rows.map((row) => sendMailEntry(byKey.get(row.message_key)!.organizationId, row)),
    );
  }
}

/** The query spells the key (`remind:<assessmentId>:[r<revision>:]<step>`), in one place. */
const reminderKey = (row: DueReminder): string => row.messageKey;
