import { createHash, randomBytes } from 'node:crypto';
import { AddressObject, ParsedMail } from 'mailparser';
import { hashPassword } from '@kakehashi/auth';
import { Environment } from '@kakehashi/config';
import { startSmtpSink, SmtpSink } from '../support/smtp-sink';
import {
  createTestTenant,
  loginToken,
  startApi,
  TestApi,
  TestTenant,
  TEST_PASSWORD,
} from '../support/test-app';
import {
  isolatedEnvironment,
  IsolatedEnvironment,
  startWorker,
  TestWorker,
} from '../support/test-worker';

const NEW_PASSWORD = 'Wasureta-Hashi-2026!';
const SENT_JA = '登録されているアドレスであれば、再設定用のメールを送信しました。';

const recipient = (mail: ParsedMail) => (mail.to as AddressObject).value[0].address!.toLowerCase();
const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const cookieOf = (headers: Record<string, unknown>, name: string): string | undefined =>
  ([headers['set-cookie']].flat() as string[])
    .find((c) => c?.startsWith(`${name}=`))
    ?.split(';')[0];

/**
 * 「パスワードをお忘れの方」: the login page's form mails a one-hour reset link to the set-password
 * page, through the real api, worker, database, Redis limits and an SMTP server.
 */
describe('password reset (real Postgres, Redis, worker and SMTP)', () => {
  let isolated: IsolatedEnvironment;
  let sink: SmtpSink;
  let api: TestApi;
  let worker: TestWorker;
  let appOrigin: string;
  let tenant: TestTenant;
  let other: TestTenant;
  let adminToken: string;

  beforeAll(async () => {
    isolated = await isolatedEnvironment('password_reset');
    sink = await startSmtpSink();
    // Each test posts from client addresses of its own (X-Forwarded-For), so the per-address
    // limit of one test never refuses another's requests.
    api = await startApi({
      ...isolated.env,
      TRUST_PROXY: 'true',
      LOGIN_ATTEMPTS_PER_MINUTE_PER_IP: '1000',
    });
    worker = await startWorker({
      ...isolated.env,
      SMTP_URL: sink.url,
      OUTBOX_POLL_INTERVAL_MS: '50',
      MAIL_RATE_PER_SECOND: '1000',
    });
    appOrigin = new URL(api.app.get(Environment).APP_URL).origin;
    tenant = await createTestTenant(api.dataSource, 'reset');
    other = await createTestTenant(api.dataSource, 'reset-other');
    adminToken = await loginToken(api, tenant.users.admin.email);
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await sink?.close();
    await isolated?.drop();
  });

  let ipCounter = 0;
  /** A client address no other request of this file has used. */
  const freshIp = () => `198.51.100.${++ipCounter}`;

  const login = (email: string, password: string) =>
    api.http().post('/api/v1/auth/login').send({ email, password });
  const asAdmin = (method: 'post' | 'patch', path: string, body: object) =>
    api.http()[method](`/api/v1${path}`).set('authorization', `Bearer ${adminToken}`).send(body);

  /** Asks for a reset as the form would be sent from our page (its token, cookie and origin). */
  async function requestReset(
    email: string,
    options: { ip?: string; status?: number; origin?: string; formToken?: false } = {},
  ) {
    const ip = options.ip ?? freshIp();
    const page = await api.http().get('/login/forgot').set('x-forwarded-for', ip).expect(200);
    const formToken = /name="formToken" value="([^"]+)"/.exec(page.text)?.[1];
    const cookie = cookieOf(page.headers, 'kk_forgot_password_form');
    expect(formToken && cookie).toBeTruthy();
    return api
      .http()
      .post('/login/forgot')
      .set('x-forwarded-for', ip)
      .set('cookie', cookie!)
      .set('origin', options.origin ?? appOrigin)
      .type('form')
      .send({ email, formToken: options.formToken === false ? 'forged' : formToken })
      .expect(options.status ?? 303);
  }

  /** The `n`th mail (1-based) that reached `address`, once it has arrived. */
  async function mailTo(address: string, n = 1): Promise<ParsedMail> {
    // Sent by the worker through the outbox relay: generous on a loaded machine.
    const deadline = Date.now() + 45_000;
    for (;;) {
      const mails = sink.messages.filter((m) => recipient(m) === address.toLowerCase());
      if (mails.length >= n) return mails[n - 1];
      if (Date.now() > deadline) throw new Error(`no mail #${n} to ${address}`);
      await sleep(50);
    }
  }

  const mailsTo = (address: string) =>
    sink.messages.filter((m) => recipient(m) === address.toLowerCase());

  /** Mails recorded for an address (each one the worker would send), by kind. */
  async function recordedMails(address: string): Promise<string[]> {
    const rows = await api.dataSource.query<{ kind: string }[]>(
      'SELECT kind FROM mail_messages WHERE to_email = $1 ORDER BY created_at',
      [address],
    );
    return rows.map((r) => r.kind);
  }

  function linkIn(mail: ParsedMail): { path: string; token: string } {
    const match = /https?:\/\/[^/\s]+(\/set-password\/([A-Za-z0-9_-]+)\?lang=(?:ja|en))/.exec(
      mail.text ?? '',
    );
    if (!match) throw new Error(`no set-password link in: ${mail.text}`);
    return { path: match[1], token: match[2] };
  }

  /** Submits the set-password form as the page's own form would. */
  async function submitPassword(path: string, password: string, status: number) {
    const page = await api.http().get(path).expect(200);
    const formToken = /name="formToken" value="([^"]+)"/.exec(page.text)?.[1];
    const cookie = cookieOf(page.headers, 'kk_set_password_form');
    return api
      .http()
      .post(path.split('?')[0])
      .set('cookie', `${cookie}; kk_lang=${path.endsWith('en') ? 'en' : 'ja'}`)
      .set('origin', appOrigin)
      .type('form')
      .send({ formToken, password, confirmation: password })
      .expect(status);
  }

  async function orgName(t: TestTenant): Promise<string> {
    const [row] = await api.dataSource.query<{ name: string }[]>(
      'SELECT name FROM organizations WHERE id = $1',
      [t.organizationId],
    );
    return row.name;
  }

  async function auditOf(
    userId: string,
  ): Promise<{ action: string; details: Record<string, unknown> }[]> {
    return api.dataSource.query(
      `SELECT action, details FROM audit_events
        WHERE target_id = $1 AND action LIKE 'user.password%' ORDER BY id`,
      [userId],
    );
  }

  /** A user with a password, in `t`, created for one test. */
  async function createUser(
    t: TestTenant,
    input: { email: string; password?: string; locale?: string },
  ): Promise<string> {
    const [row] = await api.dataSource.query<{ id: string }[]>(
      `INSERT INTO users (organization_id, email, display_name, role, locale, password_hash)
       VALUES ($1, $2, '森 花子', 'procurement', $3, $4) RETURNING id`,
      [
        t.organizationId,
        input.email,
        input.locale ?? 'ja',
        await hashPassword(input.password ?? TEST_PASSWORD),
      ],
    );
    return row.id;
  }

  it('links the login page to the form, and answers a known and an unknown address alike', async () => {
    const loginPage = await api.http().get('/login').expect(200);
    expect(loginPage.text).toContain('<a href="/login/forgot">パスワードをお忘れの方</a>');
    const form = await api.http().get('/login/forgot?lang=en').expect(200);
    expect(form.text).toContain('<h1>Forgot your password?</h1>');
    expect(form.text).toContain('<label for="forgot-password-email">Email</label>');

    const email = `known-${randomBytes(3).toString('hex')}@reset.example`;
    await createUser(tenant, { email });
    const unknown = `nobody-${randomBytes(3).toString('hex')}@reset.example`;
    let started = Date.now();
    const known = await requestReset(email.toUpperCase());
    const knownMs = Date.now() - started;
    started = Date.now();
    const stranger = await requestReset(unknown);
    const strangerMs = Date.now() - started;

    // The same answer: a redirect to the same page, no cookie, after the same floor of time.
    for (const answer of [known, stranger]) {
      expect(answer.headers.location).toBe('/login/forgot/sent');
      expect(answer.headers['set-cookie']).toBeUndefined();
    }
    expect(known.text).toBe(stranger.text);
    expect(knownMs).toBeGreaterThanOrEqual(400);
    expect(strangerMs).toBeGreaterThanOrEqual(400);
    const sent = await api.http().get('/login/forgot/sent').expect(200);
    expect(sent.text).toContain(SENT_JA);

    expect((await mailTo(email)).subject).toBe(
      `【架け橋】パスワードの再設定（${await orgName(tenant)}）`,
    );
    expect(await recordedMails(unknown)).toEqual([]);
  });

  it('mails a one-hour link; the new password works, the old one and every open session end', async () => {
    const email = `mori-${randomBytes(3).toString('hex')}@reset.example`;
    const userId = await createUser(tenant, { email });
    // A session opened with the old password: the API's token and the pages' cookie.
    const before = await login(email, TEST_PASSWORD).expect(200);
    const oldToken = before.body.accessToken as string;
    const oldCookie = cookieOf(before.headers, 'kk_session')!;
    await api.http().get('/api/v1/me').set('cookie', oldCookie).expect(200);

    await requestReset(email);
    const mail = await mailTo(email);
    expect(mail.text).toContain(
      `アカウント ${email} について、パスワードの再設定が申請されました。`,
    );
    expect(mail.text).toContain('（1時間）');
    const { path, token } = linkIn(mail);
    const [stored] = await api.dataSource.query<
      { token_hash: string; purpose: string; minutes: number }[]
    >(
      `SELECT token_hash, purpose,
              round(extract(epoch FROM expires_at - now()) / 60)::int AS minutes
         FROM user_invitations WHERE user_id = $1`,
      [userId],
    );
    expect(stored).toEqual({ token_hash: sha256(token), purpose: 'password_reset', minutes: 60 });

    // Mail scanners fetch the link first: GET and HEAD change nothing.
    await api.http().head(path).expect(200);
    const page = await api.http().get(path).expect(200);
    expect(page.text).toContain('<title>パスワードの再設定');
    expect(page.text).toContain('<h1>パスワードの再設定</h1>');
    expect(page.text).toContain('ログイン中のすべての端末でログアウトされます');
    expect(page.text).toContain('<button type="submit">パスワードを再設定</button>');
    await login(email, TEST_PASSWORD).expect(200);

    // The password rule of the set-password page.
    const weak = await submitPassword(path, 'short-1', 400);
    expect(weak.text).toContain('パスワードは12文字以上にしてください。');

    const set = await submitPassword(path, NEW_PASSWORD, 303);
    expect(set.headers.location).toBe('/set-password/done?reset=1');
    const done = await api.http().get(set.headers.location).expect(200);
    expect(done.text).toContain(
      'パスワードを再設定しました。メールアドレスと新しいパスワードでログインしてください。',
    );
    expect(done.text).toContain('action="/login"');

    await login(email, NEW_PASSWORD).expect(200);
    await login(email, TEST_PASSWORD).expect(401);
    await api.http().get('/api/v1/me').set('authorization', `Bearer ${oldToken}`).expect(401);
    await api.http().get('/api/v1/me').set('cookie', oldCookie).expect(401);

    // The link worked once.
    const reused = await api.http().get(path).expect(410);
    expect(reused.text).toContain('このリンクはすでに使われています');
    await api
      .http()
      .post(path.split('?')[0])
      .set('origin', appOrigin)
      .type('form')
      .send({ password: `${NEW_PASSWORD}x`, confirmation: `${NEW_PASSWORD}x` })
      .expect(410);
    await login(email, NEW_PASSWORD).expect(200);

    const audit = await auditOf(userId);
    expect(audit.map((a) => a.action)).toEqual([
      'user.password_reset_requested',
      'user.password_reset',
    ]);
    expect(audit[0].details).toMatchObject({ mailed: 'password_reset' });
    // Two sessions were open: the one above and the one of the check before setting.
    expect(audit[1].details).toMatchObject({ sessionsEnded: 2 });
  });

  it('voids the other reset links once one is used; an expired link is gone (410)', async () => {
    const email = `ueno-${randomBytes(3).toString('hex')}@reset.example`;
    await createUser(tenant, { email });
    await requestReset(email);
    await requestReset(email);
    const first = linkIn(await mailTo(email, 1));
    const second = linkIn(await mailTo(email, 2));
    expect(first.token).not.toBe(second.token);
    // Both work until one of them is used.
    await api.http().get(first.path).expect(200);
    await submitPassword(second.path, NEW_PASSWORD, 303);
    const voided = await api.http().get(first.path).expect(410);
    expect(voided.text).toContain('このリンクは使えなくなりました');
    expect(voided.text).toContain('別の再設定用リンクでパスワードが設定された');
    expect(voided.text).toContain('<a href="/login/forgot">再設定用のメールを申し込む</a>');

    await requestReset(email);
    const third = linkIn(await mailTo(email, 3));
    await api.dataSource.query(
      `UPDATE user_invitations SET expires_at = now() - interval '1 second' WHERE token_hash = $1`,
      [sha256(third.token)],
    );
    const expired = await api.http().get(third.path).expect(410);
    expect(expired.text).toContain('リンクの有効期限が切れています');
    expect(expired.text).toContain('再設定用リンクの有効期限（1時間）が過ぎました。');
    expect(expired.text).toContain('<a href="/login/forgot">');
    await api
      .http()
      .post(third.path.split('?')[0])
      .set('origin', appOrigin)
      .type('form')
      .send({ password: 'Another-Password-2026', confirmation: 'Another-Password-2026' })
      .expect(410);
    await login(email, NEW_PASSWORD).expect(200);
  });

  it('mails a deactivated user nothing, and an invited user their invitation again', async () => {
    const deactivated = `yamada-${randomBytes(3).toString('hex')}@reset.example`;
    const deactivatedId = await createUser(tenant, { email: deactivated });
    await requestReset(deactivated);
    const mailed = linkIn(await mailTo(deactivated));
    // Deactivation withdraws the reset link already mailed, and later requests mail nothing.
    await asAdmin('patch', `/users/${deactivatedId}`, { active: false }).expect(200);
    const withdrawn = await api.http().get(mailed.path).expect(410);
    expect(withdrawn.text).toContain('このリンクは使えなくなりました');
    await requestReset(deactivated);
    expect(await recordedMails(deactivated)).toEqual(['password_reset']);
    expect((await auditOf(deactivatedId)).map((a) => a.details)).toEqual([
      { mailed: 'password_reset', resetId: expect.any(String) },
      { mailed: null, reason: 'deactivated' },
    ]);

    const invited = `kato-${randomBytes(3).toString('hex')}@reset.example`;
    await asAdmin('post', '/users', {
      email: invited,
      displayName: '加藤 次郎',
      role: 'ciso',
    }).expect(201);
    const firstInvitation = linkIn(await mailTo(invited));
    await requestReset(invited);
    const again = await mailTo(invited, 2);
    expect(again.subject).toBe(`【架け橋】${await orgName(tenant)} のユーザーとして招待されました`);
    expect(await recordedMails(invited)).toEqual(['user_invitation', 'user_invitation']);
    await api.http().get(firstInvitation.path).expect(410);
    const page = await api.http().get(linkIn(again).path).expect(200);
    expect(page.text).toContain('<h1>パスワードの設定</h1>');
    await submitPassword(linkIn(again).path, NEW_PASSWORD, 303).then((r) =>
      expect(r.headers.location).toBe('/set-password/done'),
    );
    await login(invited, NEW_PASSWORD).expect(200);
  });

  it('mails nothing beyond 3 requests an hour per address or 10 per client, and answers the same', async () => {
    const email = `limit-${randomBytes(3).toString('hex')}@reset.example`;
    await createUser(tenant, { email });
    for (let i = 0; i < 4; i++) {
      const answer = await requestReset(email);
      expect(answer.headers.location).toBe('/login/forgot/sent');
    }
    expect(await recordedMails(email)).toEqual([
      'password_reset',
      'password_reset',
      'password_reset',
    ]);
    await mailTo(email, 3);
    await sleep(500);
    expect(mailsTo(email)).toHaveLength(3);

    const ip = freshIp();
    for (let i = 0; i < 10; i++) {
      await requestReset(`someone-${i}-${randomBytes(2).toString('hex')}@reset.example`, { ip });
    }
    const target = `busy-${randomBytes(3).toString('hex')}@reset.example`;
    await createUser(tenant, { email: target });
    const refused = await requestReset(target, { ip });
    expect(refused.headers.location).toBe('/login/forgot/sent');
    expect(await recordedMails(target)).toEqual([]);
    // From another client, the same address is mailed: it was the client's limit.
    await requestReset(target);
    expect(await recordedMails(target)).toEqual(['password_reset']);
  });

  it('refuses a form sent from another site or without its token (403), mailing nothing', async () => {
    const email = `cross-${randomBytes(3).toString('hex')}@reset.example`;
    await createUser(tenant, { email });
    const forged = await requestReset(email, { status: 403, origin: 'https://evil.example' });
    expect(forged.text).toContain('フォームの有効期限が切れました。もう一度入力してください。');
    await requestReset(email, { status: 403, formToken: false });
    const blank = await requestReset('   ', { status: 400 });
    expect(blank.text).toContain('メールアドレスを入力してください。');
    expect(await recordedMails(email)).toEqual([]);
  });

  it('mails each account of the address in its language; a reset refuses the other account’s password', async () => {
    const email = `twice-${randomBytes(3).toString('hex')}@reset.example`;
    const otherPassword = 'Other-Org-Password-2026';
    await createUser(other, { email, password: otherPassword });
    const userId = await createUser(tenant, { email, locale: 'en' });
    await requestReset(email);
    await mailTo(email, 2);
    const english = mailsTo(email).find((m) => m.subject?.startsWith('Reset your Kakehashi'));
    expect(english?.subject).toBe(`Reset your Kakehashi password (${await orgName(tenant)})`);
    expect(english?.text).toContain('Setting a new password logs you out everywhere');
    const { path } = linkIn(english!);
    expect(path).toMatch(/\?lang=en$/);
    const page = await api.http().get(path).expect(200);
    expect(page.text).toContain('<h1>Reset your password</h1>');

    const refused = await submitPassword(path, otherPassword, 400);
    expect(refused.text).toContain(
      'This password is already used by your account with the same email in another organization.',
    );
    await submitPassword(path, NEW_PASSWORD, 303);
    const done = await api.http().get('/set-password/done?reset=1').set('cookie', 'kk_lang=en');
    expect(done.text).toContain(
      'Your password has been reset. Log in with your email and the new password.',
    );
    expect(done.text).toContain('<a href="/login/forgot">Forgot your password?</a>');
    expect((await auditOf(userId)).map((a) => a.action)).toEqual([
      'user.password_reset_requested',
      'user.password_reset',
    ]);
  });
});
