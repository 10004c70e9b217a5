import { mapHeader, parseRow } from './import-columns';

describe('import columns', () => {
  it('maps headers in either language, ignoring case, spaces and full-width letters', () => {
    const header = mapHeader([
      '\uFEFF会社名',
      'ＣＯＲＰＯＲＡＴＥ_ＮＵＭＢＥＲ',
      ' Contact Email ',
      '担当者名',
      '備考',
    ]);
    expect(header.index).toEqual({ name: 0, corporateNumber: 1, contactEmail: 2, contactName: 3 });
    expect(header.unknownColumns).toEqual(['備考']);
    expect(header.missingColumns).toEqual([]);
  });

  it('names the required columns that are missing', () => {
    expect(mapHeader(['会社名']).missingColumns).toEqual([
      '担当者名 (contact_name)',
      'メールアドレス (contact_email)',
    ]);
  });

  const header = mapHeader([
    '会社名',
    '法人番号',
    '担当者名',
    'メールアドレス',
    '企業規模',
    '重要度',
    '社内接続',
  ]);

  it('reads Japanese values, full-width digits and yes/no in both languages', () => {
    const parsed = parseRow(
      ['国税庁', '７０００-０１２０-５０００２', '担当', 'a@example.jp', '大企業', '３', 'はい'],
      2,
      header,
    );
    expect(parsed).toEqual({
      value: expect.objectContaining({
        row: 2,
        corporateNumber: '7000012050002',
        sizeClass: 'large',
        criticality: 3,
        networkAccess: true,
        contactLanguage: 'ja',
      }),
    });
  });

  it('explains a 法人番号 that Excel turned into scientific notation', () => {
    const parsed = parseRow(
      ['国税庁', '7.00001E+12', '担当', 'a@example.jp', '', '', ''],
      5,
      header,
    );
    expect(parsed).toEqual({ errors: [expect.stringMatching(/scientific notation/)] });
  });
});
