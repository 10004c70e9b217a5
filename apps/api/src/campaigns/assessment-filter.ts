import { ASSESSMENT_STATUSES, type Campaign } from '@kakehashi/database';
import { tokyoToday } from '@kakehashi/mail';

/** Statuses of an assessment the supplier has not submitted yet (reminders go to these). */
export const OPEN_STATUSES = ['invited', 'opened', 'in_progress'] as const;

/**
 * What a campaign's assessment list can be narrowed to: one status, `open` (not submitted yet:
 * invited, opened or in progress) or `overdue` (open while the launched campaign's due date,
 * a Tokyo date, has passed: the campaign's `counts.overdue`).
 */
export const ASSESSMENT_FILTERS = [...ASSESSMENT_STATUSES, 'open', 'overdue'] as const;
export type AssessmentFilter = (typeof ASSESSMENT_FILTERS)[number];

export function isAssessmentFilter(value: unknown): value is AssessmentFilter {
  return (ASSESSMENT_FILTERS as readonly unknown[]).includes(value);
}

/** A launched campaign whose due date (Tokyo) has passed: its open assessments are overdue. */
export function isCampaignOverdue(
  campaign: Pick<Campaign, 'status' | 'dueDate'>,
  today: string = tokyoToday(),
): boolean {
  return campaign.status === 'launched' && campaign.dueDate < today;
}

const OPEN_SQL = `a.status IN (${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')})`;

/**
 * The SQL condition (` AND …`, on assessments aliased `a`) for a filter; a status value is
 * appended to `params` and referenced by its position. No filter: no condition.
 */
export function assessmentFilterSql(
  filter: AssessmentFilter | undefined,
  input: { params: unknown[]; campaignOverdue: boolean },
): string {
  if (!filter) return '';
  if (filter === 'open') return ` AND ${OPEN_SQL}`;
  if (filter === 'overdue') return input.campaignOverdue ? ` AND ${OPEN_SQL}` : ' AND false';
  input.params.push(filter);
  return ` AND a.status = $${input.params.length}`;
}
