import IORedis from 'ioredis';
import { dropDatabase } from '../../libs/database/src/prepare-database';

export default async function globalTeardown(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (url?.includes('/kakehashi_test_')) await dropDatabase(url);
  const prefix = process.env.QUEUE_PREFIX;
  if (prefix?.startsWith('{kk-test-')) {
    const redis = new IORedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    try {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
        if (keys.length) await redis.unlink(...keys);
        cursor = next;
      } while (cursor !== '0');
    } finally {
      redis.disconnect();
    }
  }
}
