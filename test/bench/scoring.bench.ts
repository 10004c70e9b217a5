// End-to-end scoring throughput: 10,000 answered assessments are submitted (assessment, outbox
// row and audit event, as the supplier's submit writes them; not its receipt mail, which is mail
// work) and go outbox -> relay -> BullMQ -> scoring processor -> PostgreSQL, in a scratch
// database and a disposable redis-server. Baseline:
// a bare BullMQ pipeline (10,000 no-op jobs added with addBulk, processed by a Worker) on the same
// Redis in the same run.
import { Queue, Worker } from 'bullmq';
import { DataSource } from 'typeorm';
import { dataSourceOptions, dropDatabase, prepareDatabase } from '@kakehashi/database';
import { createWorkerApp } from '../../apps/worker/src/bootstrap';
import { SCORING_CONCURRENCY } from '../../apps/worker/src/scoring/score-assessment.processor';
import { startRedis } from '../support/faults/redis-server';
import { CpuMeter } from './cpu-meter';
import {
  ANSWER_FIXTURES,
  createCampaign,
  createWorkerTenant,
  seedAssessments,
  submitSeeded,
} from '../support/scoring-factory';

const JOBS = 10_000;

async function baseline(redisUrl: string, redisPid: number): Promise<number> {
  const connection = { url: redisUrl };
  const queue = new Queue('noop', { connection, prefix: '{bench-baseline}' });
  let done = 0;
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const worker = new Worker('noop', async () => undefined, {
    connection,
    prefix: '{bench-baseline}',
    concurrency: SCORING_CONCURRENCY,
  });
  worker.on('completed', () => {
    if (++done === JOBS) finish();
  });
  const start = performance.now();
  const cpu = CpuMeter.start();
  for (let i = 0; i < JOBS; i += 1000) {
    await queue.addBulk(
      Array.from({ length: 1000 }, (_, n) => ({ name: 'noop', data: { n: i + n } })),
    );
  }
  await finished;
  const rate = JOBS / ((performance.now() - start) / 1000);
  console.log(`baseline ${cpu.report({ node: [process.pid], redis: [redisPid] }, JOBS)}`);
  await worker.close();
  await queue.close();
  return rate;
}

async function ours(databaseUrl: string, redisUrl: string, redisPid: number): Promise<number> {
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: '{bench-scoring}',
    LOG_LEVEL: 'warn',
    OUTBOX_POLL_INTERVAL_MS: '50',
  });
  const worker = await createWorkerApp();
  await worker.init();
  const db = await new DataSource(dataSourceOptions(databaseUrl, { poolSize: 2 })).initialize();
  try {
    const tenant = await createWorkerTenant(db, 'bench');
    const campaignId = await createCampaign(db, tenant, {
      dueDate: '2026-12-20',
      launchedAt: new Date(),
    });
    // Suppliers and their answered questionnaires exist before the clock starts; what is timed
    // is the submit (in transactions of 1,000, as the baseline adds its jobs) through to scored.
    const fixtures = Object.values(ANSWER_FIXTURES);
    const ids: string[] = [];
    for (const fixture of fixtures) {
      const count = JOBS / fixtures.length;
      const rows = await seedAssessments(db, {
        tenant,
        campaignId,
        count,
        fixture,
        answeredOnly: true,
      });
      ids.push(...rows.map((row) => row.id));
    }
    await db.query('VACUUM ANALYZE');
    const start = performance.now();
    const cpu = CpuMeter.start();
    for (let i = 0; i < ids.length; i += 1000) {
      await submitSeeded(db, tenant, ids.slice(i, i + 1000));
    }
    for (;;) {
      const [{ n }] = await db.query('SELECT count(*)::int AS n FROM assessment_scores');
      if (n >= JOBS) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const rate = JOBS / ((performance.now() - start) / 1000);
    const backends: { pid: number }[] = await db.query(
      'SELECT pid FROM pg_stat_activity WHERE datname = current_database()',
    );
    const postgres = backends.map((b) => b.pid);
    console.log(
      `ours     ${cpu.report({ node: [process.pid], redis: [redisPid], postgres }, JOBS)}`,
    );
    return rate;
  } finally {
    await db.destroy();
    await worker.close();
  }
}

export async function run(): Promise<void> {
  const base = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  base.pathname = `/kakehashi_bench_scoring_${Date.now().toString(36)}`;
  const databaseUrl = base.toString();
  await prepareDatabase(databaseUrl);
  const redis = await startRedis();
  try {
    const redisPid = Number(/process_id:(\d+)/.exec(await redis.client.info('server'))?.[1]);
    const baselineRate = await baseline(redis.url, redisPid);
    const oursRate = await ours(databaseUrl, redis.url, redisPid);
    const ratio = oursRate / baselineRate;
    console.log(
      `bench scoring: ours ${oursRate.toFixed(0)} scored/s, baseline ${baselineRate.toFixed(0)} jobs/s, ratio ${ratio.toFixed(2)}`,
    );
  } finally {
    await redis.close();
    await dropDatabase(databaseUrl);
  }
}
