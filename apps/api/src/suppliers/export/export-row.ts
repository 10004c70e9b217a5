import type { CsvCell } from '../../common/csv';
import type { Locale } from '../../console/console-locale';
import { IMPORT_COLUMNS, type ImportField } from '../import/import-columns';

/** A supplier with its primary contact, as the registry export reads it. */
export interface ExportedSupplier {
  name: string;
  corporateNumber: string | null;
  sizeClass: string | null;
  criticality: number;
  category: string | null;
  contactName: string | null;
  contactEmail: string | null;
  contactLanguage: string | null;
  handlesConfidentialData: boolean | null;
  outageImpact: boolean | null;
  networkAccess: boolean | null;
}

/** Coded values in words the import reads back (see import-columns.ts), per file language. */
const WORDS: Record<Locale, { sizes: Record<string, string>; yes: string; no: string }> = {
  ja: { sizes: { sme: '中小企業', large: '大企業' }, yes: 'はい', no: 'いいえ' },
  en: { sizes: { sme: 'sme', large: 'large' }, yes: 'yes', no: 'no' },
};

/** The import's headers, in its order, in the file's language. */
export function exportHeader(locale: Locale): string[] {
  return IMPORT_COLUMNS.map((column) => column[locale]);
}

/**
 * One supplier as a row the import accepts unchanged: the import's columns in its order, an
 * unknown value (null) as an empty cell, which the import reads as "keep the current value".
 */
export function exportRow(supplier: ExportedSupplier, locale: Locale): CsvCell[] {
  const words = WORDS[locale];
  const answer = (value: boolean | null): string | null =>
    value === null ? null : value ? words.yes : words.no;
  const cells: Record<ImportField, CsvCell> = {
    name: supplier.name,
    corporateNumber: supplier.corporateNumber,
    sizeClass: supplier.sizeClass ? (words.sizes[supplier.sizeClass] ?? supplier.sizeClass) : null,
    criticality: supplier.criticality,
    category: supplier.category,
    contactName: supplier.contactName,
    contactEmail: supplier.contactEmail,
    contactLanguage: supplier.contactLanguage,
    handlesConfidentialData: answer(supplier.handlesConfidentialData),
    outageImpact: answer(supplier.outageImpact),
    networkAccess: answer(supplier.networkAccess),
  };
  return IMPORT_COLUMNS.map((column) => cells[column.field]);
}
