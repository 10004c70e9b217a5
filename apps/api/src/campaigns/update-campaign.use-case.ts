import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { ReminderPolicy } from '@kakehashi/database';
import { AuthenticatedUser, dueDateGraceEnd } from '@kakehashi/auth';
import { AuditService, Campaign } from '@kakehashi/database';
import { OutboxService, sendMailEntry } from '@kakehashi/queue';
import { lockCampaign } from './campaign-suppliers';
import { checkDueDate } from './create-campaign.use-case';
import { DRAFT_ONLY_FIELDS, DraftOnlyField, UpdateCampaignDto } from './dto/update-campaign.dto';

/** Assessments still answering whose invitation is out: who a new due date is mailed to. */
const ANSWERING = `FROM assessments a
        WHERE a.organization_id = $1 AND a.campaign_id = $2
          AND a.status IN ('invited', 'opened', 'in_progress')
          AND EXISTS (SELECT 1 FROM mail_messages i
                       WHERE i.message_key = 'invite:' || a.id AND i.status <> 'queued')`;

/**
 * How many suppliers a new due date would be announced to now (0 for a draft): what the
 * console's confirmation states.
 */
export async function dueDateNoticeCount(
  db: DataSource | EntityManager,
  organizationId: string,
  campaignId: string,
): Promise<number> {
  const [row] = await db.query<{ n: number }[]>(`SELECT count(*)::int AS n ${ANSWERING}`, [
    organizationId,
    campaignId,
  ]);
  return row?.n ?? 0;
}

/** Options of a change made from a confirmed form. */
export interface UpdateCampaignOptions {
  /**
   * The number of suppliers the form said would be mailed the new due date: a launched
   * campaign's due date is then moved only if it is still that number (409 otherwise).
   */
  expectedNotified?: number;
}

function samePolicy(a: ReminderPolicy, b: ReminderPolicy): boolean {
  const key = (p: ReminderPolicy) =>
    JSON.stringify([
      [...p.beforeDays].sort((x, y) => y - x),
      p.overdueEveryDays,
      p.escalateAfterOverdue,
    ]);
  return key(a) === key(b);
}

/**
 * Renames a campaign, gives it another owner (who then gets its alerts, escalations and overdue
 * digests) or moves its due date. A closed campaign is a record and is not changed. While a
 * draft, what its invitations will say and ask (sender name, message, reminder policy,
 * questionnaire) can be changed too; once launched they are refused (409 naming the field), a
 * value sent again unchanged excepted.
 *
 * Moving the due date of a launched campaign counts a new revision: every supplier still
 * answering is mailed the new date with a fresh link (`due-date:<assessmentId>:<revision>`, in the
 * same transaction), their links stay valid until the new date's grace period ends, and the
 * reminder steps start over from the new date (their keys carry the revision).
 */
