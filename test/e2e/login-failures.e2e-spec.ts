import { randomBytes } from 'node:crypto';
import { deleteQueueKeys } from '../support/redis-keys';
import {
  createTestTenant,
  startApi,
  TestApi,
  TestTenant,
  TEST_PASSWORD,
} from '../support/test-app';

/**
 * Login throttling counts failed attempts only: people signing in successfully, however many
 * and from however few addresses, are never refused; guessing still is, with Retry-After.
 */
describe('login throttling counts failures only (real Redis)', () => {
  const prefix = `{kk-test-login-failures-${randomBytes(3).toString('hex')}}`;
  let api: TestApi;
  let tenant: TestTenant;

  beforeAll(async () => {
    api = await startApi({
      QUEUE_PREFIX: prefix,
      TRUST_PROXY: 'true',
      LOGIN_ATTEMPTS_PER_MINUTE_PER_IP: '6',
      LOGIN_ATTEMPTS_PER_MINUTE_PER_ACCOUNT: '3',
    });
    tenant = await createTestTenant(api.dataSource, 'login-failures');
  });
  afterAll(async () => {
    await api.close();
    await deleteQueueKeys(prefix);
  });

  const attempt = (ip: string, email: string, password: string) =>
    api.http().post('/api/v1/auth/login').set('x-forwarded-for', ip).send({ email, password });

  it('lets one account sign in many times a minute, from one address, past both limits', async () => {
    const statuses: number[] = [];
    for (let n = 0; n < 10; n++) {
      statuses.push((await attempt('192.0.2.10', tenant.users.ciso.email, TEST_PASSWORD)).status);
    }
    expect(statuses).toEqual(Array(10).fill(200));
  });

  it('lets an office behind one address sign everyone in, then still stops guessing from it', async () => {
    const office = '192.0.2.20';
    for (const role of ['admin', 'procurement', 'ciso', 'auditor'] as const) {
      await attempt(office, tenant.users[role].email, TEST_PASSWORD).expect(200);
      await attempt(office, tenant.users[role].email, TEST_PASSWORD).expect(200);
    }
    const statuses: number[] = [];
    for (let n = 0; n < 8; n++) {
      statuses.push((await attempt(office, `nobody-${n}@login-failures.example`, 'guess')).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429, 429]);
  });

  it('answers 429 with a standard Retry-After in seconds once an account has had its failures', async () => {
    const email = tenant.users.procurement.email;
    const firstFailure = Date.now();
    for (let n = 0; n < 3; n++) {
      await attempt(`192.0.2.${30 + n}`, email, `guess-${n}`).expect(401);
    }
    const refused = await attempt('192.0.2.40', email, TEST_PASSWORD).expect(429);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    // The rest of the minute that began with the first failure, however slowly the attempts ran.
    expect(retryAfter).toBeGreaterThanOrEqual(60 - Math.ceil((Date.now() - firstFailure) / 1000));
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(Number(refused.headers['retry-after-login-account'])).toBe(retryAfter);
    expect(refused.body).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: 'Too many login attempts; wait a minute and try again',
    });
  });

  it('does not wipe earlier failures when the owner signs in (no fresh allowance for a guesser)', async () => {
    const email = tenant.users.auditor.email;
    await attempt('192.0.2.50', email, 'guess-1').expect(401);
    await attempt('192.0.2.51', email, 'guess-2').expect(401);
    await attempt('192.0.2.52', email, TEST_PASSWORD).expect(200);
    await attempt('192.0.2.53', email, 'guess-3').expect(401);
    await attempt('192.0.2.54', email, TEST_PASSWORD).expect(429);
  });

  it('answers a malformed body with a 400 naming the field, costing no attempt', async () => {
    const email = tenant.users.ciso.email;
    const send = (body: object) =>
      api.http().post('/api/v1/auth/login').set('x-forwarded-for', '192.0.2.60').send(body);
    // Past both limits (3 per account, 6 per address), were any of them counted.
    for (let n = 0; n < 4; n++) {
      const blank = await send({ email, password: '' }).expect(400);
      expect(blank.body.message).toContain('password');
      const extra = await send({ email, password: `guess-${n}`, remember: true }).expect(400);
      expect(extra.body.message).toBe('property remember should not exist');
    }
    await attempt('192.0.2.60', email, TEST_PASSWORD).expect(200);
  });

  it('refuses credentials posted as a form (what another site could send): 415, no cookie', async () => {
    for (const type of ['form', 'text'] as const) {
      const forged = await api
        .http()
        .post('/api/v1/auth/login')
        .set('origin', 'https://evil.example')
        .type(type)
        .send(
          type === 'form'
            ? `email=${encodeURIComponent(tenant.users.auditor.email)}&password=${TEST_PASSWORD}`
            : JSON.stringify({ email: tenant.users.auditor.email, password: TEST_PASSWORD }),
        )
        .expect(415);
      expect(forged.body.message).toBe('send the credentials as application/json');
      expect(forged.headers['set-cookie']).toBeUndefined();
    }
  });

  it('does not let a burst of parallel guesses past the account limit', async () => {
    const email = tenant.users.admin.email;
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, n) => attempt(`198.51.100.${n + 1}`, email, `guess-${n}`)),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([...Array(3).fill(401), ...Array(9).fill(429)]);
  });
});
