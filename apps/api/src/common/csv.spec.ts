import { csvDocument, csvField, csvLine, guardFormula, unguardFormula } from './csv';

describe('CSV export cells', () => {
  it('neutralises text a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://evil.example","x")')).toBe(
      `"'=HYPERLINK(""http://evil.example"",""x"")"`,
    );
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      expect(guardFormula(`${start}1`)).toBe(`'${start}1`);
    }
    expect(csvField('株式会社=テック')).toBe('株式会社=テック');
    // Numbers are numbers, not formulas.
    expect(csvField(-3)).toBe('-3');
    expect(csvField(null)).toBe('');
  });

  it('gives back exactly the stored text when the guard is undone', () => {
    for (const text of ['=1+1', "'=1+1", "''-x", "'quoted", 'plain', "-'", '@home', '']) {
      expect(unguardFormula(guardFormula(text))).toBe(text);
    }
    expect(unguardFormula("'plain")).toBe("'plain");
  });

  it('writes a BOM, quotes what needs it and ends every line with CRLF', () => {
    expect(
      csvDocument([
        ['会社名', '区分'],
        ['株式会社"かけはし", 東京', null],
      ]),
    ).toBe('\uFEFF会社名,区分\r\n"株式会社""かけはし"", 東京",\r\n');
    expect(csvLine(['@x', 1])).toBe("'@x,1\r\n");
  });
});
