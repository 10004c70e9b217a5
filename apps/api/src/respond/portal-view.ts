import { Answers, Catalog, CatalogItem, ItemState } from '@kakehashi/domain';
import { answerSummary, isAnswered, tokyoToday } from '@kakehashi/mail';
import { Lang } from './portal-text';

// One answer as a person reads it, and the evidence ids answers name: shared with the receipt mail.
export { describeAnswer, evidenceIdsIn } from '@kakehashi/mail';

export interface ItemView {
  id: string;
  domId: string;
  text: string;
  help?: string;
  required: boolean;
  hidden: boolean;
  error?: string;
  isMaturity: boolean;
  isSingle: boolean;
  isMulti: boolean;
  isYesNo: boolean;
  isDate: boolean;
  isNumber: boolean;
  isText: boolean;
  isLongText: boolean;
  isFile: boolean;
  options: {
    code: string;
    label: string;
    description?: string;
    checked: boolean;
    inputId: string;
  }[];
  value: string;
  yes: boolean;
  no: boolean;
  none: boolean;
  /** Strings, so a bound of 0 still renders (Handlebars treats the number 0 as false). */
  min?: string;
  max?: string;
  maxLength?: number;
  /** A date item that cannot lie in the future (`notAfter: 'today'`): today in Tokyo. */
  dateMax?: string;
  file?: { name: string; href: string };
}

export interface NavEntry {
  id: string;
  title: string;
  href: string;
  answered: number;
  required: number;
  complete: boolean;
  current: boolean;
}

/** Item ids are like "D01.M"; DOM ids must be simple for CSS selectors and fragment links. */
export function domIdOf(itemId: string): string {
  return `item-${itemId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

/**
 * Where the pages of one questionnaire session live: `/q/s/<assessmentId>`. Its session cookie is
 * scoped to this path, so questionnaires opened side by side in one browser (two companies, two
 * buyers) each keep their own session, and a page can only ever act on the questionnaire its
 * address names. Sessions started before these addresses (cookie on `/q`) keep `/q/s`.
 */
export function sessionBase(assessmentId: string): string {
  return `/q/s/${encodeURIComponent(assessmentId)}`;
}

/** The base of the pages of a session whose cookie is on `/q` (started before session paths). */
export const LEGACY_BASE = '/q/s';

/** The session cookie's path for pages under `base`. */
export function cookiePathOf(base: string): string {
  return base === LEGACY_BASE ? '/q' : base;
}

export function sectionHref(base: string, sectionId: string): string {
  return `${base}/sections/${encodeURIComponent(sectionId)}`;
}

/** Sections that have at least one visible item, with their progress. */
export function navigation(
  catalog: Catalog,
  answers: Answers,
  states: Map<string, ItemState>,
  input: { lang: Lang; base: string; currentId?: string },
): NavEntry[] {
  return catalog.sections
    .filter((s) => s.items.some((i) => states.get(i.id)?.visible))
    .map((section) => {
      const required = section.items.filter((i) => states.get(i.id)?.required);
      const done = required.filter((i) => isAnswered(answers[i.id])).length;
      return {
        id: section.id,
        title: section.title[input.lang],
        href: sectionHref(input.base, section.id),
        answered: done,
        required: required.length,
        complete: done === required.length,
        current: section.id === input.currentId,
      };
    });
}

export function itemView(input: {
  item: CatalogItem;
  catalog: Catalog;
  answers: Answers;
  state: ItemState | undefined;
  lang: Lang;
  evidence: Map<string, string>;
  /** The session's base path (sessionBase), for the file's download link. */
  base: string;
  error?: string;
}): ItemView {
  const { item, lang } = input;
  const value = input.answers[item.id];
  const domId = domIdOf(item.id);
  const levels = item.kind === 'maturity' ? (item.levels ?? input.catalog.maturityLevels) : [];
  const selected = Array.isArray(value) ? value : [value];
  const options =
    item.kind === 'maturity'
      ? levels.map((l) => ({
          code: String(l.level),
          label: `${l.level}. ${l.label[lang]}`,
          description: l.description[lang],
          checked: value === l.level,
          inputId: `${domId}-${l.level}`,
        }))
      : (item.options ?? []).map((o) => ({
          code: o.code,
          label: o.label[lang],
          checked: selected.includes(o.code),
          inputId: `${domId}-${o.code}`,
        }));
  const evidenceName = typeof value === 'string' ? input.evidence.get(value) : undefined;
  return {
    id: item.id,
    domId,
    text: item.text[lang],
    help: item.help?.[lang],
    required: input.state?.required ?? item.required,
    hidden: !(input.state?.visible ?? true),
    error: input.error,
    isMaturity: item.kind === 'maturity',
    isSingle: item.kind === 'single',
    isMulti: item.kind === 'multi',
    isYesNo: item.kind === 'yesno',
    isDate: item.kind === 'date',
    isNumber: item.kind === 'number',
    isText: item.kind === 'text' && (item.maxLength ?? 2000) <= 200,
    isLongText: item.kind === 'text' && (item.maxLength ?? 2000) > 200,
    isFile: item.kind === 'file',
    options,
    value: typeof value === 'string' || typeof value === 'number' ? String(value) : '',
    yes: value === true,
    no: value === false,
    none: Array.isArray(value) && value.length === 0,
    min: item.min === undefined ? undefined : String(item.min),
    max: item.max === undefined ? undefined : String(item.max),
    maxLength: item.maxLength,
    dateMax: item.kind === 'date' && item.notAfter === 'today' ? tokyoToday() : undefined,
    file:
      evidenceName && typeof value === 'string'
        ? { name: evidenceName, href: `${input.base}/evidence/${encodeURIComponent(value)}` }
        : undefined,
  };
}

/** Every visible item, answered or not, grouped by section: the printable receipt. */
export function receiptView(input: {
  catalog: Catalog;
  answers: Answers;
  lang: Lang;
  evidence: Map<string, string>;
}): { title: string; items: { id: string; text: string; answer: string }[] }[] {
  return answerSummary(input);
}
