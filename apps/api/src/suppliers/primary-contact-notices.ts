import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OutboxService, sendMailEntry } from '@kakehashi/queue';

/** Each supplier's primary contact id (null: none). */
export type PrimaryContacts = Map<string, string | null>;

/** What announce() queued: mails, and the distinct new contacts they go to. */
export interface NoticesQueued {
  mails: number;
  contacts: number;
}

/** Supplier mail that carries a link to the assessment. */
const LINK_MAIL_KINDS = [
  'invitation',
  'reminder',
  'reopened',
  'link',
  'due_date_changed',
  'contact_changed',
];

/**
 * When a supplier's primary contact changes (replaced, or another contact made primary) while it
 * is still answering a launched campaign, the new contact gets a link of their own, in the
 * transaction of the change: otherwise nothing reaches them before the next reminder, and the
 * invitation they never saw may have been revoked with the contact who left.
 */
@Injectable()
export class PrimaryContactNotices {
  constructor(private readonly outbox: OutboxService) {}

  /** Call in the transaction, before the change (after locking the suppliers changed). */
  async snapshot(
    manager: EntityManager,
    input: { organizationId: string; supplierIds: string[] },
  ): Promise<PrimaryContacts> {
    if (input.supplierIds.length === 0) return new Map();
    const rows = await manager.query<{ supplier_id: string; id: string }[]>(
      `SELECT supplier_id, id FROM supplier_contacts
        WHERE organization_id = $1 AND supplier_id = ANY($2::uuid[]) AND is_primary`,
      [input.organizationId, input.supplierIds],
    );
    const primaries: PrimaryContacts = new Map(input.supplierIds.map((id) => [id, null]));
    for (const row of rows) primaries.set(row.supplier_id, row.id);
    return primaries;
  }

  /**
   * After the change, in the same transaction: one `contact_changed` mail per open assessment
   * (invited, opened, in progress) of a launched campaign to each supplier's new primary contact
   * (`contact-changed:<assessmentId>:<contactId>`, so saving the same change again mails nobody).
   * Left out: an assessment whose invitation is not written yet (the fan-out invites the current
   * primary contact itself), and a contact already mailed a link to it (made primary again). An
   * undeliverable address is recorded skipped, as reminders are. Returns how many were queued,
   * and to how many contacts.
   */
  async announce(
    manager: EntityManager,
    input: { organizationId: string; actorId: string; before: PrimaryContacts },
  ): Promise<NoticesQueued> {
    const after = await this.snapshot(manager, {
      organizationId: input.organizationId,
      supplierIds: [...input.before.keys()],
    });
    const changed = [...after].filter(
      (entry): entry is [string, string] =>
        entry[1] !== null && input.before.get(entry[0]) !== entry[1],
    );
    if (changed.length === 0) return { mails: 0, contacts: 0 };
    const written = await manager.query<
      { id: string; message_key: string; status: string; contact_id: string }[]
    >(
      `INSERT INTO mail_messages (organization_id, message_key, kind, status, to_email, to_name,
              locale, contact_id, campaign_id, assessment_id, user_id, last_error)
       SELECT a.organization_id, 'contact-changed:' || a.id || ':' || ct.id, 'contact_changed',
              CASE WHEN ct.undeliverable_at IS NULL THEN 'queued' ELSE 'skipped' END,
              ct.email, ct.name, CASE WHEN ct.language = 'en' THEN 'en' ELSE 'ja' END, ct.id,
              a.campaign_id, a.id, $4,
              CASE WHEN ct.undeliverable_at IS NOT NULL
                   THEN 'not sent: address undeliverable ('
                        || COALESCE(ct.undeliverable_reason, 'undeliverable') || ')' END
         FROM assessments a
         JOIN campaigns c ON c.id = a.campaign_id AND c.organization_id = a.organization_id
         JOIN supplier_contacts ct ON ct.organization_id = a.organization_id
                                  AND ct.supplier_id = a.supplier_id AND ct.id = ANY($3::uuid[])
        WHERE a.organization_id = $1 AND a.supplier_id = ANY($2::uuid[])
          AND c.status = 'launched' AND a.status IN ('invited', 'opened', 'in_progress')
          AND EXISTS (SELECT 1 FROM mail_messages i WHERE i.message_key = 'invite:' || a.id)
          AND NOT EXISTS (SELECT 1 FROM mail_messages p
                           WHERE p.assessment_id = a.id AND p.contact_id = ct.id
                             AND p.kind = ANY($5::text[]) AND p.status IN ('queued', 'sent'))
       ON CONFLICT (message_key) DO NOTHING
       RETURNING id, message_key, status, contact_id`,
      [
        input.organizationId,
        changed.map(([supplierId]) => supplierId),
        changed.map(([, contactId]) => contactId),
        input.actorId,
        LINK_MAIL_KINDS,
      ],
    );
    const queued = written.filter((row) => row.status === 'queued');
    await this.outbox.add(
      manager,
      queued.map((row) => sendMailEntry(input.organizationId, row)),
    );
    return { mails: queued.length, contacts: new Set(queued.map((row) => row.contact_id)).size };
  }
}
