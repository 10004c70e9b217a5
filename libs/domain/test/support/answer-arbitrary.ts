// fast-check generators for answer sets the catalog allows, and for "better" answers.
import fc from 'fast-check';
import type { AnswerValue, Answers, Catalog, CatalogItem, SupplierProfile } from '../../src';

const DAY_MS = 86_400_000;
const FIRST_DAY = Date.UTC(2024, 0, 1);
const LAST_DAY = Date.UTC(2027, 11, 31);

export const isoDateArb = fc
  .integer({ min: 0, max: (LAST_DAY - FIRST_DAY) / DAY_MS })
  .map((d) => new Date(FIRST_DAY + d * DAY_MS).toISOString().slice(0, 10));

export function valueArb(item: CatalogItem): fc.Arbitrary<AnswerValue> {
  const codes = (item.options ?? []).map((o) => o.code);
  switch (item.kind) {
    case 'maturity':
      return fc.integer({ min: 1, max: 5 });
    case 'single':
      return fc.constantFrom(...codes);
    case 'multi':
      return fc.subarray(codes);
    case 'yesno':
      return fc.boolean();
    case 'date':
      return isoDateArb;
    case 'number':
      return fc.integer({ min: item.min ?? 0, max: Math.min(item.max ?? 1_000_000, 1_000_000) });
    case 'text':
      return item.format === 'url'
        ? fc.constantFrom('https://example.jp/policy', 'http://www.example.co.jp/security')
        : fc.string({ maxLength: Math.min(item.maxLength ?? 40, 40) });
    case 'file':
      return fc.uuid();
  }
}

/** Any answer set the catalog allows: every item answered or null (about 1 in 6 null). */
export function answersArb(catalog: Catalog): fc.Arbitrary<Answers> {
  const items = catalog.sections.flatMap((s) => s.items);
  return fc.record(
    Object.fromEntries(
      items.map((item) => [item.id, fc.option(valueArb(item), { nil: null, freq: 6 })]),
    ),
  );
}

export const profileArb: fc.Arbitrary<SupplierProfile> = fc.record(
  {
    criticality: fc.constantFrom(1 as const, 2 as const, 3 as const),
    sizeClass: fc.constantFrom('sme' as const, 'large' as const),
    handlesConfidentialData: fc.boolean(),
    outageImpact: fc.boolean(),
    networkAccess: fc.boolean(),
    asOf: fc.constantFrom('2025-06-30', '2026-03-31', '2026-12-01'),
  },
  { requiredKeys: ['criticality', 'asOf'] },
);

/**
 * Strictly better answers for an `ordered` item (see CatalogItem.ordered): a higher level or
 * option score, わからない instead of the lowest option, the top option instead of わからない,
 * yes instead of no, one more selected option, a later date.
 */
export function betterValues(item: CatalogItem, value: AnswerValue): AnswerValue[] {
  if (!item.ordered || value === null) return [];
  switch (item.kind) {
    case 'maturity':
      return [1, 2, 3, 4, 5].filter((l) => l > (value as number));
    case 'single': {
      const options = item.options ?? [];
      const current = options.find((o) => o.code === value);
      const scored = options.filter((o) => !o.flag && o.score !== undefined);
      const scores = scored.map((o) => o.score as number);
      if (!current || current.flag === 'na') return [];
      if (current.flag === 'unknown') {
        return scored.filter((o) => o.score === Math.max(...scores)).map((o) => o.code);
      }
      const higher = scored
        .filter((o) => (o.score as number) > (current.score as number))
        .map((o) => o.code);
      const lowest = current.score === Math.min(...scores);
      const unknown = options.filter((o) => o.flag === 'unknown').map((o) => o.code);
      return [...higher, ...(lowest ? unknown : [])];
    }
    case 'multi': {
      const chosen = value as string[];
      return (item.options ?? [])
        .filter((o) => !chosen.includes(o.code))
        .map((o) => [...chosen, o.code]);
    }
    case 'yesno':
      return value === false ? [true] : [];
    case 'date': {
      const t = Date.parse(`${value as string}T00:00:00Z`);
      return [1, 40, 400].map((days) => new Date(t + days * DAY_MS).toISOString().slice(0, 10));
    }
    default:
      return [];
  }
}
