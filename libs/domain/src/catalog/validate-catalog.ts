// Structural checks run once when a catalog is loaded, so a broken edit fails at boot and in CI
// rather than as a wrong score later.
import type { Catalog, CatalogItem, LocalizedText } from './catalog.types';
import { CatalogValidationError } from './catalog-validation.error';
import { isIsoDate } from '../answers/dates';

const KINDS = new Set(['maturity', 'single', 'multi', 'yesno', 'date', 'number', 'text', 'file']);
const CHOICE_KINDS = new Set(['single', 'multi']);
const CONDITION_KINDS = new Set(['single', 'multi', 'yesno']);
export const SCORE_MIN = 0;
export const SCORE_MAX = 4;
/** The 自社診断 わからない answer is the one score allowed below SCORE_MIN. */
export const UNKNOWN_SCORE_MIN = -1;

const hasText = (t: LocalizedText | undefined): boolean =>
  !!t &&
  typeof t.ja === 'string' &&
  t.ja.trim() !== '' &&
  typeof t.en === 'string' &&
  t.en.trim() !== '';

export function validateCatalog(catalog: Catalog): void {
  const problems: string[] = [];
  if (!catalog.version) problems.push('catalog version is empty');
  if (!hasText(catalog.title)) problems.push('catalog title needs ja and en text');
  if (!isIsoDate(catalog.publishedOn))
    problems.push(`publishedOn "${catalog.publishedOn}" is not YYYY-MM-DD`);

  const seen = new Map<string, CatalogItem>();
  const sectionIds = new Set<string>();
  const maturityByDirective = new Map<number, number>();
  const practicesByDirective = new Map<number, number>();

  for (const section of catalog.sections) {
    if (sectionIds.has(section.id)) problems.push(`duplicate section id "${section.id}"`);
    sectionIds.add(section.id);
    if (!hasText(section.title)) problems.push(`section "${section.id}" needs ja and en title`);
    if (section.items.length === 0) problems.push(`section "${section.id}" has no items`);
    for (const item of section.items) {
      if (seen.has(item.id)) problems.push(`duplicate item id "${item.id}"`);
      problems.push(...checkItem(item, seen));
      seen.set(item.id, item);
      if (item.directive !== undefined) {
        const counter = item.kind === 'maturity' ? maturityByDirective : practicesByDirective;
        counter.set(item.directive, (counter.get(item.directive) ?? 0) + 1);
      }
    }
  }
  for (let d = 1; d <= 10; d++) {
    if (maturityByDirective.get(d) !== 1) {
      problems.push(
        `directive ${d} needs exactly one maturity item (found ${maturityByDirective.get(d) ?? 0})`,
      );
    }
    if (!practicesByDirective.get(d)) problems.push(`directive ${d} has no practice items`);
  }
  problems.push(...checkScoringModel(catalog));
  if (problems.length > 0) throw new CatalogValidationError(catalog.version, problems);
}

