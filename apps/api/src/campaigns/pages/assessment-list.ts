import type { Locale } from '../../console/console-locale';
import { isAssessmentFilter, OPEN_STATUSES, type AssessmentFilter } from '../assessment-filter';
import type { CampaignDetail, Page } from '../campaign-queries.service';
import { UNANSWERED_FILTERS, type UnansweredFilter } from '../export/unanswered-export-query.dto';
import { ASSESSMENT_LIST_TEXT } from './assessment-list-text';

/** Assessments per page of the campaign page's list. */
export const ASSESSMENTS_PAGE_SIZE = 50;

/** Longest search text kept (as the API's `q`). */
export const ASSESSMENT_SEARCH_MAX = 200;

/**
 * Which part of the list the campaign page shows: `?status=`, `?q=` (a search by supplier name,
 * 法人番号 or contact email) and `?page=` (lenient).
 */
export interface AssessmentListState {
  status: AssessmentFilter | null;
  page: number;
  q?: string;
}

export function readAssessmentListState(query: unknown): AssessmentListState {
  const { status, page, q } = (query ?? {}) as Record<string, unknown>;
  const number = Number(page);
  const search = typeof q === 'string' ? q.trim().slice(0, ASSESSMENT_SEARCH_MAX) : '';
  return {
    status: isAssessmentFilter(status) ? status : null,
    // As the campaign list's parsePage: anything odd is page 1.
    page: Number.isInteger(number) && number > 0 && number < 100_000 ? number : 1,
    ...(search ? { q: search } : {}),
  };
}

/** `?status=…&q=…&page=…` for links and forms that return to the same part of the list. */
export function listQuery(state: AssessmentListState, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  if (state.status) params.set('status', state.status);
  if (state.q) params.set('q', state.q);
  if (state.page > 1) params.set('page', String(state.page));
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** What a form post hands back to runAction when it returns somewhere else than the page. */
export class PageRedirect {
  constructor(readonly url: string) {}
}

/** The filter links in the order people chase: all, the unanswered by stage, then the done. */
const FILTER_ORDER: (AssessmentFilter | null)[] = [
  null,
  'open',
  'invited',
  'opened',
  'in_progress',
  'overdue',
  'submitted',
  'scored',
];

const countOf = (counts: CampaignDetail['counts'], filter: AssessmentFilter | null): number => {
  if (filter === null) {
    return counts.invited + counts.opened + counts.in_progress + counts.submitted + counts.scored;
  }
  if (filter === 'open') return OPEN_STATUSES.reduce((sum, s) => sum + counts[s], 0);
  return counts[filter];
};

/**
 * The list's filter links (with their counts), its pages (keeping the filter), the CSV link of
 * the suppliers still to answer, and each row's 「今すぐ催促」 state.
 */
export function assessmentListData(input: {
  locale: Locale;
  detail: CampaignDetail;
  page: Page<unknown>;
  state: AssessmentListState;
  canEdit: boolean;
  remindedToday: Set<string>;
}): Record<string, unknown> {
  const { locale, detail, page, state } = input;
  const lt = ASSESSMENT_LIST_TEXT[locale];
  const count = (n: number) => n.toLocaleString('en-US');
  const base = `/console/campaigns/${detail.id}`;
  const href = (s: AssessmentListState) => `${base}${listQuery(s)}#assessments`;
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  const first = (page.page - 1) * page.pageSize;
  const csvStatus: UnansweredFilter = (UNANSWERED_FILTERS as readonly string[]).includes(
    state.status ?? '',
  )
    ? (state.status as UnansweredFilter)
    : 'open';
  const canRemind = input.canEdit && detail.status === 'launched';
  return {
    lt,
    // A draft has no assessments yet: nothing to filter, export or remind.
    visible: detail.status !== 'draft',
    filters: FILTER_ORDER.map((filter) => ({
      label: filter ? lt.filters[filter] : lt.all,
      count: count(countOf(detail.counts, filter)),
      href: href({ status: filter, page: 1, q: state.q }),
      current: filter === state.status,
    })),
    filtered: state.status !== null || Boolean(state.q),
    noMatch: state.q ? lt.noSearchMatch : lt.noMatch,
    search: {
      action: `${base}#assessments`,
      value: state.q ?? '',
      status: state.status,
      max: ASSESSMENT_SEARCH_MAX,
      clearHref: state.q ? href({ status: state.status, page: 1 }) : null,
    },
    range:
      page.items.length > 0
        ? lt.range(count(first + 1), count(first + page.items.length), count(page.total))
        : null,
    pager:
      pages > 1 || page.page > 1
        ? {
            previousHref:
              page.page > 1 ? href({ ...state, page: Math.min(page.page - 1, pages) }) : null,
            nextHref: page.page < pages ? href({ ...state, page: page.page + 1 }) : null,
            label: `${page.page} / ${pages}`,
          }
        : null,
    csvHref:
      detail.status === 'draft'
        ? null
        : `/api/v1/campaigns/${detail.id}/assessments.csv?status=${csvStatus}&lang=${locale}`,
    remindColumn: canRemind,
  };
}

/**
 * A row's 「今すぐ催促」: a button (its form keeps the list's filter and page), "reminded today",
 * or nothing (submitted, a campaign not running, a reader who may not remind, or an invitation
 * not sent yet: the reminder would be the supplier's first mail).
 */
export function remindCell(input: {
  locale: Locale;
  detail: CampaignDetail;
  canEdit: boolean;
  row: { id: string; status: string; supplierName: string; delivery?: string };
  remindedToday: Set<string>;
  listState?: AssessmentListState;
}): { id: string; label: string; done: boolean; action: string } | null {
  const { row, detail } = input;
  if (!input.canEdit || detail.status !== 'launched') return null;
  if (!(OPEN_STATUSES as readonly string[]).includes(row.status)) return null;
  if (row.delivery === 'queued') return null;
  const lt = ASSESSMENT_LIST_TEXT[input.locale];
  const state = input.listState ?? { status: null, page: 1 };
  const action = `/console/campaigns/${detail.id}/assessments/${row.id}/remind${listQuery(state)}`;
  return input.remindedToday.has(row.id)
    ? { id: row.id, label: lt.remindedToday, done: true, action }
    : { id: row.id, label: lt.remindFor(row.supplierName), done: false, action };
}
