import { DataSource } from 'typeorm';
import type { Campaign, MailKind, MailStatus } from '@kakehashi/database';

/**
 * Assessments of launched campaigns still waiting for their invitation row: launching writes the
 * assessments, and the fan-out writes their invitations a few seconds later. Until then they
 * count as queued, not as nothing. Returns a count per campaign id.
 */
export async function pendingInvitations(
  dataSource: DataSource,
  input: { organizationId: string; campaignIds: string[] },
): Promise<Map<string, number>> {
  if (input.campaignIds.length === 0) return new Map();
  // The fan-out's own condition: an invited assessment without an `invite:<id>` row.
  const rows = await dataSource.query<{ campaign_id: string; n: number }[]>(
    `SELECT a.campaign_id, count(*)::int AS n
       FROM assessments a
       JOIN campaigns c ON c.id = a.campaign_id AND c.organization_id = a.organization_id
      WHERE a.campaign_id = ANY($1::uuid[]) AND a.organization_id = $2
        AND c.status = 'launched' AND a.status = 'invited'
        AND NOT EXISTS (SELECT 1 FROM mail_messages m WHERE m.message_key = 'invite:' || a.id)
      GROUP BY a.campaign_id`,
    [input.campaignIds, input.organizationId],
  );
  return new Map(rows.map((row) => [row.campaign_id, row.n]));
}

/** What the list adds about who was mailed. */
export interface MailRecipients {
  /** The address the invitation was actually written to (null: no invitation yet, or nobody). */
  invitationEmail: string | null;
  /** The latest supplier mail about the assessment to the current primary contact. */
  contactMailKind: MailKind | null;
  contactDelivery: MailStatus | 'none';
}

/**
 * Completes the campaign's assessment list with whom mail actually went to: `contactEmail` is the
 * supplier's primary contact now, who need not be the person the invitation went to. An invited
 * assessment of a launched campaign whose invitation is not written yet reads `queued`.
 */
export async function withMailRecipients<T extends Record<string, unknown>>(
  dataSource: DataSource,
  input: { organizationId: string; campaignStatus: Campaign['status']; rows: T[] },
): Promise<(T & MailRecipients)[]> {
  if (input.rows.length === 0) return [];
  const found = await dataSource.query<({ id: string } & MailRecipients)[]>(
    `SELECT a.id, NULLIF(i.to_email, '') AS "invitationEmail",
            cm.kind AS "contactMailKind", COALESCE(cm.status, 'none') AS "contactDelivery"
       FROM assessments a
       LEFT JOIN mail_messages i ON i.message_key = 'invite:' || a.id
       LEFT JOIN supplier_contacts ct ON ct.organization_id = a.organization_id
                                     AND ct.supplier_id = a.supplier_id AND ct.is_primary
       LEFT JOIN LATERAL (
         SELECT m.kind, m.status FROM mail_messages m
          WHERE m.assessment_id = a.id AND m.organization_id = a.organization_id
            AND m.contact_id = ct.id
          ORDER BY m.created_at DESC, m.id DESC LIMIT 1) cm ON true
      WHERE a.id = ANY($1::uuid[]) AND a.organization_id = $2`,
    [input.rows.map((row) => row.id), input.organizationId],
  );
  const byId = new Map(found.map((row) => [row.id, row]));
  return input.rows.map((row) => {
    const recipients = byId.get(row.id as string);
    const pending =
      row.delivery === 'none' && row.status === 'invited' && input.campaignStatus === 'launched';
    return {
      ...row,
      delivery: pending ? 'queued' : row.delivery,
      invitationEmail: recipients?.invitationEmail ?? null,
      contactMailKind: recipients?.contactMailKind ?? null,
      contactDelivery: recipients?.contactDelivery ?? 'none',
    };
  });
}
