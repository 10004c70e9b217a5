import IORedis from 'ioredis';
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
 * Two api replicas behind one load balancer: the login limits are counted in Redis, so
 * attempts spread over both are refused at the same count as on one replica.
 */
describe('login throttling shared by two api replicas (real Redis)', () => {
  const prefix = `{kk-test-throttle-${randomBytes(3).toString('hex')}}`;
  const replicas: TestApi[] = [];
  let tenant: TestTenant;

  beforeAll(async () => {
    const env = {
      QUEUE_PREFIX: prefix,
      // Behind the load balancer: the client address comes from X-Forwarded-For.
      TRUST_PROXY: 'true',
      LOGIN_ATTEMPTS_PER_MINUTE_PER_IP: '6',
      LOGIN_ATTEMPTS_PER_MINUTE_PER_ACCOUNT: '4',
    };
    replicas.push(await startApi(env), await startApi(env));
    tenant = await createTestTenant(replicas[0].dataSource, 'throttle');
  });
  afterAll(async () => {
    await Promise.all(replicas.map((api) => api.close()));
    await deleteQueueKeys(prefix);
  });

  /** Each attempt goes to the other replica, like round-robin balancing; `ip` is the client. */
  function attempt(n: number, ip: string, email: string, password = `guess-${n}`) {
    return replicas[n % 2]
      .http()
      .post('/api/v1/auth/login')
      .set('x-forwarded-for', ip)
      .send({ email, password });
  }

  it('refuses guesses on one account past the per-account limit, whichever replica answers', async () => {
    const statuses: number[] = [];
    const firstFailure = Date.now();
    for (let n = 0; n < 6; n++) {
      // A new client address every time: only the per-account limit applies.
      statuses.push((await attempt(n, `198.51.100.${n + 1}`, tenant.users.admin.email)).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);

    // The right password is refused on both replicas while the account is blocked.
    for (let n = 0; n < 2; n++) {
      const refused = await attempt(n, '198.51.100.50', tenant.users.admin.email, TEST_PASSWORD);
      expect(refused.status).toBe(429);
      // The rest of the minute that began with the first failure, however slowly the attempts ran.
      const left = 60 - Math.ceil((Date.now() - firstFailure) / 1000);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(left);
      expect(Number(refused.headers['retry-after-login-account'])).toBeGreaterThanOrEqual(left);
    }
    // Another account of the tenant is not affected.
    await attempt(0, '198.51.100.51', tenant.users.ciso.email, TEST_PASSWORD).expect(200);
  });

  it('refuses one client address spraying many accounts past the per-IP limit on both replicas', async () => {
    const statuses: number[] = [];
    for (let n = 0; n < 8; n++) {
      statuses.push((await attempt(n, '203.0.113.7', `sprayed-${n}@throttle.example`)).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429, 429]);
    // A legitimate user behind another address still logs in through either replica.
    await attempt(0, '203.0.113.8', tenant.users.procurement.email, TEST_PASSWORD).expect(200);
    await attempt(1, '203.0.113.8', tenant.users.procurement.email, TEST_PASSWORD).expect(200);
  });

  it('keeps the counters under the queue prefix, keyed by hashes rather than e-mail addresses', async () => {
    const redis = new IORedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    try {
      const keys = await redis.keys(`${prefix}:throttle:*`);
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys) {
        expect(key).not.toContain('@');
        expect(key.length).toBeLessThan(prefix.length + 120);
      }
    } finally {
      redis.disconnect();
    }
  });
});

describe('login throttling without a trusted proxy (the default)', () => {
  const prefix = `{kk-test-throttle-${randomBytes(3).toString('hex')}}`;
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi({ QUEUE_PREFIX: prefix, LOGIN_ATTEMPTS_PER_MINUTE_PER_IP: '3' });
  });
  afterAll(async () => {
    await api.close();
    await deleteQueueKeys(prefix);
  });

  it('counts a client by its connection, whatever X-Forwarded-For it sends', async () => {
    const statuses: number[] = [];
    for (let n = 0; n < 5; n++) {
      const response = await api
        .http()
        .post('/api/v1/auth/login')
        .set('x-forwarded-for', `203.0.113.${n + 1}`)
        .send({ email: `nobody-${n}@throttle.example`, password: 'guess' });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });
});
