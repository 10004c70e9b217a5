import type { Campaign } from '@kakehashi/database';
import type { Locale } from '../../console/console-locale';
import { SUPPLIER_PAGES_TEXT } from '../../suppliers/pages/supplier-pages-text';
import type { ChosenSupplier, SupplierChoice } from '../campaign-supplier-choices.service';
import type { Page } from '../campaign-queries.service';
import { CAMPAIGN_PAGES_TEXT } from './campaign-pages-text';
import {
  filterEntries,
  hasFilters,
  pickerHref,
  SupplierPickerQuery,
} from './campaign-supplier-filters';
import { CAMPAIGN_SUPPLIERS_TEXT } from './campaign-suppliers-page-text';

/** Suppliers on a page of the registry under the filters, and of a draft's chosen list. */
export const PICKER_PAGE_SIZE = 50;
export const CHOSEN_PAGE_SIZE = 20;

export interface SupplierPickerPage {
  locale: Locale;
  campaign: Campaign;
  query: SupplierPickerQuery;
  choices: Page<SupplierChoice>;
  counts: { matching: number; alreadyIn: number };
  /** Every supplier of the tenant (0: the registry is empty, the page says where to start). */
  registryTotal: number;
  /** How many suppliers are in the campaign: chosen (draft) or invited. */
  memberCount: number;
  chosen: Page<ChosenSupplier>;
  filterChoices: {
    categories: string[];
    tags: string[];
    owners: { id: string; displayName: string }[];
  };
  notice?: string | null;
  error?: string | null;
  /**
   * Checkboxes to keep ticked: when a refused post shows the page again, or when the list is paged
   * (the ticks of other pages are carried in the form, hidden, and added with the page's own).
   */
  ticked?: string[];
}

const count = (n: number) => n.toLocaleString('en-US');

function pagination(
  page: { page: number; pageSize: number; total: number },
  href: (page: number) => string,
) {
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  return {
    previousHref: page.page > 1 ? href(Math.min(page.page - 1, pages)) : null,
    nextHref: page.page < pages ? href(page.page + 1) : null,
    label: `${Math.min(page.page, pages)} / ${pages}`,
    shown: pages > 1,
  };
}

/** The previous and next page numbers of the list, for the paging buttons. */
function pageNumbers(page: { page: number; pageSize: number; total: number }) {
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  return {
    previous: page.page > 1 ? Math.min(page.page - 1, pages) : null,
    next: page.page < pages ? page.page + 1 : null,
  };
}

function carriedIds(ticked: Set<string>, rows: { id: string }[]): string[] {
  const shown = new Set(rows.map((row) => row.id));
  return [...ticked].filter((id) => !shown.has(id));
}

export function supplierPickerData(input: SupplierPickerPage): Record<string, unknown> {
  const t = CAMPAIGN_SUPPLIERS_TEXT[input.locale];
  const registry = SUPPLIER_PAGES_TEXT[input.locale];
  const statuses = CAMPAIGN_PAGES_TEXT[input.locale].statuses;
  const { campaign, query, choices, counts } = input;
  const { filters } = query;
  const ticked = new Set(input.ticked ?? []);
  const ownerNames = new Map(input.filterChoices.owners.map((o) => [o.id, o.displayName]));
  const choice = (value: string, label: string, current: unknown) => ({
    value,
    label,
    selected: value === (current === undefined ? '' : String(current)),
  });
  const all = choice('', t.all, undefined);
  const newCount = counts.matching - counts.alreadyIn;
  const open = campaign.status !== 'closed';
  return {
    t,
    registry,
    campaign: {
      id: campaign.id,
      name: campaign.name,
      status: statuses[campaign.status],
      statusKey: campaign.status,
    },
    backHref: `/console/campaigns/${campaign.id}`,
    notice: input.notice ?? null,
    error: input.error ?? null,
    summary:
      campaign.status === 'draft'
        ? t.chosenCount(count(input.memberCount))
        : t.invitedCount(count(input.memberCount)),
    isDraft: campaign.status === 'draft',
    launched: campaign.status === 'launched',
    closed: !open,
    registryEmpty: input.registryTotal === 0,
    filters: {
      q: filters.q ?? '',
      criticality: [
        all,
        ...[1, 2, 3].map((level) =>
          choice(String(level), registry.levels[level as 1 | 2 | 3], filters.criticality),
        ),
      ],
      sizeClass: [
        all,
        choice('sme', registry.sizes.sme, filters.sizeClass),
        choice('large', registry.sizes.large, filters.sizeClass),
      ],
      category: [all, ...input.filterChoices.categories.map((c) => choice(c, c, filters.category))],
      tag: [all, ...input.filterChoices.tags.map((tag) => choice(tag, tag, filters.tag))],
      owner: [
        all,
        ...input.filterChoices.owners.map((o) => choice(o.id, o.displayName, filters.ownerId)),
      ],
      active: hasFilters(filters),
      clearHref: pickerHref(campaign.id, { ...query, filters: {}, page: 1 }),
    },
    matching: t.matching(count(counts.matching)),
    alreadyIn: counts.alreadyIn > 0 ? t.alreadyIn(count(counts.alreadyIn)) : null,
    hidden: [
      ...filterEntries(filters),
      { name: 'page', value: String(query.page) },
      { name: 'chosenPage', value: String(query.chosenPage) },
      { name: 'status', value: campaign.status },
    ],
    addForm: open && input.registryTotal > 0,
    addMatching: newCount > 0 ? t.addMatching(count(newCount)) : null,
    rows: choices.items.map((s) => ({
      id: s.id,
      name: s.name,
      nameRomaji: s.nameRomaji,
      corporateNumber: s.corporateNumber ?? '—',
      category: s.category ?? '—',
      criticality: registry.levels[s.criticality as 1 | 2 | 3] ?? String(s.criticality),
      tags: s.tags.join(', ') || '—',
      owner: (s.ownerId && ownerNames.get(s.ownerId)) ?? '—',
      contact: s.primaryContact?.email ?? null,
      state: s.membership ? t.state[s.membership] : null,
      checked: ticked.has(s.id),
    })),
    // Ticks on other pages of the list: carried by the form, added with this page's.
    carried: carriedIds(ticked, choices.items),
    carriedText: (() => {
      const n = carriedIds(ticked, choices.items).length;
      return n > 0 ? t.carried(count(n)) : null;
    })(),
    pages: {
      ...pagination(choices, (page) => pickerHref(campaign.id, { ...query, page })),
      // Paging submits the add form (without adding), so the ticks go along.
      ...pageNumbers(choices),
    },
    chosen:
      campaign.status === 'draft'
        ? {
            heading: t.chosenHeading(count(input.chosen.total)),
            rows: input.chosen.items.map((s) => ({
              id: s.id,
              name: s.name,
              corporateNumber: s.corporateNumber ?? '—',
              contact: s.contactEmail,
              removeLabel: t.removeLabel(s.name),
            })),
            pages: pagination(
              input.chosen,
              (chosenPage) => `${pickerHref(campaign.id, { ...query, chosenPage })}#chosen`,
            ),
          }
        : null,
  };
}
