import { mapHeader, parseRow, type ImportRow } from './import-columns';
import { type ExistingContact, rowChangesSupplier, type StoredSupplier } from './import-writer';

const STORED: StoredSupplier = {
  name: '株式会社かけはし',
  corporateNumber: '7000012050002',
  sizeClass: 'sme',
  criticality: 3,
  category: '製造',
  handlesConfidentialData: true,
  outageImpact: false,
  networkAccess: null,
};

const PRIMARY: ExistingContact = {
  id: 'c1',
  supplierId: 's1',
  name: '髙橋 﨑子',
  email: 'Takahashi@example.jp',
  language: 'ja',
  isPrimary: true,
};
const OTHER: ExistingContact = {
  ...PRIMARY,
  id: 'c2',
  name: '副担当',
  email: 'sub@example.jp',
  isPrimary: false,
};

const HEADER = mapHeader([
  '会社名',
  '法人番号',
  '企業規模',
  '重要度',
  '区分',
  '担当者名',
  'メールアドレス',
  '言語',
  '機密情報',
  '停止影響',
  '社内接続',
]);

/** A row as the import reads these cells. */
function read(cells: string[]): ImportRow {
  const parsed = parseRow(cells, 2, HEADER);
  if (!('value' in parsed)) throw new Error(parsed.errors.join('; '));
  return parsed.value;
}

const AS_STORED = [
  '株式会社かけはし',
  '7000012050002',
  '中小企業',
  '3',
  '製造',
  '髙橋 﨑子',
  'takahashi@example.jp',
  'ja',
  'はい',
  'いいえ',
  '',
];

describe('whether an import row changes a matched supplier', () => {
  const changes = (edit: (cells: string[]) => void, contacts = [PRIMARY, OTHER]) => {
    const cells = [...AS_STORED];
    edit(cells);
    return rowChangesSupplier(STORED, contacts, read(cells));
  };

  it('sees no change in the stored values, however the cells are written', () => {
    expect(changes(() => undefined)).toBe(false);
    expect(
      changes((c) => {
        c[0] = ` ${c[0]}\u3000`;
        c[1] = '７０００-０１２０-５０００２';
        c[2] = 'ＳＭＥ';
        c[3] = '３';
        c[6] = 'ＴＡＫＡＨＡＳＨＩ@example.jp';
        c[7] = '日本語';
        c[8] = 'Yes';
        c[9] = 'no';
      }),
    ).toBe(false);
    // Empty cells keep the stored values.
    expect(changes((c) => c.fill('', 1, 5).fill('', 7))).toBe(false);
  });

  it('sees a change in any value the import writes', () => {
    const edits: [string, (c: string[]) => void][] = [
      ['name', (c) => (c[0] = '株式会社かけはし商事')],
      ['size', (c) => (c[2] = '大企業')],
      ['criticality', (c) => (c[3] = '1')],
      ['category', (c) => (c[4] = '物流')],
      ['contact name', (c) => (c[5] = '髙橋 花子')],
      ['contact language', (c) => (c[7] = 'en')],
      ['another contact as primary', (c) => (c[6] = 'sub@example.jp')],
      ['a new contact', (c) => (c[6] = 'new@example.jp')],
      ['confidential data', (c) => (c[8] = 'いいえ')],
      ['outage impact', (c) => (c[9] = 'はい')],
      ['an unknown answer given', (c) => (c[10] = 'いいえ')],
    ];
    for (const [what, edit] of edits)
      expect({ what, changes: changes(edit) }).toEqual({ what, changes: true });
    const withoutNumber = { ...STORED, corporateNumber: null };
    expect(rowChangesSupplier(withoutNumber, [PRIMARY], read(AS_STORED))).toBe(true);
  });
});
