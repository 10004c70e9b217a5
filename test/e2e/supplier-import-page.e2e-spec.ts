import ExcelJS from 'exceljs';
import { Environment } from '@kakehashi/config';
import { ImportSuppliersUseCase } from '../../apps/api/src/suppliers/import/import-suppliers.use-case';
import {
  badCorporateNumber,
  corporateNumber,
  JA_HEADER,
  shiftJis,
  utf8WithBom,
} from '../fixtures/import/supplier-files';
import { createTestTenant, loginToken, startApi, TestApi, TestTenant } from '../support/test-app';

const PAGE = '/console/suppliers/import';

/** The text a person reads: tags dropped, Handlebars' escapes undone, spaces collapsed. */
function decode(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&#x3D;/g, '=')
    .replace(/&#x60;/g, '`')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The result box's parts, as the page shows them. */
function result(html: string) {
  const box = /data-testid="import-result">([\s\S]*?)<\/section>/.exec(html)?.[1] ?? '';
  const pick = (testid: string) =>
    [...box.matchAll(new RegExp(`data-testid="${testid}">([\\s\\S]*?)</(?:p|div)>`, 'g'))].map(
      (m) => decode(m[1]),
    );
  return {
    alert: pick('import-error')[0] ?? null,
    summary: pick('import-summary')[0] ?? null,
    notes: pick('import-note'),
    rows: [
      ...box.matchAll(/data-testid="import-error-row">\s*<td>(\d+)<\/td>\s*<td>([\s\S]*?)<\/td>/g),
    ].map((m) => [Number(m[1]), decode(m[2])] as [number, string]),
    validOnly: /data-testid="import-valid-only"/.test(box),
    validOnlyOffer: decode(/id="valid-only-help">([\s\S]*?)<\/p>/.exec(box)?.[1] ?? ''),
    listLink: /data-testid="import-list-link"/.test(box),
  };
}

/** A valid row in the template's Japanese column order. */
function row(name: string, seed: number | null, email: string, number?: string): string[] {
  const corporate = number ?? (seed === null ? '' : corporateNumber(seed));
  return [name, corporate, '中小企業', '2', '', '担当 太郎', email, '', '', '', ''];
}

describe('the supplier import page (real HTTP pages, session cookie)', () => {
  let api: TestApi;
  let tenant: TestTenant;
  let appOrigin: string;
  const cookie: Record<'procurement' | 'admin' | 'ciso' | 'auditor', string> = {
    procurement: '',
    admin: '',
    ciso: '',
    auditor: '',
  };

  beforeAll(async () => {
    api = await startApi({ LOGIN_ATTEMPTS_PER_MINUTE_PER_IP: '1000' });
    appOrigin = new URL(api.app.get(Environment).APP_URL).origin;
    tenant = await createTestTenant(api.dataSource, 'import-page');
    for (const role of Object.keys(cookie) as (keyof typeof cookie)[]) {
      cookie[role] = `kk_session=${await loginToken(api, tenant.users[role].email)}`;
    }
  });
  afterAll(() => api.close());

  /** Posts the page's form as a browser does: the file first, then the hidden mode and the button. */
  function upload(
    file: Buffer,
    filename: string,
    input: {
      action?: 'dry-run' | 'import';
      mode?: 'all' | 'valid-only';
      as?: keyof typeof cookie;
      origin?: string;
      lang?: 'ja' | 'en';
    } = {},
  ) {
    return api
      .http()
      .post(input.lang ? `${PAGE}?lang=${input.lang}` : PAGE)
      .set('cookie', cookie[input.as ?? 'procurement'])
      .set('origin', input.origin ?? appOrigin)
      .attach('file', file, filename)
      .field('mode', input.mode ?? 'all')
      .field('action', input.action ?? 'import');
  }

  async function namesLike(prefix: string): Promise<string[]> {
    const rows: { name: string }[] = await api.dataSource.query(
      `SELECT name FROM suppliers WHERE organization_id = $1 AND name LIKE $2 ORDER BY name`,
      [tenant.organizationId, `${prefix}%`],
    );
    return rows.map((r) => r.name);
  }

  async function importAudits(): Promise<number> {
    const [{ count }] = await api.dataSource.query(
      `SELECT count(*)::int AS count FROM audit_events
       WHERE organization_id = $1 AND action = 'supplier.import'`,
      [tenant.organizationId],
    );
    return count;
  }

  it('explains the accepted files in Japanese first, with the templates, a file input and two buttons', async () => {
    const page = await api.http().get(PAGE).set('cookie', cookie.procurement).expect(200);
    const text = decode(page.text);
    expect(page.text).toContain('<html lang="ja">');
    expect(text).toContain('サプライヤーの一括登録');
    expect(text).toContain(
      'CSV ファイル：文字コードは UTF-8、または Excel で「CSV (コンマ区切り)」として保存した Shift_JIS',
    );
    expect(text).toContain('Excel ブック（.xlsx）');
    expect(text).toContain('ファイルの大きさは 10 MB まで');
    expect(text).toContain('見出しは日本語（会社名、担当者名、メールアドレス など）でも英語');
    expect(page.text).toMatch(
      /<form method="post" action="\/console\/suppliers\/import" enctype="multipart\/form-data"[^>]*data-testid="import-form">/,
    );
    expect(page.text).toMatch(/<input id="import-file" type="file" name="file"[^>]* required/);
    expect(page.text).toContain(
      'name="action" value="dry-run" data-testid="import-dry-run">確認のみ',
    );
    expect(page.text).toContain(
      'name="action" value="import" data-testid="import-submit">取り込む',
    );
    expect(page.text).not.toContain('data-testid="import-result"');

    const en = await api
      .http()
      .get(`${PAGE}?lang=en`)
      .set('cookie', cookie.procurement)
      .expect(200);
    expect(decode(en.text)).toContain('Import suppliers');
    expect(decode(en.text)).toContain('At most 10 MB');
    expect(en.text).toContain('>Check only<');
  });

  it('serves both templates to the console session (no API token), and the CSV template checks clean', async () => {
    const page = await api.http().get(PAGE).set('cookie', cookie.procurement).expect(200);
    const binary = (path: string) =>
      api
        .http()
        .get(path)
        .set('cookie', cookie.procurement)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });

    const csvPath = '/api/v1/suppliers/import/template?format=csv';
    expect(page.text).toContain(`href="${csvPath}" download data-testid="import-template-csv"`);
    const csv = await binary(csvPath).expect(200);
    expect(csv.headers['content-disposition']).toContain('suppliers-template.csv');
    const csvBytes = csv.body as Buffer;
    expect(csvBytes.toString('utf8').slice(1).split('\r\n')[0]).toBe(JA_HEADER.join(','));

    const xlsxPath = '/api/v1/suppliers/import/template?format=xlsx';
    expect(page.text).toContain(`href="${xlsxPath}" download data-testid="import-template-xlsx"`);
    const xlsx = await binary(xlsxPath).expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    expect(workbook.worksheets[0].getRow(1).getCell(1).text).toBe('会社名');

    const checked = await upload(csvBytes, 'suppliers-template.csv', { action: 'dry-run' }).expect(
      200,
    );
    expect(result(checked.text).summary).toBe(
      '確認しました（まだ何も書き込んでいません）。取り込むと、新規登録 1 件、更新 0 件になります。',
    );
  });

  it('is linked from the supplier list, which no longer sends people to the REST API', async () => {
    const list = await api.http().get('/console/suppliers').set('cookie', cookie.procurement);
    expect(list.status).toBe(200);
    expect(list.text).toContain('href="/console/suppliers/import" data-testid="supplier-import"');
    expect(list.text).not.toContain('POST /api/v1/suppliers/import');
    const auditorList = await api.http().get('/console/suppliers').set('cookie', cookie.auditor);
    expect(auditorList.text).not.toContain('href="/console/suppliers/import"');
  });

  it('imports a Shift_JIS CSV as Excel in Japan saves it, then updates on a second import', async () => {
    const file = shiftJis([
      JA_HEADER,
      row('ｼﾌﾄ画面髙橋①製作所', 300001, 'takahashi@sjis-page.example.jp'),
      row('ｼﾌﾄ画面～渡邊商事', null, 'watanabe@sjis-page.example.jp'),
    ]);
    const first = await upload(file, '取引先.csv').expect(200);
    expect(result(first.text)).toMatchObject({
      alert: null,
      summary: '取り込みました。新規登録 2 件、更新 0 件。',
      rows: [],
      validOnly: false,
      listLink: true,
    });
    expect(first.text).toContain('href="/console/suppliers" data-testid="import-list-link"');
    expect((await namesLike('ｼﾌﾄ画面')).sort()).toEqual(
      ['ｼﾌﾄ画面～渡邊商事', 'ｼﾌﾄ画面髙橋①製作所'].sort(),
    );

    // The same file again changes nothing, and the page says so.
    const again = await upload(file, '取引先.csv').expect(200);
    expect(result(again.text)).toMatchObject({
      summary: '取り込みました。新規登録 0 件、更新 0 件、変更なし 2 件。',
      notes: [
        'ファイルの内容は登録済みの内容と同じでした。何も書き込んでいません（更新日時も変わりません）。',
      ],
    });
    const list = await api
      .http()
      .get(`/console/suppliers?q=${encodeURIComponent('画面髙橋')}`)
      .set('cookie', cookie.procurement)
      .expect(200);
    expect(list.text).toContain('ｼﾌﾄ画面髙橋①製作所');
  });

  it('counts an exported registry imported again as unchanged, only edited rows as updated (ja/en)', async () => {
    const names = ['画面往復一株式会社', '画面往復二株式会社', '画面往復三株式会社'];
    await upload(
      utf8WithBom([
        JA_HEADER,
        row(names[0], 300901, 'a@round-trip-page.example.jp'),
        row(names[1], 300902, 'b@round-trip-page.example.jp'),
        row(names[2], null, 'c@round-trip-page.example.jp'),
      ]),
      'first.csv',
    ).expect(200);
    const stamps = async () =>
      api.dataSource.query(
        `SELECT name, updated_at FROM suppliers WHERE organization_id = $1 AND name LIKE '画面往復%'
          ORDER BY name`,
        [tenant.organizationId],
      );
    const before = await stamps();
    const audits = await importAudits();

    // The registry's own export, downloaded with the console session, edited in nothing.
    const exported = await api
      .http()
      .get(`/api/v1/suppliers/export.csv?q=${encodeURIComponent('画面往復')}`)
      .set('cookie', cookie.procurement)
      .expect(200);
    const file = Buffer.from(exported.text, 'utf8');
    const same = await upload(file, 'suppliers.csv').expect(200);
    expect(result(same.text).summary).toBe(
      '取り込みました。新規登録 0 件、更新 0 件、変更なし 3 件。',
    );
    const sameEn = await upload(file, 'suppliers.csv', { lang: 'en', action: 'dry-run' }).expect(
      200,
    );
    expect(result(sameEn.text).summary).toBe(
      'Checked; nothing has been written yet. Importing would register 0 new and update 0 suppliers (3 unchanged).',
    );
    expect(await stamps()).toEqual(before);
    expect(await importAudits()).toBe(audits);

    // One cell edited: that supplier alone is updated.
    const edited = Buffer.from(
      exported.text.replace('b@round-trip-page.example.jp,ja,', 'b@round-trip-page.example.jp,en,'),
      'utf8',
    );
    expect(edited.equals(file)).toBe(false);
    const checked = await upload(edited, 'edited.csv', { action: 'dry-run' }).expect(200);
    expect(result(checked.text).summary).toBe(
      '確認しました（まだ何も書き込んでいません）。取り込むと、新規登録 0 件、更新 1 件になります（変更なし 2 件）。',
    );
    const imported = await upload(edited, 'edited.csv', { lang: 'en' }).expect(200);
    expect(result(imported.text).summary).toBe('Imported: 0 new, 1 updated, 2 unchanged.');
    expect(await importAudits()).toBe(audits + 1);
  });

  it('a check (確認のみ) reports what would be written and writes nothing', async () => {
    const audits = await importAudits();
    const file = utf8WithBom([
      JA_HEADER,
      row('確認専用株式会社', 300101, 'a@check-page.example.jp'),
      row('確認専用商事', null, 'b@check-page.example.jp'),
    ]);
    const checked = await upload(file, 'check.csv', { action: 'dry-run' }).expect(200);
    expect(result(checked.text)).toMatchObject({
      summary:
        '確認しました（まだ何も書き込んでいません）。取り込むと、新規登録 2 件、更新 0 件になります。',
      notes: ['この内容で取り込むには、同じファイルをもう一度選んで「取り込む」を押してください。'],
      listLink: false,
    });
    expect(await namesLike('確認専用')).toEqual([]);
    expect(await importAudits()).toBe(audits);
  });

  describe('a file with refused rows', () => {
    const file = utf8WithBom([
      JA_HEADER,
      row('一部不正A株式会社', 300201, 'a@partial-page.example.jp'),
      row('一部不正B株式会社', null, 'b@partial-page.example.jp', badCorporateNumber(300202)),
      row('一部不正C株式会社', 300203, 'c@partial-page.example.jp'),
      row('一部不正A株式会社', 300201, 'a@partial-page.example.jp'),
    ]);

    it('imports nothing, lists each refused row in Japanese, and offers the valid rows only', async () => {
      const refused = await upload(file, 'partial.csv').expect(400);
      const shown = result(refused.text);
      expect(shown.alert).toBe('2 行に問題があるため、何も取り込んでいません。');
      expect(shown.rows).toEqual([
        [
          3,
          `法人番号「${badCorporateNumber(300202)}」が正しくありません。13桁の数字（先頭の1桁はチェックデジット）か確認してください。`,
        ],
        [5, '2 行目と重複しています（法人番号、または会社名とメールアドレスが同じ）。'],
      ]);
      expect(shown.notes[0]).toBe(
        '問題のある行を直してもう一度取り込むか、有効な行だけを取り込んでください。',
      );
      expect(shown.validOnly).toBe(true);
      expect(shown.validOnlyOffer).toBe(
        '有効な行だけを取り込むと、新規登録 2 件、更新 0 件になります。問題のある行は取り込まれません。',
      );
      expect(refused.text).toMatch(
        /data-testid="import-valid-only">[\s\S]*<input type="hidden" name="mode" value="valid-only">[\s\S]*<button type="submit" name="action" value="import">有効な行だけ取り込む<\/button>/,
      );
      expect(shown.listLink).toBe(false);
      expect(await namesLike('一部不正')).toEqual([]);

      const checked = await upload(file, 'partial.csv', { action: 'dry-run' }).expect(400);
      expect(result(checked.text).alert).toBe(
        '2 行に問題があります（何も書き込んでいません）。このファイルのまま「取り込む」を押しても、何も取り込まれません。',
      );
      expect(await namesLike('一部不正')).toEqual([]);
    });

    it('reads the file once: the offer of the valid rows comes from the same run as the refusal', async () => {
      const runs = jest.spyOn(api.app.get(ImportSuppliersUseCase), 'execute');
      try {
        for (const action of ['import', 'dry-run'] as const) {
          runs.mockClear();
          const refused = await upload(file, 'partial.csv', { action }).expect(400);
          expect(result(refused.text).validOnlyOffer).toBe(
            '有効な行だけを取り込むと、新規登録 2 件、更新 0 件になります。問題のある行は取り込まれません。',
          );
          expect(runs).toHaveBeenCalledTimes(1);
        }
      } finally {
        runs.mockRestore();
      }
    });

    it('says the same in English on the English page', async () => {
      const refused = await upload(file, 'partial.csv', { lang: 'en' }).expect(400);
      const shown = result(refused.text);
      expect(refused.text).toContain('<html lang="en">');
      expect(shown.alert).toBe('2 row(s) have problems, so nothing was imported.');
      expect(shown.rows[0][1]).toMatch(/must be 13 digits with a valid check digit/);
      expect(shown.validOnlyOffer).toBe(
        'Importing the valid rows only would register 2 new and update 0 suppliers. The rows with problems are left out.',
      );
    });

    it('imports the valid rows only when asked to, and lists the rows left out', async () => {
      const imported = await upload(file, 'partial.csv', { mode: 'valid-only' }).expect(200);
      const shown = result(imported.text);
      expect(shown.summary).toBe('取り込みました。新規登録 2 件、更新 0 件。');
      expect(shown.notes[0]).toBe('問題のある 2 行は取り込んでいません。');
      expect(shown.rows.map(([n]) => n)).toEqual([3, 5]);
      expect(imported.text).toContain('取り込まなかった行（2 行）');
      expect(shown.listLink).toBe(true);
      expect((await namesLike('一部不正')).sort()).toEqual([
        '一部不正A株式会社',
        '一部不正C株式会社',
      ]);
    });

    it('says the valid rows would change nothing when they all match what is registered (ja/en)', async () => {
      const valid = [
        row('再取込一株式会社', 300601, 'a@unchanged-page.example.jp'),
        row('再取込二株式会社', null, 'b@unchanged-page.example.jp'),
      ];
      await upload(utf8WithBom([JA_HEADER, ...valid]), 'first.csv').expect(200);
      // The same rows again, with one bad row added: the valid ones equal what is stored.
      const again = utf8WithBom([
        JA_HEADER,
        ...valid,
        row('再取込三株式会社', null, 'not-an-address'),
      ]);
      const refused = await upload(again, 'again.csv').expect(400);
      const shown = result(refused.text);
      expect(shown.alert).toBe('1 行に問題があるため、何も取り込んでいません。');
      expect(shown.notes[0]).toBe(
        '問題のない 2 行は登録済みの内容と同じため、取り込んでも何も変わりません。問題のある行を直してから、もう一度お試しください。',
      );
      expect(refused.text).not.toContain('取り込める行がありません');
      expect(shown.validOnly).toBe(false);
      const checkedEn = await upload(again, 'again.csv', { action: 'dry-run', lang: 'en' }).expect(
        400,
      );
      expect(result(checkedEn.text).notes[0]).toBe(
        'The 2 valid row(s) match what is registered, so importing them would change nothing. Correct the rows with problems and try again.',
      );
      expect(await namesLike('再取込')).toEqual(['再取込一株式会社', '再取込二株式会社']);
    });

    it('offers nothing to import when no row is valid', async () => {
      const allBad = utf8WithBom([
        JA_HEADER,
        row('全行不正株式会社', null, 'not-an-address'),
        ['', '', '', '', '', '', '', '', '', 'たぶん', ''],
      ]);
      const refused = await upload(allBad, 'bad.csv').expect(400);
      const shown = result(refused.text);
      expect(shown.alert).toBe('2 行に問題があるため、何も取り込んでいません。');
      expect(shown.rows).toEqual([
        [2, 'メールアドレス「not-an-address」の形式が正しくありません。'],
        [3, '「会社名」が空欄です。'],
        [3, '「担当者名」が空欄です。'],
        [3, '「メールアドレス」が空欄です。'],
        [3, '停止影響「たぶん」は「はい」か「いいえ」（yes / no）で入力してください。'],
      ]);
      expect(shown.notes[0]).toBe(
        '取り込める行がありません。ファイルを直してから、もう一度お試しください。',
      );
      expect(shown.validOnly).toBe(false);
    });
  });

  it('tells a file it cannot take on the page: not CSV/xlsx (415), too large (413), empty or unusable (400)', async () => {
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 37) % 256)),
    ]);
    const image = await upload(png, 'photo.csv').expect(415);
    expect(image.headers['content-type']).toMatch(/text\/html/);
    expect(result(image.text).alert).toBe(
      'CSV（UTF-8 または Shift_JIS）か Excel（.xlsx）のファイルを選んでください。画像や PDF などは読み込めません。',
    );
    const xls = await upload(
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]),
      'old.xls',
    ).expect(415);
    expect(result(xls.text).alert).toBe(
      '古い Excel 形式（.xls）は読み込めません。Excel で .xlsx か CSV として保存し直してください。',
    );

    const big = Buffer.alloc(11 * 1024 * 1024, 'a,b,c\r\n');
    const tooLarge = await upload(big, 'huge.csv').expect(413);
    expect(result(tooLarge.text).alert).toBe(
      'ファイルが 10 MB を超えています。複数のファイルに分けて取り込んでください。',
    );

    const empty = await upload(Buffer.alloc(0), 'empty.csv').expect(400);
    expect(result(empty.text).alert).toBe('ファイルが空です。');

    const noColumns = await upload(
      utf8WithBom([
        ['foo', 'bar'],
        ['1', '2'],
      ]),
      'x.csv',
    ).expect(400);
    expect(result(noColumns.text).alert).toBe(
      '必須の列がありません：会社名 (name)、担当者名 (contact_name)、メールアドレス (contact_email)。テンプレートで見出しを確認してください。',
    );
    expect((await upload(utf8WithBom([JA_HEADER]), 'x.csv').expect(400)).text).toContain(
      '見出しの下にデータの行がありません。',
    );

    // A browser sends an empty file input as a part with an empty file name.
    const boundary = 'kk-boundary';
    const noFile = await api
      .http()
      .post(PAGE)
      .set('cookie', cookie.procurement)
      .set('origin', appOrigin)
      .set('content-type', `multipart/form-data; boundary=${boundary}`)
      .send(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename=""\r\n` +
          `Content-Type: application/octet-stream\r\n\r\n\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="action"\r\n\r\nimport\r\n` +
          `--${boundary}--\r\n`,
      )
      .expect(400);
    expect(result(noFile.text).alert).toBe('取り込むファイルを選んでください。');

    const urlencoded = await api
      .http()
      .post(PAGE)
      .set('cookie', cookie.procurement)
      .set('origin', appOrigin)
      .type('form')
      .send('file=suppliers.csv&action=import')
      .expect(415);
    expect(result(urlencoded.text).alert).toBe(
      'このページのフォームからファイルを送信してください。',
    );

    // Bodies Fastify would refuse itself, in the API's JSON, before the page could answer.
    const post = (type: string, body: string, lang = '') =>
      api
        .http()
        .post(`${PAGE}${lang}`)
        .set('cookie', cookie.procurement)
        .set('origin', appOrigin)
        .set('content-type', type)
        .send(body);
    for (const [type, body] of [
      ['text/csv', 'name,contact_name,contact_email\r\n株式会社例,例 太郎,a@example.jp\r\n'],
      ['application/octet-stream', 'a,b,c'],
      ['application/json', '{"file": "suppliers.csv"}'],
      ['application/json', '{not json'],
      ['application/x-www-form-urlencoded', `file=${'a'.repeat(2 * 1024 * 1024)}`],
    ]) {
      const refused = await post(type, body).expect(415);
      expect(refused.headers['content-type']).toMatch(/text\/html/);
      expect(refused.text).toContain('<html lang="ja">');
      expect(result(refused.text).alert).toBe(
        'このページのフォームからファイルを送信してください。',
      );
      // Still the page with its form, to send the file again.
      expect(refused.text).toContain('data-testid="import-form"');
    }
    const csvEn = await post('text/csv', 'a,b,c', '?lang=en').expect(415);
    expect(csvEn.text).toContain('<html lang="en">');
    expect(result(csvEn.text).alert).toBe('Send the file with the form on this page.');
    // Signed out, the same post still goes to the login page first.
    const signedOut = await api
      .http()
      .post(PAGE)
      .set('origin', appOrigin)
      .set('content-type', 'text/csv')
      .send('a,b,c')
      .expect(303);
    expect(signedOut.headers.location).toBe('/login?next=%2Fconsole%2Fsuppliers%2Fimport');

    const en = await upload(png, 'photo.csv', { lang: 'en' }).expect(415);
    expect(result(en.text).alert).toBe(
      'Choose a CSV (UTF-8 or Shift_JIS) or Excel (.xlsx) file. Images, PDFs and other files cannot be read.',
    );
  });

  it('is for procurement and admins: a CISO or an auditor gets the console 403 page and imports nothing', async () => {
    const file = utf8WithBom([JA_HEADER, row('権限外株式会社', 300301, 'x@role-page.example.jp')]);
    for (const role of ['ciso', 'auditor'] as const) {
      const page = await api.http().get(PAGE).set('cookie', cookie[role]).expect(403);
      expect(page.text).toContain('data-testid="console-error"');
      expect(page.text).toContain('この操作は許可されていません');
      const post = await upload(file, 'x.csv', { as: role }).expect(403);
      expect(post.text).toContain('data-testid="console-error"');
    }
    expect(await namesLike('権限外')).toEqual([]);

    await api.http().get(PAGE).set('cookie', cookie.admin).expect(200);
    const byAdmin = await upload(file, 'x.csv', { as: 'admin' }).expect(200);
    expect(result(byAdmin.text).summary).toBe('取り込みました。新規登録 1 件、更新 0 件。');
    expect(await namesLike('権限外')).toEqual(['権限外株式会社']);

    const signedOut = await api.http().get(PAGE).expect(303);
    expect(signedOut.headers.location).toBe('/login?next=%2Fconsole%2Fsuppliers%2Fimport');
  });

  it('refuses an upload sent from another site (403) and writes nothing', async () => {
    const audits = await importAudits();
    const file = utf8WithBom([
      JA_HEADER,
      row('他サイト株式会社', 300401, 'x@csrf-page.example.jp'),
    ]);
    const forged = await upload(file, 'x.csv', { origin: 'https://evil.example' }).expect(403);
    expect(result(forged.text).alert).toBe(
      '別のサイトから送信されたフォームは受け付けられません。このページから送信してください。',
    );
    const byReferer = await api
      .http()
      .post(PAGE)
      .set('cookie', cookie.procurement)
      .set('referer', 'https://evil.example/upload.html')
      .attach('file', file, 'x.csv')
      .field('action', 'import')
      .expect(403);
    expect(byReferer.text).toContain('data-testid="import-error"');
    expect(await namesLike('他サイト')).toEqual([]);
    expect(await importAudits()).toBe(audits);
  });
  it('says one file at a time when the form carries two (retrying could never help)', async () => {
    const file = utf8WithBom([
      JA_HEADER,
      row('二重送信株式会社', 300501, 'x@two-files.example.jp'),
    ]);
    const twice = await api
      .http()
      .post(PAGE)
      .set('cookie', cookie.procurement)
      .set('origin', appOrigin)
      .attach('file', file, 'a.csv')
      .attach('file', file, 'b.csv')
      .field('action', 'import')
      .expect(400);
    expect(result(twice.text).alert).toBe(
      '一度に取り込めるファイルは 1 つです。ファイルを 1 つだけ選んでください。',
    );
    expect(await namesLike('二重送信')).toEqual([]);
  });
});
