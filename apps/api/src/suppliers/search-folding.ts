/**
 * 異体字 (variant kanji) that people in Japan expect a name search to treat as one character:
 * a search for 高橋 finds 髙橋電機, and a search for 髙橋 finds 高橋商事. Each entry maps the
 * common form to the variants folded onto it. Search only: names are stored and shown as typed.
 *
 * Some pairs are distinct characters outside names (斎 and 斉), but in company and family names
 * they are spelled either way, and a search that finds both is what a buyer expects.
 */
const VARIANTS: Readonly<Record<string, string>> = {
  高: '髙',
  斉: '齊斎齋',
  崎: '﨑嵜',
  辺: '邊邉',
  沢: '澤',
  浜: '濱濵',
  桜: '櫻',
  広: '廣',
  徳: '德',
  国: '國',
  島: '嶋嶌',
  吉: '𠮷',
};

const pairs = Object.entries(VARIANTS).flatMap(([common, variants]) =>
  [...variants].map((variant) => [variant, common] as const),
);
const FOLD = new Map(pairs);

/** The variants and, at the same position, the form each folds to (for SQL translate()). */
const FROM = pairs.map(([variant]) => variant).join('');
const TO = pairs.map(([, common]) => common).join('');

/**
 * The text as the search compares it: NFKC (full-width letters and digits, half-width katakana,
 * ① as 1), then each variant kanji as its common form. The same fold as `foldedSql`.
 */
export function foldForSearch(text: string): string {
  return [...text.normalize('NFKC')].map((char) => FOLD.get(char) ?? char).join('');
}

/**
 * SQL folding a column the way `foldForSearch` folds the query. The table is written into the
 * SQL as literals (kanji only, nothing to escape), so the expression stays one fixed, immutable
 * expression that an expression index could serve.
 */
export function foldedSql(column: string): string {
  return `translate(normalize(${column}, NFKC), '${FROM}', '${TO}')`;
}
