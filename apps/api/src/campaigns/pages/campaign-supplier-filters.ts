import type { SupplierFilters } from '../../suppliers/dto/list-suppliers.query';
import { parsePage } from './campaign-pages.presenter';

/** The supplier page's filters and where it is (its two lists page separately). */
export interface SupplierPickerQuery {
  filters: SupplierFilters;
  /** Page of the registry under the filters. */
  page: number;
  /** Page of a draft's chosen suppliers. */
  chosenPage: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FILTER_KEYS = ['q', 'category', 'criticality', 'sizeClass', 'tag', 'ownerId'] as const;

/**
 * Lenient reading of the filters, from the address (GET) or the form that repeats them (POST):
 * anything unexpected is left out, never an error, so an odd link still shows a page.
 */
export function readPickerQuery(raw: unknown): SupplierPickerQuery {
  const source = (raw ?? {}) as Record<string, unknown>;
  const text = (v: unknown, max: number) =>
    typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : undefined;
  const criticality = Number(source.criticality);
  const ownerId = text(source.ownerId, 36);
  return {
    filters: {
      q: text(source.q, 200),
      category: text(source.category, 200),
      criticality: [1, 2, 3].includes(criticality) ? criticality : undefined,
      sizeClass:
        source.sizeClass === 'sme' || source.sizeClass === 'large' ? source.sizeClass : undefined,
      tag: text(source.tag, 200),
      ownerId: ownerId && UUID.test(ownerId) ? ownerId : undefined,
    },
    page: parsePage({ page: source.page }),
    chosenPage: parsePage({ page: source.chosenPage }),
  };
}

/** The filters as name/value pairs (for links and the form's hidden fields), set ones only. */
export function filterEntries(filters: SupplierFilters): { name: string; value: string }[] {
  return FILTER_KEYS.flatMap((name) => {
    const value = filters[name];
    return value === undefined || value === '' ? [] : [{ name, value: String(value) }];
  });
}

export function hasFilters(filters: SupplierFilters): boolean {
  return filterEntries(filters).length > 0;
}

/** The supplier page's address with these filters and pages (and extra values, e.g. a notice). */
export function pickerHref(
  campaignId: string,
  query: SupplierPickerQuery,
  extra: Record<string, string | number> = {},
): string {
  const params = new URLSearchParams();
  for (const { name, value } of filterEntries(query.filters)) params.set(name, value);
  if (query.page > 1) params.set('page', String(query.page));
  if (query.chosenPage > 1) params.set('chosenPage', String(query.chosenPage));
  for (const [name, value] of Object.entries(extra)) params.set(name, String(value));
  const search = params.toString();
  return `/console/campaigns/${campaignId}/suppliers${search ? `?${search}` : ''}`;
}

/** Supplier ids posted by the form's checkboxes: one value or several under the same name. */
export function readSupplierIds(raw: unknown): { ids: string[]; malformed: number } {
  const values = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  const ids = values.filter((v): v is string => typeof v === 'string' && UUID.test(v));
  return { ids: [...new Set(ids)], malformed: values.length - ids.length };
}

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
