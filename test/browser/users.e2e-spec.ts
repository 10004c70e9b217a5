import { join } from 'node:path';
import type { AddressObject } from 'mailparser';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  ARTIFACTS,
  axeViolations,
  launchChromium,
  logIn,
  listenForBrowser,
  navigating,
} from '../support/browser';
import { startSmtpSink, SmtpSink } from '../support/smtp-sink';
import { tokyoToday } from '@kakehashi/mail';
import { createTestTenant, loginToken, startApi, TestApi, TestTenant } from '../support/test-app';
import {
  isolatedEnvironment,
  IsolatedEnvironment,
  startWorker,
  TestWorker,
} from '../support/test-worker';

const NEW_PASSWORD = 'Hashi-Watari-2026!';

describe('the users page and the set-password page in a real browser (headless Chromium)', () => {
  let isolated: IsolatedEnvironment;
  let sink: SmtpSink;
  let api: TestApi;
  let worker: TestWorker;
  let tenant: TestTenant;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    isolated = await isolatedEnvironment('users_browser');
    sink = await startSmtpSink();
    api = await startApi({ ...isolated.env, LOGIN_ATTEMPTS_PER_MINUTE_PER_IP: '1000' });
    base = await listenForBrowser(api);
    worker = await startWorker({
      ...isolated.env,
      APP_URL: base,
      SMTP_URL: sink.url,
      OUTBOX_POLL_INTERVAL_MS: '50',
      MAIL_RATE_PER_SECOND: '1000',
    });
    tenant = await createTestTenant(api.dataSource, 'users-browser');
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await api?.close();
    await sink?.close();
    await isolated?.drop();
  });

  /** A fresh profile; script errors, CSP violations and unexpected 4xx/5xx are collected. */
  async function openTab(
    expected: string[] = [],
  ): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('response', (r) => {
      const seen = `${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`;
      if (r.status() >= 400 && !expected.includes(seen)) problems.push(seen);
    });
    return { context, page, problems };
  }

  async function invitationLink(address: string): Promise<string> {
    // Sent by the worker through the outbox relay: generous on a loaded machine.
    await sink.waitFor(1, 60_000);
    const mail = sink.messages.find(
      (m) => (m.to as AddressObject).value[0].address?.toLowerCase() === address,
    );
    const link = /https?:\/\/\S+\/set-password\/[A-Za-z0-9_-]+\?lang=ja/.exec(mail?.text ?? '');
    if (!link) throw new Error(`no invitation link to ${address}`);
    return link[0];
  }

  it('an admin invites a user from the header link; the invitee sets a password and logs in', async () => {
    const admin = await openTab();
    await logIn(admin.page, { base, email: tenant.users.admin.email });
    const nav = admin.page.getByRole('navigation', { name: '架け橋' });
    await Promise.all([
      admin.page.waitForURL(`${base}/console/users`),
      nav.getByRole('link', { name: 'ユーザー', exact: true }).click(),
    ]);
    expect(await admin.page.getByRole('heading', { level: 1 }).textContent()).toBe('ユーザー');
    expect(
      await nav.getByRole('link', { name: 'ユーザー', exact: true }).getAttribute('aria-current'),
    ).toBe('page');
    expect(await admin.page.getByTestId('user-row').count()).toBe(4);
    expect(await axeViolations(admin.page)).toEqual([]);

    const email = 'kobayashi@users-browser.example';
    const form = admin.page.getByTestId('users-invite');
    await form.getByLabel('メールアドレス').fill(email);
    await form.getByLabel('氏名').fill('小林 誠');
    await form.getByLabel('役割').selectOption({ label: 'CISO' });
    await form.getByLabel('メールの言語').selectOption({ label: '日本語' });
    await Promise.all([
      admin.page.waitForURL(/\/console\/users\?done=invited/),
      form.getByRole('button', { name: '招待メールを送る' }).click(),
    ]);
    await expect(admin.page.getByRole('status').textContent()).resolves.toBe(
      `小林 誠（${email}）に招待メールを送信しました。`,
    );
    const row = admin.page.locator(`[data-testid="user-row"][data-email="${email}"]`);
    await expect(row.getAttribute('data-status')).resolves.toBe('invited');
    await expect(row.textContent()).resolves.toContain('招待中');
    await expect(row.getByLabel('小林 誠の役割').inputValue()).resolves.toBe('ciso');
    await admin.page.screenshot({ path: join(ARTIFACTS, 'users-ja.png'), fullPage: true });
    expect(await axeViolations(admin.page)).toEqual([]);

    // The invitee, in a browser of their own, opens the mailed link.
    const link = await invitationLink(email);
    const linkPath = new URL(link).pathname;
    const invitee = await openTab([`400 POST ${linkPath}`]);
    await invitee.page.goto(link);
    expect(await invitee.page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'パスワードの設定',
    );
    await expect(
      invitee.page.getByLabel('ログインに使うメールアドレス').inputValue(),
    ).resolves.toBe(email);
    expect(await axeViolations(invitee.page)).toEqual([]);
    await invitee.page.getByLabel('新しいパスワード', { exact: true }).fill('aaaaAAAAaaaa');
    await invitee.page.getByLabel('新しいパスワード（確認）').fill('aaaaAAAAaaaa');
    // Refused, the post is answered on the same address: wait for that page, not the one before.
    const [refused] = await navigating(invitee.page, () =>
      Promise.all([
        invitee.page.waitForResponse(
          (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === linkPath,
        ),
        invitee.page.getByRole('button', { name: 'パスワードを設定' }).click(),
      ]),
    );
    expect(refused.status()).toBe(400);
    await expect(invitee.page.getByRole('alert').textContent()).resolves.toBe(
      'パスワードに同じ文字が多すぎます。異なる文字を5種類以上使ってください。',
    );
    await invitee.page.screenshot({
      path: join(ARTIFACTS, 'set-password-refused-ja.png'),
      fullPage: true,
    });
    expect(await axeViolations(invitee.page)).toEqual([]);

    await invitee.page.getByLabel('新しいパスワード', { exact: true }).fill(NEW_PASSWORD);
    await invitee.page.getByLabel('新しいパスワード（確認）').fill(NEW_PASSWORD);
    await Promise.all([
      invitee.page.waitForURL(`${base}/set-password/done`),
      invitee.page.getByRole('button', { name: 'パスワードを設定' }).click(),
    ]);
    await expect(invitee.page.getByRole('status').textContent()).resolves.toBe(
      'パスワードを設定しました。メールアドレスと新しいパスワードでログインしてください。',
    );
    expect(await axeViolations(invitee.page)).toEqual([]);
    await invitee.page.getByLabel('メールアドレス').fill(email);
    await invitee.page.getByLabel('パスワード').fill(NEW_PASSWORD);
    await Promise.all([
      invitee.page.waitForURL(`${base}/dashboard`),
      invitee.page.getByRole('button', { name: 'ログイン' }).click(),
    ]);
    await expect(invitee.page.getByTestId('console-user').textContent()).resolves.toContain(email);
    // A CISO's header has no link to the users page.
    await expect(invitee.page.locator('a[href="/console/users"]').count()).resolves.toBe(0);

    // The admin deactivates them, confirming first; their open tab is signed out.
    await admin.page.reload();
    await expect(row.getAttribute('data-status')).resolves.toBe('active');
    await row.getByText('無効化…').click();
    await row.getByLabel('無効化することを確認しました').check();
    await Promise.all([
      admin.page.waitForURL(/\/console\/users\?done=deactivated/),
      row.getByRole('button', { name: '無効化', exact: true }).click(),
    ]);
    await expect(admin.page.getByRole('status').textContent()).resolves.toBe(
      `小林 誠（${email}）を無効化しました。セッションはすべて終了しました。`,
    );
    await expect(row.getAttribute('data-status')).resolves.toBe('deactivated');
    await expect(row.getByRole('button', { name: '再有効化' }).count()).resolves.toBe(1);
    await invitee.page.reload();
    expect(new URL(invitee.page.url()).pathname).toBe('/login');

    expect(admin.problems).toEqual([]);
    expect(invitee.problems).toEqual([]);
    await admin.context.close();
    await invitee.context.close();
  }, 120_000);

  it('an admin hands a leaver’s work to a colleague, who then owns their campaign', async () => {
    const adminToken = await loginToken(api, tenant.users.admin.email);
    const leaver = tenant.users.procurement;
    const as = (token: string) => ({ authorization: `Bearer ${token}` });
    await api.dataSource.query('UPDATE users SET display_name = $2 WHERE id = $1', [
      leaver.id,
      '佐藤 花子',
    ]);
    await api.dataSource.query('UPDATE users SET display_name = $2 WHERE id = $1', [
      tenant.users.admin.id,
      '管理 太郎',
    ]);
    const heirEmail = 'suzuki@users-browser.example';
    const heir = await api
      .http()
      .post('/api/v1/users')
      .set(as(adminToken))
      .send({ email: heirEmail, displayName: '鈴木 一郎', role: 'procurement', locale: 'ja' })
      .expect(201);
    await api.dataSource.query(`UPDATE users SET password_hash = 'x' WHERE id = $1`, [
      heir.body.id,
    ]);
    const leaverToken = await loginToken(api, leaver.email);
    const supplierIds: string[] = [];
    for (const [name, email] of [
      ['東海精機株式会社', 'tokai@handover.example.jp'],
      ['北陸データ株式会社', 'hokuriku@handover.example.jp'],
    ]) {
      const created = await api
        .http()
        .post('/api/v1/suppliers')
        .set(as(leaverToken))
        .send({ name, contacts: [{ name: '担当', email }] })
        .expect(201);
      supplierIds.push(created.body.id);
    }
    const campaign = await api
      .http()
      .post('/api/v1/campaigns')
      .set(as(leaverToken))
      .send({
        name: '引き継ぐ点検',
        catalogVersion: 'meti-v3.0+sa-3.1',
        supplierIds,
        dueDate: tokyoToday(),
      })
      .expect(201);

    const admin = await openTab(['409 POST /console/users']);
    await logIn(admin.page, { base, email: tenant.users.admin.email });
    await admin.page.goto(`${base}/console/users`);
    // Taking admin away needs the tick: the browser keeps the form until it is given.
    const adminRow = admin.page.locator(
      `[data-testid="user-row"][data-email="${tenant.users.admin.email}"]`,
    );
    await adminRow.getByLabel('管理 太郎の役割').selectOption({ label: 'CISO' });
    await adminRow.getByRole('button', { name: '役割を変更' }).click();
    expect(new URL(admin.page.url()).pathname).toBe('/console/users');
    await expect(
      adminRow
        .getByLabel('管理者の役割を変更することを確認しました')
        .evaluate((box) => box.matches(':invalid')),
    ).resolves.toBe(true);
    await adminRow.getByLabel('管理 太郎の役割').selectOption({ label: '管理者' });

    const row = admin.page.locator(`[data-testid="user-row"][data-email="${leaver.email}"]`);
    // Their work keeps them from a role that cannot own it unless it is handed over with it.
    await expect(row.getByTestId('user-role-work').textContent()).resolves.toContain(
      '担当しているサプライヤー 2 社・実施中のキャンペーン 1 件は、CISO・監査の役割では担当できません。',
    );
    await row.getByLabel('佐藤 花子の役割').selectOption({ label: 'CISO' });
    await Promise.all([
      admin.page.waitForResponse((r) => r.request().method() === 'POST' && r.status() === 409),
      row.getByRole('button', { name: '役割を変更' }).click(),
    ]);
    await expect(admin.page.getByRole('alert').textContent()).resolves.toContain(
      '佐藤 花子 さんはサプライヤー 2 社・実施中のキャンペーン 1 件を担当しているため、担当を持てないCISOの役割には変更できません。',
    );
    await expect(row.getByLabel('佐藤 花子の役割').inputValue()).resolves.toBe('procurement');
    expect(await axeViolations(admin.page)).toEqual([]);
    await row.getByText('担当を引き継ぐ…').click();
    const heirSelect = row.getByLabel('新しい担当者');
    await expect(heirSelect.getAttribute('aria-describedby')).resolves.toBe(
      `handover-help-${leaver.id}`,
    );
    await heirSelect.selectOption({ label: `鈴木 一郎 <${heirEmail}>` });
    expect(await axeViolations(admin.page)).toEqual([]);
    await Promise.all([
      admin.page.waitForURL(/\/console\/users\?done=handedOver/),
      row.getByRole('button', { name: '引き継ぐ', exact: true }).click(),
    ]);
    await expect(admin.page.getByRole('status').textContent()).resolves.toBe(
      '佐藤 花子 さんの担当（サプライヤー 2 社・実施中のキャンペーン 1 件）を 鈴木 一郎 さんに引き継ぎました。',
    );
    await expect(row.getByText('担当を引き継ぐ…').count()).resolves.toBe(0);
    await admin.page.screenshot({
      path: join(ARTIFACTS, 'users-handed-over-ja.png'),
      fullPage: true,
    });
    expect(await axeViolations(admin.page)).toEqual([]);
    const owners = await api.dataSource.query<{ owner_id: string }[]>(
      `SELECT owner_id FROM suppliers WHERE id = ANY($1::uuid[])
       UNION ALL SELECT owner_id FROM campaigns WHERE id = $2`,
      [supplierIds, campaign.body.id],
    );
    expect(owners.map((o) => o.owner_id)).toEqual([heir.body.id, heir.body.id, heir.body.id]);

    // The campaign page names its new owner, and gives it to someone else in two steps.
    await admin.page.goto(`${base}/console/campaigns/${campaign.body.id}`);
    await expect(admin.page.getByTestId('campaign-owner').textContent()).resolves.toBe('鈴木 一郎');
    await admin.page.getByText('担当者を変更…').click();
    await admin.page
      .getByLabel('新しい担当者')
      .selectOption({ label: `管理 太郎 <${tenant.users.admin.email}>` });
    expect(await axeViolations(admin.page)).toEqual([]);
    await Promise.all([
      admin.page.waitForURL(/\?done=owner$/),
      admin.page.getByRole('button', { name: '変更', exact: true }).click(),
    ]);
    await expect(admin.page.getByRole('status').textContent()).resolves.toBe(
      '担当者を 管理 太郎 さんに変更しました。',
    );
    await expect(admin.page.getByTestId('campaign-owner').textContent()).resolves.toBe('管理 太郎');
    await admin.page.screenshot({ path: join(ARTIFACTS, 'campaign-owner-ja.png'), fullPage: true });
    expect(await axeViolations(admin.page)).toEqual([]);

    expect(admin.problems).toEqual([]);
    await admin.context.close();
  }, 120_000);
});
