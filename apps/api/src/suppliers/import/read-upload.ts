import {
  BadRequestException,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import JSZip from 'jszip';

export interface UploadTable {
  format: 'csv-utf8' | 'csv-cp932' | 'xlsx';
  /** Row 0 is the header; index i is what Excel shows as row i + 1. */
  rows: string[][];
}

const NOT_A_TABLE = 'not a CSV or .xlsx file: save the sheet as CSV (UTF-8 or Shift_JIS) or .xlsx';

/**
 * An .xlsx is a zip: a 10 MB upload could unpack to gigabytes (a zip bomb). A supplier list of
 * 10,000 rows unpacks to a few MB, so more than this is refused before the workbook is read.
 */
export const XLSX_MAX_UNPACKED_BYTES = 100 * 1024 * 1024;
const XLSX_MAX_ENTRIES = 1000;

/** Recognises the file by its content (never by its name) and returns its cells as text. */
export async function readUpload(buffer: Buffer): Promise<UploadTable> {
  if (buffer.length === 0) throw new BadRequestException('the file is empty');
  if (isZip(buffer)) return { format: 'xlsx', rows: await readXlsx(buffer) };
  if (isOleCompound(buffer)) {
    throw new UnsupportedMediaTypeException(
      'old Excel .xls format is not supported: save the sheet as .xlsx or CSV',
    );
  }
  if (isUtf16(buffer)) {
    throw new UnsupportedMediaTypeException(
      'UTF-16 "Unicode text" is not supported: save the sheet as "CSV UTF-8" or .xlsx',
    );
  }
  const { text, format } = decodeText(buffer);
  if (looksBinary(text)) throw new UnsupportedMediaTypeException(NOT_A_TABLE);
  if (text.trim() === '') throw new BadRequestException('the file is empty');
  let rows: string[][];
  try {
    rows = parse(text, { relax_column_count: true, skip_empty_lines: false, bom: true });
  } catch (error) {
    throw new BadRequestException(`the CSV could not be read: ${(error as Error).message}`);
  }
  return { format, rows };
}

function isZip(buffer: Buffer): boolean {
  return buffer.length >= 4 && buffer.readUInt32BE(0) === 0x504b0304;
}

function isUtf16(buffer: Buffer): boolean {
  return (
    buffer.length >= 2 && (buffer.readUInt16BE(0) === 0xfffe || buffer.readUInt16BE(0) === 0xfeff)
  );
}

function isOleCompound(buffer: Buffer): boolean {
  return buffer.length >= 8 && buffer.readUInt32BE(0) === 0xd0cf11e0;
}

/**
 * Valid UTF-8 (with or without BOM) wins; anything else is read as CP932, which is what
 * Excel in Japan writes for "CSV (comma delimited)". Shift_JIS text is almost never valid UTF-8.
 */
function decodeText(buffer: Buffer): { text: string; format: UploadTable['format'] } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buffer);
    return { text, format: 'csv-utf8' };
  } catch {
    return { text: iconv.decode(buffer, 'cp932'), format: 'csv-cp932' };
  }
}

/** NUL bytes, control characters or undecodable bytes mean an image, a PDF, an archive… */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 64 * 1024);
  let suspicious = 0;
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i);
    if (code === 0) return true;
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0xfffd) {
      suspicious++;
    }
  }
  return suspicious > Math.max(2, sample.length / 100);
}

async function readXlsx(buffer: Buffer): Promise<string[][]> {
  await checkUnpackedSize(buffer);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new UnsupportedMediaTypeException(NOT_A_TABLE);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.actualRowCount === 0) throw new BadRequestException('the file is empty');
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cellText(cell);
    });
    rows[rowNumber - 1] = Array.from(cells, (value) => value ?? '');
  });
  return Array.from(rows, (row) => row ?? []);
}

/** What the user sees in the cell: hyperlinks (typed e-mail addresses) and formulas included. */
function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return '';
  const scalar = scalarText(value);
  if (scalar !== undefined) return scalar;
  if (typeof value === 'object' && 'result' in value) {
    const result = scalarText(value.result);
    if (result !== undefined) return result;
  }
  return cell.text ?? '';
}

function scalarText(value: unknown): string | undefined {
  // A 13-digit 法人番号 typed as a number keeps all its digits (never 7.00001E+12); other
  // numbers are rounded to the 15 significant digits Excel shows (0.1 + 0.2 is 0.3).
  if (typeof value === 'number') {
    return Number.isInteger(value) ? value.toFixed(0) : String(Number(value.toPrecision(15)));
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return excelDateText(value);
  return undefined;
}

/**
 * Excel dates carry no time zone: ExcelJS reads the serial as that wall-clock time in UTC, so
 * the UTC fields are the date the cell shows (no shift to Asia/Tokyo or the server's zone).
 * A time of day, when there is one, follows the date.
 */
function excelDateText(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  // Serials are floating point: round to the second so 23:59:59.9996 is not one second short.
  const rounded = new Date(Math.round(date.getTime() / 1000) * 1000);
  const iso = rounded.toISOString();
  const day = iso.slice(0, 10);
  const time = iso.slice(11, 19);
  if (time === '00:00:00') return day;
  const clock = time.endsWith(':00') ? time.slice(0, 5) : time;
  // A time without a date is stored on Excel's day zero.
  return day === '1899-12-30' ? clock : `${day} ${clock}`;
}

/**
 * Inflates every entry as a stream and stops as soon as the total passes the limit, so neither
 * the sizes a zip declares nor its compression ratio can make the server unpack too much.
 */
async function checkUnpackedSize(buffer: Buffer): Promise<void> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(buffer);
  } catch {
    throw new UnsupportedMediaTypeException(NOT_A_TABLE);
  }
  const entries = Object.values(zip.files).filter((entry) => !entry.dir);
  const tooLarge = () =>
    new PayloadTooLargeException(
      `the .xlsx unpacks to more than ${XLSX_MAX_UNPACKED_BYTES / 1024 / 1024} MB: ` +
        'save only the supplier sheet, or save it as CSV',
    );
  if (entries.length > XLSX_MAX_ENTRIES) throw tooLarge();
  let total = 0;
  for (const entry of entries) {
    await new Promise<void>((resolve, reject) => {
      const stream = entry.nodeStream('nodebuffer');
      stream.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (total > XLSX_MAX_UNPACKED_BYTES) {
          stream.pause();
          stream.removeAllListeners('data');
          reject(tooLarge());
        }
      });
      stream.on('error', () => reject(new UnsupportedMediaTypeException(NOT_A_TABLE)));
      stream.on('end', () => resolve());
    });
  }
}
