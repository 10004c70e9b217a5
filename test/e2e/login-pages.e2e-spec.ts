import { randomBytes } from 'node:crypto';
import { deleteQueueKeys } from '../support/redis-keys';
import {
  createTestTenant,
  loginToken,
  startApi,
  TestApi,
  TestTenant,
  TEST_PASSWORD,
  appOrigin,
} from '../support/test-app';

const EXPIRED_JA = 'セッションの有効期限が切れました。もう一度サインインしてください。';
const EXPIRED_EN = 'Your session has expired. Please sign in again.';

/** The console's login and logout pages, through real HTTP (forms as a browser posts them). */
describe('console login and logout pages (real Postgres and Redis)', () => {
  const prefix = `{kk-test-login-pages-${randomBytes(3).toString('hex')}}`;
  let api: TestApi;
  let tenant: TestTenant;

  beforeAll(async () => {
    api = await startApi({ QUEUE_PREFIX: prefix, LOGIN_ATTEMPTS_PER_MINUTE_PER_ACCOUNT: '2' });
    tenant = await createTestTenant(api.dataSource, 'login-pages');
  });
  afterAll(async () => {
    await api.close();
    await deleteQueueKeys(prefix);
  });

  const cookieOf = (headers: Record<string, unknown>, name: string): string | undefined =>
    ([headers['set-cookie']].flat() as string[])
      .find((c) => c?.startsWith(`${name}=`))
      ?.split(';')[0]
      .slice(name.length + 1);

  /** Submits the login form as the page's own form would (its token, cookie and origin). */
  async function submitLogin(input: {
    email: string;
    password: string;
    next?: string;
    status: number;
  }) {
    const { email, password, next = '/dashboard' } = input;
    const page = await api
      .http()
      .get(`/login?next=${encodeURIComponent(next)}`)
      .expect(200);
    const formToken = /name="formToken" value="([^"]+)"/.exec(page.text)?.[1];
    const cookie = cookieOf(page.headers, 'kk_login_form');
    expect(formToken).toBeDefined();
    return api
      .http()
      .post('/login')
      .set('cookie', `kk_login_form=${cookie}`)
      .set('origin', appOrigin(api))
      .type('form')
      .send({ email, password, formToken, next })
      .expect(input.status);
  }

  it('keeps the typed email and the return path on the lockout page, with Retry-After', async () => {
    const typed = tenant.users.procurement.email.toUpperCase();
    const next = '/console/suppliers';
    const firstFailure = Date.now();
    await submitLogin({ email: typed, password: 'guess-1', next, status: 401 });
    await submitLogin({ email: typed, password: 'guess-2', next, status: 401 });
    const locked = await submitLogin({ email: typed, password: TEST_PASSWORD, next, status: 429 });

    expect(locked.text).toContain('ログインの試行が多すぎます。1分ほど待ってからお試しください。');
    expect(locked.text).toContain(`value="${typed}"`);
    expect(locked.text).toContain('name="next" value="/console/suppliers"');
    // A fresh form token, so the same form can be sent again once the wait is over.
    expect(locked.text).toMatch(/name="formToken" value="[\w-]{20,}"/);
    const retryAfter = Number(locked.headers['retry-after']);
    // The rest of the minute that began with the first failure, however slowly the attempts ran.
    expect(retryAfter).toBeGreaterThanOrEqual(60 - Math.ceil((Date.now() - firstFailure) / 1000));
    expect(retryAfter).toBeLessThanOrEqual(60);
  });

  it('refuses a form sent from another site or without its token (403), costing no attempt', async () => {
    const email = tenant.users.admin.email;
    const page = await api.http().get('/login').expect(200);
    const formToken = /name="formToken" value="([^"]+)"/.exec(page.text)?.[1];
    const cookie = cookieOf(page.headers, 'kk_login_form');
    // Well past the account's limit of 2 failed attempts, were any of them counted.
    for (let n = 0; n < 3; n++) {
      const crossSite = await api
        .http()
        .post('/login')
        .set('origin', 'https://evil.example')
        .set('cookie', `kk_login_form=${cookie}`)
        .type('form')
        .send({ email, password: `guess-${n}`, formToken, next: '/console/campaigns' })
        .expect(403);
      expect(crossSite.text).toContain('フォームの有効期限が切れました。もう一度お試しください。');
      expect(crossSite.text).toContain(`value="${email}"`);
      expect(crossSite.text).toContain('name="next" value="/console/campaigns"');
      expect(cookieOf(crossSite.headers, 'kk_session')).toBeUndefined();
      const tokenless = await api
        .http()
        .post('/login')
        .set('origin', appOrigin(api))
        .type('form')
        .send({ email, password: `guess-${n}` })
        .expect(403);
      expect(tokenless.text).toMatch(/name="formToken" value="[\w-]{20,}"/);
    }
    await submitLogin({ email, password: TEST_PASSWORD, status: 303 });
  });

  it('lets the older of two open login pages sign in (a page view keeps the token it finds)', async () => {
    const first = await api.http().get('/login').expect(200);
    // Lax: a login page opened from a link in webmail (another site) still gets its token back.
    expect(
      ([first.headers['set-cookie']].flat() as string[]).find((c) =>
        c.startsWith('kk_login_form='),
      ),
    ).toMatch(/SameSite=Lax/);
    const token = /name="formToken" value="([^"]+)"/.exec(first.text)?.[1];
    const cookie = `kk_login_form=${cookieOf(first.headers, 'kk_login_form')}`;
    // A second tab, which sends the cookie the first one got.
    const second = await api.http().get('/login').set('cookie', cookie).expect(200);
    expect(/name="formToken" value="([^"]+)"/.exec(second.text)?.[1]).toBe(token);
    const signedIn = await api
      .http()
      .post('/login')
      .set('cookie', cookie)
      .set('origin', appOrigin(api))
      .type('form')
      .send({ email: tenant.users.ciso.email, password: TEST_PASSWORD, formToken: token })
      .expect(303);
    expect(signedIn.headers.location).toBe('/dashboard');
  });

  it('answers a blank field as a wrong password (401) without costing an attempt', async () => {
    const email = tenant.users.auditor.email;
    for (let n = 0; n < 3; n++) {
      const blank = await submitLogin({ email, password: '', status: 401 });
      expect(blank.text).toContain('メールアドレスまたはパスワードが正しくありません。');
      expect(blank.text).toContain(`value="${email}"`);
    }
    const wrong = await submitLogin({ email: ` ${email} `, password: 'guess', status: 401 });
    expect(wrong.text).toContain(`value="${email}"`);
    await submitLogin({ email, password: TEST_PASSWORD, status: 303 });
  });

  it('signs in through the form, and logging out ends that session for good', async () => {
    const signedIn = await submitLogin({
      email: tenant.users.ciso.email,
      password: TEST_PASSWORD,
      status: 303,
    });
    expect(signedIn.headers.location).toBe('/dashboard');
    const session = cookieOf(signedIn.headers, 'kk_session');
    expect(session).toBeDefined();
    await api.http().get('/dashboard').set('cookie', `kk_session=${session}`).expect(200);

    const logout = await api
      .http()
      .post('/logout')
      .set('origin', appOrigin(api))
      .set('cookie', `kk_session=${session}`)
      .expect(303);
    expect(logout.headers.location).toBe('/login');

    // The same cookie, kept by another tab or copied elsewhere, no longer opens anything.
    const again = await api.http().get('/dashboard').set('cookie', `kk_session=${session}`);
    expect(again.status).toBe(303);
    expect(again.headers.location).toMatch(/^\/login\?next=%2Fdashboard/);
    await api.http().get('/api/v1/me').set('authorization', `Bearer ${session}`).expect(401);
  });

  it('opens the console in the signed-in user’s language unless this browser chose one', async () => {
    const english = await createTestTenant(api.dataSource, 'login-english');
    const { email, id } = english.users.ciso;
    await api.dataSource.query(`UPDATE users SET locale = 'en' WHERE id = $1`, [id]);
    const dashboard = (cookies: string) => api.http().get('/dashboard').set('cookie', cookies);

    // The login form, from a browser that never chose a language.
    const form = await submitLogin({ email, password: TEST_PASSWORD, status: 303 });
    expect(cookieOf(form.headers, 'kk_lang')).toBe('en');
    const session = cookieOf(form.headers, 'kk_session')!;
    const page = await dashboard(`kk_session=${session}; kk_lang=en`).expect(200);
    expect(page.text).toContain('<html lang="en">');
    expect(page.text).toContain('Log out');

    // The JSON login sets the same cookie the pages read.
    const json = await api
      .http()
      .post('/api/v1/auth/login')
      .send({ email, password: TEST_PASSWORD });
    expect(json.status).toBe(200);
    expect(cookieOf(json.headers, 'kk_lang')).toBe('en');

    // A language chosen on this browser (the cookie, or ?lang on the login) still wins.
    const chosen = await api
      .http()
      .post('/api/v1/auth/login')
      .set('cookie', 'kk_lang=ja')
      .send({ email, password: TEST_PASSWORD })
      .expect(200);
    expect(cookieOf(chosen.headers, 'kk_lang')).toBeUndefined();
    const token = (chosen.body as { accessToken: string }).accessToken;
    const japanese = await dashboard(`kk_session=${token}; kk_lang=ja`).expect(200);
    expect(japanese.text).toContain('<html lang="ja">');
    expect(japanese.text).toContain('ログアウト');
    const asked = await api
      .http()
      .post('/api/v1/auth/login?lang=ja')
      .send({ email, password: TEST_PASSWORD })
      .expect(200);
    expect(cookieOf(asked.headers, 'kk_lang')).toBe('ja');
  });

  it('says the session expired when a session cookie no longer works, and drops the cookie', async () => {
    const token = await loginToken(api, tenant.users.ciso.email);
    await api.http().post('/api/v1/auth/logout').set('authorization', `Bearer ${token}`);

    const redirect = await api
      .http()
      .get('/console/suppliers?q=abc')
      .set('cookie', `kk_session=${token}`)
      .expect(303);
    expect(redirect.headers.location).toBe(
      '/login?next=%2Fconsole%2Fsuppliers%3Fq%3Dabc&session=expired',
    );
    expect(String(redirect.headers['set-cookie'])).toMatch(/kk_session=;/);

    const ja = await api.http().get(redirect.headers.location).expect(200);
    expect(ja.text).toContain(EXPIRED_JA);
    expect(ja.text).toContain('name="next" value="/console/suppliers?q&#x3D;abc"');
    const en = await api.http().get(`${redirect.headers.location}&lang=en`).expect(200);
    expect(en.text).toContain(EXPIRED_EN);

    // A form posted after the session ended comes back to the page it was on, not to its
    // action path (which answers no GET).
    const posted = await api
      .http()
      .post('/console/assessments/00000000-0000-4000-8000-000000000001/reopen')
      .set('cookie', `kk_session=${token}`)
      .set('origin', appOrigin(api))
      .type('form')
      .send('message=x')
      .expect(303);
    expect(posted.headers.location).toBe(
      '/login?next=%2Fconsole%2Fassessments%2F00000000-0000-4000-8000-000000000001&session=expired',
    );

    // A cookie that is not even a token counts as an ended session too.
    const garbage = await api.http().get('/dashboard').set('cookie', 'kk_session=garbage');
    expect(garbage.headers.location).toBe('/login?next=%2Fdashboard&session=expired');
  });

  it('says nothing about sessions to someone who never signed in', async () => {
    const redirect = await api.http().get('/dashboard').expect(303);
    expect(redirect.headers.location).toBe('/login?next=%2Fdashboard');
    const page = await api.http().get(redirect.headers.location).expect(200);
    expect(page.text).not.toContain(EXPIRED_JA);
    expect(page.text).not.toContain('data-testid="login-notice"');
  });
});
