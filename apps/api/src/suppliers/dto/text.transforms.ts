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

/**
 * 区分 (category) as the import reads it: NFKC (full-width ＩＴ is IT, half-width ｶﾅ is カナ),
 * trimmed; blank clears it. So the registry's category filter sees one value, however typed.
 */
export function NormalizeCategory(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.normalize('NFKC').trim() || null : value,
  );
}

/** Tags: each NFKC-normalised and trimmed; blanks and repeats (after that) dropped. */
export function NormalizeTags(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => {
    if (!Array.isArray(value)) return value;
    const seen = new Set<string>();
    const out: unknown[] = [];
    for (const item of value) {
      if (typeof item !== 'string') {
        out.push(item);
        continue;
      }
      const tag = item.normalize('NFKC').trim();
      if (tag === '' || seen.has(tag)) continue;
      seen.add(tag);
      out.push(tag);
    }
    return out;
  });
}
