import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import {
  ARTIFACTS,
  axeViolations,
  launchChromium,
  logIn,
  listenForBrowser,
  navigating,
} from '../support/browser';
import { deleteQueueKeys } from '../support/redis-keys';
import {
  createTestTenant,
  startApi,
  TestApi,
  TestTenant,
  TEST_PASSWORD,
} from '../support/test-app';

describe('signing in and out in a real browser (headless Chromium)', () => {
  const prefix = `{kk-test-login-browser-${randomBytes(3).toString('hex')}}`;
  let api: TestApi;
  let tenant: TestTenant;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    api = await startApi({ QUEUE_PREFIX: prefix, LOGIN_ATTEMPTS_PER_MINUTE_PER_ACCOUNT: '2' });
    base = await listenForBrowser(api);
    tenant = await createTestTenant(api.dataSource, 'login-browser');
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await deleteQueueKeys(prefix);
  });

  it('logs out for good: a tab still holding the old cookie is told its session expired', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await logIn(page, { base, email: tenant.users.ciso.email });
    const [session] = (await context.cookies()).filter((c) => c.name === 'kk_session');
    expect(session).toBeDefined();

    await Promise.all([
      page.waitForURL(`${base}/login`),
      page.getByRole('button', { name: 'ログアウト' }).click(),
    ]);
    await expect(page.getByTestId('login-notice').count()).resolves.toBe(0);

    // Another tab (or a copied cookie) still sends the old session.
    await context.addCookies([session]);
    await page.goto(`${base}/console/suppliers`);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/console/suppliers');
    await expect(page.getByRole('status').textContent()).resolves.toBe(
      'セッションの有効期限が切れました。もう一度サインインしてください。',
    );
    await page.screenshot({
      path: join(ARTIFACTS, 'login-session-expired-ja.png'),
      fullPage: true,
    });
    expect(await axeViolations(page)).toEqual([]);

    // Signing in again returns to the page asked for.
    await page.getByLabel('メールアドレス').fill(tenant.users.ciso.email);
    await page.getByLabel('パスワード').fill(TEST_PASSWORD);
    await Promise.all([
      page.waitForURL(`${base}/console/suppliers`),
      page.getByRole('button', { name: 'ログイン' }).click(),
    ]);
    await context.close();
  });

  it('opens the console in the language of a user invited in English, on a fresh browser', async () => {
    const english = await createTestTenant(api.dataSource, 'login-english');
    await api.dataSource.query(`UPDATE users SET locale = 'en' WHERE id = $1`, [
      english.users.procurement.id,
    ]);
    const context = await browser.newContext();
    const page = await context.newPage();
    // The login page itself knows no one yet: Japanese first.
    await logIn(page, { base, email: english.users.procurement.email });
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await expect(page.getByRole('button', { name: 'Log out' }).count()).resolves.toBe(1);
    await expect(page.getByRole('link', { name: 'Suppliers' }).count()).resolves.toBe(1);
    // Other console pages follow, without any ?lang in their links.
    await page.goto(`${base}/console/suppliers`);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');

    // Someone who switched this browser to Japanese keeps Japanese after signing in again.
    const switched = await browser.newContext();
    const again = await switched.newPage();
    await again.goto(`${base}/login?lang=ja`);
    await logIn(again, { base, email: english.users.procurement.email });
    await expect(again.locator('html').getAttribute('lang')).resolves.toBe('ja');
    await expect(again.getByRole('button', { name: 'ログアウト' }).count()).resolves.toBe(1);
    await switched.close();
    await context.close();
  });

  it('keeps the typed email on the lockout page, so only the password needs typing again', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/login?lang=en`);
    const email = tenant.users.auditor.email;
    for (const password of ['guess-1', 'guess-2', TEST_PASSWORD]) {
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(password);
      await navigating(page, () => page.getByRole('button', { name: 'Log in' }).click());
    }
    await expect(page.getByRole('alert').textContent()).resolves.toBe(
      'Too many login attempts. Wait a minute and try again.',
    );
    await expect(page.getByLabel('Email').inputValue()).resolves.toBe(email);
    await page.screenshot({ path: join(ARTIFACTS, 'login-throttled-en.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
