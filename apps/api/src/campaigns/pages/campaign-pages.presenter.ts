import { listCatalogs } from '@kakehashi/domain';
import type { ReminderPolicy } from '@kakehashi/database';
import { formatDueDate, formatTimestamp, tokyoToday } from '@kakehashi/mail';
import type { Locale } from '../../console/console-locale';
import type { CampaignDetail, Page } from '../campaign-queries.service';
import { AssessmentRecipientsRow, recipientCells } from './assessment-recipients.presenter';
import { assessmentListData, remindCell, type AssessmentListState } from './assessment-list';
import { ASSESSMENT_LIST_TEXT } from './assessment-list-text';
import type { CampaignFormErrors, CampaignFormValues } from './campaign-form';
import type { InvitationPreview } from './invitation-preview';
import { CAMPAIGN_PAGES_TEXT, type CampaignPagesText } from './campaign-pages-text';
import { maxDueDate } from '../create-campaign.use-case';

const COUNT_KEYS = ['invited', 'opened', 'in_progress', 'submitted', 'scored', 'overdue'] as const;

/** The row shape of CampaignQueriesService.assessments (it types its items loosely). */
interface AssessmentRow extends AssessmentRecipientsRow {
  id: string;
  supplierId: string;
  supplierName: string;
  status: keyof CampaignDetail['counts'];
  contactEmail: string | null;
  undeliverableReason: string | null;
  delivery: keyof (typeof CAMPAIGN_PAGES_TEXT)['ja']['deliveries'];
  overdue: boolean;
  /** When the supplier last opened the questionnaire (as the CSV says), and reminders sent. */
  lastOpenedAt: Date | string | null;
  remindersSent: number;
}

/** Why the detail page is shown after a redirect (`?done=`). */
export type CampaignNotice =
  | 'launched'
  | 'closed'
  | 'owner'
  /** The due date moved: of a draft, or of a launched campaign (its suppliers are told). */
  | 'dueDateChanged'
  | 'dueDateAnnounced'
  /** A draft's settings were saved. */
  | 'settingsChanged'
  /** 「今すぐ催促」 sent, or already sent today (nothing sent again). */
  | 'reminded'
  | 'remindedAlready'
  /** A draft was deleted (shown on the campaign list). */
  | 'deleted';

/** A user as the owner line and the owner form show them. */
export interface CampaignOwner {
  id: string;
  displayName: string;
  email: string;
  deactivated: boolean;
}

/** Lenient page number from the query string: anything odd is page 1. */
export function parsePage(raw: unknown): number {
  const page = Number((raw as Record<string, unknown> | undefined)?.page);
  return Number.isInteger(page) && page > 0 && page < 100_000 ? page : 1;
}

function counts(locale: Locale, detail: CampaignDetail) {
  const t = CAMPAIGN_PAGES_TEXT[locale];
  return COUNT_KEYS.map((key) => ({ key, label: t.counts[key], value: detail.counts[key] }));
}

export function listPageData(input: {
  locale: Locale;
  page: Page<unknown>;
  details: CampaignDetail[];
  canEdit: boolean;
}): Record<string, unknown> {
  const t = CAMPAIGN_PAGES_TEXT[input.locale];
  const { page } = input;
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  return {
    t,
    canEdit: input.canEdit,
    total: page.total,
    countLabels: COUNT_KEYS.map((key) => t.counts[key]),
    rows: input.details.map((d) => ({
      id: d.id,
      name: d.name,
      status: t.statuses[d.status],
      statusKey: d.status,
      dueDate: formatDueDate(d.dueDate, input.locale),
      counts: counts(input.locale, d),
      sent: d.delivery.sent,
      failed: d.delivery.failed,
    })),
    previousHref: page.page > 1 ? `/console/campaigns?page=${page.page - 1}` : null,
    nextHref: page.page < pages ? `/console/campaigns?page=${page.page + 1}` : null,
    pageLabel: `${page.page} / ${pages}`,
  };
}

/** The reminder policy in words, one sentence a step (before, overdue, escalation). */
export function reminderSchedule(locale: Locale, policy: ReminderPolicy): string[] {
  const words = CAMPAIGN_PAGES_TEXT[locale].reminderWords;
  const before = [...policy.beforeDays].sort((a, b) => b - a);
  return [
    before.length > 0 ? words.before(before) : words.noBefore,
    words.overdue(policy.overdueEveryDays),
    policy.escalateAfterOverdue > 0
      ? words.escalate(
          policy.escalateAfterOverdue,
          policy.escalateAfterOverdue * policy.overdueEveryDays,
        )
      : words.noEscalate,
  ];
}

