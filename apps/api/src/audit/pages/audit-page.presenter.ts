import type { Locale } from '../../console/console-locale';
import { AuditEntry } from '../audit-entry';
import {
  AUDIT_ACTION_GROUPS,
  AUDIT_ACTOR_LABELS,
  AUDIT_TARGET_TYPES,
  isKnownAction,
} from '../audit-labels';
import type { AuditUserChoice } from '../audit-references.query';
import { AUDIT_PAGE_TEXT } from './audit-page-text';
import {
  auditCsvUrl,
  auditPageUrl,
  auditTargetHistoryUrl,
  ParsedAuditPageQuery,
} from './audit-page.query';

export const AUDIT_PAGE_SIZE = 50;

interface Choice {
  value: string;
  label: string;
  selected: boolean;
}

const choice = (value: string, label: string, current: string | undefined): Choice => ({
  value,
  label,
  selected: value === (current ?? ''),
});

/** The action select: every known action by group, and an unknown one the address names. */
function actionGroups(locale: Locale, current: string | undefined) {
  const t = AUDIT_PAGE_TEXT[locale];
  const groups = AUDIT_ACTION_GROUPS.map((g) => ({
    label: g.group[locale],
    choices: Object.entries(g.actions).map(([code, label]) => choice(code, label[locale], current)),
  }));
  const extra = current && !isKnownAction(current) ? [choice(current, current, current)] : [];
  return { all: choice('', t.all, current), extra, groups };
}

function actorGroups(locale: Locale, users: AuditUserChoice[], current: string | undefined) {
  const t = AUDIT_PAGE_TEXT[locale];
  const known = new Set(users.map((u) => u.id));
  const others = (['supplier', 'system', 'anonymous'] as const).map((type) =>
    choice(type, AUDIT_ACTOR_LABELS[type][locale], current),
  );
  // A user id in the address that is not one of this organization's users finds nothing; the
  // select still shows what is asked rather than pretend "all".
  const stranger =
    current && !known.has(current) && current !== 'user' && !others.some((o) => o.selected)
      ? [choice(current, t.unknownValue(current), current)]
      : [];
  return {
    all: choice('', t.all, current),
    extra: stranger,
    groups: [
      {
        label: t.users,
        choices: [
          choice('user', t.anyUser, current),
          ...users.map((u) =>
            choice(u.id, `${u.name} <${u.email}>${u.active ? '' : t.deactivated}`, current),
          ),
        ],
      },
      { label: t.otherActors, choices: others },
    ],
  };
}

function targetTypeChoices(locale: Locale, current: string | undefined): Choice[] {
  const t = AUDIT_PAGE_TEXT[locale];
  const known = Object.entries(AUDIT_TARGET_TYPES).map(([type, label]) =>
    choice(type, label[locale], current),
  );
  const extra =
    current && !Object.hasOwn(AUDIT_TARGET_TYPES, current)
      ? [choice(current, t.unknownValue(current), current)]
      : [];
  return [choice('', t.all, current), ...known, ...extra];
}

export function auditPageData(input: {
  locale: Locale;
  parsed: ParsedAuditPageQuery;
  users: AuditUserChoice[];
  entries: AuditEntry[];
  total: number;
  page: number;
}): Record<string, unknown> {
  const { locale, parsed, entries, total, page } = input;
  const t = AUDIT_PAGE_TEXT[locale];
  const { query } = parsed;
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const label = (target: NonNullable<AuditEntry['target']>): string =>
    target.name ?? (target.id ? t.noTargetName(target.id) : '');
  // Filtered to one target: say which, by name when a row shows it.
  const focused = query.targetId
    ? entries.find((e) => e.target?.id === query.targetId)?.target
    : undefined;
  return {
    t,
    error: parsed.rangeInverted ? t.rangeInverted : null,
    actions: actionGroups(locale, query.action),
    actors: actorGroups(locale, input.users, query.actor),
    targetTypes: targetTypeChoices(locale, query.targetType),
    targetId: query.targetId ?? '',
    focus: query.targetId
      ? t.focus(focused ? label(focused) : t.noTargetName(query.targetId))
      : null,
    from: query.from ?? '',
    to: query.to ?? '',
    toInvalid: parsed.rangeInverted,
    totalLabel: t.total(total),
    csvHref: parsed.rangeInverted ? null : auditCsvUrl(parsed.api, locale),
    clearHref: '/console/audit',
    rows: entries.map((entry) => ({
      ...entry,
      target: entry.target && {
        ...entry.target,
        label: label(entry.target),
        // Offered on every row about one target, found or not: a deleted one's past stays readable.
        historyHref:
          entry.target.id && entry.target.id !== query.targetId
            ? auditTargetHistoryUrl(entry.target.code, entry.target.id)
            : null,
      },
    })),
    previousHref: page > 1 ? auditPageUrl(query, Math.min(page - 1, pages)) : null,
    nextHref: page < pages ? auditPageUrl(query, page + 1) : null,
    pageLabel: t.page(page, pages),
  };
}
