import { randomBytes } from 'node:crypto';
import IORedis from 'ioredis';
import { Environment } from '@kakehashi/config';
import { RateLimitStore } from '../common/rate-limit-store';
import { isRetryAfter, LoginSlot, LoginThrottle } from './login-throttle';

describe('LoginThrottle (real Redis)', () => {
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `{kk-unit-login-${randomBytes(4).toString('hex')}}`;
  const stores: RateLimitStore[] = [];
  const throttle = async (url = redisUrl) => {
    const env = Object.assign(new Environment(), {
      QUEUE_PREFIX: prefix,
      REDIS_URL: url,
      LOGIN_ATTEMPTS_PER_MINUTE_PER_IP: 100,
      LOGIN_ATTEMPTS_PER_MINUTE_PER_ACCOUNT: 2,
    });
    const store = new RateLimitStore(env);
    await store.onModuleInit();
    stores.push(store);
    return new LoginThrottle(env, store);
  };
  afterAll(async () => {
    stores.forEach((s) => s.onModuleDestroy());
    const redis = new IORedis(redisUrl);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  const email = () => `user-${randomBytes(4).toString('hex')}@example.com`;

  it('holds a slot per attempt in flight, so parallel attempts never overshoot the limit', async () => {
    const [one, two] = [await throttle(), await throttle()];
    const account = email();
    const taken = await Promise.all(
      Array.from({ length: 6 }, (_, n) =>
        (n % 2 ? one : two).take({ ip: `10.0.0.${n}`, email: account }),
      ),
    );
    expect(taken.filter((t) => !isRetryAfter(t))).toHaveLength(2);
    const refused = taken.find(isRetryAfter);
    expect(Object.keys(refused?.limits ?? {})).toEqual(['login-account']);
    expect(refused?.seconds).toBeGreaterThan(55);
    expect(refused?.seconds).toBeLessThanOrEqual(60);
  });

  it('gives the slot back after a success and keeps it after a failure', async () => {
    const t = await throttle();
    const account = email();
    const attempt = () => t.take({ ip: '10.0.1.1', email: account.toUpperCase() });
    for (let n = 0; n < 5; n++) {
      const slot = (await attempt()) as LoginSlot;
      expect(isRetryAfter(slot)).toBe(false);
      await t.settle(slot, { failed: false });
    }
    await t.settle((await attempt()) as LoginSlot, { failed: true });
    await t.settle((await attempt()) as LoginSlot, { failed: true });
    expect(isRetryAfter(await attempt())).toBe(true);
  });

  it('lets every attempt through while Redis cannot be reached', async () => {
    const t = await throttle('redis://127.0.0.1:1');
    for (let n = 0; n < 5; n++) {
      const slot = await t.take({ ip: '10.0.2.1', email: 'someone@example.com' });
      expect(slot).toEqual({ keys: [] });
      await t.settle(slot as LoginSlot, { failed: true });
    }
  });
});
