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
