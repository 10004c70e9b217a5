import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  ARTIFACTS,
  axeViolations,
  launchChromium,
  logIn,
  listenForBrowser,
} from '../support/browser';
import { createTestTenant, loginToken, startApi, TestApi, TestTenant } from '../support/test-app';

const MARKUP = '<img src=x onerror="document.title=\'pwned\'">';

describe('the audit log page in a real browser (headless Chromium)', () => {
  let api: TestApi;
  let tenant: TestTenant;
  let browser: Browser;
  let base: string;
  let supplierId: string;

  beforeAll(async () => {
    api = await startApi({ LOGIN_ATTEMPTS_PER_MINUTE_PER_IP: '1000' });
    base = await listenForBrowser(api);
    tenant = await createTestTenant(api.dataSource, 'audit-browser');
    await api.dataSource.query(`UPDATE users SET display_name = '調達 花子' WHERE id = $1`, [
      tenant.users.procurement.id,
    ]);
    // Procurement registers a supplier through the API (an event the app records itself) and
    // renames it; the change recorded carries markup a page must show as text.
    const token = await loginToken(api, tenant.users.procurement.email);
    const created = await api
      .http()
      .post('/api/v1/suppliers')
      .set('authorization', `Bearer ${token}`)
      .send({
        name: '監査ブラウザ工業株式会社',
        contacts: [{ name: '担当', email: 'a@kansa.example' }],
      })
      .expect(201);
    supplierId = created.body.id as string;
    await api.dataSource.query(
      `INSERT INTO audit_events (organization_id, actor_type, actor_id, action, target_type, target_id, details, ip, created_at)
       VALUES ($1, 'user', $2, 'supplier.update', 'supplier', $3, $4, '203.0.113.7', '2025-04-01T09:30:15+09:00')`,
      [
        tenant.organizationId,
        tenant.users.procurement.id,
        supplierId,
        JSON.stringify({ name: MARKUP, changes: { criticality: { from: 1, to: 3 } } }),
      ],
    );
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  /** A fresh profile; script errors, CSP violations and unexpected 4xx/5xx are collected. */
  async function openTab(
    expected: string[] = [],
    viewport = { width: 1366, height: 900 },
  ): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
    const context = await browser.newContext({ viewport, acceptDownloads: true });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('dialog', (d) => problems.push(`dialog ${d.message()}`));
    page.on('response', (r) => {
      const seen = `${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`;
      if (r.status() >= 400 && !expected.includes(seen)) problems.push(seen);
    });
    return { context, page, problems };
  }

  it('an auditor opens it from the header, filters, reads the rows, downloads the CSV', async () => {
    const { context, page, problems } = await openTab();
    await logIn(page, { base, email: tenant.users.auditor.email });
    const nav = page.getByRole('navigation', { name: '架け橋' });
    await Promise.all([
      page.waitForURL(`${base}/console/audit`),
      nav.getByRole('link', { name: '監査ログ', exact: true }).click(),
    ]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('監査ログ');
    expect(
      await nav.getByRole('link', { name: '監査ログ', exact: true }).getAttribute('aria-current'),
    ).toBe('page');
    // Newest first: the auditor's own sign-in just now heads the list.
    const rows = page.getByTestId('audit-row');
    expect(await rows.first().getByTestId('audit-action-cell').innerText()).toContain('ログイン');
    expect(await axeViolations(page)).toEqual([]);

    // Filter by action and by the procurement user, as a person picks them.
    await page.getByLabel('操作', { exact: true }).selectOption({ label: 'サプライヤーを変更' });
    await page
      .getByLabel('操作者', { exact: true })
      .selectOption({ label: `調達 花子 <${tenant.users.procurement.email}>` });
    await Promise.all([
      page.waitForURL(/\/console\/audit\?action=supplier\.update&actor=/),
      page.getByRole('button', { name: '絞り込む' }).click(),
    ]);
    expect(await rows.count()).toBe(1);
    const row = rows.first();
    expect(await row.locator('time').innerText()).toBe('2025-04-01 09:30:15');
    expect(await row.getByTestId('audit-actor-cell').innerText()).toContain('調達 花子');
    expect(await row.getByTestId('audit-action-cell').innerText()).toContain('サプライヤーを変更');
    // The markup in the details is text on the page, nothing ran and no image was made of it.
    const details = await row.getByTestId('audit-details-cell').innerText();
    expect(details).toContain(`名称: ${MARKUP}`);
    expect(details).toContain('変更内容: {"criticality":{"to":3,"from":1}}');
    expect(await page.locator('main img').count()).toBe(0);
    expect(await page.title()).not.toBe('pwned');
    await page.screenshot({ path: join(ARTIFACTS, 'audit-log-ja.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    // A date range that leaves it out, then one that keeps it (Tokyo dates, both included).
    await page.getByLabel('開始日（日本時間）').fill('2025-04-02');
    await page.getByRole('button', { name: '絞り込む' }).click();
    await page.waitForURL(/from=2025-04-02/);
    expect(await page.getByTestId('audit-empty').innerText()).toBe('条件に合う記録はありません。');
    await page.getByLabel('開始日（日本時間）').fill('2025-04-01');
    await page.getByLabel('終了日（日本時間、この日を含む）').fill('2025-04-01');
    await page.getByRole('button', { name: '絞り込む' }).click();
    await page.waitForURL(/from=2025-04-01&to=2025-04-01/);
    expect(await rows.count()).toBe(1);

    // The CSV of what is shown.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'CSV をダウンロード（絞り込み結果すべて）' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.startsWith('\uFEFFID,日時（日本時間）')).toBe(true);
    // The header and one event (its two details lines break inside the quoted cell).
    expect(csv.trimEnd().split('\r\n')).toHaveLength(2);
    expect(csv).toContain('2025-04-01 09:30:15');

    // The target links to the supplier's page.
    await Promise.all([
      page.waitForURL(`${base}/dashboard/suppliers/${supplierId}`),
      row.getByRole('link', { name: '監査ブラウザ工業株式会社' }).click(),
    ]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(
      '監査ブラウザ工業株式会社',
    );

    // In English.
    await page.goto(`${base}/console/audit?lang=en`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Audit log');
    await page.getByLabel('Action', { exact: true }).selectOption({ label: 'Supplier registered' });
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/action=supplier\.create/);
    expect(await rows.count()).toBe(1);
    expect(await rows.first().getByRole('link', { name: '監査ブラウザ工業株式会社' }).count()).toBe(
      1,
    );
    // Everything about that supplier, from its row.
    await Promise.all([
      page.waitForURL(`${base}/console/audit?targetType=supplier&targetId=${supplierId}`),
      rows.first().getByRole('link', { name: 'History of this target' }).click(),
    ]);
    expect(await page.getByTestId('audit-focus').innerText()).toBe(
      'Showing the history of “監査ブラウザ工業株式会社”.',
    );
    expect(await page.getByLabel('Target ID').inputValue()).toBe(supplierId);
    expect(
      await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-action'))),
    ).toEqual(['supplier.create', 'supplier.update']);
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
    // Four axe runs, a download and seven page loads: about 10 s on a quiet machine.
  }, 120_000);

  it('fits a phone: the table scrolls in its own region', async () => {
    const { context, page, problems } = await openTab([], { width: 390, height: 844 });
    await logIn(page, { base, email: tenant.users.admin.email });
    await page.goto(`${base}/console/audit?action=supplier.update`);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBe(390);
    expect(await page.getByRole('region', { name: '監査ログの記録' }).count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'audit-log-phone.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('procurement has no header link and gets the 403 page', async () => {
    const { context, page, problems } = await openTab(['403 GET /console/audit']);
    await logIn(page, { base, email: tenant.users.procurement.email });
    const nav = page.getByRole('navigation', { name: '架け橋' });
    expect(await nav.getByRole('link', { name: 'サプライヤー', exact: true }).count()).toBe(1);
    expect(await nav.getByRole('link', { name: '監査ログ' }).count()).toBe(0);
    const response = await page.goto(`${base}/console/audit`);
    expect(response?.status()).toBe(403);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'この操作は許可されていません',
    );
    expect(await page.getByTestId('audit-row').count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);
});
