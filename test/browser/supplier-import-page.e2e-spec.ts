import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  badCorporateNumber,
  corporateNumber,
  JA_HEADER,
  shiftJis,
} from '../fixtures/import/supplier-files';
import {
  ARTIFACTS,
  axeViolations,
  launchChromium,
  logIn,
  listenForBrowser,
  navigating,
} from '../support/browser';
import { createTestTenant, startApi, TestApi, TestTenant } from '../support/test-app';

/** A Shift_JIS CSV as Excel in Japan saves it, with one bad 法人番号 on row 3. */
const FILE = shiftJis([
  JA_HEADER,
  [
    'ブラウザ取込A株式会社',
    corporateNumber(500001),
    '中小企業',
    '3',
    '',
    '青木 一郎',
    'aoki@browser-import.example.jp',
    '',
    'はい',
    '',
    '',
  ],
  [
    'ブラウザ取込B株式会社',
    badCorporateNumber(500002),
    '',
    '',
    '',
    '石井 二郎',
    'ishii@browser-import.example.jp',
    '',
    '',
    '',
    '',
  ],
  [
    'ブラウザ取込C株式会社',
    '',
    '大企業',
    '1',
    '',
    '上田 三郎',
    'ueda@browser-import.example.jp',
    'en',
    '',
    '',
    '',
  ],
]);
const UPLOAD = { name: '取引先.csv', mimeType: 'text/csv', buffer: FILE };

describe('the supplier import page in a real browser (headless Chromium)', () => {
  let api: TestApi;
  let tenant: TestTenant;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    api = await startApi({ LOGIN_ATTEMPTS_PER_MINUTE_PER_IP: '1000' });
    base = await listenForBrowser(api);
    tenant = await createTestTenant(api.dataSource, 'import-browser');
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  /** Submits a form with the named button and waits for the page the post answers. */
  async function press(page: Page, button: string): Promise<number> {
    const [response] = await navigating(page, () =>
      Promise.all([
        page.waitForResponse(
          (r) => r.request().method() === 'POST' && r.url() === `${base}/console/suppliers/import`,
        ),
        page.getByRole('button', { name: button, exact: true }).click(),
      ]),
    );
    return response.status();
  }

  /** The rows of a result table, as [row, message]. */
  async function tableRows(page: Page, caption: string): Promise<string[][]> {
    const table = page.getByRole('table', { name: caption });
    return table
      .locator('tbody tr')
      .evaluateAll((rows) =>
        rows.map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent?.trim() ?? '')),
      );
  }

  it('procurement uploads a Shift_JIS file from the list, checks it, sees the refused row and imports the valid rows', async () => {
    const context = await browser.newContext({
      viewport: { width: 1366, height: 900 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of 400/.test(m.text())) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('response', (r) => {
      const seen = `${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`;
      if (r.status() >= 400 && seen !== '400 POST /console/suppliers/import') problems.push(seen);
    });

    await logIn(page, { base, email: tenant.users.procurement.email });
    await page.goto(`${base}/console/suppliers`);
    await Promise.all([
      page.waitForURL(`${base}/console/suppliers/import`),
      page.getByRole('link', { name: 'CSV・Excel で一括登録' }).first().click(),
    ]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'サプライヤーの一括登録',
    );
    expect(await axeViolations(page)).toEqual([]);

    // The template downloads with the console session alone.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'CSV テンプレート' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('suppliers-template.csv');
    const template = readFileSync(await download.path()).toString('utf8');
    expect(template.slice(1).split('\r\n')[0]).toBe(JA_HEADER.join(','));

    await page.getByLabel('取り込むファイル').setInputFiles(UPLOAD);
    expect(await press(page, '確認のみ')).toBe(400);
    await expect(page.getByRole('alert').textContent()).resolves.toBe(
      '1 行に問題があります（何も書き込んでいません）。このファイルのまま「取り込む」を押しても、何も取り込まれません。',
    );
    expect(await tableRows(page, '問題のある行（1 行）')).toEqual([
      [
        '3',
        `法人番号「${badCorporateNumber(500002)}」が正しくありません。13桁の数字（先頭の1桁はチェックデジット）か確認してください。`,
      ],
    ]);
    await expect(page.getByTestId('import-valid-only').textContent()).resolves.toContain(
      '有効な行だけを取り込むと、新規登録 2 件、更新 0 件になります。',
    );
    await page.screenshot({ path: join(ARTIFACTS, 'supplier-import-refused.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    const written = await api.dataSource.query(
      `SELECT count(*)::int AS count FROM suppliers WHERE organization_id = $1`,
      [tenant.organizationId],
    );
    expect(written).toEqual([{ count: 0 }]);

    await page.getByLabel('同じファイルをもう一度選んでください').setInputFiles(UPLOAD);
    expect(await press(page, '有効な行だけ取り込む')).toBe(200);
    await expect(page.getByRole('status').textContent()).resolves.toBe(
      '取り込みました。新規登録 2 件、更新 0 件。',
    );
    expect((await tableRows(page, '取り込まなかった行（1 行）')).map(([row]) => row)).toEqual([
      '3',
    ]);
    await page.screenshot({ path: join(ARTIFACTS, 'supplier-import-done.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    await Promise.all([
      page.waitForURL(`${base}/console/suppliers`),
      page.getByRole('link', { name: 'サプライヤー一覧で確認する' }).click(),
    ]);
    const names = await page
      .getByTestId('supplier-row')
      .locator('td:first-child')
      .allTextContents();
    expect(names.map((n) => n.trim()).sort()).toEqual([
      'ブラウザ取込A株式会社',
      'ブラウザ取込C株式会社',
    ]);
    expect(problems).toEqual([]);
    await context.close();
    // Three axe runs, two uploads and a download: about 10 s on a quiet machine.
  }, 120_000);
});
