import {
  AnswerValue,
  Answers,
  Catalog,
  CatalogItem,
  CatalogSection,
  resolveItems,
} from '@kakehashi/domain';
import { MailLocale, ReceiptSection, formatDueDate, formatNumber } from './mail-data.types';

/** The words an answer is told with where it is no option label (the portal shows the same). */
export const ANSWER_WORDS: Record<
  MailLocale,
  { unanswered: string; yes: string; no: string; none: string }
> = {
  ja: { unanswered: '未回答', yes: 'はい', no: 'いいえ', none: 'いずれも該当しない' },
  en: { unanswered: 'Not answered', yes: 'Yes', no: 'No', none: 'None of these' },
};

/** Whether a value counts as an answer (an empty selection, "none of these", does). */
export function isAnswered(value: AnswerValue | undefined): boolean {
  if (value === null || value === undefined) return false;
  return typeof value !== 'string' || value.trim() !== '';
}

/**
 * One answer as a person reads it (the portal's receipt and conflict notes, the receipt mail):
 * option labels in the reader's language, evidence by file name, free text as typed.
 */
export function describeAnswer(input: {
  item: CatalogItem;
  catalog: Catalog;
  value: AnswerValue | undefined;
  lang: MailLocale;
  /** File names by evidence id. */
  evidence: Map<string, string>;
}): string {
  const { item, value, lang } = input;
  const words = ANSWER_WORDS[lang];
  if (value === null || value === undefined || value === '') return words.unanswered;
  if (item.kind === 'maturity') {
    const level = (item.levels ?? input.catalog.maturityLevels).find((l) => l.level === value);
    return level ? `${level.level}. ${level.label[lang]}` : String(value);
  }
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  const label = (code: string) => item.options?.find((o) => o.code === code)?.label[lang] ?? code;
  if (Array.isArray(value))
    return value.length === 0 ? words.none : value.map(label).join(lang === 'ja' ? '、' : ', ');
  if (item.kind === 'single') return label(String(value));
  if (item.kind === 'file') return input.evidence.get(String(value)) ?? String(value);
  // Dates and numbers as the console and the mails show them (2025年4月1日(火), 300,000).
  if (item.kind === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return formatDueDate(value, lang);
  }
  if (item.kind === 'number' && typeof value === 'number') return formatNumber(value, lang);
  return String(value);
}

/**
 * Every item visible for these answers, answered or not, grouped by section: what the supplier
 * submitted, as the printable receipt page and the receipt mail show it.
 */
export function answerSummary(input: {
  catalog: Catalog;
  answers: Answers;
  lang: MailLocale;
  evidence: Map<string, string>;
}): (ReceiptSection & { items: { id: string; text: string; answer: string }[] })[] {
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

/** The evidence ids the file items of these answers name. */
export function evidenceIdsIn(catalog: Catalog, answers: Answers): string[] {
  return catalog.sections
    .flatMap((s) => s.items)
    .filter((i) => i.kind === 'file' && typeof answers[i.id] === 'string')
    .map((i) => answers[i.id] as string);
}
