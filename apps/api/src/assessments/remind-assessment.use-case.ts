import { isUUID } from 'class-validator';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuthenticatedUser } from '@kakehashi/auth';
import { AuditService } from '@kakehashi/database';
import { tokyoToday } from '@kakehashi/mail';
import { Clock, OutboxService, sendMailEntry, tokyoDate } from '@kakehashi/queue';

/** Why a reminder was not sent now (the `reason` of the 409 body; the console words each). */
export type RemindRefusal =
  | 'already_reminded_today'
  | 'submitted'
  | 'campaign_not_launched'
  | 'no_contact'
  | 'contact_undeliverable'
  | 'not_invited_yet';

export interface RemindResult {
  assessmentId: string;
  /** The supplier's primary contact the reminder is addressed to. */
  to: string;
  /** `remind-now:<assessmentId>:<YYYY-MM-DD>` (Tokyo date): one manual reminder a day. */
  messageKey: string;
}

/** The manual reminder's key: one per assessment and Tokyo calendar day. */
export function remindNowKey(assessmentId: string, today: string = tokyoToday()): string {
  return `remind-now:${assessmentId}:${today}`;
}

interface Target {
  id: string;
  status: string;
  campaign_id: string;
  campaign_name: string;
  campaign_status: string;
  contact_id: string | null;
  email: string | null;
  name: string | null;
  language: string | null;
  undeliverable: boolean;
  /** The invitation mail has been sent (or refused), not merely queued or not yet written. */
  invited: boolean;
}

/**
 * 「今すぐ催促」: procurement reminds one supplier now, outside the reminder schedule. The mail is
 * a `reminder` (a fresh link is minted when it is sent) written with its send-mail outbox row in
 * one transaction, so it goes out at once, whatever the organization's sending window: a person
 * asked for it, unlike the scheduled sweep, which waits for the window. Its message key is unique
 * per assessment and Tokyo day, so a double click (or a second person) sends it once that day.
 *
 * One reminder a Tokyo day reaches the supplier, whoever sends it: after a scheduled reminder
 * written today the manual one is refused, and a scheduled step falling due after a manual
 * reminder the same day is recorded as covered by it (the worker's reminder sweep).
 */
