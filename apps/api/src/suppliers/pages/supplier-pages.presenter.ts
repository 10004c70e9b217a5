import type { Locale } from '../../console/console-locale';
import type { ListSuppliersQuery } from '../dto/list-suppliers.query';
import type { SupplierContactView, SupplierView } from '../supplier.view';
import type { SupplierFormErrors, SupplierFormValues } from './supplier-form';
import { SUPPLIER_PAGES_TEXT } from './supplier-pages-text';

type ListQuery = Pick<ListSuppliersQuery, 'q' | 'criticality' | 'sizeClass' | 'category' | 'page'>;

/** Lenient reading of the page's query string: anything unexpected is ignored, not an error. */
export function parseListQuery(raw: unknown): ListQuery {
  const query = (raw ?? {}) as Record<string, unknown>;
  const text = (v: unknown) =>
    typeof v === 'string' && v.trim() ? v.trim().slice(0, 200) : undefined;
  const criticality = Number(query.criticality);
  const page = Number(query.page);
  return {
    q: text(query.q),
    category: text(query.category),
    criticality: [1, 2, 3].includes(criticality) ? criticality : undefined,
    sizeClass:
      query.sizeClass === 'sme' || query.sizeClass === 'large' ? query.sizeClass : undefined,
    page: Number.isInteger(page) && page > 0 && page < 100_000 ? page : 1,
  };
}

function href(query: ListQuery, page: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...query, page })) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  return `/console/suppliers?${params.toString()}`;
}

/** The registry export with the page's filters, in the page's language. */
function exportHref(query: ListQuery, locale: Locale, format: 'csv' | 'xlsx'): string {
  const params = new URLSearchParams();
  const { page: _page, ...filters } = query;
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  params.set('lang', locale);
  return `/api/v1/suppliers/export.${format}?${params.toString()}`;
}

export function listPageData(input: {
  locale: Locale;
  query: ListQuery;
  result: { items: SupplierView[]; total: number; page: number; pageSize: number };
  canEdit: boolean;
}): Record<string, unknown> {
  const t = SUPPLIER_PAGES_TEXT[input.locale];
  const { result, query } = input;
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  return {
    t,
    canEdit: input.canEdit,
    q: query.q ?? '',
    category: query.category ?? '',
    total: result.total,
    criticalityChoices: [
      { value: '', label: t.all, selected: !query.criticality },
      ...[1, 2, 3].map((level) => ({
        value: String(level),
        label: t.levels[level as 1 | 2 | 3],
        selected: query.criticality === level,
      })),
    ],
    sizeChoices: [
      { value: '', label: t.all, selected: !query.sizeClass },
      { value: 'sme', label: t.sizes.sme, selected: query.sizeClass === 'sme' },
      { value: 'large', label: t.sizes.large, selected: query.sizeClass === 'large' },
    ],
    rows: result.items.map((s) => ({
      id: s.id,
      name: s.name,
      nameRomaji: s.nameRomaji,
      corporateNumber: s.corporateNumber ?? '—',
      size: s.sizeClass ? t.sizes[s.sizeClass as 'sme' | 'large'] : '—',
      criticality: s.criticality,
      category: s.category ?? '—',
      contact: s.primaryContact ? `${s.primaryContact.name} <${s.primaryContact.email}>` : '—',
    })),
    exports: {
      csv: exportHref(query, input.locale, 'csv'),
      xlsx: exportHref(query, input.locale, 'xlsx'),
    },
    previousHref: result.page > 1 ? href(query, result.page - 1) : null,
    nextHref: result.page < pages ? href(query, result.page + 1) : null,
    pageLabel: `${result.page} / ${pages}`,
  };
}

