import { Transform } from 'class-transformer';
import { normalizeCorporateNumber } from '../corporate-number';

/**
 * 法人番号 as people type it (full-width digits, hyphens, the minus sign an IME produces,
 * spaces) becomes its digits, the same normalisation as the import; blank clears it. Runs before
 * validation, as the generic transforms in common/text.transforms.ts do.
 */
export function NormalizeCorporateNumber(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? normalizeCorporateNumber(value) || null : value,
  );
}
