import type { UserRole } from '@kakehashi/database';
import {
  resolveItems,
  type AnswerValue,
  type Answers,
  type Catalog,
  type CatalogItem,
} from '@kakehashi/domain';
import { formatDateTime, formatDueDate, formatNumber } from '@kakehashi/mail';
import type { Locale } from '../../console/console-locale';
import type { AssessmentPageData } from './assessment-page.query';
import { ASSESSMENT_PAGE_TEXT } from './assessment-page-text';
import { REOPEN_MESSAGE_MAX, type ReopenFormState } from './reopen-form';

/** Statuses whose answers are locked in and may be reopened for the supplier. */
const REOPENABLE = new Set(['submitted', 'scored']);

// Intl formatters are costly to build and cheap to reuse: one per language.
const ONE_DECIMAL: Record<Locale, Intl.NumberFormat> = {
  ja: new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }),
};

/** One answer as the page shows it; exactly one of the shapes is set. */
interface AnswerView {
  unanswered?: true;
  text?: string;
  list?: string[];
  /** Free text, line by line (each line escaped by the view, joined with line breaks). */
  lines?: string[];
  file?: { name: string; size: string; href: string; label: string };
  missingFile?: string;
}

/** Free text line by line: the view escapes each line and joins them with line breaks. */
const lines = (text: string) => text.split(/\r\n|\r|\n/);
const isoDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

function formatSize(bytes: number, locale: Locale): string {
  if (bytes < 1024) return `${formatNumber(bytes, locale)} B`;
  if (bytes < 1024 * 1024) return `${ONE_DECIMAL[locale].format(bytes / 1024)} KB`;
  return `${ONE_DECIMAL[locale].format(bytes / (1024 * 1024))} MB`;
}

function isAnswered(value: AnswerValue | undefined): boolean {
  if (value === null || value === undefined) return false;
  return typeof value !== 'string' || value.trim() !== '';
}

function answerView(input: {
  item: CatalogItem;
  catalog: Catalog;
  value: AnswerValue | undefined;
  locale: Locale;
  evidence: AssessmentPageData['evidence'];
  assessmentId: string;
}): AnswerView {
  const { item, value, locale } = input;
  const t = ASSESSMENT_PAGE_TEXT[locale].answers;
  if (value === undefined || !isAnswered(value)) return { unanswered: true };
  const label = (code: string) => item.options?.find((o) => o.code === code)?.label[locale] ?? code;
  switch (item.kind) {
    case 'maturity': {
      const levels = item.levels ?? input.catalog.maturityLevels;
      const level = levels.find((l) => l.level === value);
      return { text: level ? `${level.level}. ${level.label[locale]}` : String(value) };
    }
    case 'single':
      return { text: label(String(value)) };
    case 'multi':
      if (!Array.isArray(value)) return { text: String(value) };
      return value.length === 0 ? { text: t.noneSelected } : { list: value.map(label) };
    case 'yesno':
      return { text: value === true ? t.yes : value === false ? t.no : String(value) };
    case 'number':
      return { text: typeof value === 'number' ? formatNumber(value, locale) : String(value) };
    case 'date': {
      const date = String(value);
      return { text: isoDate(date) ? formatDueDate(date, locale) : date };
    }
    case 'file': {
      const id = String(value);
      const file = input.evidence.get(id);
      if (!file) return { missingFile: t.missingFile };
      const size = formatSize(file.size, locale);
      return {
        file: {
          name: file.filename,
          size,
          label: t.download(file.filename, size),
          href: `/api/v1/assessments/${input.assessmentId}/evidence/${encodeURIComponent(id)}`,
        },
      };
    }
    default:
      return { lines: lines(String(value)) };
  }
}

/** The questionnaire's sections in catalog order, each with the items that apply to it. */
function sectionsView(data: AssessmentPageData, locale: Locale) {
  const answers = data.assessment.answers as Answers;
  const states = resolveItems(data.catalog, answers);
  return data.catalog.sections
    .map((section) => ({
      id: section.id,
      title: section.title[locale],
      items: section.items
        .filter((item) => states.get(item.id)?.visible)
        .map((item) => {
          const answer = answerView({
            item,
            catalog: data.catalog,
            value: answers[item.id],
            locale,
            evidence: data.evidence,
            assessmentId: data.assessment.id,
          });
          return { id: item.id, question: item.text[locale], answer };
        }),
    }))
    .filter((section) => section.items.length > 0);
}

function scoreView(data: AssessmentPageData, locale: Locale) {
  const t = ASSESSMENT_PAGE_TEXT[locale];
  const score = data.score;
  if (!score) return null;
  const label = (map: Record<string, string>, key: string) => map[key] ?? key;
  return {
    tier: label(t.tiers, score.tier),
    tierClass: `tier-${score.tier}`,
    riskScore: score.riskScore.toFixed(1),
    basis: t.submission(score.submission),
    incomplete: score.status === 'incomplete',
    findings: score.findings.map((f) => ({
      severity: label(t.severity, f.severity),
      severityClass: `sev-${f.severity}`,
      directives: f.directives.map((d) => t.score.directive(d)).join(', '),
      status: label(t.findingStatuses, f.status),
      message: f.message[locale],
      recommendation: f.recommendation[locale],
    })),
  };
}

export function assessmentPageData(input: {
  locale: Locale;
  data: AssessmentPageData;
  role: UserRole;
  notice?: 'reopened' | null;
  form?: ReopenFormState;
  /** Links just withdrawn from this page (their number), for the notice. */
  revokedLinks?: number | null;
  /** Why the withdrawal form was refused. */
  revokeError?: string | null;
}): Record<string, unknown> {
  const { locale, data } = input;
  const t = ASSESSMENT_PAGE_TEXT[locale];
  const a = data.assessment;
  // Reopening and withdrawing links are procurement's (and admins') actions.
  const mayAct = input.role === 'admin' || input.role === 'procurement';
  const reopenable = REOPENABLE.has(a.status);
  const closed = data.campaign.status === 'closed';
  return {
    t,
    heading: t.title(data.supplier.name),
    assessmentId: a.id,
    supplier: data.supplier,
    campaign: { ...data.campaign, closed, dueDate: formatDueDate(data.campaign.dueDate, locale) },
    campaignDueIso: data.campaign.dueDate,
    status: t.statuses[a.status] ?? a.status,
    statusKey: a.status,
    submittedAt: a.submittedAt
      ? formatDateTime(a.submittedAt, locale, { zoneLabel: false })
      : t.notSubmitted,
    submittedAtIso: a.submittedAt ? a.submittedAt.toISOString() : null,
    submissions: a.submissionCount > 0 ? t.submissions(a.submissionCount) : t.notSubmitted,
    sections: sectionsView(data, locale),
    score: scoreView(data, locale),
    // The supplier is revising on the buyer's request: the message it was given.
    pendingMessage: !reopenable && a.reopenMessage ? lines(a.reopenMessage) : null,
    canReopen: mayAct && reopenable && !closed,
    reopenClosed: mayAct && reopenable && closed,
    reopenMessage: input.form?.message ?? '',
    reopenError: input.form?.error ?? null,
    reopenMax: REOPEN_MESSAGE_MAX,
    // Withdrawing the links makes sense while the campaign takes answers (a closed one's links
    // no longer open anyway).
    canRevoke: mayAct && !closed,
    liveLinks: t.links.live(data.liveLinks),
    revokeError: input.revokeError ?? null,
    notice:
      input.notice === 'reopened'
        ? t.reopen.done
        : typeof input.revokedLinks === 'number'
          ? t.links.done(input.revokedLinks)
          : null,
  };
}