/** The questionnaire's title in the page's language (the version itself when unknown). */
function catalogTitle(locale: Locale, version: string): string {
  const catalog = listCatalogs().find((c) => c.version === version);
  return catalog ? `${catalog.title[locale]} (${version})` : version;
}

export function detailPageData(input: {
  locale: Locale;
  detail: CampaignDetail;
  assessments: Page<unknown>;
  /** The first of a draft's chosen suppliers (the supplier page lists them all). */
  draftSuppliers: { id: string; name: string }[];
  /**
   * A draft's choice as read with `draftSuppliers`: its number of suppliers and the fingerprint
   * of the exact set, which the launch form carries (no launch form without it).
   */
  draftChoice?: { count: number; supplierSet: string } | null;
  canEdit: boolean;
  /** The campaign's owner, and who may become it (active procurement users and admins). */
  owner: CampaignOwner | null;
  owners: CampaignOwner[];
  notice?: CampaignNotice | null;
  error?: string | null;
  /** Keep the close confirmation open (its refusal is being shown). */
  closeOpen?: boolean;
  /** The owner form's choice was refused: keep it open and mark it. */
  ownerInvalid?: boolean;
  /** The due date typed into the due date form when it was refused (kept, marked). */
  dueDateRefused?: string | null;
  /** The launch was refused for want of its tick (mark it). */
  launchRefused?: boolean;
  /** The part of the assessment list shown (filter, page), and its rows reminded today. */
  listState?: AssessmentListState;
  remindedToday?: Set<string>;
  /** The draft's deletion was refused (keep its confirmation open and mark it). */
  deleteRefused?: boolean;
  /** A draft's settings form (as typed when refused), else null. */
  settingsForm?: { form: CampaignFormValues; errors?: CampaignFormErrors } | null;
  /** A draft's invitation as the suppliers will see it. */
  preview?: InvitationPreview[] | null;
  /** How many suppliers a new due date would be mailed to (a launched campaign), else null. */
  dueDateNotified?: number | null;
}): Record<string, unknown> {
  const t = CAMPAIGN_PAGES_TEXT[input.locale];
  const count = (n: number) => n.toLocaleString('en-US');
  const { detail, owner } = input;
  // The current owner stays a choice even when no longer eligible, so the form never
  // proposes someone else by default.
  const owners =
    owner && !input.owners.some((o) => o.id === owner.id) ? [owner, ...input.owners] : input.owners;
  const ownerLabel = (o: CampaignOwner) =>
    o.deactivated ? t.ownerDeactivated(o.displayName) : o.displayName;
  const rows = input.assessments.items as AssessmentRow[];
  const lt = ASSESSMENT_LIST_TEXT[input.locale];
  const chosenCount = input.draftChoice?.count ?? detail.draftSupplierCount;
  return {
    t,
    campaign: {
      id: detail.id,
      name: detail.name,
      status: t.statuses[detail.status],
      statusKey: detail.status,
      dueDate: formatDueDate(detail.dueDate, input.locale),
      owner: owner ? ownerLabel(owner) : '—',
    },
    ownerForm:
      input.canEdit && detail.status !== 'closed'
        ? {
            choices: owners.map((o) => ({
              value: o.id,
              label: `${ownerLabel(o)} <${o.email}>`,
              selected: o.id === detail.ownerId,
            })),
            open: input.ownerInvalid ?? false,
            invalid: input.ownerInvalid ?? false,
          }
        : null,
    counts: counts(input.locale, detail),
    delivery: (['queued', 'sent', 'failed', 'skipped'] as const).map((key) => ({
      key,
      label: t.deliveries[key],
      value: detail.delivery[key],
    })),
    undeliverable: detail.undeliverable,
    settings: {
      catalog: catalogTitle(input.locale, detail.catalogVersion),
      reminders: reminderSchedule(input.locale, detail.reminderPolicy),
      senderName: detail.senderName,
      message: detail.message,
    },
    settingsForm: input.settingsForm
      ? {
          ...formPageData({
            locale: input.locale,
            form: input.settingsForm.form,
            errors: input.settingsForm.errors,
          }),
          open: input.settingsForm.errors !== undefined,
        }
      : null,
    preview: input.preview ?? null,
    chosen:
      detail.status === 'draft'
        ? {
            count: t.chosenCount(count(chosenCount)),
            suppliers: input.draftSuppliers,
            more:
              chosenCount > input.draftSuppliers.length
                ? t.chosenMore(count(chosenCount - input.draftSuppliers.length))
                : null,
          }
        : null,
    suppliersHref:
      input.canEdit && detail.status !== 'closed'
        ? `/console/campaigns/${detail.id}/suppliers`
        : null,
    suppliersLabel: detail.status === 'draft' ? t.addSuppliers : t.addSuppliersLaunched,
    assessments: rows.map((row) => ({
      answersHref: `/console/assessments/${row.id}`,
      supplierId: row.supplierId,
      supplierName: row.supplierName,
      status: t.counts[row.status] ?? row.status,
      ...recipientCells(input.locale, row),
      delivery: t.deliveries[row.delivery] ?? row.delivery,
      deliveryKey: row.delivery,
      reason: row.undeliverableReason,
      overdue: row.overdue,
      lastOpened: row.lastOpenedAt ? formatTimestamp(row.lastOpenedAt, input.locale) : lt.never,
      remindersSent: lt.remindersCount(count(row.remindersSent ?? 0)),
      remind: remindCell({ ...input, remindedToday: input.remindedToday ?? new Set(), row }),
    })),
    list: assessmentListData({
      ...input,
      page: input.assessments,
      state: input.listState ?? { status: null, page: 1 },
      remindedToday: input.remindedToday ?? new Set(),
    }),
    deleteForm: input.canEdit ? deleteForm(t, detail, input.deleteRefused ?? false) : null,
    launchForm:
      input.canEdit && detail.status === 'draft' && input.draftChoice && chosenCount > 0
        ? {
            count: input.draftChoice.count,
            supplierSet: input.draftChoice.supplierSet,
            text: t.launchConfirm(count(input.draftChoice.count)),
            invalid: input.launchRefused ?? false,
          }
        : null,
    launchNeedsSuppliers: input.canEdit && detail.status === 'draft' && chosenCount === 0,
    canClose: input.canEdit && detail.status !== 'closed',
    notice:
      input.notice === 'owner'
        ? owner && t.ownerChanged(owner.displayName)
        : input.notice
          ? t[input.notice]
          : null,
    error: input.error ?? null,
    closeOpen: input.closeOpen ?? false,
    dueDateForm:
      input.canEdit && detail.status !== 'closed'
        ? {
            value: input.dueDateRefused ?? detail.dueDate,
            min: tokyoToday(),
            max: maxDueDate(),
            invalid: typeof input.dueDateRefused === 'string',
            notify:
              typeof input.dueDateNotified === 'number'
                ? {
                    count: input.dueDateNotified,
                    text: t.dueDateNotify(count(input.dueDateNotified)),
                  }
                : null,
          }
        : null,
  };
}

