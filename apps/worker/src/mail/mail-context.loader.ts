import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { linkExpiry } from '@kakehashi/auth';
import { Environment } from '@kakehashi/config';
import { daysUntil, formatDueDate, MailData, MailLocale } from '@kakehashi/mail';
import { findEscalatedSuppliers } from '../reminders/escalation-digest.query';
import { LinkIssuer } from './link-issuer';
import { LoadedMail } from './mail-row.loader';

/** Everything needed to send one row, or why it must not be sent. */
export type MailContext =
  { send: true; mail: MailData; fromName: string } | { send: false; reason: string };

/**
 * Builds, from the mail_messages row alone, the template data of its kind (see
 * libs/mail/src/README.md). Supplier mails get a fresh link token here, at send time.
 */
@Injectable()
export class MailContextLoader {
  constructor(
    private readonly dataSource: DataSource,
    private readonly links: LinkIssuer,
    private readonly env: Environment,
  ) {}

  async load(row: LoadedMail): Promise<MailContext> {
    const locale: MailLocale = row.locale === 'en' ? 'en' : 'ja';
    switch (row.kind) {
      case 'invitation':
      case 'reminder':
      case 'reopened':
      case 'link':
        return this.supplierMail(row, locale);
      case 'escalation':
        return this.escalation(row, locale);
      case 'alert':
        return this.alert(row, locale);
    }
  }

  private get appUrl(): string {
    return this.env.APP_URL.replace(/\/$/, '');
  }

  private async supplierMail(row: LoadedMail, locale: MailLocale): Promise<MailContext> {
    if (
      !row.assessmentId ||
      !row.dueDate ||
      row.supplierName === null ||
      row.campaignName === null
    ) {
      return { send: false, reason: 'assessment not found' };
    }
    if (row.contactUndeliverable) return { send: false, reason: 'contact undeliverable' };
    if (row.campaignStatus === 'closed') return { send: false, reason: 'campaign closed' };
    // Reminders stop the moment the supplier submits, even if the row was written just before.
    if (row.kind === 'reminder' && ['submitted', 'scored'].includes(row.assessmentStatus ?? '')) {
      return { send: false, reason: 'already submitted' };
    }
    const token = await this.links.issue({
      organizationId: row.organizationId,
      assessmentId: row.assessmentId,
      contactId: row.contactId,
      expiresAt: linkExpiry(row.dueDate),
    });
    const common = {
      recipientName: row.toName,
      organizationName: row.organizationName,
      senderName: row.senderName ?? row.organizationName,
      supplierName: row.supplierName,
      campaignName: row.campaignName,
      dueDate: formatDueDate(row.dueDate, locale),
      link: `${this.appUrl}/q/${token}`,
    };
    const fromName = common.senderName;
    switch (row.kind) {
      case 'invitation':
        return {
          send: true,
          fromName,
          mail: { kind: 'invitation', locale, data: { ...common, message: row.campaignMessage } },
        };
      case 'reminder':
        return {
          send: true,
          fromName,
          mail: { kind: 'reminder', locale, data: { ...common, daysLeft: daysUntil(row.dueDate) } },
        };
      case 'reopened':
        return {
          send: true,
          fromName,
          mail: { kind: 'reopened', locale, data: { ...common, message: row.reopenMessage ?? '' } },
        };
      default:
        return { send: true, fromName, mail: { kind: 'link', locale, data: common } };
    }
  }

  /**
   * One digest per owner and Tokyo day (`escalate:<ownerId>:<YYYY-MM-DD>`), listing, as of that
   * day, the owner's suppliers still unanswered after the escalation step, across campaigns.
   */
  private async escalation(row: LoadedMail, locale: MailLocale): Promise<MailContext> {
    const date = row.messageKey.split(':')[2];
    if (!row.userId || !/^\d{4}-\d{2}-\d{2}$/.test(date ?? '')) {
      return { send: false, reason: 'malformed escalation key' };
    }
    const [owner] = await this.dataSource.query<{ org_name: string; display_name: string }[]>(
      `SELECT o.name AS org_name, u.display_name FROM users u
         JOIN organizations o ON o.id = u.organization_id
        WHERE u.id = $1 AND u.organization_id = $2`,
      [row.userId, row.organizationId],
    );
    if (!owner) return { send: false, reason: 'owner not found' };
    const escalated = await findEscalatedSuppliers(this.dataSource.manager, {
      organizationId: row.organizationId,
      ownerId: row.userId,
      date,
    });
    if (escalated.length === 0) return { send: false, reason: 'nothing overdue any more' };
    const campaigns = [...new Set(escalated.map((s) => s.campaignName))];
    const firstCampaignId = escalated[0].campaignId;
    return {
      send: true,
      fromName: owner.org_name,
      mail: {
        kind: 'escalation',
        locale,
        data: {
          recipientName: row.toName ?? owner.display_name,
          organizationName: owner.org_name,
          senderName: owner.org_name,
          campaignName: campaigns.join(' / '),
          dueDate: formatDueDate(escalated[0].dueDate, locale),
          overdue: escalated.map((s) => ({
            supplierName: s.supplierName,
            status:
              locale === 'ja' ? `期限超過 ${s.daysOverdue}日` : `${s.daysOverdue} days overdue`,
            contactEmail: null,
          })),
          consoleLink:
            campaigns.length === 1
              ? `${this.appUrl}/dashboard?campaign=${firstCampaignId}`
              : `${this.appUrl}/dashboard`,
        },
      },
    };
  }

  private async alert(row: LoadedMail, locale: MailLocale): Promise<MailContext> {
    const [ctx] = await this.dataSource.query<
      {
        supplier_id: string;
        supplier_name: string;
        campaign_name: string;
        org_name: string;
        tier: string | null;
        risk_score: number | null;
      }[]
    >(
      `SELECT s.id AS supplier_id, s.name AS supplier_name, c.name AS campaign_name,
              o.name AS org_name, sc.tier, sc.risk_score
         FROM assessments a
         JOIN campaigns c ON c.id = a.campaign_id
         JOIN suppliers s ON s.id = a.supplier_id
         JOIN organizations o ON o.id = a.organization_id
         LEFT JOIN LATERAL (SELECT tier, risk_score FROM assessment_scores x
                             WHERE x.assessment_id = a.id
                             ORDER BY x.submission DESC, x.created_at DESC LIMIT 1) sc ON true
        WHERE a.id = $1 AND a.organization_id = $2`,
      [row.assessmentId, row.organizationId],
    );
    if (!ctx || ctx.tier === null) return { send: false, reason: 'no score to alert on' };
    return {
      send: true,
      fromName: ctx.org_name,
      mail: {
        kind: 'alert',
        locale,
        data: {
          recipientName: row.toName,
          organizationName: ctx.org_name,
          senderName: ctx.org_name,
          supplierName: ctx.supplier_name,
          campaignName: ctx.campaign_name,
          tier: ctx.tier,
          riskScore: Math.round(Number(ctx.risk_score) * 10) / 10,
          consoleLink: `${this.appUrl}/console/suppliers/${ctx.supplier_id}`,
        },
      },
    };
  }
}
