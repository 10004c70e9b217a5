import { Transform } from 'class-transformer';

/**
 * Input cleaning that runs before validation (the global ValidationPipe and the console forms
 * both go through class-transformer), so "   " is refused as empty instead of stored blank.
 * Values that are not strings pass through untouched for the validators to refuse.
 */
export function Trim(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim() : value,
  );
}

/** An optional text: trimmed, and a blank one clears the field (null). */
export function TrimToNull(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim() || null : value,
  );
}

/** Tags: each trimmed; blanks and repeats (after trimming) dropped, first occurrence kept. */
export function CleanTags(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => {
    if (!Array.isArray(value)) return value;
    const seen = new Set<string>();
    const out: unknown[] = [];
    for (const item of value) {
      if (typeof item !== 'string') {
        out.push(item);
        continue;
      }
      const tag = item.trim();
      if (tag === '' || seen.has(tag)) continue;
      seen.add(tag);
      out.push(tag);
    }
    return out;
  });
}
