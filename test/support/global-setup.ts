import { randomBytes } from 'node:crypto';
import { prepareDatabase } from '../../libs/database/src/prepare-database';

/**
 * One fresh database and one Redis key prefix per test run, so two runs never collide.
 * Variables set here are inherited by the jest workers.
 */
export default async function globalSetup(): Promise<void> {
  const run = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const base = new URL(
    process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  );
  base.pathname = `/kakehashi_test_${run}`;
  process.env.DATABASE_URL = base.toString();
  process.env.QUEUE_PREFIX = `{kk-test-${run}}`;
  process.env.REDIS_URL ??= 'redis://127.0.0.1:6379';
  process.env.NODE_ENV = 'test';
  process.env.LOG_LEVEL ??= 'error';
  process.env.DATA_DIR = `/tmp/kakehashi-test-${run}`;
  await prepareDatabase(process.env.DATABASE_URL);
}
