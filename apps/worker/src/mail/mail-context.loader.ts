import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { hashLinkToken, linkExpiry, newLinkToken } from '@kakehashi/auth';
import { Environment } from '@kakehashi/config';
import { USER_LINK_LIFETIME, UserLinkPurpose, UserRole } from '@kakehashi/database';
import {
  ALERT_LIST_LIMIT,
  daysUntil,
  formatDateTime,
  formatDueDate,
  MailData,
  MailLocale,
  USER_ROLE_LABELS,
} from '@kakehashi/mail';
import { Clock } from '@kakehashi/queue';
import { findEscalatedSuppliers } from '../reminders/escalation-digest.query';
import { byRiskThenName, digestLink } from '../scoring/alert-digest';
import { gatheredAlertScoreIds } from '../scoring/alert-window';
import { LinkIssuer } from './link-issuer';
import { LoadedMail } from './mail-row.loader';
import { loadSubmissionReceipt } from './submission-receipt.loader';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Everything needed to send one row, or why it must not be sent. */
export type MailContext =
  | {
      send: true;
      mail: MailData;
      fromName: string;
      /** Supplier mails: replies reach the campaign owner, not the no-reply sender. */
      replyTo?: { name: string; address: string };
    }
  | { send: false; reason: string };

/**
 * Builds, from the mail_messages row alone, the template data of its kind (see
 * libs/mail/src/README.md). Supplier mails get a fresh link token here, at send time.
 */
/** A buyer user's link whose token was just made. */
interface IssuedUserLink {
  token: string;
  email: string;
  displayName: string;
  role: UserRole;
  expiresAt: Date;
}

@Injectable()
export class MailContextLoader {
  constructor(
    private readonly dataSource: DataSource,
    private readonly links: LinkIssuer,
    private readonly env: Environment,
    private readonly clock: Clock,
  ) {}

