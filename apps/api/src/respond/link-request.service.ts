import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AssessmentLink, AuditService, SupplierContact } from '@kakehashi/database';
import { OutboxService, sendMailEntry } from '@kakehashi/queue';
import { RespondThrottleService } from './respond-throttle.service';

/** One fresh-link mail per assessment per window, however often the form is posted. */
const WINDOW_MS = 10 * 60 * 1000;

/**
 * Sends a fresh link for an expired or withdrawn one, always to the contact registered for the
 * link (never to an address typed into the form). The mail processor issues the new token when
 * it renders the 'link' message, as it does for invitations.
 */
@Injectable()
export class LinkRequestService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly throttle: RespondThrottleService,
  ) {}

  /**
   * A person's request from a page (the emailed link's or a session's): limited per address and
   * per link, then `request`. False when the limit is reached and nothing was queued.
   */
  async requestFromPage(link: AssessmentLink, ip: string | null): Promise<boolean> {
    const allowed =
      (await this.throttle.allow(`resend-ip:${ip ?? 'unknown'}`, 20, 3600_000)) &&
      (await this.throttle.allow(`resend-link:${link.id}`, 5, 3600_000));
    if (!allowed) return false;
    await this.request(link, ip);
    return true;
  }

  async request(
    link: AssessmentLink,
    ip: string | null,
    now = Date.now(),
  ): Promise<{ queued: boolean }> {
    return this.dataSource.transaction(async (manager) => {
      const contact = await this.contactFor(link);
      if (!contact || contact.undeliverableAt) return { queued: false };
      const campaign = (await manager.query(
        'SELECT campaign_id FROM assessments WHERE id = $1 AND organization_id = $2',
        [link.assessmentId, link.organizationId],
      )) as { campaign_id: string }[];
      const messageKey = `link:${link.assessmentId}:${Math.floor(now / WINDOW_MS)}`;
      const inserted = (await manager.query(
        `INSERT INTO mail_messages (organization_id, message_key, kind, to_email, to_name, locale,
                                    contact_id, campaign_id, assessment_id)
         VALUES ($1, $2, 'link', $3, $4, $5, $6, $7, $8)
         ON CONFLICT (message_key) DO NOTHING RETURNING id`,
        [
          link.organizationId,
          messageKey,
          contact.email,
          contact.name,
          contact.language,
          contact.id,
          campaign[0]?.campaign_id ?? null,
          link.assessmentId,
        ],
      )) as { id: string }[];
      if (inserted.length === 0) return { queued: true };
      await this.outbox.add(manager, [
        sendMailEntry(link.organizationId, { id: inserted[0].id, message_key: messageKey }),
      ]);
      await this.audit.record(
        {
          organizationId: link.organizationId,
          actorType: 'anonymous',
          action: 'assessment.link_requested',
          targetType: 'assessment',
          targetId: link.assessmentId,
          details: { linkId: link.id, contactId: contact.id },
          ip,
        },
        manager,
      );
      return { queued: true };
    });
  }

  /** The link's own contact, else the supplier's primary contact. */
  private async contactFor(link: AssessmentLink): Promise<SupplierContact | null> {
    const contacts = this.dataSource.getRepository(SupplierContact);
    if (link.contactId) {
      const contact = await contacts.findOne({
        where: { id: link.contactId, organizationId: link.organizationId },
      });
      if (contact) return contact;
    }
    const rows = (await this.dataSource.query(
      `SELECT c.id FROM supplier_contacts c JOIN assessments a ON a.supplier_id = c.supplier_id
        WHERE a.id = $1 AND a.organization_id = $2 AND c.is_primary`,
      [link.assessmentId, link.organizationId],
    )) as { id: string }[];
    return rows[0] ? contacts.findOne({ where: { id: rows[0].id } }) : null;
  }
}
