import type { Locale } from '../../console/console-locale';
import { IMPORT_COLUMNS } from '../import/import-columns';
import type { ValidRowsPlan } from '../import/import-rejected.exception';
import type { ImportResult } from '../import/import-suppliers.use-case';
import { rowMessage } from './supplier-import-messages';
import { SUPPLIER_IMPORT_PAGE_TEXT } from './supplier-import-page-text';

/** What the last post came to, as the page tells it. */
export type ImportOutcome =
  /** 200: written (or, for a check, what would be written). */
  | { kind: 'done'; result: ImportResult; validOnly: boolean }
  /** 400 with rows refused: nothing written; `validRows` is what they alone would write. */
  | { kind: 'rejected'; result: ImportResult; validRows: ValidRowsPlan }
  /** The whole file or form refused, already in the page's words. */
  | { kind: 'refused'; message: string };

const XLSX_ACCEPT =
  '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function importPageData(input: {
  locale: Locale;
  outcome?: ImportOutcome;
}): Record<string, unknown> {
  const t = SUPPLIER_IMPORT_PAGE_TEXT[input.locale];
  return {
    t,
    accept: XLSX_ACCEPT,
    columns: IMPORT_COLUMNS.map((c) => ({
      ja: c.ja,
      en: c.en,
      required: c.required ? t.required : t.optional,
      values: t.values[c.field],
    })),
    result: input.outcome ? resultData(input.locale, input.outcome) : null,
  };
}

interface ResultData {
  /** A refusal: shown as an alert. */
  alert: string | null;
  /** What happened: shown as a status message. */
  status: string | null;
  notes: string[];
  rows: { row: number; message: string }[];
  rowsCaption: string;
  /** The separate form that imports the valid rows only, with what it would write. */
  validOnly: { offer: string } | null;
  listLink: boolean;
}

function resultData(locale: Locale, outcome: ImportOutcome): ResultData {
  const t = SUPPLIER_IMPORT_PAGE_TEXT[locale];
  const empty: ResultData = {
    alert: null,
    status: null,
    notes: [],
    rows: [],
    rowsCaption: '',
    validOnly: null,
    listLink: false,
  };
  if (outcome.kind === 'refused') return { ...empty, alert: outcome.message };

  const { result } = outcome;
  const rows = result.errors.map((e) => ({ row: e.row, message: rowMessage(e.message, locale) }));
  const rowCount = new Set(result.errors.map((e) => e.row)).size;
  const notes: string[] = [];
  if (result.unknownColumns.length) {
    notes.push(t.unknownColumns(result.unknownColumns.join(locale === 'ja' ? '、' : ', ')));
  }

  if (outcome.kind === 'rejected') {
    const { validRows } = outcome;
    const canImportSome = validRows.created + validRows.updated > 0;
    // Valid rows that all equal what is stored: importing them would write nothing, so no offer.
    let next = t.noValidRows;
    if (canImportSome) next = t.fixRows;
    else if (validRows.unchanged > 0) next = t.validRowsUnchanged(validRows.unchanged);
    const offer = t.validOnlyOffer(validRows.created, validRows.updated, validRows.unchanged);
    return {
      ...empty,
      alert: result.dryRun ? t.rejectedDryRun(rowCount) : t.rejected(rowCount),
      notes: [next, ...notes],
      rows,
      rowsCaption: t.rowsCaption(rowCount),
      validOnly: canImportSome
        ? {
            offer: validRows.newContactsMailed
              ? `${offer} ${t.willMail(validRows.newContactsMailed)}`
              : offer,
          }
        : null,
    };
  }

  const { created, updated, unchanged, dryRun, newContactsMailed } = outcome.result;
  // Mail the file causes is told beside the counts, never left to be discovered by suppliers.
  const mail = newContactsMailed
    ? [dryRun ? t.willMail(newContactsMailed) : t.mailed(newContactsMailed)]
    : [];
  let status: string;
  if (!dryRun) {
    status = t.imported(created, updated, unchanged);
    if (rowCount) notes.unshift(t.skipped(rowCount));
    if (created + updated === 0 && unchanged > 0) notes.unshift(t.nothingChanged);
  } else if (outcome.validOnly) {
    status = t.checkedValidOnly(created, updated, unchanged);
    if (rowCount) notes.unshift(t.wouldSkip(rowCount));
  } else {
    status = t.checked(created, updated, unchanged);
    notes.unshift(t.checkedNext);
  }
  return {
    ...empty,
    status,
    notes: [...mail, ...notes],
    rows,
    rowsCaption: dryRun ? t.rowsCaption(rowCount) : t.skippedCaption(rowCount),
    listLink: !dryRun,
  };
}
