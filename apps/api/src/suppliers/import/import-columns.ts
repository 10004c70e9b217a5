import { isEmail, maxLength } from 'class-validator';
import type { ContactLanguage, SizeClass } from '@kakehashi/database';
import { unguardFormula } from '../../common/csv';
import { isValidCorporateNumber, normalizeCorporateNumber } from '../corporate-number';

export type ImportField =
  | 'name'
  | 'corporateNumber'
  | 'sizeClass'
  | 'criticality'
  | 'category'
  | 'contactName'
  | 'contactEmail'
  | 'contactLanguage'
  | 'handlesConfidentialData'
  | 'outageImpact'
  | 'networkAccess';

/** Column headers in English and in Japanese, in template order. */
export const IMPORT_COLUMNS: { field: ImportField; en: string; ja: string; required: boolean }[] = [
  { field: 'name', en: 'name', ja: '会社名', required: true },
  { field: 'corporateNumber', en: 'corporate_number', ja: '法人番号', required: false },
  { field: 'sizeClass', en: 'size_class', ja: '企業規模', required: false },
  { field: 'criticality', en: 'criticality', ja: '重要度', required: false },
  { field: 'category', en: 'category', ja: '区分', required: false },
  { field: 'contactName', en: 'contact_name', ja: '担当者名', required: true },
  { field: 'contactEmail', en: 'contact_email', ja: 'メールアドレス', required: true },
  { field: 'contactLanguage', en: 'contact_language', ja: '言語', required: false },
  { field: 'handlesConfidentialData', en: 'confidential_data', ja: '機密情報', required: false },
  { field: 'outageImpact', en: 'outage_impact', ja: '停止影響', required: false },
  { field: 'networkAccess', en: 'network_access', ja: '社内接続', required: false },
];

/** One valid data row; `undefined` means the cell was empty (keep the current value). */
export interface ImportRow {
  row: number;
  name: string;
  corporateNumber: string | null;
  sizeClass?: SizeClass;
  criticality?: number;
  category?: string;
  contactName: string;
  contactEmail: string;
  contactLanguage?: ContactLanguage;
  handlesConfidentialData?: boolean;
  outageImpact?: boolean;
  networkAccess?: boolean;
}

export interface HeaderMap {
  index: Partial<Record<ImportField, number>>;
  unknownColumns: string[];
  missingColumns: string[];
}

/** Full-width letters, stray spaces and case do not matter in headers or coded values. */
function canonical(value: string): string {
  return value.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, '_');
}

const HEADER_LOOKUP = new Map<string, ImportField>(
  IMPORT_COLUMNS.flatMap((column) => [
    [canonical(column.en), column.field],
    [canonical(column.ja), column.field],
  ]),
);

export function mapHeader(header: string[]): HeaderMap {
  const index: HeaderMap['index'] = {};
  const unknownColumns: string[] = [];
  header.forEach((raw, position) => {
    const label = raw.replace(/^\uFEFF/, '').trim();
    if (label === '') return;
    const field = HEADER_LOOKUP.get(canonical(label));
    if (field === undefined || index[field] !== undefined) unknownColumns.push(label);
    else index[field] = position;
  });
  const missingColumns = IMPORT_COLUMNS.filter(
    (column) => column.required && index[column.field] === undefined,
  ).map((column) => `${column.ja} (${column.en})`);
  return { index, unknownColumns, missingColumns };
}

const SIZE_CLASSES: Record<string, SizeClass> = {
  sme: 'sme',
  中小企業: 'sme',
  large: 'large',
  大企業: 'large',
};
/**
 * 重要度 as a number or as the console's labels say it (「3 (高)」): 1/低/low, 2/中/medium,
 * 3/高/high, and the labels whole. Looked up after canonical() (NFKC, lower case, `_` for spaces).
 */
const CRITICALITIES: Record<string, number> = {
  '1': 1,
  低: 1,
  low: 1,
  '1_(低)': 1,
  '1(低)': 1,
  '1_(low)': 1,
  '2': 2,
  中: 2,
  medium: 2,
  '2_(中)': 2,
  '2(中)': 2,
  '2_(medium)': 2,
  '3': 3,
  高: 3,
  high: 3,
  '3_(高)': 3,
  '3(高)': 3,
  '3_(high)': 3,
};
const LANGUAGES: Record<string, ContactLanguage> = { ja: 'ja', 日本語: 'ja', en: 'en', 英語: 'en' };
const YES_NO: Record<string, boolean> = {
  yes: true,
  y: true,
  true: true,
  はい: true,
  no: false,
  n: false,
  false: false,
  いいえ: false,
};

