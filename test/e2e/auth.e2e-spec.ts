import {
  createTestTenant,
  loginToken,
  startApi,
  TestApi,
  TestTenant,
  TEST_PASSWORD,
} from '../support/test-app';

describe('buyer login and roles (real Postgres and Redis)', () => {
  let api: TestApi;
  let tenant: TestTenant;
  let other: TestTenant;

  beforeAll(async () => {
    api = await startApi({ LOGIN_ATTEMPTS_PER_MINUTE_PER_IP: '1000' });
    tenant = await createTestTenant(api.dataSource, 'auth');
    other = await createTestTenant(api.dataSource, 'auth-other');
  });
  afterAll(() => api.close());

  it('logs in with the right password: a JWT and an httpOnly, SameSite session cookie', async () => {
    const response = await api
      .http()
      .post('/api/v1/auth/login')
      .send({ email: tenant.users.ciso.email.toUpperCase(), password: TEST_PASSWORD })
      .expect(200);
    expect(response.body.accessToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/^kk_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it('answers a wrong password and an unknown email with the same 401, and audits both', async () => {
    const wrong = await api
      .http()
      .post('/api/v1/auth/login')
      .send({ email: tenant.users.procurement.email, password: 'not-the-password' })
      .expect(401);
    const unknown = await api
      .http()
      .post('/api/v1/auth/login')
      .send({ email: 'nobody@nowhere.example', password: 'not-the-password' })
      .expect(401);
    expect(wrong.body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'Invalid email or password',
    });
    expect(unknown.body).toEqual(wrong.body);

    const token = await loginToken(api, tenant.users.auditor.email);
    const events = await api
      .http()
      .get('/api/v1/audit-events?action=auth.login_failed')
      .set('authorization', `Bearer ${token}`)
      .expect(200);
    expect(events.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'auth.login_failed',
          targetId: tenant.users.procurement.id,
        }),
      ]),
    );
  });

  it('names the bad field when the body is malformed', async () => {
    const response = await api
      .http()
      .post('/api/v1/auth/login')
      .send({ email: 'not an email', password: 'x' })
      .expect(400);
    expect(response.body.message).toContain('email');
  });

  it('throttles repeated attempts on one account with 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      const response = await api
        .http()
        .post('/api/v1/auth/login')
        .send({ email: other.users.admin.email, password: `guess-${i}` });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    // The right password is refused too while the account is throttled.
    await api
      .http()
      .post('/api/v1/auth/login')
      .send({ email: other.users.admin.email, password: TEST_PASSWORD })
      .expect(429);
  });

  it('refuses /me without a token and answers it with one (header or cookie)', async () => {
    const anonymous = await api.http().get('/api/v1/me').expect(401);
    expect(anonymous.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });

    const token = await loginToken(api, tenant.users.ciso.email);
    const me = await api
      .http()
      .get('/api/v1/me')
      .set('authorization', `Bearer ${token}`)
      .expect(200);
    expect(me.body).toMatchObject({
      id: tenant.users.ciso.id,
      email: tenant.users.ciso.email,
      role: 'ciso',
      organizationId: tenant.organizationId,
    });
    const viaCookie = await api
      .http()
      .get('/api/v1/me')
      .set('cookie', `kk_session=${token}`)
      .expect(200);
    expect(viaCookie.body.id).toBe(tenant.users.ciso.id);

    await api.http().get('/api/v1/me').set('authorization', `Bearer ${token}x`).expect(401);
  });

  it('refuses a lower role with 403 and shows each tenant only its own events', async () => {
    const procurement = await loginToken(api, tenant.users.procurement.email);
    const refused = await api
      .http()
      .get('/api/v1/audit-events')
      .set('authorization', `Bearer ${procurement}`)
      .expect(403);
    expect(refused.body.message).toContain('admin');

    const admin = await loginToken(api, tenant.users.admin.email);
    const events = await api
      .http()
      .get('/api/v1/audit-events')
      .set('authorization', `Bearer ${admin}`)
      .expect(200);
    const targets = (events.body.items as { targetId: string }[]).map((e) => e.targetId);
    expect(targets).toContain(tenant.users.admin.id);
    expect(targets).not.toContain(other.users.admin.id);
  });
});
