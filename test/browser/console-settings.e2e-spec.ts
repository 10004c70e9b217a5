import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEFAULT_CATALOG_VERSION, getCatalog } from '@kakehashi/domain';
import {
  ARTIFACTS,
  axeViolations,
  launchChromium,
  logIn,
  listenForBrowser,
  navigating,
} from '../support/browser';
import { insertSupplier } from '../support/dashboard-factory';
import { createTestTenant, startApi, TestApi, TestTenant } from '../support/test-app';

/** The directive titles the settings page labels its ten target inputs with, 1..10. */
const directiveTitles = (locale: 'ja' | 'en') =>
  getCatalog(DEFAULT_CATALOG_VERSION)!
    .sections.filter((s) => s.directive !== undefined)
    .sort((a, b) => (a.directive ?? 0) - (b.directive ?? 0))
    .map((s) => s.title[locale]);

describe('console settings and notifications in a real browser (headless Chromium)', () => {
  let api: TestApi;
  let tenant: TestTenant;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    api = await startApi({ LOGIN_ATTEMPTS_PER_MINUTE_PER_IP: '1000' });
    base = await listenForBrowser(api);
    tenant = await createTestTenant(api.dataSource, 'settings-browser');
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  /**
   * A fresh browser profile with one tab. CSP violations and script errors show up as console
   * errors or page errors, failed requests as responses >= 400; the pages must have none, except
   * the responses a test expects (listed by method and path).
   */
  async function openTab(): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('response', (r) => {
      if (r.status() >= 400) {
        problems.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`);
      }
    });
    return { context, page, problems };
  }

  it('an admin changes quiet hours and the target profile, sees a refusal, and reads it in English', async () => {
    const { context, page, problems } = await openTab();
    const ja = directiveTitles('ja');
    const en = directiveTitles('en');
    const form = page.getByTestId('settings-form');
    const target = (i: number, titles = ja) => form.getByLabel(titles[i], { exact: true });

    await logIn(page, { base, email: tenant.users.admin.email });
    await Promise.all([
      page.waitForURL(`${base}/console/settings`),
      page
        .getByRole('navigation', { name: '架け橋' })
        .getByRole('link', { name: '設定', exact: true })
        .click(),
    ]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('設定');
    expect(
      await page.getByRole('link', { name: '設定', exact: true }).getAttribute('aria-current'),
    ).toBe('page');

    // A fresh tenant: the default window (weekdays 9:00 to 18:00) and the default profile.
    const start = page.getByLabel('開始時刻');
    const end = page.getByLabel('終了時刻');
    const weekdaysOnly = page.getByLabel(
      '営業日だけ送信する（土日・祝日・年末年始 12/29〜1/3 は送らない）',
    );
    expect(await start.inputValue()).toBe('9');
    expect(await end.inputValue()).toBe('18');
    expect(await weekdaysOnly.isChecked()).toBe(true);
    // The targets show the values in force (the default), so one can be changed alone.
    for (let i = 0; i < 10; i += 1) expect(await target(i).inputValue()).toBe('3');

    await start.selectOption({ label: '8:00' });
    await end.selectOption({ label: '20:00' });
    await weekdaysOnly.uncheck();
    // The ten targets by keyboard, one field after the other with Tab.
    const profile = ['3', '3.5', '4', '2.5', '3', '4.5', '2', '3', '5', '1'];
    // Tab selects a field's text, so typing replaces the value shown; the first field is
    // selected the same way.
    await target(0).focus();
    await page.keyboard.press('Control+A');
    for (const [i, value] of profile.entries()) {
      await page.keyboard.type(value);
      if (i < profile.length - 1) await page.keyboard.press('Tab');
    }
    await Promise.all([
      page.waitForURL(`${base}/console/settings?saved=1`),
      page.getByRole('button', { name: '保存' }).click(),
    ]);
    expect(await page.getByRole('status').textContent()).toBe('設定を保存しました。');
    expect(await start.inputValue()).toBe('8');
    expect(await end.inputValue()).toBe('20');
    expect(await weekdaysOnly.isChecked()).toBe(false);
    for (const [i, value] of profile.entries()) expect(await target(i).inputValue()).toBe(value);
    const [stored] = await api.dataSource.query<{ settings: Record<string, unknown> }[]>(
      `SELECT settings FROM organizations WHERE id = $1`,
      [tenant.organizationId],
    );
    expect(stored.settings).toMatchObject({
      quietHours: { startHour: 8, endHour: 20, weekdaysOnly: false },
      targetProfile: profile.map(Number),
    });
    await page.screenshot({ path: join(ARTIFACTS, 'settings-ja.png'), fullPage: true });

    // Directive 3 out of range: refused in Japanese, naming it, with everything typed kept.
    await target(2).click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('6');
    await start.selectOption('7');
    // Refused, the post is answered on the same address: wait for that page, not the one before.
    await navigating(page, () => page.getByRole('button', { name: '保存' }).click());
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain(
      '目標値は 1〜5 の数値（小数は 1 桁まで）で入力してください: 指示3',
    );
    expect(await target(2).inputValue()).toBe('6');
    expect(await target(2).getAttribute('aria-invalid')).toBe('true');
    expect(await target(1).getAttribute('aria-invalid')).toBeNull();
    expect(await target(1).inputValue()).toBe('3.5');
    expect(await start.inputValue()).toBe('7');
    expect(await page.getByTestId('settings-saved').count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'settings-error-ja.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    // Nothing of the refused form was stored.
    const [after] = await api.dataSource.query<{ settings: Record<string, unknown> }[]>(
      `SELECT settings FROM organizations WHERE id = $1`,
      [tenant.organizationId],
    );
    expect(after.settings).toMatchObject({
      quietHours: { startHour: 8, endHour: 20 },
      targetProfile: profile.map(Number),
    });

    // The language switch: the stored values, in English.
    await Promise.all([page.waitForURL(/lang=en/), page.getByTestId('lang-switch').click()]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Settings');
    expect(await page.getByLabel('From').inputValue()).toBe('8');
    expect(await page.getByLabel('Until').inputValue()).toBe('20');
    expect(
      await page
        .getByLabel(
          'Send on business days only (not on weekends, Japanese public holidays or 29 Dec – 3 Jan)',
        )
        .isChecked(),
    ).toBe(false);
    expect(await target(2, en).inputValue()).toBe('4');
    expect(await page.getByRole('button', { name: 'Save' }).isVisible()).toBe(true);
    expect(await page.getByTestId('lang-switch').textContent()).toBe('日本語');
    await page.screenshot({ path: join(ARTIFACTS, 'settings-en.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    // The refused form is answered 400, which Chromium also logs; nothing else went wrong.
    expect(problems).toEqual([
      '400 POST /console/settings',
      'Failed to load resource: the server responded with a status of 400 (Bad Request)',
    ]);
    await context.close();
  }, 120_000);

  it('procurement sees its unread count, opens one notification, and marks all as read', async () => {
    const procurement = tenant.users.procurement;
    const supplierId = await insertSupplier(api.dataSource, tenant.organizationId, {
      name: '東海精機',
      criticality: 3,
      ownerId: procurement.id,
    });
    const markup = '<img src=x onerror=alert(1)> 港町工業 のリスク評価が「高」になりました';
    const plain = '東海精機 のリスク評価が「高」になりました';
    const seed: [string, string, string][] = [
      [plain, `/dashboard/suppliers/${supplierId}`, '2026-03-31T15:30:00Z'],
      [markup, '/dashboard', '2026-04-01T09:00:00Z'],
    ];
    for (const [ja, link, createdAt] of seed) {
      await api.dataSource.query(
        `INSERT INTO notifications (organization_id, user_id, key, kind, title, link, detail, created_at)
         VALUES ($1, $2, $3, 'high-tier', $4, $5, NULL, $6)`,
        [
          tenant.organizationId,
          procurement.id,
          `browser-test:${createdAt}:${tenant.organizationId}`,
          JSON.stringify({ ja, en: `${ja} (en)` }),
          link,
          createdAt,
        ],
      );
    }

    const { context, page, problems } = await openTab();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await logIn(page, { base, email: procurement.email });
    const bell = page.getByTestId('console-notifications');
    // The count is seen on the badge and heard in the link's name.
    const bellSaysUnread = (n: number) =>
      page.getByRole('link', { name: new RegExp(`^通知.*(未読.*${n}|${n}.*未読)`) });
    expect(await page.getByTestId('notifications-unread').textContent()).toBe('2');
    expect(await bellSaysUnread(2).count()).toBe(1);

    await Promise.all([page.waitForURL(`${base}/console/notifications`), bell.click()]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('通知');
    expect(await page.getByTestId('notifications-summary').textContent()).toBe('2 件 (未読 2 件)');
    const rows = page.getByTestId('notification-row');
    expect(await rows.count()).toBe(2);
    // Newest first; the markup is shown as the characters it is made of, never as an image.
    expect(await rows.nth(0).locator('.notification-title').textContent()).toBe(markup);
    expect(await rows.nth(1).locator('.notification-title').textContent()).toBe(plain);
    expect(await page.locator('main img').count()).toBe(0);
    expect(await page.getByTestId('notification-unread').count()).toBe(2);
    await page.screenshot({ path: join(ARTIFACTS, 'notifications-ja.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    await Promise.all([
      page.waitForURL(`${base}/dashboard/suppliers/${supplierId}`),
      rows.filter({ hasText: plain }).getByRole('button', { name: '開く' }).click(),
    ]);
    expect(await page.getByTestId('supplier-name').textContent()).toBe('東海精機');
    expect(await page.getByTestId('notifications-unread').textContent()).toBe('1');
    expect(await bellSaysUnread(1).count()).toBe(1);

    await Promise.all([page.waitForURL(`${base}/console/notifications`), bell.click()]);
    expect(await rows.filter({ hasText: plain }).textContent()).toContain('既読');
    expect(await rows.filter({ hasText: markup }).getByTestId('notification-unread').count()).toBe(
      1,
    );
    await Promise.all([
      page.waitForURL(`${base}/console/notifications?done=read-all`),
      page.getByRole('button', { name: 'すべて既読にする' }).click(),
    ]);
    expect(await page.getByTestId('notifications-notice').textContent()).toBe(
      'すべての通知を既読にしました。',
    );
    expect(await page.getByTestId('notifications-summary').textContent()).toBe('2 件 (未読 0 件)');
    expect(await page.getByTestId('notification-unread').count()).toBe(0);
    expect(await page.getByTestId('notifications-unread').count()).toBe(0);
    expect(await page.getByRole('link', { name: /未読/ }).count()).toBe(0);
    expect(await page.getByRole('link', { name: '通知', exact: true }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'すべて既読にする' }).count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'notifications-read-ja.png'), fullPage: true });
    const [unread] = await api.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL`,
      [procurement.id],
    );
    expect(unread.n).toBe(0);

    expect(dialogs).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);
});