function checkItem(item: CatalogItem, earlier: Map<string, CatalogItem>): string[] {
  const p: string[] = [];
  const at = `item "${item.id}"`;
  if (!/^[A-Z0-9][A-Z0-9._-]*$/i.test(item.id))
    p.push(`${at}: id must be letters, digits, ".", "_" or "-"`);
  if (!KINDS.has(item.kind)) return [...p, `${at}: unknown kind "${item.kind}"`];
  if (!hasText(item.text)) p.push(`${at}: needs ja and en text`);
  if (item.help && !hasText(item.help)) p.push(`${at}: help needs ja and en text`);
  if (typeof item.required !== 'boolean') p.push(`${at}: required must be true or false`);

  if (CHOICE_KINDS.has(item.kind)) {
    const options = item.options ?? [];
    if (options.length < (item.kind === 'single' ? 2 : 1)) p.push(`${at}: too few options`);
    const codes = new Set<string>();
    for (const o of options) {
      if (!o.code) p.push(`${at}: option with empty code`);
      if (codes.has(o.code)) p.push(`${at}: duplicate option code "${o.code}"`);
      codes.add(o.code);
      if (!hasText(o.label)) p.push(`${at}: option "${o.code}" needs ja and en label`);
      if (o.score !== undefined) {
        const min = o.flag === 'unknown' ? UNKNOWN_SCORE_MIN : SCORE_MIN;
        if (!Number.isFinite(o.score) || o.score < min || o.score > SCORE_MAX) {
          p.push(`${at}: option "${o.code}" score ${o.score} is outside ${min}..${SCORE_MAX}`);
        }
      }
    }
    if (
      item.kind === 'single' &&
      item.ordered &&
      options.some((o) => !o.flag && o.score === undefined)
    ) {
      p.push(`${at}: an ordered single item needs a score on every unflagged option`);
    }
  } else if (item.options) {
    p.push(`${at}: only single and multi items take options`);
  }
  if (item.kind === 'maturity') {
    const levels = (item.levels ?? []).map((l) => l.level).join(',');
    if (levels !== '1,2,3,4,5') p.push(`${at}: maturity item needs level definitions 1..5`);
    if (item.directive === undefined) p.push(`${at}: maturity item needs a directive`);
  }
  if (
    item.directive !== undefined &&
    !(Number.isInteger(item.directive) && item.directive >= 1 && item.directive <= 10)
  ) {
    p.push(`${at}: directive ${item.directive} is not 1..10`);
  }
  if (
    item.directive !== undefined &&
    item.kind !== 'maturity' &&
    !(item.kind === 'single' && item.ordered)
  ) {
    p.push(`${at}: a directive practice item must be an ordered single item`);
  }
  if (item.notAfter !== undefined && (item.kind !== 'date' || item.notAfter !== 'today')) {
    p.push(`${at}: notAfter "today" applies to date items only`);
  }
  if (item.kind === 'number') {
    if (item.min !== undefined && !Number.isFinite(item.min)) p.push(`${at}: min is not finite`);
    if (item.max !== undefined && !Number.isFinite(item.max)) p.push(`${at}: max is not finite`);
    if (item.min !== undefined && item.max !== undefined && item.min > item.max)
      p.push(`${at}: min > max`);
  }
  if (item.maxLength !== undefined && !(Number.isInteger(item.maxLength) && item.maxLength > 0)) {
    p.push(`${at}: maxLength must be a positive integer`);
  }
  if (item.evidence && item.kind !== 'date')
    p.push(`${at}: evidence age applies to date items only`);
  if (item.evidence?.kind === 'validForMonths' && !(item.evidence.months > 0)) {
    p.push(`${at}: evidence months must be positive`);
  }

  for (const c of item.conditions ?? []) {
    const target = earlier.get(c.itemId);
    if (c.itemId === item.id) {
      p.push(`${at}: condition refers to the item itself`);
    } else if (!target) {
      p.push(
        `${at}: condition refers to "${c.itemId}", which does not exist earlier in the catalog`,
      );
    } else if (!CONDITION_KINDS.has(target.kind)) {
      p.push(
        `${at}: condition refers to "${c.itemId}" of kind ${target.kind}; use single, multi or yesno`,
      );
    } else if (c.anyOf.length === 0) {
      p.push(`${at}: condition on "${c.itemId}" lists no values`);
    } else {
      const codes = new Set((target.options ?? []).map((o) => o.code));
      for (const v of c.anyOf) {
        const ok =
          target.kind === 'yesno' ? typeof v === 'boolean' : typeof v === 'string' && codes.has(v);
        if (!ok)
          p.push(
            `${at}: condition on "${c.itemId}" uses value ${JSON.stringify(v)}, which that item cannot take`,
          );
      }
    }
  }
  return p;
}

function checkScoringModel(catalog: Catalog): string[] {
  const m = catalog.scoring;
  const p: string[] = [];
  if (Math.abs(m.practiceWeight + m.selfRatingWeight - 1) > 1e-9) {
    p.push('scoring: practiceWeight + selfRatingWeight must be 1');
  }
  for (const [size, w] of Object.entries(m.weights)) {
    const values = Object.values(w);
    if (values.some((v) => !(v >= 0))) p.push(`scoring: negative weight for ${size}`);
    if (Math.abs(values.reduce((a, b) => a + b, 0) - 1) > 1e-9)
      p.push(`scoring: weights for ${size} must sum to 1`);
  }
  const { medium, high, critical } = m.tierThresholds;
  if (!(0 < medium && medium < high && high < critical && critical <= 100)) {
    p.push('scoring: tier thresholds must rise within 0..100');
  }
  const e = m.exposure;
  if (!(e.base > 0 && e.base + 2 * e.perCriticalityStep + e.strongRequired <= 1 + 1e-9)) {
    p.push('scoring: exposure must stay within 0..1');
  }
  return p;
}