  async load(row: LoadedMail): Promise<MailContext> {
    const locale: MailLocale = row.locale === 'en' ? 'en' : 'ja';
    switch (row.kind) {
      case 'invitation':
      case 'reminder':
      case 'reopened':
      case 'link':
      case 'due_date_changed':
      case 'contact_changed':
        return this.supplierMail(row, locale);
      case 'escalation':
        return this.escalation(row, locale);
      case 'alert':
        return this.alert(row, locale);
      case 'user_invitation':
        return this.userInvitation(row, locale);
      case 'submission_receipt':
        return loadSubmissionReceipt(this.dataSource, row, locale);
      case 'password_reset':
        return this.passwordReset(row, locale);
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
    // Every supplier mail is written for a contact; none left means the contact was removed from
    // the supplier (their links were revoked then): no fresh link goes to that address.
    if (!row.contactId) return { send: false, reason: 'contact removed' };
    if (row.contactUndeliverable) return { send: false, reason: 'contact undeliverable' };
    if (row.campaignStatus === 'closed') return { send: false, reason: 'campaign closed' };
    // Reminders (and change notices) stop the moment the supplier submits, even if the row was
    // written just before.
    if (
      (row.kind === 'reminder' ||
        row.kind === 'due_date_changed' ||
        row.kind === 'contact_changed') &&
      ['submitted', 'scored'].includes(row.assessmentStatus ?? '')
    ) {
      return { send: false, reason: 'already submitted' };
    }
    // `due-date:<assessmentId>:<revision>`: a notice not yet sent when the date changed again
    // gives way to the later one (both would announce the same, current date).
    if (
      row.kind === 'due_date_changed' &&
      Number(row.messageKey.split(':')[2]) < Number(row.dueDateRevision ?? 0)
    ) {
      return { send: false, reason: 'superseded by a later change' };
    }
    // `contact-changed:<assessmentId>:<contactId>`: meant for the contact who became primary. Once
    // another one has (the row may have been re-addressed to them on a removal), that one gets a
    // message of their own.
    if (
      row.kind === 'contact_changed' &&
      (row.messageKey.split(':')[2] !== row.contactId || row.contactPrimary === false)
    ) {
      return { send: false, reason: 'superseded by a later contact change' };
    }
    // One reading of the clock for the whole mail: the link's lifetime and the day count agree.
    const now = this.clock.now();
    const token = await this.links.issue({
      organizationId: row.organizationId,
      assessmentId: row.assessmentId,
      contactId: row.contactId,
      // From the moment it is minted: a link mailed long after the due date must not arrive dead.
      expiresAt: linkExpiry(row.dueDate, now),
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
    const replyTo = row.buyerContactEmail
      ? { name: row.buyerContactName ?? '', address: row.buyerContactEmail }
      : undefined;
    switch (row.kind) {
      case 'invitation':
        return {
          send: true,
          fromName,
          replyTo,
          mail: { kind: 'invitation', locale, data: { ...common, message: row.campaignMessage } },
        };
      case 'reminder':
        return {
          send: true,
          fromName,
          replyTo,
          mail: {
            kind: 'reminder',
            locale,
            data: { ...common, daysLeft: daysUntil(row.dueDate, now) },
          },
        };
      case 'reopened':
        return {
          send: true,
          fromName,
          replyTo,
          mail: {
            kind: 'reopened',
            locale,
            data: {
              ...common,
              message: row.reopenMessage ?? '',
              daysLeft: daysUntil(row.dueDate, now),
            },
          },
        };
      case 'due_date_changed':
        return {
          send: true,
          fromName,
          replyTo,
          mail: { kind: 'due_date_changed', locale, data: common },
        };
      case 'contact_changed':
        return {
          send: true,
          fromName,
          replyTo,
          mail: { kind: 'contact_changed', locale, data: common },
        };
      default:
        return { send: true, fromName, replyTo, mail: { kind: 'link', locale, data: common } };
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

  /**
   * The scores an alert mail lists: a gathered mail's window (see HighTierAlert), or the one
   * notification keyed like the mail; null when there is no such notification.
   */
  private async alertScoreIds(row: LoadedMail): Promise<unknown[] | null> {
    const gathered = await gatheredAlertScoreIds(this.dataSource, row);
    if (gathered) return gathered;
    const key = row.messageKey.replace(/^alert:/, '');
    const [note] = await this.dataSource.query<{ detail: { scoreId?: unknown }[] | null }[]>(
      'SELECT detail FROM notifications WHERE key = $1 AND organization_id = $2',
      [key, row.organizationId],
    );
    if (!note) return null;
    // A notification written before digests has no detail: its key names its one score.
    return Array.isArray(note.detail)
      ? note.detail.map((item) => item.scoreId)
      : [key.replace(/^high-tier:/, '')];
  }

  /**
   * A digest of the suppliers one scoring batch (or, gathered, one window of batches) rated high
   * or critical for this owner; names, campaigns, tiers and risk scores are read now, most severe
   * first, then by name.
   */
  private async alert(row: LoadedMail, locale: MailLocale): Promise<MailContext> {
    const listed = await this.alertScoreIds(row);
    if (!listed) return { send: false, reason: 'notification not found' };
    const scoreIds = listed.filter((id): id is string => typeof id === 'string' && UUID.test(id));
    const scores = await this.dataSource.query<
      {
        scoreId: string;
        supplierId: string;
        supplierName: string;
        campaignId: string;
        campaignName: string;
        tier: string;
        riskScore: number;
      }[]
    >(
      `SELECT x.id AS "scoreId", s.id AS "supplierId", s.name AS "supplierName",
              c.id AS "campaignId", c.name AS "campaignName", x.tier, x.risk_score AS "riskScore"
         FROM assessment_scores x
         JOIN suppliers s ON s.id = x.supplier_id
         JOIN campaigns c ON c.id = x.campaign_id
        WHERE x.id = ANY($1::uuid[]) AND x.organization_id = $2`,
      [scoreIds, row.organizationId],
    );
    if (scores.length === 0) return { send: false, reason: 'no score to alert on' };
    scores.sort(byRiskThenName);
    const supplierPage = (supplierId: string) => `${this.appUrl}/dashboard/suppliers/${supplierId}`;
    return {
      send: true,
      fromName: row.organizationName,
      mail: {
        kind: 'alert',
        locale,
        data: {
          recipientName: row.toName,
          organizationName: row.organizationName,
          senderName: row.organizationName,
          suppliers: scores.slice(0, ALERT_LIST_LIMIT).map((score) => ({
            supplierName: score.supplierName,
            campaignName: score.campaignName,
            tier: score.tier,
            riskScore: Math.round(Number(score.riskScore) * 10) / 10,
            link: supplierPage(score.supplierId),
          })),
          more: Math.max(0, scores.length - ALERT_LIST_LIMIT),
          supplierCount: new Set(scores.map((score) => score.supplierId)).size,
          consoleLink: `${this.appUrl}${digestLink(scores)}`,
        },
      },
    };
  }

  /**
   * A buyer user's invitation (`user-invite:<invitationId>`). Its token is made here, at send
   * time, and only the SHA-256 is stored; a second run (a retry) replaces the token, so only the
   * link in the mail that went out works. Nothing is sent once the invitation was revoked (a
   * newer one, a deactivation) or used, or the user has set a password meanwhile.
   */
  private async userInvitation(row: LoadedMail, locale: MailLocale): Promise<MailContext> {
    const issued = await this.issueUserLink(row, {
      purpose: 'invitation',
      passwordSet: false,
    });
    if (issued === 'malformed') return { send: false, reason: 'malformed invitation key' };
    if (!issued) return { send: false, reason: 'invitation no longer open' };
    return {
      send: true,
      fromName: row.organizationName,
      mail: {
        kind: 'user_invitation',
        locale,
        data: {
          ...this.userLinkData(row, locale, issued),
          roleLabel: USER_ROLE_LABELS[locale][issued.role],
        },
      },
    };
  }

  /**
   * A password reset asked for on the login page (`password-reset:<invitationId>`): like an
   * invitation, its token is made here and only the SHA-256 stored, and the link lasts an hour
   * from sending. Nothing is sent once the link was revoked (a password set through another reset
   * link, a deactivation) or used, or the user was deactivated meanwhile.
   */
  private async passwordReset(row: LoadedMail, locale: MailLocale): Promise<MailContext> {
    const issued = await this.issueUserLink(row, {
      purpose: 'password_reset',
      passwordSet: true,
    });
    if (issued === 'malformed') return { send: false, reason: 'malformed password reset key' };
    if (!issued) return { send: false, reason: 'password reset no longer open' };
    return {
      send: true,
      fromName: row.organizationName,
      mail: { kind: 'password_reset', locale, data: this.userLinkData(row, locale, issued) },
    };
  }

  /**
   * Makes the token of a buyer user's link (`<prefix>:<invitationId>`) and stores its hash, with
   * its lifetime counted from the Clock's now, if the link is still open and the user still in the
   * state it is for (not deactivated; a password set, or not yet). A retry replaces the token.
   */
  private async issueUserLink(
    row: LoadedMail,
    link: { purpose: UserLinkPurpose; passwordSet: boolean },
  ): Promise<IssuedUserLink | undefined | 'malformed'> {
    const invitationId = row.messageKey.split(':')[1] ?? '';
    if (!row.userId || !UUID.test(invitationId)) return 'malformed';
    const token = newLinkToken();
    // A CTE, so the driver answers the RETURNING rows as it does for a SELECT.
    const [issued] = await this.dataSource.query<Omit<IssuedUserLink, 'token'>[]>(
      `WITH issued AS (
         UPDATE user_invitations i
            SET token_hash = $4, expires_at = $8::timestamptz + $5::interval
           FROM users u
          WHERE i.id = $1 AND i.organization_id = $2 AND i.user_id = $3
            AND i.purpose = $6 AND i.used_at IS NULL AND i.revoked_at IS NULL
            AND u.id = i.user_id AND u.organization_id = i.organization_id
            AND u.deactivated_at IS NULL AND (u.password_hash IS NOT NULL) = $7
        RETURNING u.email, u.display_name AS "displayName", u.role, i.expires_at AS "expiresAt")
       SELECT * FROM issued`,
      [
        invitationId,
        row.organizationId,
        row.userId,
        hashLinkToken(token),
        USER_LINK_LIFETIME[link.purpose],
        link.purpose,
        link.passwordSet,
        this.clock.now().toISOString(),
      ],
    );
    return issued ? { ...issued, token } : undefined;
  }

  /** What invitation and reset mails both say: who, for which organization, the link and until when. */
  private userLinkData(row: LoadedMail, locale: MailLocale, issued: IssuedUserLink) {
    return {
      recipientName: row.toName ?? issued.displayName,
      organizationName: row.organizationName,
      senderName: row.organizationName,
      email: issued.email,
      link: `${this.appUrl}/set-password/${issued.token}?lang=${locale}`,
      expiresAt: formatDateTime(new Date(issued.expiresAt), locale),
    };
  }
}
