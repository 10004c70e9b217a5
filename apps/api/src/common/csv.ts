/** One cell of an exported table: text, a number, or empty. */
export type CsvCell = string | number | null;

/** What a spreadsheet reads as the start of a formula, possibly behind earlier guards. */
const FORMULA_START = /^'*[=+\-@\t\r]/;
const GUARDED_FORMULA = /^'+[=+\-@\t\r]/;

/**
 * Guards against formula injection: text a spreadsheet would run as a formula (=, +, -, @, a tab
 * or a carriage return first) gets a leading apostrophe. Text that already starts with
 * apostrophes before such a character gets one more, so `unguardFormula` returns exactly the
 * stored text when a file comes back (the supplier import reads what the export writes).
 */
export function guardFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Undoes `guardFormula`: one leading apostrophe before a formula character goes. */
export function unguardFormula(text: string): string {
  return GUARDED_FORMULA.test(text) ? text.slice(1) : text;
}

/** One CSV field (RFC 4180 quoting), text guarded against formula injection; numbers as is. */
export function csvField(value: CsvCell): string {
  if (value === null) return '';
  const text = typeof value === 'string' ? guardFormula(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV file: UTF-8 BOM (Excel opens UTF-8 CSV correctly only with it), CRLF lines. */
export function csvDocument(rows: CsvCell[][]): string {
  return '\uFEFF' + rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** The byte order mark a streamed CSV starts with (see `csvDocument`). */
export const CSV_BOM = '\uFEFF';

/** One CRLF-terminated CSV line, for files written a batch of rows at a time. */
export function csvLine(row: CsvCell[]): string {
  return row.map(csvField).join(',') + '\r\n';
}
