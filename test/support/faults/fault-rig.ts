import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@kakehashi/database';
import {
  ANSWER_FIXTURES,
  createCampaign,
  createWorkerTenant,
  seedAssessments,
} from '../scoring-factory';
import { DisposableRedis, startRedis } from './redis-server';
import { createScratchDatabase, ScratchDatabase } from './scratch-database';
import { startTcpProxy, TcpProxy } from './tcp-proxy';
import { spawnWorker, waitUntil, WorkerProcess } from './worker-process';

/**
 * Everything a fault test breaks, of its own: a scratch database reached through a cuttable TCP
 * proxy, a redis-server on a free port, and real worker processes pointed at both.
 */
export interface FaultRig {
  db: DataSource;
  redis: DisposableRedis;
  proxy: TcpProxy;
  scratch: ScratchDatabase;
  workerEnv: Record<string, string>;
  /** Writes `count` submitted assessments and their scoring outbox rows. */
  submit: (count: number) => Promise<string[]>;
  spawn: (env?: Record<string, string>) => WorkerProcess;
  scored: () => Promise<number>;
  /** Assessments with more than one score row (must stay 0). */
  scoredTwice: () => Promise<number>;
  waitForScored: (count: number, timeoutMs: number) => Promise<void>;
  close: () => Promise<void>;
}

export async function startFaultRig(label: string): Promise<FaultRig> {
  const scratch = await createScratchDatabase(label);
  const db = await new DataSource(dataSourceOptions(scratch.url, { poolSize: 3 })).initialize();
  const redis = await startRedis();
  const target = new URL(scratch.url);
  const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  const viaProxy = new URL(scratch.url);
  viaProxy.hostname = '127.0.0.1';
  viaProxy.port = String(proxy.port);
  const workerEnv = {
    DATABASE_URL: viaProxy.toString(),
    REDIS_URL: redis.url,
    QUEUE_PREFIX: '{kk-fault}',
    NODE_ENV: 'test',
    OUTBOX_POLL_INTERVAL_MS: '50',
    OUTBOX_SWEEP_INTERVAL_MS: '1000',
    OUTBOX_SWEEP_AFTER_MS: '2000',
  };
  const tenant = await createWorkerTenant(db, label);
  const campaignId = await createCampaign(db, tenant, {
    dueDate: '2026-12-20',
    launchedAt: new Date('2026-11-20T01:00:00Z'),
  });
  const workers: WorkerProcess[] = [];
  const scored = async (): Promise<number> =>
    (await db.query('SELECT count(DISTINCT assessment_id)::int AS n FROM assessment_scores'))[0].n;
  return {
    db,
    redis,
    proxy,
    scratch,
    workerEnv,
    submit: async (count) => {
      const rows = await seedAssessments(db, {
        tenant,
        campaignId,
        count,
        fixture: ANSWER_FIXTURES.smeStarOtasuketai,
      });
      return rows.map((row) => row.id);
    },
    spawn: (env = {}) => {
      const worker = spawnWorker({ ...workerEnv, ...env });
      workers.push(worker);
      return worker;
    },
    scored,
    scoredTwice: async () =>
      (
        await db.query(
          `SELECT count(*)::int AS n FROM (SELECT assessment_id FROM assessment_scores
            GROUP BY assessment_id HAVING count(*) > 1) d`,
        )
      )[0].n,
    waitForScored: (count, timeoutMs) =>
      waitUntil(async () => (await scored()) >= count, {
        timeoutMs,
        what: `${count} scored assessments`,
      }),
    close: async () => {
      for (const worker of workers) {
        if (worker.child.exitCode === null && worker.child.signalCode === null) {
          worker.signal('SIGKILL');
          await worker.exited;
        }
      }
      await db.destroy();
      await proxy.close();
      await redis.close();
      await scratch.drop();
    },
  };
}
