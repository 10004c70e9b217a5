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

type Role = 'admin' | 'procurement' | 'ciso' | 'auditor';

const NEW_PASSWORD = 'Hashi-Watari-2026!';

const recipient = (mail: ParsedMail) => (mail.to as AddressObject).value[0].address!.toLowerCase();
const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Tenant admins manage their users: invitations by mail (a real SMTP server), the set-password
 * page, deactivation, roles and the last-admin rule, through the real api, worker and database.
 */
describe('user management (real Postgres, Redis, worker and SMTP)', () => {
  let isolated: IsolatedEnvironment;
  let sink: SmtpSink;
  let api: TestApi;
  let worker: TestWorker;
  let appOrigin: string;
  let tenant: TestTenant;
  let other: TestTenant;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    isolated = await isolatedEnvironment('users');
    sink = await startSmtpSink();
    api = await startApi({ ...isolated.env, LOGIN_ATTEMPTS_PER_MINUTE_PER_IP: '1000' });
    worker = await startWorker({
      ...isolated.env,
      SMTP_URL: sink.url,
      OUTBOX_POLL_INTERVAL_MS: '50',
      MAIL_RATE_PER_SECOND: '1000',
    });
    appOrigin = new URL(api.app.get(Environment).APP_URL).origin;
    tenant = await createTestTenant(api.dataSource, 'users');
    other = await createTestTenant(api.dataSource, 'users-other');
    for (const role of ['admin', 'procurement', 'ciso', 'auditor'] as Role[]) {
      tokens.set(role, await loginToken(api, tenant.users[role].email));
    }
    tokens.set('otherAdmin', await loginToken(api, other.users.admin.email));
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await sink?.close();
    await isolated?.drop();
  });

  const bearer = (who: string) => `Bearer ${tokens.get(who)}`;
  const get = (path: string, who = 'admin') =>
    api.http().get(`/api/v1${path}`).set('authorization', bearer(who));
  const post = (path: string, body: object = {}, who = 'admin') =>
    api.http().post(`/api/v1${path}`).set('authorization', bearer(who)).send(body);
  const patch = (path: string, body: object, who = 'admin') =>
    api.http().patch(`/api/v1${path}`).set('authorization', bearer(who)).send(body);
  const me = (token: string) =>
    api.http().get('/api/v1/me').set('authorization', `Bearer ${token}`);
  const login = (email: string, password: string) =>
    api.http().post('/api/v1/auth/login').send({ email, password });

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

  /** The set-password path (with its ?lang) of an invitation mail, and the raw token in it. */
  function linkIn(mail: ParsedMail): { path: string; token: string } {
    const match = /https?:\/\/[^/\s]+(\/set-password\/([A-Za-z0-9_-]+)\?lang=(?:ja|en))/.exec(
      mail.text ?? '',
    );
    if (!match) throw new Error(`no set-password link in: ${mail.text}`);
    return { path: match[1], token: match[2] };
  }

  /** Submits the set-password form as the page's own form would (its token, cookie, origin). */
  async function submitPassword(
    path: string,
    fields: { password: string; confirmation?: string },
    options: { status: number; origin?: string; formToken?: boolean },
  ) {
    const page = await api.http().get(path).expect(200);
    const formToken = /name="formToken" value="([^"]+)"/.exec(page.text)?.[1];
    const cookie = ([page.headers['set-cookie']].flat() as string[])
      .find((c) => c.startsWith('kk_set_password_form='))
      ?.split(';')[0];
    expect(formToken && cookie).toBeTruthy();
    return api
      .http()
      .post(path.split('?')[0])
      .set('cookie', `${cookie}; kk_lang=${path.endsWith('en') ? 'en' : 'ja'}`)
      .set('origin', options.origin ?? appOrigin)
      .type('form')
      .send({
        formToken: options.formToken === false ? 'forged' : formToken,
        password: fields.password,
        confirmation: fields.confirmation ?? fields.password,
      })
      .expect(options.status);
  }

  async function orgName(t: TestTenant): Promise<string> {
    const [row] = await api.dataSource.query<{ name: string }[]>(
      'SELECT name FROM organizations WHERE id = $1',
      [t.organizationId],
    );
    return row.name;
  }

  /** The user-management events about a user (login attempts are checked on their own). */
  async function auditActions(userId: string): Promise<string[]> {
    const rows = await api.dataSource.query<{ action: string }[]>(
      `SELECT action FROM audit_events
        WHERE organization_id = $1 AND target_id = $2 AND action LIKE 'user.%' ORDER BY id`,
      [tenant.organizationId, userId],
    );
    return rows.map((r) => r.action);
  }

  it('invites a user: the mail brings a one-time link, the page sets the password, they log in', async () => {
    const invited = await post('/users', {
      email: ' Sato.Hanako@Users-Invite.example ',
      displayName: '佐藤 花子',
      role: 'procurement',
      locale: 'en',
    }).expect(201);
    const email = 'sato.hanako@users-invite.example';
    expect(invited.body).toMatchObject({
      email,
      displayName: '佐藤 花子',
      role: 'procurement',
      locale: 'en',
      status: 'invited',
      lastLoginAt: null,
      invitation: { expired: false },
    });
    const hours =
      (Date.parse(invited.body.invitation.expiresAt) - Date.parse(invited.body.createdAt)) / 3.6e6;
    expect(Math.round(hours)).toBe(72);
    // No password yet: the login fails as a wrong password does.
    const refused = await login(email, TEST_PASSWORD).expect(401);
    const wrong = await login(tenant.users.ciso.email, 'not-the-password').expect(401);
    expect(refused.body).toEqual(wrong.body);

    const mail = await mailTo(email);
    expect(mail.subject).toBe(`You are invited to ${await orgName(tenant)} on Kakehashi`);
    expect(mail.text).toContain('role: Procurement');
    expect(mail.text).toContain(`log in as ${email}`);
    const { path, token } = linkIn(mail);
    // Only the SHA-256 of the token is stored.
    const stored = await api.dataSource.query<{ token_hash: string }[]>(
      `SELECT token_hash FROM user_invitations WHERE user_id = $1`,
      [invited.body.id],
    );
    expect(stored).toEqual([{ token_hash: sha256(token) }]);

    // Mail scanners fetch the link first: GET and HEAD show the form and change nothing.
    await api.http().head(path).expect(200);
    const page = await api.http().get(path).expect(200);
    expect(page.text).toContain('Set your password');
    expect(page.text).toContain('<label for="set-password-new">New password</label>');
    expect(page.text).toContain(`value="${email}"`);
    const [open] = await api.dataSource.query<{ used_at: Date | null }[]>(
      'SELECT used_at FROM user_invitations WHERE user_id = $1',
      [invited.body.id],
    );
    expect(open.used_at).toBeNull();

    // A post from another site, or without the form's token, is refused.
    const forged = await submitPassword(
      path,
      { password: NEW_PASSWORD },
      { status: 403, origin: 'https://evil.example' },
    );
    expect(forged.text).toContain('The form expired. Please enter the password again.');
    await submitPassword(path, { password: NEW_PASSWORD }, { status: 403, formToken: false });
    // The CLI's strength rule, told in the page's language; then the confirmation.
    const weak = await submitPassword(path, { password: 'short-1' }, { status: 400 });
    expect(weak.text).toContain('The password must be at least 12 characters long.');
    const plain = await submitPassword(path, { password: 'onlylowercaseletters' }, { status: 400 });
    expect(plain.text).toContain('must mix at least two of');
    const mismatch = await submitPassword(
      path,
      { password: NEW_PASSWORD, confirmation: `${NEW_PASSWORD}x` },
      { status: 400 },
    );
    expect(mismatch.text).toContain('The two passwords do not match.');
    await login(email, NEW_PASSWORD).expect(401);

    const set = await submitPassword(path, { password: NEW_PASSWORD }, { status: 303 });
    expect(set.headers.location).toBe('/set-password/done');
    const done = await api.http().get('/set-password/done').set('cookie', 'kk_lang=en').expect(200);
    expect(done.text).toContain(
      'Your password is set. Log in with your email and the new password.',
    );
    expect(done.text).toContain('action="/login"');

    const signedIn = await login(email, NEW_PASSWORD).expect(200);
    expect((await me(signedIn.body.accessToken).expect(200)).body).toMatchObject({
      email,
      role: 'procurement',
    });
    // The link worked once.
    const used = await api.http().get(path).expect(410);
    expect(used.text).toContain('This link has already been used');
    expect(used.text).toContain('href="/login"');
    const listed = await get('/users').expect(200);
    expect(listed.body.items.find((u: { id: string }) => u.id === invited.body.id)).toMatchObject({
      status: 'active',
      invitation: null,
    });
    expect((await auditActions(invited.body.id)).slice(0, 2)).toEqual([
      'user.invited',
      'user.password_set',
    ]);
  });

  it('a re-sent invitation voids the earlier link; expired and unknown links say so', async () => {
    const email = `tanaka-${randomBytes(3).toString('hex')}@users-links.example`;
    const invited = await post('/users', {
      email,
      displayName: '田中 一郎',
      role: 'auditor',
    }).expect(201);
    const first = linkIn(await mailTo(email));
    expect((await mailTo(email)).subject).toBe(
      `【架け橋】${await orgName(tenant)} のユーザーとして招待されました`,
    );

    const again = await post(`/users/${invited.body.id}/invitation`).expect(200);
    expect(again.body.status).toBe('invited');
    const second = linkIn(await mailTo(email, 2));
    expect(second.token).not.toBe(first.token);
    const revoked = await api.http().get(first.path).expect(410);
    expect(revoked.text).toContain('このリンクは使えなくなりました');
    const fresh = await api.http().get(second.path).expect(200);
    expect(fresh.text).toContain('パスワードの設定');

    await api.dataSource.query(
      `UPDATE user_invitations SET expires_at = now() - interval '1 second' WHERE token_hash = $1`,
      [sha256(second.token)],
    );
    const expired = await api.http().get(second.path).expect(410);
    expect(expired.text).toContain('リンクの有効期限が切れています');
    expect(expired.text).toContain('組織の管理者に新しい招待メールの送信を依頼してください');
    const listed = await get(`/users/${invited.body.id}`).expect(200);
    expect(listed.body.invitation).toMatchObject({ expired: true });
    // Posting the form of an expired link sets nothing either.
    await api
      .http()
      .post(second.path.split('?')[0])
      .set('origin', appOrigin)
      .type('form')
      .send({ password: NEW_PASSWORD, confirmation: NEW_PASSWORD })
      .expect(410);

    const unknown = await api.http().get(`/set-password/${randomBytes(32).toString('base64url')}`);
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('リンクが見つかりません');
    await api.http().get('/set-password/not-a-token').expect(404);
    await login(email, NEW_PASSWORD).expect(401);

    // Someone who can already log in needs no invitation.
    const active = await post(`/users/${tenant.users.ciso.id}/invitation`).expect(409);
    expect(active.body).toMatchObject({ statusCode: 409, code: 'password_already_set' });
    expect(await auditActions(invited.body.id)).toEqual(['user.invited', 'user.invitation_resent']);
  });

  it('refuses an address already in the organization (409) and names a bad field (400)', async () => {
    const taken = await post('/users', {
      email: tenant.users.auditor.email.toUpperCase(),
      displayName: '重複',
      role: 'auditor',
    }).expect(409);
    expect(taken.body).toMatchObject({
      code: 'email_taken',
      message: `${tenant.users.auditor.email} is already a user of this organization`,
    });
    const bad = await post('/users', { email: 'not-an-email', displayName: '', role: 'owner' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/email must be an email address/);
    expect(bad.body.message).toMatch(/displayName/);
    expect(bad.body.message).toMatch(/role/);
    const twoLines = await post('/users', {
      email: 'two-lines@users.example',
      displayName: '佐藤\r\nBcc: evil@example.com',
      role: 'auditor',
    }).expect(400);
    expect(twoLines.body.message).toBe('displayName must be one line without control characters');
  });

  it('refuses a password that opens the same email’s account in another organization, even a deactivated one', async () => {
    const email = 'twice@users.example';
    const password = 'Shared-Password-2026';
    // The same person, deactivated in the other organization: reactivating them later must not
    // leave two accounts that one password opens (login would only ever reach the first).
    await api.dataSource.query(
      `INSERT INTO users (organization_id, email, display_name, role, password_hash, deactivated_at)
       VALUES ($1, $2, '二重 太郎', 'auditor', $3, now())`,
      [other.organizationId, email, await hashPassword(password)],
    );
    await post('/users', { email, displayName: '二重 太郎', role: 'auditor' }).expect(201);
    const { path } = linkIn(await mailTo(email));
    const refused = await submitPassword(path, { password }, { status: 400 });
    expect(refused.text).toContain('同じメールアドレスの別の組織のアカウントで使われています');
    await api.dataSource.query(`DELETE FROM users WHERE organization_id = $1 AND email = $2`, [
      other.organizationId,
      email,
    ]);
  });

  it('sends a fresh invitation when an invited user who never set a password is reactivated', async () => {
    const invited = await post('/users', {
      email: 'back-again@users.example',
      displayName: '再招待 太郎',
      role: 'auditor',
      locale: 'ja',
    }).expect(201);
    await patch(`/users/${invited.body.id}`, { active: false }).expect(200);
    const back = await patch(`/users/${invited.body.id}`, { active: true }).expect(200);
    expect(back.body.invitation).toEqual(
      expect.objectContaining({ expiresAt: expect.any(String) }),
    );
    const invitations = await api.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM mail_messages WHERE kind = 'user_invitation' AND user_id = $1`,
      [invited.body.id],
    );
    expect(invitations[0].n).toBe(2);
  });

  it('never leaves the organization without an active admin; a new role applies to open sessions', async () => {
    const scratch = await createTestTenant(api.dataSource, 'users-admins');
    const admin = await loginToken(api, scratch.users.admin.email);
    const as = (token: string) => ({
      patch: (id: string, body: object) =>
        api.http().patch(`/api/v1/users/${id}`).set('authorization', `Bearer ${token}`).send(body),
      list: () => api.http().get('/api/v1/users').set('authorization', `Bearer ${token}`),
    });

    for (const body of [{ role: 'ciso' }, { active: false }]) {
      const refused = await as(admin).patch(scratch.users.admin.id, body).expect(409);
      expect(refused.body).toMatchObject({
        code: 'last_admin',
        message: expect.stringContaining('last active admin'),
      });
    }
    // An invited admin cannot log in yet, so they do not count.
    await api
      .http()
      .post('/api/v1/users')
      .set('authorization', `Bearer ${admin}`)
      .send({ email: 'pending-admin@users-admins.example', displayName: '未設定', role: 'admin' })
      .expect(201);
    await as(admin).patch(scratch.users.admin.id, { role: 'ciso' }).expect(409);

    const procurement = await loginToken(api, scratch.users.procurement.email);
    await as(procurement).list().expect(403);
    await as(admin).patch(scratch.users.procurement.id, { role: 'admin' }).expect(200);
    // The promoted user's open session is an admin's at once; the demoted admin's is not.
    await as(procurement).list().expect(200);
    const demoted = await as(admin).patch(scratch.users.admin.id, { role: 'ciso' }).expect(200);
    expect(demoted.body.role).toBe('ciso');
    await as(admin).list().expect(403);
    expect((await me(admin).expect(200)).body.role).toBe('ciso');
    // Now the promoted user is the last active admin, themself included.
    const self = await as(procurement)
      .patch(scratch.users.procurement.id, { active: false })
      .expect(409);
    expect(self.body.code).toBe('last_admin');

    const events = await api.dataSource.query<{ action: string; details: object }[]>(
      `SELECT action, details FROM audit_events
        WHERE organization_id = $1 AND action = 'user.updated' ORDER BY id`,
      [scratch.organizationId],
    );
    expect(events.map((e) => e.details)).toEqual([
      { changes: { role: { from: 'procurement', to: 'admin' } } },
      { changes: { role: { from: 'admin', to: 'ciso' } } },
    ]);
  });

  it('deactivation ends open sessions and refuses login; reactivation lets them log in again', async () => {
    const email = tenant.users.ciso.email;
    const open = await loginToken(api, email);
    await api.http().get('/dashboard').set('cookie', `kk_session=${open}`).expect(200);

    const off = await patch(`/users/${tenant.users.ciso.id}`, { active: false }).expect(200);
    expect(off.body).toMatchObject({ status: 'deactivated', deactivatedAt: expect.any(String) });
    await me(open).expect(401);
    const page = await api.http().get('/dashboard').set('cookie', `kk_session=${open}`);
    expect(page.status).toBe(303);
    expect(page.headers.location).toMatch(/^\/login\?/);
    const refused = await login(email, TEST_PASSWORD).expect(401);
    const wrong = await login(tenant.users.auditor.email, 'not-the-password').expect(401);
    expect(refused.body).toEqual(wrong.body);
    // The refused attempt is in the tenant's own audit trail, with its reason.
    const [failed] = await api.dataSource.query<{ details: { reason: string } }[]>(
      `SELECT details FROM audit_events
        WHERE organization_id = $1 AND action = 'auth.login_failed' AND target_id = $2
        ORDER BY id DESC LIMIT 1`,
      [tenant.organizationId, tenant.users.ciso.id],
    );
    expect(failed.details.reason).toBe('deactivated');

    // A session is refused whenever its user is deactivated, whichever way it happened.
    const auditor = await loginToken(api, tenant.users.auditor.email);
    await api.dataSource.query('UPDATE users SET deactivated_at = now() WHERE id = $1', [
      tenant.users.auditor.id,
    ]);
    await me(auditor).expect(401);
    await api.dataSource.query('UPDATE users SET deactivated_at = NULL WHERE id = $1', [
      tenant.users.auditor.id,
    ]);
    await me(auditor).expect(200);

    // A deactivated user cannot be made a supplier's owner.
    const procurementOff = await patch(`/users/${tenant.users.procurement.id}`, {
      active: false,
    }).expect(200);
    expect(procurementOff.body.status).toBe('deactivated');
    const owned = await post('/suppliers', {
      name: '退職者担当株式会社',
      ownerId: tenant.users.procurement.id,
      contacts: [{ name: '主', email: 'main@owner-off.example.jp', isPrimary: true }],
    }).expect(400);
    expect(owned.body.message).toBe(
      'ownerId must be an active procurement user or admin of this organization',
    );
    const form = await api
      .http()
      .get('/console/suppliers/new')
      .set('cookie', `kk_session=${tokens.get('admin')}`)
      .expect(200);
    expect(form.text).not.toContain(`value="${tenant.users.procurement.id}"`);
    await patch(`/users/${tenant.users.procurement.id}`, { active: true }).expect(200);
    tokens.set('procurement', await loginToken(api, tenant.users.procurement.email));

    const on = await patch(`/users/${tenant.users.ciso.id}`, { active: true }).expect(200);
    expect(on.body).toMatchObject({ status: 'active', deactivatedAt: null });
    const again = await loginToken(api, email);
    await me(again).expect(200);
    // The sessions that deactivation ended stay ended.
    await me(open).expect(401);
    tokens.set('ciso', again);

    const [event] = await api.dataSource.query<{ details: { sessionsEnded: number } }[]>(
      `SELECT details FROM audit_events
        WHERE organization_id = $1 AND action = 'user.deactivated' AND target_id = $2`,
      [tenant.organizationId, tenant.users.ciso.id],
    );
    expect(event.details.sessionsEnded).toBeGreaterThanOrEqual(2);
    expect(await auditActions(tenant.users.ciso.id)).toEqual(
      expect.arrayContaining(['user.deactivated', 'user.reactivated']),
    );
  });

  it('is for admins only (403) and stays within the tenant (404 for other ids)', async () => {
    const target = `/users/${tenant.users.auditor.id}`;
    for (const role of ['procurement', 'ciso', 'auditor'] as Role[]) {
      const list = await get('/users', role).expect(403);
      expect(list.body.message).toContain('admin');
      await post(
        '/users',
        { email: 'x@users.example', displayName: 'x', role: 'ciso' },
        role,
      ).expect(403);
      await patch(target, { role: 'ciso' }, role).expect(403);
      await post(`${target}/invitation`, {}, role).expect(403);
    }
    const theirs = `/users/${other.users.procurement.id}`;
    await get(theirs).expect(404);
    const changed = await patch(theirs, { active: false }).expect(404);
    expect(changed.body.message).toBe('User not found');
    await post(`${theirs}/invitation`).expect(404);
    await patch('/users/not-a-uuid', { role: 'ciso' }).expect(404);
    const [stillActive] = await api.dataSource.query<{ deactivated_at: Date | null }[]>(
      'SELECT deactivated_at FROM users WHERE id = $1',
      [other.users.procurement.id],
    );
    expect(stillActive.deactivated_at).toBeNull();

    const list = await get('/users', 'otherAdmin').expect(200);
    const emails = (list.body.items as { email: string }[]).map((u) => u.email).sort();
    expect(emails).toEqual(
      Object.values(other.users)
        .map((u) => u.email)
        .sort(),
    );
    expect(list.body).toMatchObject({ total: 4, page: 1, pageSize: 50 });
  });

  it('the console page: admins only, linked from their header, refusals in the page language', async () => {
    const cookie = (who: string) => `kk_session=${tokens.get(who)}`;
    const forbidden = await api.http().get('/console/users').set('cookie', cookie('auditor'));
    expect(forbidden.status).toBe(403);
    expect(forbidden.text).toContain('この操作は許可されていません');
    const dashboard = await api.http().get('/dashboard').set('cookie', cookie('auditor'));
    expect(dashboard.text).not.toContain('href="/console/users"');
    const adminDashboard = await api.http().get('/dashboard').set('cookie', cookie('admin'));
    expect(adminDashboard.text).toContain('<a href="/console/users">ユーザー</a>');

    // Deactivating someone who owns work offers to hand it over, and says where its alerts go if not.
    await post('/suppliers', {
      name: '担当持ち株式会社',
      ownerId: tenant.users.procurement.id,
      contacts: [{ name: '主', email: 'main@owned-work.example.jp', isPrimary: true }],
    }).expect(201);
    const owner = await get(`/users/${tenant.users.procurement.id}`).expect(200);
    expect(owner.body).toMatchObject({ ownedSuppliers: 1, openCampaigns: 0 });
    const warned = await api.http().get('/console/users').set('cookie', cookie('admin'));
    expect(warned.text).toContain(
      '担当しているサプライヤー 1 社・実施中のキャンペーン 0 件は、引き継ぎ先を選ぶと無効化と同時に引き継がれます。選ばなければ担当のまま残り',
    );

    const pageOf = await api.http().get('/console/users?lang=en').set('cookie', cookie('admin'));
    expect(pageOf.status).toBe(200);
    expect(pageOf.text).toContain('<a href="/console/users" aria-current="page">Users</a>');
    expect(pageOf.text).toContain(tenant.users.auditor.email);
    expect(pageOf.text).not.toContain(other.users.auditor.email);

    const form = (fields: Record<string, string>, origin = appOrigin) =>
      api
        .http()
        .post('/console/users')
        .set('cookie', `${cookie('admin')}; kk_lang=ja`)
        .set('origin', origin)
        .type('form')
        .send(fields);
    const unconfirmed = await form({ action: 'deactivate', userId: tenant.users.auditor.id });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.text).toContain('無効化するには、確認のチェックを入れてください。');
    // Taking admin away asks for the tick the admin rows' role form carries (required there).
    const adminRow = warned.text
      .split('data-testid="user-row"')
      .find((row) => row.includes(`data-email="${tenant.users.admin.email}"`));
    expect(adminRow).toMatch(
      /<input type="checkbox" name="confirm" value="yes" required aria-describedby="role-help-[0-9a-f-]+"> 管理者の役割を変更することを確認しました/,
    );
    expect(adminRow).toContain(
      'あなた自身を管理者以外の役割にすると、ユーザーと設定のページは使えなくなります。',
    );
    const auditorRow = warned.text
      .split('data-testid="user-row"')
      .find((row) => row.includes(`data-email="${tenant.users.auditor.email}"`));
    expect(auditorRow).not.toContain('管理者の役割を変更することを確認しました');
    const unticked = await form({ action: 'role', userId: tenant.users.admin.id, role: 'ciso' });
    expect(unticked.status).toBe(400);
    expect(unticked.text).toContain('管理者の役割を変更するには、確認のチェックを入れてください。');
    const [stillAdmin] = await api.dataSource.query<{ role: string }[]>(
      'SELECT role FROM users WHERE id = $1',
      [tenant.users.admin.id],
    );
    expect(stillAdmin.role).toBe('admin');
    // Another user's role needs no tick.
    await form({ action: 'role', userId: tenant.users.auditor.id, role: 'auditor' }).expect(303);
    // A tampered form is told on the page in its language, not with a bare error page.
    const tampered = await form({ action: 'drop-table', userId: tenant.users.auditor.id });
    expect(tampered.status).toBe(400);
    expect(tampered.text).toContain('この操作は受け付けられません。ページを開き直してください。');
    expect(tampered.text).toContain('data-testid="users-table"');
    const tamperedEn = await api
      .http()
      .post('/console/users?lang=en')
      .set('cookie', cookie('admin'))
      .set('origin', appOrigin)
      .type('form')
      .send({ action: 'drop-table' });
    expect(tamperedEn.status).toBe(400);
    expect(tamperedEn.text).toContain('This action is not accepted. Please reload the page.');
    const lastAdmin = await form({
      action: 'role',
      userId: tenant.users.admin.id,
      role: 'auditor',
      confirm: 'yes',
    });
    expect(lastAdmin.status).toBe(409);
    expect(lastAdmin.text).toContain('有効な管理者がいなくなるため、この変更はできません。');
    const crossSite = await form(
      { action: 'deactivate', userId: tenant.users.auditor.id, confirm: 'yes' },
      'https://evil.example',
    );
    expect(crossSite.status).toBe(403);
    const theirs = await form({ action: 'reactivate', userId: other.users.auditor.id });
    expect(theirs.status).toBe(404);
    const duplicate = await form({
      action: 'invite',
      email: tenant.users.auditor.email,
      displayName: '重複',
      role: 'auditor',
      locale: 'ja',
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.text).toContain(
      `${tenant.users.auditor.email} はすでにこの組織のユーザーです。`,
    );
    // Typed values are kept.
    expect(duplicate.text).toContain('value="重複"');

    // An admin who gives up their own admin role lands on the dashboard, not on a 403 page.
    const second = await post('/users', {
      email: 'second-admin@users.example',
      displayName: '第二 管理者',
      role: 'admin',
    }).expect(201);
    await api.dataSource.query(`UPDATE users SET password_hash = 'x' WHERE id = $1`, [
      second.body.id,
    ]);
    const demoted = await form({
      action: 'role',
      userId: tenant.users.admin.id,
      role: 'ciso',
      confirm: 'yes',
    });
    expect(demoted.status).toBe(303);
    expect(demoted.headers.location).toBe('/dashboard');
    await patch(`/users/${tenant.users.admin.id}`, { role: 'admin' }, 'admin').expect(403);
    await api.dataSource.query(`UPDATE users SET role = 'admin' WHERE id = $1`, [
      tenant.users.admin.id,
    ]);
  });
});