@Injectable()
export class RemindAssessmentUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** `campaignId`, when given, must be the assessment's campaign (else 404, as for another tenant's). */
  execute(
    user: AuthenticatedUser,
    input: { assessmentId: string; campaignId?: string },
  ): Promise<RemindResult> {
    const { assessmentId } = input;
    if (!isUUID(assessmentId)) throw new NotFoundException('Assessment not found');
    return this.dataSource.transaction(async (manager) => {
      const target = await this.lockTarget(manager, user.organizationId, assessmentId);
      if (!target || (input.campaignId && target.campaign_id !== input.campaignId)) {
        throw new NotFoundException('Assessment not found');
      }
      refuseUnlessRemindable(target);
      const today = tokyoDate(this.clock.now());
      const scheduled = await this.scheduledToday(manager, { target, today, user });
      if (scheduled) throw scheduled;
      const messageKey = remindNowKey(target.id, today);
      const [inserted] = await manager.query<{ id: string }[]>(
        `INSERT INTO mail_messages (organization_id, message_key, kind, to_email, to_name, locale,
                                    contact_id, campaign_id, assessment_id, user_id)
         VALUES ($1, $2, 'reminder', $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (message_key) DO NOTHING RETURNING id`,
        [
          user.organizationId,
          messageKey,
          target.email,
          target.name,
          target.language === 'en' ? 'en' : 'ja',
          target.contact_id,
          target.campaign_id,
          target.id,
          user.id,
        ],
      );
      if (!inserted) throw await this.repeatRefusal(manager, { messageKey, user });
      await this.outbox.add(manager, [
        sendMailEntry(user.organizationId, { id: inserted.id, message_key: messageKey }),
      ]);
      await this.audit.record(
        {
          organizationId: user.organizationId,
          actorType: 'user',
          actorId: user.id,
          action: 'assessment.reminded',
          targetType: 'assessment',
          targetId: target.id,
          details: { messageKey, to: target.email, campaignId: target.campaign_id },
        },
        manager,
      );
      return { assessmentId: target.id, to: target.email!, messageKey };
    });
  }

  /**
   * The assessments among `ids` reminded today (Tokyo), by hand or by a scheduled reminder queued
   * or sent today: a manual reminder would be refused (the campaign page shows no button).
   */
  async remindedToday(input: { organizationId: string; ids: string[] }): Promise<Set<string>> {
    if (input.ids.length === 0) return new Set();
    const today = tokyoDate(this.clock.now());
    const rows = await this.dataSource.query<{ assessment_id: string }[]>(
      `SELECT assessment_id FROM mail_messages
        WHERE message_key = ANY($1::text[]) AND organization_id = $2
       UNION
       SELECT assessment_id FROM mail_messages
        WHERE assessment_id = ANY($3::uuid[]) AND organization_id = $2 AND kind = 'reminder'
          AND message_key LIKE 'remind:%' AND status IN ('queued', 'sent')
          AND (created_at AT TIME ZONE 'Asia/Tokyo')::date = $4::date`,
      [input.ids.map((id) => remindNowKey(id, today)), input.organizationId, input.ids, today],
    );
    return new Set(rows.map((row) => row.assessment_id));
  }

  /** The assessment (locked: a concurrent submit or reopen waits), its campaign and contact. */
  private async lockTarget(
    manager: EntityManager,
    organizationId: string,
    assessmentId: string,
  ): Promise<Target | undefined> {
    const [target] = await manager.query<Target[]>(
      `SELECT a.id, a.status, a.campaign_id, c.name AS campaign_name, c.status AS campaign_status,
              ct.id AS contact_id, ct.email, ct.name, ct.language,
              ct.undeliverable_at IS NOT NULL AS undeliverable,
              EXISTS (SELECT 1 FROM mail_messages i
                       WHERE i.organization_id = a.organization_id
                         AND i.message_key = 'invite:' || a.id AND i.status <> 'queued') AS invited
         FROM assessments a
         JOIN campaigns c ON c.id = a.campaign_id AND c.organization_id = a.organization_id
         LEFT JOIN supplier_contacts ct
           ON ct.supplier_id = a.supplier_id AND ct.organization_id = a.organization_id
          AND ct.is_primary
        WHERE a.id = $1 AND a.organization_id = $2
          FOR UPDATE OF a`,
      [assessmentId, organizationId],
    );
    return target;
  }

  /**
   * The refusal when the reminder schedule already wrote a reminder to this supplier today (Tokyo),
   * queued or sent; read after the assessment's lock, so a sweep writing now is waited for.
   */
  private async scheduledToday(
    manager: EntityManager,
    { target, today, user }: { target: Target; today: string; user: AuthenticatedUser },
  ): Promise<ConflictException | null> {
    const [sent] = await manager.query<{ created_at: Date }[]>(
      `SELECT created_at FROM mail_messages
        WHERE assessment_id = $1 AND organization_id = $2 AND kind = 'reminder'
          AND message_key LIKE 'remind:%' AND status IN ('queued', 'sent')
          AND (created_at AT TIME ZONE 'Asia/Tokyo')::date = $3::date
        ORDER BY created_at LIMIT 1`,
      [target.id, user.organizationId, today],
    );
    if (!sent) return null;
    return refusal(
      'already_reminded_today',
      'A scheduled reminder already went out to this supplier today (Asia/Tokyo): one reminder ' +
        'a day; remind them by hand tomorrow if they still have not answered',
      { remindedAt: new Date(sent.created_at).toISOString(), remindedBy: 'schedule' },
    );
  }

  /** The refusal of a second manual reminder the same Tokyo day, saying when the first was. */
  private async repeatRefusal(
    manager: EntityManager,
    { messageKey, user }: { messageKey: string; user: AuthenticatedUser },
  ): Promise<ConflictException> {
    const [sent] = await manager.query<{ created_at: Date }[]>(
      'SELECT created_at FROM mail_messages WHERE message_key = $1 AND organization_id = $2',
      [messageKey, user.organizationId],
    );
    return refusal(
      'already_reminded_today',
      'This supplier was already reminded today (Asia/Tokyo): one manual reminder a day; a ' +
        'scheduled reminder falling due today is not sent again',
      { remindedAt: sent ? new Date(sent.created_at).toISOString() : null, remindedBy: 'hand' },
    );
  }
}

function refuseUnlessRemindable(target: Target): void {
  if (target.campaign_status !== 'launched') {
    throw refusal(
      'campaign_not_launched',
      `The campaign "${target.campaign_name}" is ${target.campaign_status}: nobody is reminded`,
    );
  }
  if (target.status === 'submitted' || target.status === 'scored') {
    throw refusal('submitted', `The assessment is already ${target.status}: nothing to remind of`);
  }
  if (!target.contact_id || !target.email) {
    throw refusal('no_contact', 'The supplier has no primary contact to remind');
  }
  if (target.undeliverable) {
    throw refusal(
      'contact_undeliverable',
      "The primary contact's address bounced: correct it on the supplier first",
    );
  }
  // A reminder before the invitation would reach the supplier as the first mail they get.
  if (!target.invited) {
    throw refusal(
      'not_invited_yet',
      'The invitation has not been sent yet: the supplier is reminded once it has gone out',
    );
  }
}

function refusal(
  reason: RemindRefusal,
  message: string,
  extra: Record<string, unknown> = {},
): ConflictException {
  return new ConflictException({ message, reason, ...extra });
}