/**
 * The limits the API enforces (dto/create-supplier.dto.ts, dto/supplier-contact.dto.ts): a row
 * the API would refuse is refused here too, or the supplier could not be edited afterwards.
 */
export const IMPORT_MAX_LENGTH = { name: 200, category: 100, contactName: 200, contactEmail: 320 };

export function isBlankRow(cells: string[]): boolean {
  return cells.every((cell) => (cell ?? '').trim() === '');
}

/** Turns one data row into an ImportRow, or the list of problems a person can fix. */
export function parseRow(
  cells: string[],
  row: number,
  header: HeaderMap,
): { value: ImportRow } | { errors: string[] } {
  // The registry export guards text that looks like a formula ('=…); the guard is not data.
  const cell = (field: ImportField): string => {
    const position = header.index[field];
    return position === undefined ? '' : unguardFormula((cells[position] ?? '').trim());
  };
  const errors: string[] = [];

  // Measured as class-validator's MaxLength measures, so the import and the API agree exactly.
  const tooLong = (value: string, limit: number, label: string): boolean => {
    if (maxLength(value, limit)) return false;
    errors.push(`${label} is longer than ${limit} characters (${[...value].length})`);
    return true;
  };

  const name = cell('name');
  if (!name) errors.push('会社名 (name) is required');
  else tooLong(name, IMPORT_MAX_LENGTH.name, '会社名 (name)');

  let corporateNumber: string | null = null;
  const rawNumber = cell('corporateNumber');
  if (rawNumber) {
    const digits = normalizeCorporateNumber(rawNumber);
    if (/e\+/i.test(digits)) {
      errors.push(
        `法人番号 (corporate_number) "${rawNumber}" was turned into scientific notation by Excel; format the column as text`,
      );
    } else if (!isValidCorporateNumber(digits)) {
      errors.push(
        `法人番号 (corporate_number) "${rawNumber}" must be 13 digits with a valid check digit`,
      );
    } else corporateNumber = digits;
  }

  const value: ImportRow = {
    row,
    name,
    corporateNumber,
    contactName: cell('contactName'),
    contactEmail: cell('contactEmail').normalize('NFKC'),
  };

  const size = canonical(cell('sizeClass'));
  if (size) {
    if (SIZE_CLASSES[size]) value.sizeClass = SIZE_CLASSES[size];
    else
      errors.push(
        `企業規模 (size_class) "${cell('sizeClass')}" must be sme/中小企業 or large/大企業`,
      );
  }

  const criticality = canonical(cell('criticality'));
  if (criticality) {
    if (Object.hasOwn(CRITICALITIES, criticality)) value.criticality = CRITICALITIES[criticality];
    else
      errors.push(
        `重要度 (criticality) "${cell('criticality')}" must be 1, 2 or 3 (or 低, 中, 高)`,
      );
  }

  // Folded as the API folds it (dto/text.transforms.ts), so ＩＴ and IT are one category.
  const category = cell('category').normalize('NFKC').trim();
  if (category && !tooLong(category, IMPORT_MAX_LENGTH.category, '区分 (category)')) {
    value.category = category;
  }

  if (!value.contactName) errors.push('担当者名 (contact_name) is required');
  else tooLong(value.contactName, IMPORT_MAX_LENGTH.contactName, '担当者名 (contact_name)');
  if (!value.contactEmail) errors.push('メールアドレス (contact_email) is required');
  else if (
    !tooLong(
      value.contactEmail,
      IMPORT_MAX_LENGTH.contactEmail,
      'メールアドレス (contact_email)',
    ) &&
    !isEmail(value.contactEmail)
  ) {
    errors.push(`メールアドレス (contact_email) "${value.contactEmail}" is not an email address`);
  }

  const language = canonical(cell('contactLanguage'));
  if (language) {
    if (LANGUAGES[language]) value.contactLanguage = LANGUAGES[language];
    else errors.push(`言語 (contact_language) "${cell('contactLanguage')}" must be ja or en`);
  }

  const answers: [
    ImportField,
    'handlesConfidentialData' | 'outageImpact' | 'networkAccess',
    string,
  ][] = [
    ['handlesConfidentialData', 'handlesConfidentialData', '機密情報 (confidential_data)'],
    ['outageImpact', 'outageImpact', '停止影響 (outage_impact)'],
    ['networkAccess', 'networkAccess', '社内接続 (network_access)'],
  ];
  for (const [field, key, label] of answers) {
    const raw = canonical(cell(field));
    if (!raw) continue;
    if (raw in YES_NO) value[key] = YES_NO[raw];
    else errors.push(`${label} "${cell(field)}" must be yes/no or はい/いいえ`);
  }

  return errors.length ? { errors } : { value };
}
