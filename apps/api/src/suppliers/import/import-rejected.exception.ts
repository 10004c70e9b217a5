import { BadRequestException } from '@nestjs/common';
import type { ImportResult } from './import-suppliers.use-case';

/** What the valid rows alone would write (mode=valid-only on the same file). */
export interface ValidRowsPlan {
  created: number;
  updated: number;
  unchanged: number;
  /** New primary contacts that would be mailed a link to their open questionnaires. */
  newContactsMailed: number;
}

/**
 * Rows were rejected (mode=all), so nothing was written. The 400 body is the import's result;
 * `validRows` (not in the body) is what importing only the valid rows would write, from the same
 * reading of the file, so a page can offer that without reading the file a second time.
 */
export class ImportRejectedException extends BadRequestException {
  constructor(
    readonly result: ImportResult,
    readonly validRows: ValidRowsPlan,
  ) {
    const rowCount = new Set(result.errors.map((e) => e.row)).size;
    super({
      ...result,
      message: `${rowCount} row(s) rejected; nothing was imported. Fix them, or import only the valid rows with mode=valid-only`,
    });
  }
}
