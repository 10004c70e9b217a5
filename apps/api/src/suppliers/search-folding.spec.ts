import { foldedSql, foldForSearch } from './search-folding';

describe('search folding of 異体字', () => {
  it('folds each variant and its common form to the same text', () => {
    const pairs: [string, string][] = [
      ['高橋', '髙橋'],
      ['斉藤', '齋藤'],
      ['斉藤', '斎藤'],
      ['斉藤', '齊藤'],
      ['山崎', '山﨑'],
      ['渡辺', '渡邊'],
      ['渡辺', '渡邉'],
      ['沢田', '澤田'],
      ['浜田', '濱田'],
      ['桜井', '櫻井'],
      ['広田', '廣田'],
      ['徳島', '德島'],
      ['国際', '國際'],
      ['中島', '中嶋'],
      ['吉田', '𠮷田'],
    ];
    for (const [common, variant] of pairs) {
      expect([variant, foldForSearch(variant)]).toEqual([variant, foldForSearch(common)]);
      expect(foldForSearch(common)).toBe(common);
    }
  });

  it('keeps the NFKC folding: full-width letters, half-width katakana, ①', () => {
    expect(foldForSearch('ＡＢＣ')).toBe('ABC');
    expect(foldForSearch('ｼﾌﾄ')).toBe('シフト');
    expect(foldForSearch('①')).toBe('1');
  });

  it('writes the same table into SQL translate(), one variant to one common form', () => {
    const sql = foldedSql('s.name');
    const [, from, to] = /^translate\(normalize\(s\.name, NFKC\), '([^']*)', '([^']*)'\)$/.exec(
      sql,
    )!;
    expect([...from]).toHaveLength([...to].length);
    expect([...from].map(foldForSearch).join('')).toBe(to);
  });
});
