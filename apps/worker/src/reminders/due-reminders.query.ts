import { EntityManager } from 'typeorm';

export interface DueReminder {
  assessmentId: string;
  organizationId: string;
  campaignId: string;
  ownerId: string;
  step: string;
  /**
   * `remind:<assessmentId>:<step>`, or `remind:<assessmentId>:r<revision>:<step>` once the
   * campaign's due date has changed: the steps of a new date are new messages.
   */
  messageKey: string;
  /** k of an `overdue-k` step, else 0. */
  overdueCount: number;
  escalateAfter: number;
  contactId: string | null;
  email: string | null;
  name: string | null;
  language: string | null;
  undeliverableReason: string | null;
  /** Set by the sweep: procurement reminded this supplier by hand today (Tokyo). */
  remindedByHand?: boolean;
}

/**
 * Open assessments of launched campaigns and the latest reminder step due today (Tokyo) under
 * their campaign's policy, when it has not been written yet: `before-N` on due-N (only steps
 * after the launch day), then `overdue-k` on due + k * overdueEveryDays. Only the latest due
 * step is returned, so a sweep that missed days sends one current reminder, not a burst.
 *
 * Steps are counted from the current due date. Once it has changed (due_date_revision > 0) the
 * keys carry the revision, so the steps of the new date are sent even where the old date's were,
 * and only steps after the day of the change count (that day's change notice told the supplier).
 *
 * A reopened assessment (in progress again after a submission, submission_count > 0) gets no
 * reminder: the supplier did answer, and the reopen mail carried the buyer's own request.
 */
export async function findDueReminders(
  manager: EntityManager,
  { today, organizationIds }: { today: string; organizationIds: string[] },
): Promise<DueReminder[]> {
  if (organizationIds.length === 0) return [];
  return manager.query(
    `WITH open_assessments AS (
       SELECT a.id, a.organization_id, a.campaign_id, a.supplier_id, c.owner_id, c.due_date,
              (COALESCE(c.due_date_changed_at, c.launched_at) AT TIME ZONE 'Asia/Tokyo')::date
                AS start_day,
              CASE WHEN c.due_date_revision > 0
                   THEN 'remind:' || a.id || ':r' || c.due_date_revision || ':'
                   ELSE 'remind:' || a.id || ':' END AS key_prefix,
              $1::date - c.due_date AS days_past,
              NULLIF((c.reminder_policy->>'overdueEveryDays')::int, 0) AS every,
              COALESCE((c.reminder_policy->>'escalateAfterOverdue')::int, 0) AS escalate_after,
              c.reminder_policy->'beforeDays' AS before_days
         FROM assessments a
         JOIN campaigns c ON c.id = a.campaign_id
        WHERE a.organization_id = ANY($2::uuid[])
          AND c.status = 'launched'
          AND a.status IN ('invited', 'opened', 'in_progress')
          -- Reopened (answered before): the buyer who asked for the correction follows it up.
          AND a.submission_count = 0
     ), stepped AS (
       SELECT o.*,
              CASE WHEN o.days_past >= o.every THEN o.days_past / o.every ELSE 0 END AS overdue_count,
              CASE
                WHEN o.days_past >= o.every THEN 'overdue-' || (o.days_past / o.every)
                WHEN o.days_past < 0 THEN (
                  SELECT 'before-' || min(b.n)
                    FROM jsonb_array_elements_text(o.before_days) AS t(v),
                         LATERAL (SELECT t.v::int AS n) b
                   WHERE b.n >= -o.days_past
                  HAVING min(b.n) < o.due_date - o.start_day)
              END AS step
         FROM open_assessments o
     )
     SELECT s.id AS "assessmentId", s.organization_id AS "organizationId",
            s.campaign_id AS "campaignId", s.owner_id AS "ownerId", s.step,
            s.key_prefix || s.step AS "messageKey",
            s.overdue_count AS "overdueCount", s.escalate_after AS "escalateAfter",
            ct.id AS "contactId", ct.email, ct.name, ct.language,
            CASE WHEN ct.undeliverable_at IS NOT NULL
                 THEN COALESCE(ct.undeliverable_reason, 'undeliverable') END AS "undeliverableReason"
       FROM stepped s
       LEFT JOIN supplier_contacts ct ON ct.supplier_id = s.supplier_id AND ct.is_primary
      WHERE s.step IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM mail_messages m
                         WHERE m.message_key = s.key_prefix || s.step)`,
    [today, organizationIds],
  );
}
