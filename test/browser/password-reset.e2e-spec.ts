import { join } from 'node:path';
import type { AddressObject } from 'mailparser';
import type { Browser, Page } from 'playwright-core';
import {
  ARTIFACTS,
  axeViolations,
  launchChromium,
  listenForBrowser,
  logIn,
} from '../support/browser';
import { startSmtpSink, SmtpSink } from '../support/smtp-sink';
import { createTestTenant, startApi, TestApi, TestTenant } from '../support/test-app';
import {
  isolatedEnvironment,
  IsolatedEnvironment,
  startWorker,
  TestWorker,
} from '../support/test-worker';

const NEW_PASSWORD = 'Wasureta-Hashi-2026!';

describe('「パスワードをお忘れの方」 in a real browser (headless Chromium)', () => {
  let isolated: IsolatedEnvironment;
  let sink: SmtpSink;
  let api: TestApi;
  let worker: TestWorker;
  let tenant: TestTenant;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    isolated = await isolatedEnvironment('password_reset_browser');
    sink = await startSmtpSink();
    api = await startApi(isolated.env);
    base = await listenForBrowser(api);
    worker = await startWorker({
      ...isolated.env,
      APP_URL: base,
      SMTP_URL: sink.url,
      OUTBOX_POLL_INTERVAL_MS: '50',
      MAIL_RATE_PER_SECOND: '1000',
    });
    tenant = await createTestTenant(api.dataSource, 'reset-browser');
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await api?.close();
    await sink?.close();
    await isolated?.drop();
  });

  /** A fresh profile; script errors, CSP violations and 4xx/5xx responses are collected. */
  async function openTab(): Promise<{ page: Page; problems: string[] }> {
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
    return { page, problems };
  }

  async function resetLink(address: string): Promise<string> {
    // Sent by the worker through the outbox relay: generous on a loaded machine.
    await sink.waitFor(1, 60_000);
    const mail = sink.messages.find(
      (m) => (m.to as AddressObject).value[0].address?.toLowerCase() === address,
    );
    const link = /https?:\/\/\S+\/set-password\/[A-Za-z0-9_-]+\?lang=ja/.exec(mail?.text ?? '');
    if (!link) throw new Error(`no reset link to ${address}`);
    return link[0];
  }

  it('asks for a reset from the login page, sets a new password from the mail and logs in', async () => {
    const email = tenant.users.procurement.email;
    // A tab signed in with the old password, which the reset must sign out.
    const signedIn = await openTab();
    await logIn(signedIn.page, { base, email });

    const { page, problems } = await openTab();
    await page.goto(`${base}/login`);
    await Promise.all([
      page.waitForURL(`${base}/login/forgot`),
      page.getByRole('link', { name: 'パスワードをお忘れの方' }).click(),
    ]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'パスワードをお忘れの方',
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('メールアドレス').fill(email);
    await Promise.all([
      page.waitForURL(`${base}/login/forgot/sent`),
      page.getByRole('button', { name: '再設定用のメールを送る' }).click(),
    ]);
    await expect(page.getByRole('status').textContent()).resolves.toBe(
      '登録されているアドレスであれば、再設定用のメールを送信しました。',
    );
    await page.screenshot({ path: join(ARTIFACTS, 'forgot-password-sent-ja.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(await resetLink(email));
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('パスワードの再設定');
    expect(await page.title()).toContain('パスワードの再設定');
    await expect(page.getByLabel('ログインに使うメールアドレス').inputValue()).resolves.toBe(email);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('新しいパスワード', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('新しいパスワード（確認）').fill(NEW_PASSWORD);
    await page.screenshot({ path: join(ARTIFACTS, 'password-reset-ja.png'), fullPage: true });
    await Promise.all([
      page.waitForURL(`${base}/set-password/done?reset=1`),
      page.getByRole('button', { name: 'パスワードを再設定' }).click(),
    ]);
    await expect(page.getByRole('status').textContent()).resolves.toBe(
      'パスワードを再設定しました。メールアドレスと新しいパスワードでログインしてください。',
    );
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('メールアドレス').fill(email);
    await page.getByLabel('パスワード', { exact: true }).fill(NEW_PASSWORD);
    await Promise.all([
      page.waitForURL(`${base}/dashboard`),
      page.getByRole('button', { name: 'ログイン' }).click(),
    ]);
    expect(problems).toEqual([]);

    // The tab signed in before the reset is signed out.
    await signedIn.page.goto(`${base}/console/suppliers`);
    expect(new URL(signedIn.page.url()).pathname).toBe('/login');
    await expect(signedIn.page.getByRole('status').textContent()).resolves.toBe(
      'セッションの有効期限が切れました。もう一度サインインしてください。',
    );
  }, 120_000);
});
