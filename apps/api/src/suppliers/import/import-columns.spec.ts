import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { CreateSupplierDto } from '../dto/create-supplier.dto';
import { IMPORT_MAX_LENGTH, mapHeader, parseRow } from './import-columns';

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
      }),
    });
    // An empty cell keeps the current value: no language means "leave it" (new contacts: ja).
    expect('value' in parsed && parsed.value.contactLanguage).toBeUndefined();
  });

  it('folds a full-width 区分 (ＩＴ is IT) as the API does', () => {
    const full = mapHeader(['会社名', '区分', '担当者名', 'メールアドレス']);
    const parsed = parseRow(['全角商事', ' ＩＴ ', '担当', 'a@example.jp'], 2, full);
    expect(parsed).toEqual({ value: expect.objectContaining({ category: 'IT' }) });
    const dto = plainToInstance(CreateSupplierDto, {
      name: '全角商事',
      category: 'ＩＴ',
      contacts: [{ name: '担当', email: 'a@example.jp' }],
    });
    expect(dto.category).toBe('IT');
  });

  it('reads 重要度 as a number, as 低/中/高 (the console labels it 「3 (高)」) or low/medium/high', () => {
    const level = (cell: string) => {
      const parsed = parseRow(['重要度商事', '', '担当', 'a@example.jp', '', cell, ''], 2, header);
      return 'value' in parsed ? parsed.value.criticality : parsed.errors;
    };
    expect(['低', '中', '高', '３', '3 (高)', '1（低）', 'High', 'medium'].map(level)).toEqual([
      1, 2, 3, 3, 3, 1, 3, 2,
    ]);
    expect(level('最高')).toEqual([
      '重要度 (criticality) "最高" must be 1, 2 or 3 (or 低, 中, 高)',
    ]);
  });

  it('reads a cell the registry export guarded against formulas as the text it guarded', () => {
    const full = mapHeader(['会社名', '区分', '担当者名', 'メールアドレス']);
    const parsed = parseRow(["'=1+2 商事", "'-", "''@担当", 'a@example.jp'], 3, full);
    expect(parsed).toEqual({
      value: expect.objectContaining({ name: '=1+2 商事', category: '-', contactName: "'@担当" }),
    });
    // An apostrophe before anything else is part of the text.
    const quoted = parseRow(["'かけはし'", '', '担当', 'a@example.jp'], 4, full);
    expect(quoted).toEqual({ value: expect.objectContaining({ name: "'かけはし'" }) });
  });

  it('explains a 法人番号 that Excel turned into scientific notation', () => {
    const parsed = parseRow(
      ['国税庁', '7.00001E+12', '担当', 'a@example.jp', '', '', ''],
      5,
      header,
    );
    expect(parsed).toEqual({ errors: [expect.stringMatching(/scientific notation/)] });
  });

  it('refuses cells longer than the API allows, naming the column, instead of cutting them', () => {
    const full = mapHeader(['会社名', '区分', '担当者名', 'メールアドレス']);
    const parsed = parseRow(
      ['あ'.repeat(201), '区'.repeat(101), 'x'.repeat(201), `${'a'.repeat(350)}@example.jp`],
      9,
      full,
    );
    expect(parsed).toEqual({
      errors: [
        '会社名 (name) is longer than 200 characters (201)',
        '区分 (category) is longer than 100 characters (101)',
        '担当者名 (contact_name) is longer than 200 characters (201)',
        'メールアドレス (contact_email) is longer than 320 characters (361)',
      ],
    });
    const atLimit = parseRow(
      ['あ'.repeat(200), '区'.repeat(100), 'x'.repeat(200), 'a@example.jp'],
      9,
      full,
    );
    expect(atLimit).toEqual({ value: expect.objectContaining({ category: '区'.repeat(100) }) });
  });

  it('uses the same limits as the API (a value the import accepts can be saved in the console)', async () => {
    const errorsFor = async (fields: {
      name?: string;
      category?: string;
      contactName?: string;
      contactEmail?: string;
    }) => {
      const dto = plainToInstance(CreateSupplierDto, {
        name: fields.name ?? 'API株式会社',
        category: fields.category,
        contacts: [
          { name: fields.contactName ?? '担当', email: fields.contactEmail ?? 'a@example.jp' },
        ],
      });
      const errors = await validate(dto);
      const contact = errors.find((e) => e.property === 'contacts')?.children?.[0]?.children ?? [];
      return [...errors, ...contact].filter((e) => e.constraints?.maxLength).map((e) => e.property);
    };
    const limit = IMPORT_MAX_LENGTH;
    expect(await errorsFor({ name: 'a'.repeat(limit.name) })).toEqual([]);
    expect(await errorsFor({ name: 'a'.repeat(limit.name + 1) })).toEqual(['name']);
    expect(await errorsFor({ category: 'a'.repeat(limit.category) })).toEqual([]);
    expect(await errorsFor({ category: 'a'.repeat(limit.category + 1) })).toEqual(['category']);
    expect(await errorsFor({ contactName: 'a'.repeat(limit.contactName) })).toEqual([]);
    expect(await errorsFor({ contactName: 'a'.repeat(limit.contactName + 1) })).toEqual(['name']);
    const email = (length: number) => `${'a'.repeat(length - '@example.jp'.length)}@example.jp`;
    expect(await errorsFor({ contactEmail: email(limit.contactEmail) })).toEqual([]);
    expect(await errorsFor({ contactEmail: email(limit.contactEmail + 1) })).toEqual(['email']);
  });
});
