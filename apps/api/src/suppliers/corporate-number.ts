/**
 * 法人番号 (corporate number): 13 digits, the first being a check digit over the other 12.
 * National Tax Agency rule: for the base digits P1..P12 counted from the right, weight Qn is 1
 * for odd n and 2 for even n; check digit = 9 − (Σ Pn×Qn mod 9).
 */
export function corporateNumberCheckDigit(base12: string): number {
  if (!/^\d{12}$/.test(base12)) throw new Error('the base of a corporate number is 12 digits');
  let sum = 0;
  for (let n = 1; n <= 12; n++) {
    const digit = Number(base12[12 - n]);
    sum += digit * (n % 2 === 1 ? 1 : 2);
  }
  return 9 - (sum % 9);
}

export function isValidCorporateNumber(value: string): boolean {
  if (!/^\d{13}$/.test(value)) return false;
  return Number(value[0]) === corporateNumberCheckDigit(value.slice(1));
}

/**
 * What people put between digit groups: spaces, the ASCII hyphen, the Unicode hyphens and dashes
 * (U+2010–U+2015), the minus sign (U+2212) and the prolonged sound mark (ー), which Japanese IMEs
 * produce for "-". Full-width forms are folded to these by NFKC first.
 */
const SEPARATORS = /[\s\-\u2010-\u2015\u2212\u30fc]/g;

/** Accepts what people paste (full-width digits, hyphens, dashes, spaces); returns the digits. */
export function normalizeCorporateNumber(value: string): string {
  return value.normalize('NFKC').replace(SEPARATORS, '');
}

/**
 * Whether a search text, as typed, is only digits (ASCII or full-width) and separators, i.e.
 * (part of) a 法人番号. Judged before NFKC, which would turn ① or ¹ into a digit and make a
 * company name into a number search.
 */
export function looksLikeCorporateNumber(value: string): boolean {
  let digits = 0;
  for (const char of value) {
    if (/[0-9\uff10-\uff19]/.test(char)) digits++;
    else if (char.normalize('NFKC').replace(SEPARATORS, '') !== '') return false;
  }
  return digits > 0;
}
