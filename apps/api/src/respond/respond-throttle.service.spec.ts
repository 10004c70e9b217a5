import { Logger } from '@nestjs/common';
import IORedis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { Environment } from '@kakehashi/config';
import { RateLimitStore } from '../common/rate-limit-store';
import { RespondThrottleService } from './respond-throttle.service';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A store on this run's Redis, under a prefix of this test's own. */
async function storeFor(
  prefix: string,
  redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
): Promise<RateLimitStore> {
  const env = Object.assign(new Environment(), { QUEUE_PREFIX: prefix, REDIS_URL: redisUrl });
  const store = new RateLimitStore(env);
  await store.onModuleInit();
  return store;
}

describe('RespondThrottleService (real Redis)', () => {
  const stores: RateLimitStore[] = [];
  let prefix: string;
  const service = async (redisUrl?: string) => {
    const store = await storeFor(prefix, redisUrl);
    stores.push(store);
    return new RespondThrottleService(store);
  };

  beforeEach(() => {
    prefix = `{kk-unit-${randomBytes(4).toString('hex')}}`;
  });
  afterEach(() => {
    stores.splice(0).forEach((store) => store.onModuleDestroy());
  });

  it('allows up to the limit per window and key, then answers 429 until the window passes', async () => {
    const throttle = await service();
    for (let i = 0; i < 3; i++) expect(await throttle.allow('a', 3, 600)).toBe(true);
    expect(await throttle.allow('a', 3, 600)).toBe(false);
    expect(await throttle.allow('b', 3, 600)).toBe(true);
    await expect(throttle.hit('a', 3, 600)).rejects.toMatchObject({ status: 429 });
    await sleep(700);
    expect(await throttle.allow('a', 3, 600)).toBe(true);
    await expect(throttle.hit('a', 3, 600)).resolves.toBeUndefined();
  });

  it('counts one limit across api replicas', async () => {
    const [first, second] = [await service(), await service()];
    expect(await first.allow('link', 2, 10_000)).toBe(true);
    expect(await second.allow('link', 2, 10_000)).toBe(true);
    expect(await first.allow('link', 2, 10_000)).toBe(false);
    expect(await second.allow('link', 2, 10_000)).toBe(false);
  });

  it('keeps counters under the queue prefix, keyed by a hash: no link token is stored', async () => {
    const throttle = await service();
    const token = `token:${'x'.repeat(2000)}-raw-link-token`;
    expect(await throttle.allow(token, 1, 10_000)).toBe(true);
    const redis = new IORedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    try {
      const keys = await redis.keys(`${prefix}:*`);
      expect(keys).toHaveLength(1);
      expect(keys[0]).toMatch(/^\{kk-unit-[0-9a-f]+\}:throttle:respond:[0-9a-f]{64}$/);
      expect(await redis.pttl(keys[0])).toBeGreaterThan(9_000);
    } finally {
      redis.disconnect();
    }
  });

  it('lets every hit through, without waiting, while Redis is unreachable, and says so once', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      const throttle = await service('redis://127.0.0.1:1');
      const started = Date.now();
      for (let i = 0; i < 5; i++) expect(await throttle.allow('a', 1, 60_000)).toBe(true);
      await expect(throttle.hit('a', 1, 60_000)).resolves.toBeUndefined();
      expect(Date.now() - started).toBeLessThan(500);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('Redis unreachable'));
    } finally {
      warn.mockRestore();
    }
  });
});
