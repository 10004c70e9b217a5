import {
  corporateNumberCheckDigit,
  isValidCorporateNumber,
  looksLikeCorporateNumber,
  normalizeCorporateNumber,
} from './corporate-number';

// Published numbers from the 国税庁 法人番号公表サイト.
const PUBLISHED = [
  '7000012050002', // 国税庁
  '4000012090001', // 内閣府
  '2000012010019', // 内閣官房
];

describe('法人番号 check digit', () => {
  it('accepts published numbers', () => {
    // 国税庁: base 000012050002 → weighted sum 11 → 9 − (11 mod 9) = 7.
    expect(corporateNumberCheckDigit('000012050002')).toBe(7);
    expect(isValidCorporateNumber('7000012050002')).toBe(true);
    for (const number of PUBLISHED) expect(isValidCorporateNumber(number)).toBe(true);
  });

  // Mod 9 cannot see a 0↔9 swap of a digit weighted 1 (the difference is 9); every other
  // one-digit change must be caught.
  it('rejects one-digit changes of a valid number (except the 0↔9 blind spot of mod 9)', () => {
    const valid = '7000012050002';
    for (let position = 0; position < 13; position++) {
      for (let digit = 0; digit <= 9; digit++) {
        const changed = valid.slice(0, position) + digit + valid.slice(position + 1);
        if (changed === valid || Math.abs(digit - Number(valid[position])) === 9) continue;
        expect(isValidCorporateNumber(changed)).toBe(false);
      }
    }
  });

  it('rejects wrong lengths and non-digits', () => {
    expect(isValidCorporateNumber('700001205000')).toBe(false);
    expect(isValidCorporateNumber('70000120500021')).toBe(false);
    expect(isValidCorporateNumber('7000o12050002')).toBe(false);
  });

  it('normalises full-width digits and hyphens as people type them', () => {
    expect(normalizeCorporateNumber('７０００-０１２０-５０００２')).toBe('7000012050002');
  });

  it('removes every dash a Japanese IME or a word processor produces', () => {
    for (const dash of [
      '\u2212',
      '\u2010',
      '\u2011',
      '\u2012',
      '\u2013',
      '\u2014',
      '\u2015',
      '\uff0d',
      'ー',
      'ｰ',
      '\u3000',
    ]) {
      expect(normalizeCorporateNumber(`7000${dash}01${dash}205${dash}0002`)).toBe('7000012050002');
    }
    expect(normalizeCorporateNumber('7e+12')).toBe('7e+12');
  });

  it('tells a digits-and-dashes search text from a name', () => {
    expect(looksLikeCorporateNumber('7000−01')).toBe(true);
    expect(looksLikeCorporateNumber('株式会社ー')).toBe(false);
    expect(looksLikeCorporateNumber('ー')).toBe(false);
  });

  it('judges the text as typed: full-width digits and dashes count, ① and ¹ do not', () => {
    expect(looksLikeCorporateNumber('７０００－０１')).toBe(true);
    expect(looksLikeCorporateNumber('7000 0120')).toBe(true);
    expect(looksLikeCorporateNumber('7000\u30000120')).toBe(true);
    // NFKC would make these digits, and a name search a 法人番号 search.
    for (const typed of ['①', '⑴', '¹', '①-②', '1①', '㊀', '⒈']) {
      expect(looksLikeCorporateNumber(typed)).toBe(false);
    }
    expect(looksLikeCorporateNumber('株式会社①テック')).toBe(false);
    expect(looksLikeCorporateNumber('')).toBe(false);
    expect(looksLikeCorporateNumber('- ー')).toBe(false);
  });
});
