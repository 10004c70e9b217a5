import { HttpException } from '@nestjs/common';
import type { Locale } from '../../console/console-locale';
import { SUPPLIER_IMPORT_PAGE_TEXT } from './supplier-import-page-text';

/**
 * The import reports its refusals in English (the REST API's language) with the Japanese column
 * header beside the English one, e.g. `会社名 (name) is required`. The page tells them in
 * Japanese; these patterns follow the messages written in ../import/import-columns.ts and
 * ../import/import-suppliers.use-case.ts, and the unit test beside this file fails when one of
 * them changes without this list. A message no pattern knows is shown as the import wrote it.
 */
const column = (label: string): string => label.replace(/ \([a-z_]+\)$/, '');

const ROW_MESSAGES_JA: [RegExp, (...groups: string[]) => string][] = [
  [
    /^法人番号 \(corporate_number\) "([\s\S]*)" was turned into scientific notation by Excel; format the column as text$/,
    (value) =>
      `法人番号「${value}」が Excel で指数表記に変わっています。列の書式を「文字列」にして入力し直してください。`,
  ],
  [
    /^法人番号 \(corporate_number\) "([\s\S]*)" must be 13 digits with a valid check digit$/,
    (value) =>
      `法人番号「${value}」が正しくありません。13桁の数字（先頭の1桁はチェックデジット）か確認してください。`,
  ],
  [
    /^企業規模 \(size_class\) "([\s\S]*)" must be sme\/中小企業 or large\/大企業$/,
    (value) => `企業規模「${value}」は「中小企業」か「大企業」（sme / large）で入力してください。`,
  ],
  [
    /^重要度 \(criticality\) "([\s\S]*)" must be 1, 2 or 3 \(or 低, 中, 高\)$/,
    (value) => `重要度「${value}」は 1・2・3（または 低・中・高）のいずれかで入力してください。`,
  ],
  [
    /^メールアドレス \(contact_email\) "([\s\S]*)" is not an email address$/,
    (value) => `メールアドレス「${value}」の形式が正しくありません。`,
  ],
  [
    /^言語 \(contact_language\) "([\s\S]*)" must be ja or en$/,
    (value) => `言語「${value}」は ja か en で入力してください。`,
  ],
  [
    /^(\S+ \([a-z_]+\)) "([\s\S]*)" must be yes\/no or はい\/いいえ$/,
    (label, value) =>
      `${column(label)}「${value}」は「はい」か「いいえ」（yes / no）で入力してください。`,
  ],
  [/^(\S+ \([a-z_]+\)) is required$/, (label) => `「${column(label)}」が空欄です。`],
  [
    /^(\S+ \([a-z_]+\)) is longer than (\d+) characters \((\d+)\)$/,
    (label, limit, length) =>
      `「${column(label)}」が ${limit} 文字を超えています（${length} 文字）。`,
  ],
  [
    /^duplicate of row (\d+) \(same 法人番号 or same name and e-mail\)$/,
    (row) => `${row} 行目と重複しています（法人番号、または会社名とメールアドレスが同じ）。`,
  ],
  [
    /^updates the same supplier as row (\d+)$/,
    (row) => `${row} 行目と同じサプライヤーを更新しようとしています。`,
  ],
];

/** One row's problem in the page's language; `null` when Japanese has no pattern for it. */
export function translateRowMessage(message: string, locale: Locale): string | null {
  if (locale === 'en') return message;
  for (const [pattern, render] of ROW_MESSAGES_JA) {
    const match = pattern.exec(message);
    if (match) return render(...match.slice(1));
  }
  return null;
}

/** A row's problem for the page: translated, or as the import wrote it. */
export function rowMessage(message: string, locale: Locale): string {
  return translateRowMessage(message, locale) ?? message;
}

/** A refusal of the whole file (too large, not a table, missing columns…) in the page's words. */
export function describeRefusal(error: HttpException, locale: Locale): string {
  const text = SUPPLIER_IMPORT_PAGE_TEXT[locale].errors;
  const body = error.getResponse();
  const fields = (typeof body === 'object' && body !== null ? body : {}) as {
    message?: unknown;
    missingColumns?: unknown;
  };
  const message = typeof fields.message === 'string' ? fields.message : error.message;
  switch (error.getStatus()) {
    case 413:
      return /unpacks to more than/.test(message) ? text.unpackedTooLarge : text.tooLarge;
    case 415:
      if (/old Excel \.xls/.test(message)) return text.xls;
      if (/UTF-16/.test(message)) return text.utf16;
      if (/multipart/.test(message)) return text.notMultipart;
      return text.notTable;
    case 409:
      return text.conflict;
    case 403:
      return text.notAllowed;
    case 400: {
      if (Array.isArray(fields.missingColumns)) {
        return text.missingColumns(fields.missingColumns.join(locale === 'ja' ? '、' : ', '));
      }
      if (message === 'the file is empty') return text.empty;
      if (message === 'the file has no data rows below the header') return text.noRows;
      const csv = /^the CSV could not be read: ([\s\S]*)$/.exec(message);
      if (csv) return text.csvUnreadable(csv[1]);
      return text.other(message);
    }
    default:
      return text.other(message);
  }
}
