import { randomBytes } from 'node:crypto';
import { Environment } from '@kakehashi/config';
import { RateLimitStore } from '../common/rate-limit-store';
import { RedisThrottlerStorage } from './throttles';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('RedisThrottlerStorage (real Redis)', () => {
  const stores: RateLimitStore[] = [];
  const prefix = `{kk-unit-${randomBytes(4).toString('hex')}}`;
  const storage = async () => {
    const env = Object.assign(new Environment(), {
      QUEUE_PREFIX: prefix,
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    });
    const store = new RateLimitStore(env);
    await store.onModuleInit();
    stores.push(store);
    return new RedisThrottlerStorage(store);
  };
  afterAll(() => stores.forEach((store) => store.onModuleDestroy()));

  it('blocks the hit past the limit for the block duration on every replica, then counts anew', async () => {
    const [first, second] = [await storage(), await storage()];
    const key = `login-${randomBytes(4).toString('hex')}`;
    const hit = (s: RedisThrottlerStorage) => s.increment(key, 60_000, 2, 700, 'login-account');

    expect(await hit(first)).toMatchObject({ totalHits: 1, isBlocked: false, timeToExpire: 60 });
    expect(await hit(second)).toMatchObject({ totalHits: 2, isBlocked: false });
    expect(await hit(first)).toMatchObject({ isBlocked: true, timeToBlockExpire: 1 });
    expect(await hit(second)).toMatchObject({ isBlocked: true });

    await sleep(800);
    expect(await hit(second)).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('keeps apart the counters of processes configured with different limits', async () => {
    const shared = await storage();
    const key = `login-${randomBytes(4).toString('hex')}`;
    expect(await shared.increment(key, 60_000, 1, 60_000, 'login-ip')).toMatchObject({
      isBlocked: false,
    });
    expect(await shared.increment(key, 60_000, 1, 60_000, 'login-ip')).toMatchObject({
      isBlocked: true,
    });
    // A process allowing 1000 attempts does not inherit the block of one allowing 1.
    expect(await shared.increment(key, 60_000, 1000, 60_000, 'login-ip')).toMatchObject({
      totalHits: 1,
      isBlocked: false,
    });
  });
});