@Injectable()
export class UpdateCampaignUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  execute(
    user: AuthenticatedUser,
    campaignId: string,
    dto: UpdateCampaignDto,
    options: UpdateCampaignOptions = {},
  ): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      const campaign = await lockCampaign(manager, user.organizationId, campaignId);
      if (campaign.status === 'closed') {
        throw new ConflictException(
          `The campaign "${campaign.name}" is closed and cannot be changed`,
        );
      }
      const draftChanges = draftOnlyChanges(campaign, dto);
      const refused = Object.keys(draftChanges)[0] as DraftOnlyField | undefined;
      if (refused && campaign.status !== 'draft') {
        throw new ConflictException({
          message: `${refused} can only be changed while the campaign is a draft`,
          field: refused,
          campaignStatus: campaign.status,
        });
      }
      if (dto.ownerId !== undefined && dto.ownerId !== campaign.ownerId) {
        const [owner] = await manager.query<unknown[]>(
          `SELECT 1 FROM users WHERE organization_id = $1 AND id = $2
              AND deactivated_at IS NULL AND role IN ('procurement', 'admin') FOR KEY SHARE`,
          [user.organizationId, dto.ownerId],
        );
        if (!owner) {
          throw new BadRequestException({
            message: 'ownerId must be an active procurement user or admin of this organization',
            field: 'ownerId',
          });
        }
      }
      // The date sent again unchanged is no change (even once it is past): nothing is mailed.
      const movesDueDate = dto.dueDate !== undefined && dto.dueDate !== campaign.dueDate;
      if (movesDueDate) checkDueDate(dto.dueDate!);
      if (
        movesDueDate &&
        campaign.status === 'launched' &&
        options.expectedNotified !== undefined
      ) {
        const notified = await dueDateNoticeCount(manager, user.organizationId, campaign.id);
        if (notified !== options.expectedNotified) {
          throw new ConflictException({
            message:
              `The due date would now be announced to ${notified} suppliers, not ` +
              `${options.expectedNotified}: confirm again`,
            field: 'dueDate',
            reason: 'notified_changed',
            notified,
          });
        }
      }
      const changes: Record<string, { from: unknown; to: unknown }> = { ...draftChanges };
      if (dto.name !== undefined && dto.name !== campaign.name) {
        changes.name = { from: campaign.name, to: dto.name };
      }
      if (dto.ownerId !== undefined && dto.ownerId !== campaign.ownerId) {
        changes.ownerId = { from: campaign.ownerId, to: dto.ownerId };
      }
      if (movesDueDate) changes.dueDate = { from: campaign.dueDate, to: dto.dueDate! };
      if (Object.keys(changes).length === 0) return;
      const revised = movesDueDate && campaign.status === 'launched';
      await manager.getRepository(Campaign).update(
        { id: campaign.id },
        {
          name: dto.name ?? campaign.name,
          ownerId: dto.ownerId ?? campaign.ownerId,
          dueDate: dto.dueDate ?? campaign.dueDate,
          ...Object.fromEntries(Object.entries(draftChanges).map(([k, v]) => [k, v.to])),
          ...(revised
            ? { dueDateRevision: campaign.dueDateRevision + 1, dueDateChangedAt: () => 'now()' }
            : {}),
        },
      );
      const notified = revised
        ? await this.announceDueDate(manager, user, {
            ...campaign,
            dueDate: dto.dueDate!,
            dueDateRevision: campaign.dueDateRevision + 1,
          })
        : undefined;
      await this.audit.record(
        {
          organizationId: user.organizationId,
          actorType: 'user',
          actorId: user.id,
          action: 'campaign.updated',
          targetType: 'campaign',
          targetId: campaign.id,
          details: { changes, ...(notified === undefined ? {} : { notified }) },
        },
        manager,
      );
    });
  }

  /**
   * The change notice to the primary contact of every assessment still open, in the contact's
   * language (an undeliverable address is recorded skipped, as reminders are). An assessment
   * whose invitation is not out yet is left out: the invitation, rendered when sent, carries the
   * new date. Returns how many notices were queued.
   */
  private async announceDueDate(
    manager: EntityManager,
    user: AuthenticatedUser,
    campaign: Campaign,
  ): Promise<number> {
    // Links already mailed keep working until the new date's grace period ends (never shortened:
    // one minted late keeps its own minimum lifetime, and a revoked or dead link stays so).
    await manager.query(
      `UPDATE assessment_links l SET expires_at = $3
         FROM assessments a
        WHERE a.organization_id = $1 AND a.campaign_id = $2
          AND a.status IN ('invited', 'opened', 'in_progress')
          AND l.assessment_id = a.id AND l.organization_id = a.organization_id
          AND l.revoked_at IS NULL AND l.expires_at > now() AND l.expires_at < $3`,
      [user.organizationId, campaign.id, dueDateGraceEnd(campaign.dueDate)],
    );
    const written = await manager.query<{ id: string; message_key: string; status: string }[]>(
      `INSERT INTO mail_messages (organization_id, message_key, kind, status, to_email, to_name,
              locale, contact_id, campaign_id, assessment_id, user_id, last_error)
       SELECT a.organization_id, 'due-date:' || a.id || ':' || $3::int, 'due_date_changed',
              CASE WHEN ct.undeliverable_at IS NULL THEN 'queued' ELSE 'skipped' END,
              ct.email, ct.name, CASE WHEN ct.language = 'en' THEN 'en' ELSE 'ja' END, ct.id,
              a.campaign_id, a.id, $4,
              CASE WHEN ct.undeliverable_at IS NOT NULL
                   THEN 'not sent: address undeliverable ('
                        || COALESCE(ct.undeliverable_reason, 'undeliverable') || ')' END
         ${ANSWERING.replace(
           'FROM assessments a',
           `FROM assessments a
         JOIN supplier_contacts ct ON ct.supplier_id = a.supplier_id
                                  AND ct.organization_id = a.organization_id AND ct.is_primary`,
         )}
       ON CONFLICT (message_key) DO NOTHING
       RETURNING id, message_key, status`,
      [user.organizationId, campaign.id, campaign.dueDateRevision, user.id],
    );
    const queued = written.filter((row) => row.status === 'queued');
    await this.outbox.add(
      manager,
      queued.map((row) => sendMailEntry(user.organizationId, row)),
    );
    return queued.length;
  }
}

/** The draft-only fields the DTO changes (a value sent again unchanged is no change). */
function draftOnlyChanges(
  campaign: Campaign,
  dto: UpdateCampaignDto,
): Partial<Record<DraftOnlyField, { from: unknown; to: unknown }>> {
  const changes: Partial<Record<DraftOnlyField, { from: unknown; to: unknown }>> = {};
  for (const field of DRAFT_ONLY_FIELDS) {
    const value = dto[field];
    if (value === undefined) continue;
    if (field === 'reminderPolicy') {
      const policy = {
        beforeDays: [...new Set(dto.reminderPolicy!.beforeDays)].sort((a, b) => b - a),
        overdueEveryDays: dto.reminderPolicy!.overdueEveryDays,
        escalateAfterOverdue: dto.reminderPolicy!.escalateAfterOverdue,
      };
      if (!samePolicy(policy, campaign.reminderPolicy)) {
        changes.reminderPolicy = { from: campaign.reminderPolicy, to: policy };
      }
    } else if ((value ?? null) !== campaign[field]) {
      changes[field] = { from: campaign[field], to: value ?? null };
    }
  }
  return changes;
}
