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

/** A display name is one line of text: no line breaks or other control characters. */
export const SINGLE_LINE = /^[^\p{Cc}]*$/u;
export const SINGLE_LINE_MESSAGE = '$property must be one line without control characters';
