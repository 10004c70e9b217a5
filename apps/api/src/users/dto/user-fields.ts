import { Transform } from 'class-transformer';

/** Length limits, shared with the console form's messages. */
export const USER_LIMITS = { email: 320, displayName: 200 } as const;

export const USER_LOCALES = ['ja', 'en'] as const;
export type UserLocale = (typeof USER_LOCALES)[number];

/**
 * An address as typed: full-width characters an IME leaves (＠, ｙ) folded to ASCII, trimmed and
 * lower-cased, since users' emails are stored lower-cased and compared so.
 */
export function NormalizeEmail(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.normalize('NFKC').trim().toLowerCase() : value,
  );
}
