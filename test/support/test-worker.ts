import { INestApplicationContext } from '@nestjs/common';
import { deleteQueueKeys } from './redis-keys';
import { randomBytes } from 'node:crypto';
import { dropDatabase, prepareDatabase } from '../../libs/database/src/prepare-database';
import { createWorkerApp } from '../../apps/worker/src/bootstrap';

export interface TestWorker {
  app: INestApplicationContext;
  close: () => Promise<void>;
}

/**
 * Boots the real worker (processors, outbox relay) in-process against this run's Postgres and
 * Redis; the overrides (SMTP_URL, OUTBOX_POLL_INTERVAL_MS, ...) apply while it is created.
 */
export async function startWorker(env: Record<string, string> = {}): Promise<TestWorker> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    const app = await createWorkerApp();
    await app.init();
    return { app, close: () => app.close() };
  } finally {
    process.env = saved;
  }
}

export interface IsolatedEnvironment {
  /** DATABASE_URL, QUEUE_PREFIX and DATA_DIR of a private, migrated database and queue. */
  env: Record<string, string>;
  drop: () => Promise<void>;
}

/**
 * A database and queue prefix of one test file's own. Needed when a file runs a worker with
 * its own settings (an SMTP sink): test files share the run's database, and any worker's
 * outbox relay would otherwise pick up, and send through its own sink, another file's jobs.
 * Pass `env` to both startApi and startWorker.
 */
export async function isolatedEnvironment(label: string): Promise<IsolatedEnvironment> {
  const tag = `${label.replace(/[^a-z0-9]/gi, '').toLowerCase()}_${randomBytes(3).toString('hex')}`;
  const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = `${url.pathname.replace(/^\//, '')}_${tag}`.replace(/^/, '/');
  const prefix = `{kk-test-${tag}}`;
  await prepareDatabase(url.toString());
  return {
    env: {
      DATABASE_URL: url.toString(),
      QUEUE_PREFIX: prefix,
      DATA_DIR: `${process.env.DATA_DIR ?? '/tmp/kakehashi-test'}-${tag}`,
    },
    drop: async () => {
      await dropDatabase(url.toString());
      await deleteQueueKeys(prefix);
    },
  };
}
