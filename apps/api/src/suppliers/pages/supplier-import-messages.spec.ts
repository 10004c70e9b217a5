import { ForbiddenException, HttpException, PayloadTooLargeException } from '@nestjs/common';
import { IMPORT_COLUMNS, mapHeader, parseRow } from '../import/import-columns';
import { IMPORTER_CANNOT_OWN } from '../import/import-suppliers.use-case';
import { readUpload } from '../import/read-upload';
import { describeRefusal, translateRowMessage } from './supplier-import-messages';
import { SUPPLIER_IMPORT_PAGE_TEXT } from './supplier-import-page-text';

const header = mapHeader(IMPORT_COLUMNS.map((c) => c.ja));

/** The messages the import writes for one row, in the template's column order. */
function rowErrors(cells: Partial<Record<string, string>>): string[] {
  const row = IMPORT_COLUMNS.map((c) => cells[c.field] ?? '');
  const parsed = parseRow(row, 2, header);
  return 'errors' in parsed ? parsed.errors : [];
}

async function refusalOf(bytes: Buffer): Promise<HttpException> {
  try {
    await readUpload(bytes);
  } catch (error) {
    return error as HttpException;
  }
  throw new Error('the upload was accepted');
}

describe('the import page tells the import’s messages in Japanese', () => {
  it('translates every problem a row can have; none stays in English', () => {
    const messages = [
      ...rowErrors({}),
      ...rowErrors({
        name: 'あ'.repeat(201),
        corporateNumber: '7.00001E+12',
        sizeClass: '中堅',
        criticality: '5',
        category: 'x'.repeat(101),
        contactName: 'い'.repeat(201),
        contactEmail: 'not-an-address',
        contactLanguage: 'fr',
        handlesConfidentialData: 'たぶん',
        outageImpact: 'maybe',
        networkAccess: '?',
      }),
      ...rowErrors({ name: 'A', corporateNumber: '1234567890123', contactName: 'B' }),
      ...rowErrors({ name: 'A', contactName: 'B', contactEmail: `${'a'.repeat(320)}@x.jp` }),
    ];
    expect(messages).toHaveLength(17);
    const translated = messages.map((m) => translateRowMessage(m, 'ja'));
    expect(translated.filter((m) => m === null)).toEqual([]);
    for (const message of translated) expect(message).not.toMatch(/ is | must |required/);
    expect(translated).toEqual(
      expect.arrayContaining([
        '「会社名」が空欄です。',
        '「担当者名」が空欄です。',
        '「メールアドレス」が空欄です。',
        '「会社名」が 200 文字を超えています（201 文字）。',
        '「区分」が 100 文字を超えています（101 文字）。',
        '法人番号「7.00001E+12」が Excel で指数表記に変わっています。列の書式を「文字列」にして入力し直してください。',
        '法人番号「1234567890123」が正しくありません。13桁の数字（先頭の1桁はチェックデジット）か確認してください。',
        '企業規模「中堅」は「中小企業」か「大企業」（sme / large）で入力してください。',
        '重要度「5」は 1・2・3（または 低・中・高）のいずれかで入力してください。',
        'メールアドレス「not-an-address」の形式が正しくありません。',
        '言語「fr」は ja か en で入力してください。',
        '機密情報「たぶん」は「はい」か「いいえ」（yes / no）で入力してください。',
        '停止影響「maybe」は「はい」か「いいえ」（yes / no）で入力してください。',
      ]),
    );
  });

  it('leaves the English messages as they are on the English page', () => {
    const [message] = rowErrors({ name: 'A', contactName: 'B', contactEmail: 'x' });
    expect(translateRowMessage(message, 'en')).toBe(message);
  });

  it('names the whole file’s refusal in the page’s words, never as an unknown problem', async () => {
    const ja = SUPPLIER_IMPORT_PAGE_TEXT.ja.errors;
    const en = SUPPLIER_IMPORT_PAGE_TEXT.en.errors;
    const cases: [Buffer, string][] = [
      [Buffer.alloc(0), ja.empty],
      [Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), ja.xls],
      [Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('会社名\r\n', 'utf16le')]), ja.utf16],
      [Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 37) % 256)), ja.notTable],
    ];
    for (const [bytes, expected] of cases) {
      expect(describeRefusal(await refusalOf(bytes), 'ja')).toBe(expected);
    }
    const unclosed = await refusalOf(Buffer.from('会社名,担当者名\r\n"開いたまま,x\r\n'));
    expect(describeRefusal(unclosed, 'ja')).toMatch(/^CSV を読み取れませんでした。/);
    expect(describeRefusal(await refusalOf(Buffer.alloc(0)), 'en')).toBe(en.empty);
    expect(
      describeRefusal(new PayloadTooLargeException('the file is larger than 10 MB'), 'ja'),
    ).toBe(ja.tooLarge);
    // The importing user's role changed during the import: who may import, not an unknown error.
    const roleChanged = new ForbiddenException(IMPORTER_CANNOT_OWN);
    expect(describeRefusal(roleChanged, 'ja')).toBe(
      'サプライヤーを取り込めるのは、この組織の有効な調達担当者と管理者だけです。何も取り込んでいません。',
    );
    expect(describeRefusal(roleChanged, 'en')).toBe(en.notAllowed);
  });
});
