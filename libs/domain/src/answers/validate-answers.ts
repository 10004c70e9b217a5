// Checks saved answers against the catalog: unknown items, wrong value types, out-of-range numbers,
// unknown option codes. Answers to items hidden by a condition are allowed (they are kept and
// ignored) so a supplier can flip an answer back without losing what it typed.
// The error's `message` names the item id (logs and API clients rely on it); `messageJa` and
// `messageEn` are for people and name the item by its text in their language, never by its id.
import type { AnswerValue, Answers, Catalog, CatalogItem } from '../catalog/catalog.types';
import { indexCatalog } from '../catalog/catalog-index';
import { AnswerValidationError } from './answer-validation.error';
import { isIsoDate } from './dates';

/** Default cap for text and file answers without their own maxLength. */
const DEFAULT_MAX_LENGTH = 2000;

interface Problem {
  en: string;
  ja: string;
}

export interface ValidateAnswersOptions {
  /**
   * The Asia/Tokyo calendar date (YYYY-MM-DD) the answers are saved on: date items marked
   * `notAfter: 'today'` may not be later. Without it those dates are not checked, so scoring
   * stored answers never depends on the clock.
   */
  today?: string;
}

export function validateAnswers(
  catalog: Catalog,
  answers: Answers,
  options: ValidateAnswersOptions = {},
): void {
  const { today } = options;
  if (today !== undefined && !isIsoDate(today)) {
    throw new TypeError(`today must be a date YYYY-MM-DD, got ${JSON.stringify(today)}`);
  }
  if (answers === null || typeof answers !== 'object' || Array.isArray(answers)) {
    throw new AnswerValidationError(
      '',
      'Answers must be an object keyed by item id',
      '回答は設問IDをキーとするオブジェクトで指定してください',
    );
  }
  const index = indexCatalog(catalog);
  // The smallest unknown id is reported, so the error does not depend on key order.
  let unknown: string | undefined;
  for (const id in answers) {
    if (!index.byId.has(id) && (unknown === undefined || id < unknown)) unknown = id;
  }
  if (unknown !== undefined) {
    const id = unknown;
    throw new AnswerValidationError(
      id,
      `Unknown item "${id}": catalog ${catalog.version} has no such item`,
      `設問「${id}」はカタログ ${catalog.version} に存在しません`,
    );
  }
  for (const item of index.items) {
    const value = answers[item.id];
    if (value === null || value === undefined) continue;
    const problem =
      checkValue(item, value, index.options.get(item.id)) ?? checkNotAfter(item, value, today);
    if (problem) {
      throw new AnswerValidationError(
        item.id,
        `Answer for item "${item.id}" (${item.kind}) ${problem.en}`,
        `「${item.text.ja}」：${problem.ja}`,
        `Answer to "${item.text.en}" ${problem.en}`,
      );
    }
  }
}

function checkValue(
  item: CatalogItem,
  value: AnswerValue,
  codes: Map<string, unknown> | undefined,
): Problem | undefined {
  // Described only when rejected: the accepting path, which the scorer runs per answer, builds no strings.
  const got = () => describe(value);
  switch (item.kind) {
    case 'maturity':
      return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 5
        ? undefined
        : {
            en: `must be an integer level 1-5, got ${got()}`,
            ja: `1〜5 の整数で回答してください（${got()}）`,
          };
    case 'single':
      if (typeof value !== 'string')
        return {
          en: `must be an option code string, got ${got()}`,
          ja: `選択肢のコードを文字列で指定してください（${got()}）`,
        };
      return knownCode(item, value, codes);
    case 'multi': {
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
        return {
          en: `must be an array of option codes, got ${got()}`,
          ja: `選択肢コードの配列で指定してください（${got()}）`,
        };
      }
      if (new Set(value).size !== value.length)
        return { en: 'lists an option code twice', ja: '同じ選択肢が重複しています' };
      for (const code of value) {
        const p = knownCode(item, code, codes);
        if (p) return p;
      }
      return undefined;
    }
    case 'yesno':
      return typeof value === 'boolean'
        ? undefined
        : {
            en: `must be true or false, got ${got()}`,
            ja: `true または false で回答してください（${got()}）`,
          };
    case 'date':
      return isIsoDate(value)
        ? undefined
        : {
            en: `must be a date YYYY-MM-DD, got ${got()}`,
            ja: `YYYY-MM-DD 形式の日付で回答してください（${got()}）`,
          };
    case 'number':
      return checkNumber(item, value, got);
    case 'text':
    case 'file':
      return checkText(item, value, got);
  }
}

function checkNotAfter(
  item: CatalogItem,
  value: AnswerValue,
  today: string | undefined,
): Problem | undefined {
  // ISO dates sort like the days they name.
  if (today === undefined || item.notAfter !== 'today' || (value as string) <= today)
    return undefined;
  return {
    en: `is a future date (${value as string}). A future date cannot be entered`,
    ja: `未来の日付は入力できません（${value as string}）`,
  };
}

function knownCode(
  item: CatalogItem,
  code: string,
  codes: Map<string, unknown> | undefined,
): Problem | undefined {
  if (codes?.has(code)) return undefined;
  const allowed = (item.options ?? []).map((o) => o.code).join(', ');
  return {
    en: `has unknown option code "${code}" (allowed: ${allowed})`,
    ja: `選択肢にないコード "${code}" です（有効：${allowed}）`,
  };
}

function checkNumber(
  item: CatalogItem,
  value: AnswerValue,
  got: () => string,
): Problem | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return {
      en: `must be a finite number, got ${got()}`,
      ja: `数値で回答してください（${got()}）`,
    };
  }
  if (item.min !== undefined && value < item.min)
    return {
      en: `must be at least ${item.min}, got ${value}`,
      ja: `${item.min} 以上で回答してください（${value}）`,
    };
  if (item.max !== undefined && value > item.max)
    return {
      en: `must be at most ${item.max}, got ${value}`,
      ja: `${item.max} 以下で回答してください（${value}）`,
    };
  return undefined;
}

function checkText(item: CatalogItem, value: AnswerValue, got: () => string): Problem | undefined {
  const what = item.kind === 'file' ? 'an evidence id string' : 'a string';
  if (typeof value !== 'string')
    return { en: `must be ${what}, got ${got()}`, ja: `文字列で回答してください（${got()}）` };
  const max = item.maxLength ?? DEFAULT_MAX_LENGTH;
  if (value.length > max)
    return { en: `is longer than ${max} characters`, ja: `${max} 文字以内で回答してください` };
  if (
    item.format === 'url' &&
    value.trim() !== '' &&
    !/^https?:\/\/[^\s/$.?#][^\s]*$/i.test(value.trim())
  ) {
    return {
      en: `must be an http(s) URL, got ${got()}`,
      ja: `http(s) で始まる URL を入力してください（${got()}）`,
    };
  }
  return undefined;
}

function describe(value: AnswerValue): string {
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
