import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import {
  badCorporateNumber,
  corporateNumber,
  EN_HEADER,
  generatedRows,
  JA_HEADER,
  shiftJis,
  utf8WithBom,
  xlsx,
} from '../fixtures/import/supplier-files';
import { createTestTenant, loginToken, startApi, TestApi, TestTenant } from '../support/test-app';

/** The digits as a full-width form (０-９), as Japanese input often types them. */
const fullWidth = (digits: string): string =>
  digits.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));

describe('supplier import from CSV and Excel (real app and database)', () => {
  let api: TestApi;
  let tenant: TestTenant;
  let token: string;

  beforeAll(async () => {
    api = await startApi({ LOGIN_ATTEMPTS_PER_MINUTE_PER_IP: '1000' });
    tenant = await createTestTenant(api.dataSource, 'import');
    token = await loginToken(api, tenant.users.procurement.email);
  });
  afterAll(() => api.close());

  function upload(file: Buffer, filename: string, query = '') {
    return api
      .http()
      .post(`/api/v1/suppliers/import${query}`)
      .set('authorization', `Bearer ${token}`)
      .attach('file', file, filename);
  }

  async function suppliersNamed(prefix: string) {
    return api.dataSource.query(
      `SELECT s.name, s.corporate_number, s.size_class, s.criticality, s.category,
              s.handles_confidential_data, s.outage_impact, s.network_access,
              c.name AS contact_name, c.email, c.language
       FROM suppliers s JOIN supplier_contacts c ON c.supplier_id = s.id AND c.is_primary
       WHERE s.organization_id = $1 AND s.name LIKE $2 ORDER BY s.name`,
      [tenant.organizationId, `${prefix}%`],
    ) as Promise<Record<string, unknown>[]>;
  }

  it('imports Shift_JIS (CP932) as Excel in Japan writes it; Japanese text arrives exactly', async () => {
    const rows = [
      JA_HEADER,
      [
        'ｼﾌﾄ髙橋①製作所',
        corporateNumber(100001),
        '中小企業',
        '3',
        '製造',
        '髙橋 﨑子',
        'takahashi@sjis.example.jp',
        '',
        'はい',
        'いいえ',
        '',
      ],
      [
        'ｼﾌﾄ株式会社～ＮＥＣ互換',
        '',
        '大企業',
        '1',
        '',
        '渡邊 一',
        'watanabe@sjis.example.jp',
        'en',
        '',
        '',
        'はい',
      ],
    ];
    const response = await upload(shiftJis(rows), '取引先.csv').expect(200);
    expect(response.body).toEqual({
      created: 2,
      updated: 0,
      unchanged: 0,
      newContactsMailed: 0,
      errors: [],
      unknownColumns: [],
      dryRun: false,
    });
    expect(await suppliersNamed('ｼﾌﾄ')).toEqual([
      expect.objectContaining({
        name: 'ｼﾌﾄ株式会社～ＮＥＣ互換',
        corporate_number: null,
        size_class: 'large',
        criticality: 1,
        contact_name: '渡邊 一',
        language: 'en',
        network_access: true,
        handles_confidential_data: null,
      }),
      expect.objectContaining({
        name: 'ｼﾌﾄ髙橋①製作所',
        corporate_number: corporateNumber(100001),
        size_class: 'sme',
        criticality: 3,
        category: '製造',
        contact_name: '髙橋 﨑子',
        email: 'takahashi@sjis.example.jp',
        language: 'ja',
        handles_confidential_data: true,
        outage_impact: false,
      }),
    ]);
  });

  it('imports UTF-8 with BOM and English headers, reporting unknown columns', async () => {
    const rows = [
      [...EN_HEADER, 'memo'],
      [
        'BOM商事株式会社',
        corporateNumber(100002),
        'sme',
        '2',
        'IT',
        'Alice',
        'alice@bom.example.jp',
        'en',
        'yes',
        'no',
        'no',
        '備考',
      ],
    ];
    const response = await upload(utf8WithBom(rows), 'suppliers.csv').expect(200);
    expect(response.body).toMatchObject({
      created: 1,
      updated: 0,
      errors: [],
      unknownColumns: ['memo'],
    });
    expect(await suppliersNamed('BOM商事')).toEqual([
      expect.objectContaining({ name: 'BOM商事株式会社', contact_name: 'Alice', language: 'en' }),
    ]);
  });

  it('imports .xlsx, including a 法人番号 typed as a number', async () => {
    const file = await xlsx([
      JA_HEADER,
      [
        'エクセル工業株式会社',
        Number(corporateNumber(100003)),
        '大企業',
        2,
        '部品',
        '鈴木 花子',
        'suzuki@xlsx.example.jp',
        'ja',
        'いいえ',
        'はい',
        'はい',
      ],
    ]);
    const response = await upload(file, 'book.xlsx').expect(200);
    expect(response.body).toMatchObject({ created: 1, updated: 0, errors: [] });
    expect(await suppliersNamed('エクセル工業')).toEqual([
      expect.objectContaining({
        corporate_number: corporateNumber(100003),
        contact_name: '鈴木 花子',
        outage_impact: true,
      }),
    ]);
  });

  it('refuses an .xlsx that unpacks to more than 100 MB (a zip bomb) before reading it, importing nothing', async () => {
    const valid = await xlsx([
      JA_HEADER,
      ['爆弾テスト株式会社', corporateNumber(100011), '大企業', 2, '', '', 'bomb@example.jp'],
    ]);
    const zip = await JSZip.loadAsync(valid);
    // 120 MB of zeros deflate to about 120 KB: small on the wire, huge once unpacked.
    zip.file('xl/media/padding.bin', Buffer.alloc(120 * 1024 * 1024));
    const bomb = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    expect(bomb.length).toBeLessThan(1024 * 1024);

    const response = await upload(bomb, 'book.xlsx').expect(413);
    expect(response.body.message).toMatch(/unpacks to more than 100 MB/);
    expect(await suppliersNamed('爆弾テスト')).toEqual([]);
  }, 30_000);

  it('rejects a file with bad rows: every error with its Excel row, nothing imported; valid-only imports the rest', async () => {
    const rows = [
      JA_HEADER,
      [
        '不良行テストA株式会社',
        corporateNumber(200001),
        '',
        '',
        '',
        '担当A',
        'a@bad.example.jp',
        '',
        '',
        '',
        '',
      ],
      [
        '不良行テストB株式会社',
        badCorporateNumber(200002),
        '',
        '',
        '',
        '担当B',
        'b@bad.example.jp',
        '',
        '',
        '',
        '',
      ],
      ['不良行テストC株式会社', corporateNumber(200003), '', '', '', '担当C', '', '', '', '', ''],
      [],
      [
        '不良行テストA2株式会社',
        corporateNumber(200001),
        '',
        '',
        '',
        '担当A2',
        'a2@bad.example.jp',
        '',
        '',
        '',
        '',
      ],
      [
        '不良行テストD株式会社',
        corporateNumber(200004),
        '特大',
        '5',
        '',
        '担当D',
        'd@bad.example.jp',
        '',
        'たぶん',
        '',
        '',
      ],
      ['不良行テストE株式会社', '', '', '', '', '担当E', 'e@bad.example.jp', '', '', '', ''],
    ];
    const rejected = await upload(utf8WithBom(rows), 'bad.csv').expect(400);
    expect(rejected.body.message).toMatch(/nothing was imported/);
    expect(rejected.body).toMatchObject({ created: 0, updated: 0 });
    const byRow = (row: number) =>
      rejected.body.errors
        .filter((e: { row: number }) => e.row === row)
        .map((e: { message: string }) => e.message);
    expect(byRow(2)).toEqual([]);
    expect(byRow(3)).toEqual([expect.stringMatching(/法人番号.*check digit/)]);
    expect(byRow(4)).toEqual([expect.stringMatching(/メールアドレス.*required/)]);
    expect(byRow(6)).toEqual([expect.stringMatching(/duplicate of row 2/)]);
    expect(byRow(7)).toEqual([
      expect.stringMatching(/企業規模/),
      expect.stringMatching(/重要度/),
      expect.stringMatching(/機密情報/),
    ]);
    expect(byRow(8)).toEqual([]);
    expect(await suppliersNamed('不良行テスト')).toEqual([]);

    const dry = await upload(utf8WithBom(rows), 'bad.csv', '?mode=valid-only&dryRun=true').expect(
      200,
    );
    expect(dry.body).toMatchObject({ created: 2, updated: 0, dryRun: true });
    expect(await suppliersNamed('不良行テスト')).toEqual([]);

    const partial = await upload(utf8WithBom(rows), 'bad.csv', '?mode=valid-only').expect(200);
    expect(partial.body).toMatchObject({ created: 2, updated: 0, dryRun: false });
    expect(partial.body.errors.map((e: { row: number }) => e.row)).toEqual([3, 4, 6, 7, 7, 7]);
    expect((await suppliersNamed('不良行テスト')).map((s) => s.name)).toEqual([
      '不良行テストA株式会社',
      '不良行テストE株式会社',
    ]);
  });

  it('re-importing updates instead of duplicating (by 法人番号, else name + e-mail)', async () => {
    const first = [JA_HEADER, ...generatedRows(30, 300000, 'reimport')];
    const created = await upload(utf8WithBom(first), 'a.csv').expect(200);
    expect(created.body).toMatchObject({ created: 30, updated: 0 });

    const second = first.map((row, i) =>
      i === 0
        ? row
        : [
            row[0],
            row[1],
            row[2],
            '3',
            row[4],
            `新担当 ${i}`,
            row[6],
            row[7],
            row[8],
            row[9],
            row[10],
          ],
    );
    // A supplier without 法人番号 is matched by name and primary e-mail.
    const noNumberRows = [
      JA_HEADER,
      [
        '番号なし再取込株式会社',
        '',
        '',
        '1',
        '',
        '担当',
        'same@reimport.example.jp',
        '',
        '',
        '',
        '',
      ],
    ];
    await upload(utf8WithBom(noNumberRows), 'b.csv').expect(200);
    noNumberRows[1][3] = '3';
    const again = await upload(utf8WithBom(noNumberRows), 'b.csv').expect(200);
    expect(again.body).toMatchObject({ created: 0, updated: 1, unchanged: 0 });

    const updated = await upload(shiftJis(second), 'a-sjis.csv').expect(200);
    expect(updated.body).toMatchObject({ created: 0, updated: 30, errors: [] });
    const stored = await suppliersNamed('reimportサプライヤー');
    expect(stored).toHaveLength(30);
    expect(stored.every((s) => s.criticality === 3)).toBe(true);
    expect(stored.map((s) => s.contact_name)).toEqual(
      expect.arrayContaining(['新担当 1', '新担当 30']),
    );
    const [{ count }] = await api.dataSource.query(
      `SELECT count(*)::int AS count FROM suppliers WHERE organization_id = $1 AND name = '番号なし再取込株式会社' AND criticality = 3`,
      [tenant.organizationId],
    );
    expect(count).toBe(1);

    const audit = await api.dataSource.query(
      `SELECT details FROM audit_events WHERE organization_id = $1 AND action = 'supplier.import' ORDER BY id DESC LIMIT 1`,
      [tenant.organizationId],
    );
    expect(audit[0].details).toMatchObject({ created: 0, updated: 30, format: 'csv-cp932' });
  });

  it('reports rows equal to what is stored as unchanged and writes nothing for them', async () => {
    const rows = [
      JA_HEADER,
      [
        '変更なし一株式会社',
        corporateNumber(500001),
        '中小企業',
        '3',
        '製造',
        '担当 一',
        'ichi@unchanged.example.jp',
        'ja',
        'はい',
        '',
        'いいえ',
      ],
      ['変更なし二株式会社', '', '大企業', '1', '', '担当 二', 'ni@unchanged.example.jp', 'en'],
      ['変更なし三株式会社', '', '', '', '', '担当 三', 'san@unchanged.example.jp', ''],
    ];
    expect((await upload(utf8WithBom(rows), 'first.csv').expect(200)).body).toMatchObject({
      created: 3,
      updated: 0,
      unchanged: 0,
    });
    const state = async () =>
      api.dataSource.query(
        `SELECT s.name, s.updated_at, c.id AS contact_id, c.name AS contact_name, c.language
           FROM suppliers s JOIN supplier_contacts c ON c.supplier_id = s.id AND c.is_primary
          WHERE s.organization_id = $1 AND s.name LIKE '変更なし%' ORDER BY s.name`,
        [tenant.organizationId],
      ) as Promise<{ name: string; updated_at: Date; contact_name: string; language: string }[]>;
    const imports = async () =>
      (
        await api.dataSource.query(
          `SELECT count(*)::int AS n FROM audit_events
            WHERE organization_id = $1 AND action = 'supplier.import'`,
          [tenant.organizationId],
        )
      )[0].n as number;
    const before = await state();
    const importsBefore = await imports();

    // The same values written as people type them: spaces, full-width forms, another case, an
    // empty cell (keep what is stored), yes/no in the other language.
    const same = [
      JA_HEADER,
      [
        ' 変更なし一株式会社 ',
        `${fullWidth(corporateNumber(500001).slice(0, 4))}-${fullWidth(corporateNumber(500001).slice(4))}`,
        'ＳＭＥ',
        '３',
        '製造',
        '担当 一',
        'ICHI@Unchanged.example.jp',
        '日本語',
        'yes',
        '',
        'no',
      ],
      ['変更なし二株式会社', '', '', '', '', '担当 二', 'ni@unchanged.example.jp', ''],
      ['変更なし三株式会社', '', '', '2', '', '担当 三', 'ｓａｎ@unchanged.example.jp', 'ja'],
    ];
    const expected = {
      created: 0,
      updated: 0,
      unchanged: 3,
      newContactsMailed: 0,
      errors: [],
      unknownColumns: [],
    };
    const checked = await upload(shiftJis(same), 'same.csv', '?dryRun=true').expect(200);
    expect(checked.body).toEqual({ ...expected, dryRun: true });
    const imported = await upload(shiftJis(same), 'same.csv').expect(200);
    expect(imported.body).toEqual({ ...expected, dryRun: false });
    expect(await state()).toEqual(before);
    expect(await imports()).toBe(importsBefore);

    // A real change in one row (the contact's language) updates that supplier alone.
    const changed = same.map((row) => [...row]);
    changed[2][7] = 'ja';
    const partly = await upload(utf8WithBom(changed), 'changed.csv').expect(200);
    expect(partly.body).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    const after = await state();
    const named = (list: typeof before, name: string) => list.find((s) => s.name === name)!;
    for (const name of ['変更なし一株式会社', '変更なし三株式会社']) {
      expect(named(after, name)).toEqual(named(before, name));
    }
    const two = named(after, '変更なし二株式会社');
    expect(two.language).toBe('ja');
    expect(two.updated_at.getTime()).toBeGreaterThan(
      named(before, '変更なし二株式会社').updated_at.getTime(),
    );
    expect(await imports()).toBe(importsBefore + 1);
  });

  it('stores a full-width 区分 as the API does (one IT category, not IT and ＩＴ) and reads 重要度 高/中/低', async () => {
    const viaApi = await api
      .http()
      .post('/api/v1/suppliers')
      .set('authorization', `Bearer ${token}`)
      .send({
        name: '区分揃え画面株式会社',
        category: 'IT',
        contacts: [{ name: 'A', email: 'a@category-api.example.jp' }],
      })
      .expect(201);
    const rows = [
      JA_HEADER,
      [
        '区分揃え取込株式会社',
        '',
        '',
        '高',
        'ＩＴ',
        '担当',
        'a@category-import.example.jp',
        '',
        '',
        '',
        '',
      ],
      [
        '区分揃え低株式会社',
        '',
        '',
        '3 (高)',
        ' ｸﾗｳﾄﾞ ',
        '担当',
        'a@category-low.example.jp',
        '',
        '',
        '',
        '',
      ],
    ];
    expect((await upload(utf8WithBom(rows), 'categories.csv').expect(200)).body).toMatchObject({
      created: 2,
      errors: [],
    });
    expect(
      (await suppliersNamed('区分揃え'))
        .filter((s) => s.name !== '区分揃え画面株式会社')
        .map((s) => [s.name, s.category, s.criticality])
        .sort(),
    ).toEqual([
      ['区分揃え低株式会社', 'クラウド', 3],
      ['区分揃え取込株式会社', 'IT', 3],
    ]);
    const filtered = await api
      .http()
      .get('/api/v1/suppliers')
      .query({ category: 'IT', q: '区分揃え' })
      .set('authorization', `Bearer ${token}`)
      .expect(200);
    expect(filtered.body.items.map((s: { id: string; name: string }) => s.name).sort()).toEqual([
      '区分揃え取込株式会社',
      '区分揃え画面株式会社',
    ]);
    expect(viaApi.body.category).toBe('IT');
  });

  it('answers clear errors for empty, binary, oversized and missing files', async () => {
    const empty = await upload(Buffer.alloc(0), 'empty.csv').expect(400);
    expect(empty.body.message).toBe('the file is empty');

    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 37) % 256)),
    ]);
    const binary = await upload(png, 'photo.csv');
    expect([400, 415]).toContain(binary.status);
    expect(binary.body.message).toMatch(/not a CSV or \.xlsx file/);

    const utf16 = await upload(
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('会社名\t法人番号\r\n', 'utf16le')]),
      'unicode.txt',
    ).expect(415);
    expect(utf16.body.message).toMatch(/UTF-16/);

    const zipNotXlsx = await upload(Buffer.from('PK\u0003\u0004garbage-garbage'), 'fake.xlsx');
    expect(zipNotXlsx.status).toBe(415);
    expect(zipNotXlsx.body.message).toMatch(/not a CSV or \.xlsx file/);

    const big = Buffer.alloc(20 * 1024 * 1024, 'a,b,c\r\n');
    const tooLarge = await upload(big, 'huge.csv').expect(413);
    expect(tooLarge.body).toMatchObject({ statusCode: 413 });
    expect(tooLarge.body.message).toMatch(/larger than 10 MB/);

    const missing = await api
      .http()
      .post('/api/v1/suppliers/import')
      .set('authorization', `Bearer ${token}`)
      .field('note', 'no file here')
      .expect(400);
    expect(missing.body.message).toMatch(/"file" is missing/);

    const noHeader = await upload(
      utf8WithBom([
        ['foo', 'bar'],
        ['1', '2'],
      ]),
      'x.csv',
    ).expect(400);
    expect(noHeader.body.message).toMatch(/missing column/);
    expect(noHeader.body.unknownColumns).toEqual(['foo', 'bar']);

    const auditorToken = await loginToken(api, tenant.users.auditor.email);
    await api
      .http()
      .post('/api/v1/suppliers/import')
      .set('authorization', `Bearer ${auditorToken}`)
      .attach('file', utf8WithBom([JA_HEADER]), 'x.csv')
      .expect(403);
  });

  it('downloads templates that import as they are', async () => {
    const csv = await api
      .http()
      .get('/api/v1/suppliers/import/template?format=csv')
      .set('authorization', `Bearer ${token}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const csvBytes = csv.body as Buffer;
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csvBytes.toString('utf8').slice(1).split('\r\n')[0]).toBe(JA_HEADER.join(','));

    const xlsxResponse = await api
      .http()
      .get('/api/v1/suppliers/import/template?format=xlsx')
      .set('authorization', `Bearer ${token}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsxResponse.body as unknown as ArrayBuffer);
    expect(workbook.worksheets[0].getRow(1).getCell(1).text).toBe('会社名');

    const dry = await upload(csvBytes, 'template.csv', '?dryRun=true').expect(200);
    expect(dry.body).toMatchObject({ created: 1, errors: [], dryRun: true });
    const dryXlsx = await upload(
      xlsxResponse.body as Buffer,
      'template.xlsx',
      '?dryRun=true',
    ).expect(200);
    expect(dryXlsx.body).toMatchObject({ created: 1, errors: [], dryRun: true });
  });

  describe('what an import keeps, refuses and assigns', () => {
    let adminToken: string;
    beforeAll(async () => {
      adminToken = await loginToken(api, tenant.users.admin.email);
    });

    async function supplierById(id: string) {
      const response = await api
        .http()
        .get(`/api/v1/suppliers/${id}`)
        .set('authorization', `Bearer ${token}`)
        .expect(200);
      return response.body as {
        id: string;
        ownerId: string | null;
        category: string | null;
        contacts: { name: string; email: string; language: string; isPrimary: boolean }[];
      };
    }

    async function supplierIdNamed(name: string): Promise<string> {
      const [row] = await api.dataSource.query(
        `SELECT id FROM suppliers WHERE organization_id = $1 AND name = $2`,
        [tenant.organizationId, name],
      );
      return (row as { id: string }).id;
    }

    it("keeps an existing contact's language when the 言語 cell is empty; new contacts get ja", async () => {
      const created = await api
        .http()
        .post('/api/v1/suppliers')
        .set('authorization', `Bearer ${adminToken}`)
        .send({
          name: 'Pacific Cloud Services K.K.',
          category: 'クラウド',
          criticality: 3,
          contacts: [
            { name: 'Alex Morgan', email: 'contact5@supplier5.example.jp', language: 'en' },
          ],
        })
        .expect(201);
      const csv = Buffer.from(
        'name,contact_name,contact_email\r\n' +
          'Pacific Cloud Services K.K.,Alex Morgan,contact5@supplier5.example.jp\r\n' +
          '言語空欄新規株式会社,新規 担当,new@lang.example.jp\r\n',
        'utf8',
      );
      const response = await upload(csv, 'suppliers.csv').expect(200);
      // The existing supplier's row repeats what is stored (the empty cells keep it): unchanged.
      expect(response.body).toMatchObject({ created: 1, updated: 0, unchanged: 1, errors: [] });

      const existing = await supplierById(created.body.id);
      expect(existing.contacts).toEqual([
        expect.objectContaining({ name: 'Alex Morgan', language: 'en', isPrimary: true }),
      ]);
      // The other empty cells keep their values too.
      expect(existing).toMatchObject({ category: 'クラウド', criticality: 3 });
      const fresh = await supplierById(await supplierIdNamed('言語空欄新規株式会社'));
      expect(fresh.contacts).toEqual([expect.objectContaining({ language: 'ja' })]);

      // A filled 言語 cell still changes it.
      await upload(
        Buffer.from(
          'name,contact_name,contact_email,contact_language\r\n' +
            'Pacific Cloud Services K.K.,Alex Morgan,contact5@supplier5.example.jp,日本語\r\n',
        ),
        'suppliers.csv',
      ).expect(200);
      expect((await supplierById(created.body.id)).contacts[0].language).toBe('ja');
    });

    it('refuses cells longer than the API allows, per row and column, and imports nothing', async () => {
      const longEmail = `${'m'.repeat(64)}.${'x'.repeat(200)}@${'d'.repeat(66)}.example.jp`;
      expect(longEmail.length).toBe(343);
      const rows = [
        JA_HEADER,
        ['長さ制限OK株式会社', '', '', '', '', '担当 OK', 'ok@length.example.jp', '', '', '', ''],
        ['長さ制限担当株式会社', '', '', '', '', 'あ'.repeat(300), longEmail, '', '', '', ''],
        ['長さ制限区分株式会社', '', '', '', '区'.repeat(101), '担当', 'c@length.example.jp'],
        ['長'.repeat(201), '', '', '', '', '担当', 'n@length.example.jp'],
      ];
      const rejected = await upload(utf8WithBom(rows), 'long.csv').expect(400);
      expect(rejected.body.message).toMatch(/3 row\(s\) rejected; nothing was imported/);
      expect(rejected.body).toMatchObject({ created: 0, updated: 0 });
      expect(rejected.body.errors).toEqual([
        { row: 3, message: '担当者名 (contact_name) is longer than 200 characters (300)' },
        { row: 3, message: 'メールアドレス (contact_email) is longer than 320 characters (343)' },
        { row: 4, message: '区分 (category) is longer than 100 characters (101)' },
        { row: 5, message: '会社名 (name) is longer than 200 characters (201)' },
      ]);
      expect(await suppliersNamed('長')).toEqual([]);

      // At the limits the import succeeds, and the supplier can then be saved through the API.
      const atLimit = [
        JA_HEADER,
        [
          '長さ上限株式会社',
          '',
          '',
          '',
          '区'.repeat(100),
          'あ'.repeat(200),
          'max@length.example.jp',
        ],
      ];
      await upload(utf8WithBom(atLimit), 'max.csv').expect(200);
      const id = await supplierIdNamed('長さ上限株式会社');
      const stored = await supplierById(id);
      expect(stored.category).toBe('区'.repeat(100));
      await api
        .http()
        .patch(`/api/v1/suppliers/${id}`)
        .set('authorization', `Bearer ${token}`)
        .send({
          category: stored.category,
          contacts: stored.contacts.map((c) => ({
            name: c.name,
            email: c.email,
            language: c.language,
          })),
        })
        .expect(200);
    });

    it('reads an .xlsx date cell as the date it shows, not the JavaScript date text', async () => {
      const file = await xlsx([
        JA_HEADER,
        [
          '日付セル株式会社',
          Number(corporateNumber(400001)),
          '',
          '',
          new Date(Date.UTC(2026, 0, 1)),
          '担当 日付',
          'date@xlsx.example.jp',
        ],
        [
          '日時セル株式会社',
          '',
          '',
          '',
          new Date(Date.UTC(2026, 2, 31, 23, 30)),
          '担当 日時',
          'datetime@xlsx.example.jp',
        ],
        ['小数セル株式会社', '', '', '', 0.1 + 0.2, '担当 小数', 'decimal@xlsx.example.jp'],
      ]);
      await upload(file, 'dates.xlsx').expect(200);
      const stored = await suppliersNamed('');
      const byName = new Map(stored.map((s) => [s.name, s]));
      expect(byName.get('日付セル株式会社')).toMatchObject({
        category: '2026-01-01',
        corporate_number: corporateNumber(400001),
      });
      expect(byName.get('日時セル株式会社')).toMatchObject({ category: '2026-03-31 23:30' });
      expect(byName.get('小数セル株式会社')).toMatchObject({ category: '0.3' });
    });

    it('answers 415 with how to send the file when the body is not multipart', async () => {
      for (const [type, body] of [
        ['text/csv', '会社名,担当者名,メールアドレス\r\nA社,担当,a@example.jp\r\n'],
        ['application/json', JSON.stringify({ file: 'a,b' })],
      ]) {
        const response = await api
          .http()
          .post('/api/v1/suppliers/import')
          .set('authorization', `Bearer ${token}`)
          .set('content-type', type)
          .send(body)
          .expect(415);
        expect(response.body).toMatchObject({ statusCode: 415, error: 'Unsupported Media Type' });
        expect(response.body.message).toBe(
          'send the file as multipart/form-data with the file in the field "file": ' +
            'CSV (UTF-8 or Shift_JIS) or .xlsx, at most 10 MB',
        );
      }
    });

    it('makes the importing procurement user the owner of the suppliers it creates', async () => {
      const owned = await api
        .http()
        .post('/api/v1/suppliers')
        .set('authorization', `Bearer ${adminToken}`)
        .send({
          name: '既存担当者付き株式会社',
          ownerId: tenant.users.admin.id,
          contacts: [{ name: '既存', email: 'kept@owner.example.jp' }],
        })
        .expect(201);
      const rows = [
        JA_HEADER,
        ['所有者テスト新規株式会社', '', '', '', '', '担当', 'new@owner.example.jp'],
        ['既存担当者付き株式会社', '', '', '3', '', '既存', 'kept@owner.example.jp'],
      ];
      const response = await upload(utf8WithBom(rows), 'owner.csv').expect(200);
      expect(response.body).toMatchObject({ created: 1, updated: 1 });

      const created = await supplierById(await supplierIdNamed('所有者テスト新規株式会社'));
      expect(created.ownerId).toBe(tenant.users.procurement.id);
      expect((await supplierById(owned.body.id)).ownerId).toBe(tenant.users.admin.id);

      // Procurement's dashboard lists only what it owns: the imported supplier is there.
      const dashboard = await api
        .http()
        .get('/api/v1/dashboard/suppliers?pageSize=200')
        .set('authorization', `Bearer ${token}`)
        .expect(200);
      const names = (dashboard.body.items as { name: string }[]).map((i) => i.name);
      expect(names).toContain('所有者テスト新規株式会社');
      expect(names).not.toContain('既存担当者付き株式会社');

      // An admin's import assigns no owner (admins own nothing by default).
      await api
        .http()
        .post('/api/v1/suppliers/import')
        .set('authorization', `Bearer ${adminToken}`)
        .attach(
          'file',
          utf8WithBom([
            JA_HEADER,
            ['管理者取込株式会社', '', '', '', '', '担当', 'admin@owner.example.jp'],
          ]),
          'admin.csv',
        )
        .expect(200);
      expect((await supplierById(await supplierIdNamed('管理者取込株式会社'))).ownerId).toBeNull();
    });
  });
});
