import {
  AnswerValue,
  Answers,
  Catalog,
  CatalogItem,
  CatalogSection,
  ItemState,
  resolveItems,
} from '@kakehashi/domain';
import { formatDueDate, formatNumber } from '@kakehashi/mail';
import { Lang, PORTAL_TEXT } from './portal-text';

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

export function sectionHref(sectionId: string): string {
  return `/q/s/sections/${encodeURIComponent(sectionId)}`;
}

function answered(value: AnswerValue | undefined): boolean {
  if (value === null || value === undefined) return false;
  return typeof value !== 'string' || value.trim() !== '';
}

/** Sections that have at least one visible item, with their progress. */
export function navigation(
  catalog: Catalog,
  answers: Answers,
  states: Map<string, ItemState>,
  input: { lang: Lang; currentId?: string },
): NavEntry[] {
  return catalog.sections
    .filter((s) => s.items.some((i) => states.get(i.id)?.visible))
    .map((section) => {
      const required = section.items.filter((i) => states.get(i.id)?.required);
      const done = required.filter((i) => answered(answers[i.id])).length;
      return {
        id: section.id,
        title: section.title[input.lang],
        href: sectionHref(section.id),
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
    file:
      evidenceName && typeof value === 'string'
        ? { name: evidenceName, href: `/q/s/evidence/${encodeURIComponent(value)}` }
        : undefined,
  };
}

/** One answer as a person reads it (receipt, conflict notes). */
export function describeAnswer(input: {
  item: CatalogItem;
  catalog: Catalog;
  value: AnswerValue | undefined;
  lang: Lang;
  evidence: Map<string, string>;
}): string {
  const { item, value, lang } = input;
  const t = PORTAL_TEXT[lang];
  if (value === null || value === undefined || value === '') return t.unanswered;
  if (item.kind === 'maturity') {
    const level = (item.levels ?? input.catalog.maturityLevels).find((l) => l.level === value);
    return level ? `${level.level}. ${level.label[lang]}` : String(value);
  }
  if (typeof value === 'boolean') return value ? t.yes : t.no;
  const label = (code: string) => item.options?.find((o) => o.code === code)?.label[lang] ?? code;
  if (Array.isArray(value))
    return value.length === 0 ? t.none : value.map(label).join(lang === 'ja' ? '、' : ', ');
  if (item.kind === 'single') return label(String(value));
  if (item.kind === 'file') return input.evidence.get(String(value)) ?? String(value);
  // Dates and numbers as the console and the mails show them (2025年4月1日(火), 300,000).
  if (item.kind === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return formatDueDate(value, lang);
  }
  if (item.kind === 'number' && typeof value === 'number') return formatNumber(value, lang);
  return String(value);
}

/** Every visible item, answered or not, grouped by section: the printable receipt. */
export function receiptView(input: {
  catalog: Catalog;
  answers: Answers;
  lang: Lang;
  evidence: Map<string, string>;
}): { title: string; items: { id: string; text: string; answer: string }[] }[] {
  const states = resolveItems(input.catalog, input.answers);
  return input.catalog.sections
    .map((section: CatalogSection) => ({
      title: section.title[input.lang],
      items: section.items
        .filter((item) => states.get(item.id)?.visible)
        .map((item) => ({
          id: item.id,
          text: item.text[input.lang],
          answer: describeAnswer({ ...input, item, value: input.answers[item.id] }),
        })),
    }))
    .filter((s) => s.items.length > 0);
}

export function evidenceIdsIn(catalog: Catalog, answers: Answers): string[] {
  return catalog.sections
    .flatMap((s) => s.items)
    .filter((i) => i.kind === 'file' && typeof answers[i.id] === 'string')
    .map((i) => answers[i.id] as string);
}
