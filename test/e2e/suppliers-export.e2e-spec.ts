import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import {
  corporateNumber,
  EN_HEADER,
  JA_HEADER,
  utf8WithBom,
} from '../fixtures/import/supplier-files';
import { createTestTenant, loginToken, startApi, TestApi, TestTenant } from '../support/test-app';

const FORMULA_NAME = '=HYPERLINK("http://evil.example","click")';

describe('supplier registry export (real app and database)', () => {
  let api: TestApi;
  let tenant: TestTenant;
  let other: TestTenant;
  const tokens: Record<string, string> = {};
  let otherToken: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    api = await startApi({ LOGIN_ATTEMPTS_PER_MINUTE_PER_IP: '1000' });
    tenant = await createTestTenant(api.dataSource, 'supplier-export');
    other = await createTestTenant(api.dataSource, 'supplier-export-other');
    for (const role of ['admin', 'procurement', 'ciso', 'auditor'] as const) {
      tokens[role] = await loginToken(api, tenant.users[role].email);
    }
    otherToken = await loginToken(api, other.users.procurement.email);

    const create = async (
      key: string,
      body: Record<string, unknown>,
      token = tokens.procurement,
    ) => {
      const response = await api
        .http()
        .post('/api/v1/suppliers')
        .set('authorization', `Bearer ${token}`)
        .send(body)
        .expect(201);
      ids[key] = response.body.id;
    };
    await create('kakehashi', {
      name: '株式会社かけはし髙橋製作所',
      corporateNumber: corporateNumber(880001),
      sizeClass: 'sme',
      criticality: 3,
      category: '製造',
      tags: ['重要取引先'],
      ownerId: tenant.users.procurement.id,
      handlesConfidentialData: true,
      outageImpact: false,
      contacts: [
        { name: '髙橋 﨑子', email: 'takahashi@kakehashi.example.jp', isPrimary: true },
        { name: '副担当', email: 'sub@kakehashi.example.jp', language: 'en', isPrimary: false },
      ],
    });
    await create('formula', {
      name: FORMULA_NAME,
      sizeClass: 'large',
      criticality: 1,
      category: '+SUM(1,2)',
      ownerId: null,
      networkAccess: true,
      contacts: [{ name: '@Bob', email: 'bob@formula.example.com', language: 'en' }],
    });
    await create('plain', {
      name: 'ロジスティクス株式会社',
      corporateNumber: corporateNumber(880002),
      ownerId: null,
      contacts: [{ name: '物流 担当', email: 'logi@example.jp' }],
    });
    await create(
      'theirs',
      { name: '他社専用株式会社', contacts: [{ name: 'A', email: 'a@other.example.jp' }] },
      otherToken,
    );
  });
  afterAll(() => api.close());

  const download = (path: string, token: string | null = tokens.procurement) => {
    const request = api.http().get(path);
    if (token) request.set('authorization', `Bearer ${token}`);
    return request.buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
  };

  /** The CSV's records after its BOM, which must be there (Excel needs it for UTF-8). */
  const csvRecords = async (path: string, token?: string): Promise<string[][]> => {
    const bytes = (await download(path, token).expect(200)).body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    return parse(bytes.subarray(3).toString('utf8'), { relax_column_count: true });
  };

  const workbook = async (path: string): Promise<ExcelJS.Worksheet> => {
    const file = await download(path).expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.body as unknown as Parameters<typeof book.xlsx.load>[0]);
    return book.worksheets[0];
  };

  const names = (records: string[][]) => records.slice(1).map((r) => r[0]);

  it('exports CSV: BOM, the import’s Japanese headers in its order, one row per supplier', async () => {
    const response = await download('/api/v1/suppliers/export.csv').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="suppliers-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    expect(response.headers['cache-control']).toBe('no-store');
    const text = (response.body as Buffer).toString('utf8');
    expect(text.startsWith(`\uFEFF${JA_HEADER.join(',')}\r\n`)).toBe(true);
    // The primary contact only, Japanese values and empty cells for what is unknown.
    expect(text).toContain(
      `\r\n株式会社かけはし髙橋製作所,${corporateNumber(880001)},中小企業,3,製造,髙橋 﨑子,` +
        'takahashi@kakehashi.example.jp,ja,はい,いいえ,\r\n',
    );
    expect(text).not.toContain('sub@kakehashi.example.jp');
    // Formula-like text starts with an apostrophe; the spreadsheet shows it as text.
    expect(text).toContain(
      `\r\n"'=HYPERLINK(""http://evil.example"",""click"")",,大企業,1,"'+SUM(1,2)",'@Bob,` +
        'bob@formula.example.com,en,,,はい\r\n',
    );
    const records = await csvRecords('/api/v1/suppliers/export.csv');
    expect(names(records)).toEqual([
      `'${FORMULA_NAME}`,
      'ロジスティクス株式会社',
      '株式会社かけはし髙橋製作所',
    ]);
  });

  it('exports English headers and values with lang=en, and refuses another language', async () => {
    const records = await csvRecords('/api/v1/suppliers/export.csv?lang=en');
    expect(records[0]).toEqual(EN_HEADER);
    expect(records.find((r) => r[0] === '株式会社かけはし髙橋製作所')).toEqual([
      '株式会社かけはし髙橋製作所',
      corporateNumber(880001),
      'sme',
      '3',
      '製造',
      '髙橋 﨑子',
      'takahashi@kakehashi.example.jp',
      'ja',
      'yes',
      'no',
      '',
    ]);
    for (const kind of ['csv', 'xlsx']) {
      const bad = await download(`/api/v1/suppliers/export.${kind}?lang=fr`).expect(400);
      expect(JSON.parse((bad.body as Buffer).toString('utf8')).message).toBe(
        'lang must be ja or en',
      );
    }
  });

  it('exports an Excel workbook exceljs reads: same headers, text cells, no formula', async () => {
    const response = await download('/api/v1/suppliers/export.xlsx').expect(200);
    expect(response.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(response.headers['content-disposition']).toMatch(/filename="suppliers-.*\.xlsx"/);
    const sheet = await workbook('/api/v1/suppliers/export.xlsx');
    expect(sheet.name).toBe('取引先');
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(JA_HEADER);
    expect(sheet.rowCount).toBe(4);
    const row = (name: string) =>
      sheet.getRow((sheet.getColumn(1).values as unknown[]).indexOf(name));
    const kakehashi = row('株式会社かけはし髙橋製作所');
    expect(kakehashi.getCell(2).value).toBe(corporateNumber(880001));
    expect(kakehashi.getCell(3).value).toBe('中小企業');
    expect(kakehashi.getCell(4).value).toBe(3);
    expect(kakehashi.getCell(9).value).toBe('はい');
    const formula = row(FORMULA_NAME);
    expect(formula.getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(formula.getCell(5).value).toBe('+SUM(1,2)');
    expect(formula.getCell(5).type).toBe(ExcelJS.ValueType.String);

    const english = await workbook('/api/v1/suppliers/export.xlsx?lang=en');
    expect(english.name).toBe('Suppliers');
    expect((english.getRow(1).values as unknown[]).slice(1)).toEqual(EN_HEADER);
  });

  it('applies the list’s filters', async () => {
    const exported = async (query: string) =>
      names(await csvRecords(`/api/v1/suppliers/export.csv?${query}`));
    expect(await exported(`q=${encodeURIComponent('かけはし')}`)).toEqual([
      '株式会社かけはし髙橋製作所',
    ]);
    expect(await exported(`q=${corporateNumber(880002)}`)).toEqual(['ロジスティクス株式会社']);
    expect(await exported('criticality=1')).toEqual([`'${FORMULA_NAME}`]);
    expect(await exported(`category=${encodeURIComponent('製造')}`)).toEqual([
      '株式会社かけはし髙橋製作所',
    ]);
    expect(await exported(`tag=${encodeURIComponent('重要取引先')}`)).toEqual([
      '株式会社かけはし髙橋製作所',
    ]);
    expect(await exported(`ownerId=${tenant.users.procurement.id}`)).toEqual([
      '株式会社かけはし髙橋製作所',
    ]);
    expect(await exported('sizeClass=large')).toEqual([`'${FORMULA_NAME}`]);
    const sheet = await workbook('/api/v1/suppliers/export.xlsx?criticality=3&lang=en');
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).getCell(1).value).toBe('株式会社かけはし髙橋製作所');
    // No match: the header alone, still a file the import template would recognise.
    expect(await csvRecords(`/api/v1/suppliers/export.csv?q=nothing-matches`)).toEqual([JA_HEADER]);
    await download('/api/v1/suppliers/export.csv?criticality=9').expect(400);
  });

  describe('round trip through the import', () => {
    const importFile = (file: Buffer, filename: string, dryRun: boolean) =>
      api
        .http()
        .post(`/api/v1/suppliers/import?dryRun=${dryRun}`)
        .set('authorization', `Bearer ${tokens.procurement}`)
        .attach('file', file, filename);

    /** Each supplier as the API shows it, its last-updated time included. */
    const registry = async () => {
      const all: Record<string, unknown>[] = [];
      for (const key of ['kakehashi', 'formula', 'plain']) {
        const response = await api
          .http()
          .get(`/api/v1/suppliers/${ids[key]}`)
          .set('authorization', `Bearer ${tokens.procurement}`)
          .expect(200);
        all.push(response.body as Record<string, unknown>);
      }
      return all;
    };

    const importEvents = async (): Promise<{ details: Record<string, unknown> }[]> =>
      api.dataSource.query(
        `SELECT details FROM audit_events
          WHERE organization_id = $1 AND action = 'supplier.import' ORDER BY id`,
        [tenant.organizationId],
      );

    for (const [format, lang] of [
      ['csv', 'ja'],
      ['csv', 'en'],
      ['xlsx', 'ja'],
      ['xlsx', 'en'],
    ] as const) {
      it(`checks an exported ${format} (${lang}) as it is: every supplier unchanged, none updated`, async () => {
        const file = (await download(`/api/v1/suppliers/export.${format}?lang=${lang}`).expect(200))
          .body as Buffer;
        const response = await importFile(file, `suppliers.${format}`, true).expect(200);
        expect(response.body).toEqual({
          created: 0,
          updated: 0,
          unchanged: 3,
          newContactsMailed: 0,
          errors: [],
          unknownColumns: [],
          dryRun: true,
        });
      });
    }

    it('writes nothing when the unedited export is imported for real: no update, no audit event', async () => {
      const before = await registry();
      const events = (await importEvents()).length;
      for (const format of ['csv', 'xlsx'] as const) {
        const file = (await download(`/api/v1/suppliers/export.${format}`).expect(200))
          .body as Buffer;
        const response = await importFile(file, `suppliers.${format}`, false).expect(200);
        expect(response.body).toEqual({
          created: 0,
          updated: 0,
          unchanged: 3,
          newContactsMailed: 0,
          errors: [],
          unknownColumns: [],
          dryRun: false,
        });
      }
      // Every value and every last-updated time as it was; the trail holds no import.
      expect(await registry()).toEqual(before);
      expect(await importEvents()).toHaveLength(events);
      // The formula-like name reads back without the guard the file added.
      expect(before[1]).toMatchObject({ name: FORMULA_NAME, category: '+SUM(1,2)' });
    });

    it('counts only the rows really changed, comparing cells as the import reads them', async () => {
      const before = await registry();
      const records = await csvRecords('/api/v1/suppliers/export.csv');
      const edited = records.map((record) => [...record]);
      const row = (name: string) => edited.find((r) => r[0] === name)!;
      // Written differently, meaning the same: spaces, full-width digits, another case.
      const kakehashi = row('株式会社かけはし髙橋製作所');
      kakehashi[0] = `  ${kakehashi[0]} `;
      kakehashi[1] = kakehashi[1].replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));
      kakehashi[6] = kakehashi[6].toUpperCase();
      kakehashi[4] = ` ${kakehashi[4]}\u3000`;
      kakehashi[8] = 'ＹＥＳ';
      // Really changed: the primary contact's name.
      row('ロジスティクス株式会社')[5] = '物流 新担当';

      const checked = await importFile(utf8WithBom(edited), 'edited.csv', true).expect(200);
      expect(checked.body).toMatchObject({ created: 0, updated: 1, unchanged: 2, errors: [] });
      const imported = await importFile(utf8WithBom(edited), 'edited.csv', false).expect(200);
      expect(imported.body).toMatchObject({ created: 0, updated: 1, unchanged: 2, errors: [] });

      const after = await registry();
      expect(after[0]).toEqual(before[0]);
      expect(after[1]).toEqual(before[1]);
      expect(
        (after[2].contacts as { name: string; isPrimary: boolean }[]).find((c) => c.isPrimary),
      ).toMatchObject({ name: '物流 新担当' });
      expect(new Date(after[2].updatedAt as string).getTime()).toBeGreaterThan(
        new Date(before[2].updatedAt as string).getTime(),
      );
      expect((await importEvents()).at(-1)?.details).toMatchObject({
        created: 0,
        updated: 1,
        unchanged: 2,
      });
    });
  });

  it('lets every buyer role export; signed-out requests are refused', async () => {
    for (const role of ['admin', 'procurement', 'ciso', 'auditor']) {
      for (const kind of ['csv', 'xlsx']) {
        await download(`/api/v1/suppliers/export.${kind}`, tokens[role]).expect(200);
      }
    }
    await download('/api/v1/suppliers/export.csv', null).expect(401);
    await download('/api/v1/suppliers/export.xlsx', null).expect(401);
  });

  it('keeps tenants apart', async () => {
    const ours = (await download('/api/v1/suppliers/export.csv').expect(200)).body as Buffer;
    expect(ours.toString('utf8')).not.toContain('他社専用株式会社');
    const theirs = await csvRecords('/api/v1/suppliers/export.csv', otherToken);
    expect(names(theirs)).toEqual(['他社専用株式会社']);
    // Our owner's id means nothing in the other tenant.
    expect(
      await csvRecords(
        `/api/v1/suppliers/export.csv?ownerId=${tenant.users.procurement.id}`,
        otherToken,
      ),
    ).toEqual([JA_HEADER]);
  });

  describe('links on the registry page', () => {
    const page = async (path: string, role = 'auditor') =>
      (await api.http().get(path).set('cookie', `kk_session=${tokens[role]}`).expect(200)).text;
    /** The export link's address, its HTML entities decoded. */
    const exportLink = (html: string, kind: 'csv' | 'xlsx'): URL => {
      const match = new RegExp(
        `<a href="([^"]*)" data-testid="supplier-export-${kind}"[^>]*>([^<]*)<`,
      ).exec(html);
      expect(match).not.toBeNull();
      const decoded = match![1].replace(/&amp;/g, '&').replace(/&#x3D;/g, '=');
      return Object.assign(new URL(decoded, 'http://console.invalid'), { label: match![2] });
    };

    it('carry the page’s filters and language, and give the file the page shows', async () => {
      const japanese = await page(
        `/console/suppliers?q=${encodeURIComponent('かけはし')}&criticality=3&page=1`,
      );
      const csv = exportLink(japanese, 'csv');
      expect((csv as URL & { label: string }).label).toBe('CSV で出力');
      expect((exportLink(japanese, 'xlsx') as URL & { label: string }).label).toBe('Excel で出力');
      expect(csv.pathname).toBe('/api/v1/suppliers/export.csv');
      expect(Object.fromEntries(csv.searchParams)).toEqual({
        q: 'かけはし',
        criticality: '3',
        lang: 'ja',
      });
      // Opened with the page's session cookie, the link gives the filtered file.
      const file = await api
        .http()
        .get(csv.pathname + csv.search)
        .set('cookie', `kk_session=${tokens.auditor}`)
        .expect(200);
      const records: string[][] = parse(file.text.replace(/^\uFEFF/, ''));
      expect(records.map((r) => r[0])).toEqual(['会社名', '株式会社かけはし髙橋製作所']);

      const english = await page('/console/suppliers?lang=en&sizeClass=large', 'procurement');
      const xlsx = exportLink(english, 'xlsx');
      expect((xlsx as URL & { label: string }).label).toBe('Export Excel');
      expect((exportLink(english, 'csv') as URL & { label: string }).label).toBe('Export CSV');
      expect(xlsx.pathname).toBe('/api/v1/suppliers/export.xlsx');
      expect(Object.fromEntries(xlsx.searchParams)).toEqual({ sizeClass: 'large', lang: 'en' });
      const unfiltered = exportLink(await page('/console/suppliers?lang=ja'), 'csv');
      expect(Object.fromEntries(unfiltered.searchParams)).toEqual({ lang: 'ja' });
    });
  });
});