/**
 * The delete form of a draft, or of a campaign closed before it was launched (a launch time or
 * any assessment means it was launched: it keeps its history), else null.
 */
function deleteForm(
  t: CampaignPagesText,
  detail: CampaignDetail,
  invalid: boolean,
): { label: string; confirm: string; check: string; invalid: boolean } | null {
  if (detail.status === 'draft') {
    return { label: t.deleteDraft, confirm: t.deleteConfirm, check: t.deleteCheck, invalid };
  }
  const assessed = Object.values(detail.counts).some((n) => n > 0);
  if (detail.status === 'closed' && detail.launchedAt === null && !assessed) {
    return {
      label: t.deleteClosed,
      confirm: t.deleteClosedConfirm,
      check: t.deleteClosedCheck,
      invalid,
    };
  }
  return null;
}

export function formPageData(input: {
  locale: Locale;
  form: CampaignFormValues;
  errors?: CampaignFormErrors;
}): Record<string, unknown> {
  const { form } = input;
  const byField = input.errors?.byField ?? {};
  return {
    t: CAMPAIGN_PAGES_TEXT[input.locale],
    form,
    catalogChoices: listCatalogs().map((c) => ({
      value: c.version,
      label: `${c.title[input.locale]} (${c.version})`,
      selected: c.version === form.catalogVersion,
    })),
    errors: input.errors?.messages ?? [],
    invalid: Object.fromEntries((input.errors?.fields ?? []).map((field) => [field, true])),
    fieldErrors: byField,
    dueDateMin: tokyoToday(),
    dueDateMax: maxDueDate(),
  };
}