export function formPageData(input: {
  locale: Locale;
  form: SupplierFormValues;
  owners: { id: string; label: string }[];
  supplierId?: string;
  contacts?: SupplierContactView[];
  saved?: boolean;
  /** A new primary contact mailed this many links by the save (shown with the saved notice). */
  mailed?: number;
  /** The supplier's version the form was filled from (posted back, checked on save). */
  version?: string;
  /** A stale post: what the person typed, shown beside the current values in `form`. */
  typed?: SupplierFormValues;
  errors?: SupplierFormErrors;
}): Record<string, unknown> {
  const t = SUPPLIER_PAGES_TEXT[input.locale];
  const { form } = input;
  const primary = (input.contacts ?? []).find((c) => c.isPrimary);
  const saved = input.saved === true && !input.errors;
  const invalid: Partial<Record<keyof SupplierFormValues, boolean>> = Object.fromEntries(
    (input.errors?.fields ?? []).map((field) => [field, true]),
  );
  const choices = (options: [string, string][], current: string) =>
    options.map(([value, label]) => ({ value, label, selected: value === current }));
  const answerChoices = (current: string) =>
    choices(
      [
        ['', t.answers.unknown],
        ['yes', t.answers.yes],
        ['no', t.answers.no],
      ],
      current,
    );
  return {
    t,
    form,
    action: input.supplierId
      ? `/console/suppliers/${input.supplierId}/edit`
      : '/console/suppliers/new',
    heading: input.supplierId ? t.editTitle : t.newTitle,
    saved,
    savedMessage:
      saved && input.mailed && primary ? t.savedMailed(primary.email, input.mailed) : t.saved,
    version: input.version ?? null,
    typed: input.typed ? typedValues(input.typed, form, input) : [],
    errors: input.errors?.messages ?? [],
    invalid,
    sizeChoices: choices(
      [
        ['', '—'],
        ['sme', t.sizes.sme],
        ['large', t.sizes.large],
      ],
      form.sizeClass,
    ),
    criticalityChoices: choices(
      [
        ['1', t.levels[1]],
        ['2', t.levels[2]],
        ['3', t.levels[3]],
      ],
      form.criticality,
    ),
    ownerChoices: choices(
      [['', t.none], ...input.owners.map((o): [string, string] => [o.id, o.label])],
      form.ownerId ?? '',
    ),
    answers: [
      {
        name: 'handlesConfidentialData',
        label: t.fields.handlesConfidentialData,
        invalid: invalid.handlesConfidentialData === true,
        choices: answerChoices(form.handlesConfidentialData),
      },
      {
        name: 'outageImpact',
        label: t.fields.outageImpact,
        invalid: invalid.outageImpact === true,
        choices: answerChoices(form.outageImpact),
      },
      {
        name: 'networkAccess',
        label: t.fields.networkAccess,
        invalid: invalid.networkAccess === true,
        choices: answerChoices(form.networkAccess),
      },
    ],
    languageChoices: choices(
      [
        ['ja', t.languages.ja],
        ['en', t.languages.en],
      ],
      form.contactLanguage,
    ),
    otherContacts: (input.contacts ?? [])
      .filter((c) => !c.isPrimary)
      .map((c) => ({ name: c.name, email: c.email, undeliverable: c.undeliverable })),
    primaryUndeliverable: (input.contacts ?? []).some((c) => c.isPrimary && c.undeliverable),
  };
}

/**
 * The fields a stale post typed differently from the values now stored, in the page's words, so
 * nothing typed is lost when the form is shown again with the current values.
 */
function typedValues(
  typed: SupplierFormValues,
  current: SupplierFormValues,
  input: { locale: Locale; owners: { id: string; label: string }[] },
): { label: string; value: string }[] {
  const t = SUPPLIER_PAGES_TEXT[input.locale];
  const answer = (v: string) =>
    v === 'yes' ? t.answers.yes : v === 'no' ? t.answers.no : t.answers.unknown;
  const shown: Partial<Record<keyof SupplierFormValues, (v: string) => string>> = {
    sizeClass: (v) => (v === 'sme' || v === 'large' ? t.sizes[v] : '—'),
    criticality: (v) => t.levels[Number(v) as 1 | 2 | 3] ?? v,
    ownerId: (v) => input.owners.find((o) => o.id === v)?.label ?? t.none,
    handlesConfidentialData: answer,
    outageImpact: answer,
    networkAccess: answer,
    contactLanguage: (v) => (v === 'en' ? t.languages.en : t.languages.ja),
  };
  const out: { label: string; value: string }[] = [];
  for (const field of Object.keys(typed) as (keyof SupplierFormValues)[]) {
    const value = typed[field];
    if (value === null || value === (current[field] ?? '')) continue;
    out.push({
      label: t.errors.labels[field],
      value: shown[field]?.(value) ?? (value === '' ? '—' : value),
    });
  }
  return out;
}
