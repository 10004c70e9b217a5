import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MailKind, MailStatus } from '@kakehashi/database';
import { STAFF_RECIPIENT } from '../staff-recipient';
import { MicroBatcher } from './micro-batcher';

/** A mail_messages row with what supplier mails need, loaded in one joined query per batch. */
export interface LoadedMail {
  id: string;
  organizationId: string;
  messageKey: string;
  assessmentStatus: string | null;
  kind: MailKind;
  status: MailStatus;
  toEmail: string;
  toName: string | null;
  locale: string;
  contactId: string | null;
  userId: string | null;
  campaignId: string | null;
  assessmentId: string | null;
  /** From the assessment's supplier and campaign (null when the row has no assessment). */
  supplierName: string | null;
  campaignName: string | null;
  campaignStatus: string | null;
  dueDate: string | null;
  /** campaigns.due_date_revision: a change notice of an earlier revision is superseded. */
  dueDateRevision: number | null;
  senderName: string | null;
  campaignMessage: string | null;
  reopenMessage: string | null;
  organizationName: string;
  contactUndeliverable: boolean;
  /** Whether the row's contact is (still) the supplier's primary contact. */
  contactPrimary?: boolean;
  /**
   * Whom the supplier may ask: the campaign owner, or the organization's longest-serving active
   * admin once the owner was deactivated (null without a campaign or such a person).
   */
  buyerContactName?: string | null;
  buyerContactEmail?: string | null;
}

@Injectable()
export class MailRowLoader {
  private readonly batcher = new MicroBatcher<string, LoadedMail | undefined>((ids) =>
    this.loadMany(ids),
  );

  constructor(private readonly dataSource: DataSource) {}

  load(id: string): Promise<LoadedMail | undefined> {
    return this.batcher.add(id);
  }

  private async loadMany(ids: string[]): Promise<(LoadedMail | undefined)[]> {
    const rows = await this.dataSource.query<LoadedMail[]>(
      `SELECT m.id, m.organization_id AS "organizationId", m.message_key AS "messageKey", m.kind,
              m.status, m.to_email AS "toEmail", m.to_name AS "toName", m.locale,
              m.contact_id AS "contactId", m.user_id AS "userId", m.campaign_id AS "campaignId",
              m.assessment_id AS "assessmentId", s.name AS "supplierName",
              c.name AS "campaignName", c.status AS "campaignStatus",
              a.status AS "assessmentStatus",
              to_char(c.due_date, 'YYYY-MM-DD') AS "dueDate", c.sender_name AS "senderName",
              c.due_date_revision AS "dueDateRevision",
              c.message AS "campaignMessage", a.reopen_message AS "reopenMessage",
              o.name AS "organizationName",
              COALESCE(ct.undeliverable_at IS NOT NULL, false) AS "contactUndeliverable",
              COALESCE(ct.is_primary, false) AS "contactPrimary",
              r.display_name AS "buyerContactName", r.email AS "buyerContactEmail"
         FROM mail_messages m
         JOIN organizations o ON o.id = m.organization_id
         LEFT JOIN assessments a ON a.id = m.assessment_id AND a.organization_id = m.organization_id
         LEFT JOIN campaigns c ON c.id = a.campaign_id
         LEFT JOIN suppliers s ON s.id = a.supplier_id
         LEFT JOIN supplier_contacts ct ON ct.id = m.contact_id
         LEFT JOIN users u ON u.id = c.owner_id AND u.organization_id = c.organization_id
         LEFT JOIN LATERAL (${STAFF_RECIPIENT}) r ON true
        WHERE m.id = ANY($1::uuid[])`,
      [ids],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id));
  }
}
