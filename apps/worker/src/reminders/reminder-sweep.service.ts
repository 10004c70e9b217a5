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
      const found = await findDueReminders(manager, { today, organizationIds });
      const due = await this.markRemindedByHand(manager, { due: found, today });
      const written = await this.writeReminders(manager, { due, now });
      const escalations = await this.writeEscalations(manager, { due: written, today, now });
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

  /**
   * A step that falls due on a Tokyo day on which procurement already reminded the supplier by
   * hand (「今すぐ催促」) is recorded as covered by that reminder: written skipped, not mailed, so
   * the supplier gets one reminder that day. Being written, the step counts as done as before:
   * the later steps and the escalation (which counts overdue steps) come exactly as they would.
   *
   * The due assessments are locked (FOR KEY SHARE: saves are not held up, a manual reminder's
   * FOR UPDATE is) before the manual reminders are read, so a manual reminder written at the same
   * moment is either seen here or sees this sweep's reminder and is refused.
   */
  private async markRemindedByHand(
    manager: EntityManager,
    { due, today }: { due: DueReminder[]; today: string },
  ): Promise<DueReminder[]> {
    if (due.length === 0) return due;
    const ids = due.map((row) => row.assessmentId);
    await manager.query(
      'SELECT id FROM assessments WHERE id = ANY($1::uuid[]) ORDER BY id FOR KEY SHARE',
      [ids],
    );
    // The manual reminder's key is remind-now:<assessmentId>:<Tokyo date> (remindNowKey, api).
    const manual: { assessment_id: string }[] = await manager.query(
      `SELECT m.assessment_id FROM mail_messages m
         JOIN unnest($1::uuid[]) AS t(id) ON m.message_key = 'remind-now:' || t.id || ':' || $2
        WHERE m.status IN ('queued', 'sent')`,
      [ids, today],
    );
    const remindedByHand = new Set(manual.map((row) => row.assessment_id));
    return due.map((row) => ({ ...row, remindedByHand: remindedByHand.has(row.assessmentId) }));
  }

  private async writeReminders(
    manager: EntityManager,
    { due, now }: { due: DueReminder[]; now: Date },
  ): Promise<(DueReminder & { status: string })[]> {
    // No primary contact: nobody to remind (the campaign view shows the supplier as unreachable).
    const reachable = due.filter((row) => row.email);
    if (reachable.length === 0) return [];
    // created_at is the sweep's own instant (the digests' too): its Tokyo day is the day the step
    // was written for, which a manual reminder the same day is checked against.
    const inserted: { id: string; message_key: string; status: string }[] = await manager.query(
      `INSERT INTO mail_messages (organization_id, message_key, kind, status, to_email, to_name,
              locale, contact_id, campaign_id, assessment_id, last_error, created_at)
       SELECT r.organization_id, r.message_key, 'reminder', r.status, r.email, r.name, r.locale,
              r.contact_id, r.campaign_id, r.assessment_id, r.last_error, $2::timestamptz
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
            status: row.undeliverableReason || row.remindedByHand ? 'skipped' : 'queued',
            email: row.email,
            name: row.name,
            locale: row.language ?? 'ja',
            contact_id: row.contactId,
            campaign_id: row.campaignId,
            assessment_id: row.assessmentId,
            last_error: row.undeliverableReason
              ? `not sent: address undeliverable (${row.undeliverableReason})`
              : row.remindedByHand
                ? REMINDED_BY_HAND
                : null,
          })),
        ),
        now.toISOString(),
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
    { due, today, now }: { due: DueReminder[]; today: string; now: Date },
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
                user_id, campaign_id, created_at)
         SELECT u.organization_id, 'escalate:' || u.id || ':' || $2, 'escalation', r.email,
                r.display_name, r.locale, u.id, d.campaign_id, $3::timestamptz
           FROM jsonb_to_recordset($1::jsonb) AS d(owner_id uuid, campaign_id uuid)
           JOIN users u ON u.id = d.owner_id
          -- The digest still lists the owner's campaigns: user_id stays the owner's.
          CROSS JOIN LATERAL (${STAFF_RECIPIENT}) r
         ON CONFLICT (message_key) DO NOTHING
         RETURNING id, message_key, organization_id`,
        [JSON.stringify(digests), today, now.toISOString()],
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

/** last_error of a step covered by a manual reminder the same day (the supplier page words it). */
export const REMINDED_BY_HAND = 'covered by a manual reminder the same day';

/** The query spells the key (`remind:<assessmentId>:[r<revision>:]<step>`), in one place. */
const reminderKey = (row: DueReminder): string => row.messageKey;
