import type { DataSource } from 'typeorm';

/** The questionnaire events that tell when a supplier last opened or saved it. */
export const OPENED_ACTIONS = ['assessment.opened', 'assessment.session_started'];
export const SAVED_ACTION = 'assessment.answers_saved';

/**
 * Each listed assessment's last opened and saved event since `$2`: $1 organization, $3 the
 * assessment ids, $4 OPENED_ACTIONS, $5 SAVED_ACTION. ix_audit_events_organization_target
 * (organization, target, time, action) answers it from the index alone, whatever the size of
 * the tenant's audit trail.
 */
export const LAST_ACTIVITY_SQL = `SELECT target_id AS id,
       max(created_at) FILTER (WHERE action = ANY($4::text[])) AS "lastOpened",
       max(created_at) FILTER (WHERE action = $5) AS "lastSaved"
  FROM audit_events
 WHERE organization_id = $1 AND created_at >= $2 AND target_type = 'assessment'
   AND target_id = ANY($3::text[]) AND (action = ANY($4::text[]) OR action = $5)
 GROUP BY target_id`;

/** A select column: how many reminders reached the supplier of assessment `a`. */
export const REMINDERS_SENT_SQL = `(SELECT count(*)::int FROM mail_messages m
                WHERE m.assessment_id = a.id AND m.organization_id = a.organization_id
                  AND m.kind = 'reminder' AND m.status = 'sent')`;

export interface AssessmentActivity {
  lastOpened: Date | null;
  lastSaved: Date | null;
}

/**
 * When each assessment was last opened (a person pressed Start) and last saved, from the audit
 * trail, from `since` (the campaign's launch) on. The CSV of the unanswered and the campaign
 * page's list both read it.
 */
export async function assessmentActivity(
  dataSource: DataSource,
  input: { organizationId: string; ids: string[]; since: Date },
): Promise<Map<string, AssessmentActivity>> {
  if (input.ids.length === 0) return new Map();
  const rows = await dataSource.query<({ id: string } & AssessmentActivity)[]>(LAST_ACTIVITY_SQL, [
    input.organizationId,
    input.since,
    input.ids,
    OPENED_ACTIONS,
    SAVED_ACTION,
  ]);
  return new Map(rows.map((row) => [row.id, row]));
}

/** The later of two instants (either may be missing). */
export function latest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return new Date(a).getTime() >= new Date(b).getTime() ? a : b;
}
