// Launches a 10,000-supplier campaign against an in-process SMTP sink and times it until the
// last invitation is accepted: the real worker (outbox relay, fan-out, mail processor with link
// tokens, rendering and delivery records) in this process, on a scratch database dropped at the
// end. Baseline: raw pooled nodemailer (same pool options) sending 10,000 messages of the same
// shape to the same sink. Both use the same sink; the rate limit is lifted for both.
import IORedis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { createTransport } from 'nodemailer';
import { DataSource } from 'typeorm';
import { AuditService, dropDatabase, prepareDatabase } from '@kakehashi/database';
import { formatDueDate, MailRenderer, smtpPoolOptions, tokyoToday } from '@kakehashi/mail';
import { OutboxService } from '@kakehashi/queue';
import { LaunchCampaignUseCase } from '../../apps/api/src/campaigns/launch-campaign.use-case';
import { Worker } from 'node:worker_threads';
import { startWorker } from '../support/test-worker';

const SUPPLIERS = 10_000;

interface BenchSink {
  url: string;
  readonly accepted: number;
  waitFor: (count: number, timeoutMs: number) => Promise<void>;
  close: () => Promise<void>;
}

/**
 * The sink runs in its own thread, as a real mail server would run in its own process: on
 * the worker's event loop it would slow every SMTP round trip by the worker's own work.
 */
const SINK_THREAD = `
const { parentPort } = require('node:worker_threads');
const { SMTPServer } = require('smtp-server');
let accepted = 0;
const server = new SMTPServer({
  authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
  onData(stream, _session, callback) {
    stream.on('data', () => undefined);
    stream.on('end', () => { accepted += 1; callback(); if (accepted % 50 === 0) parentPort.postMessage(accepted); });
  },
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.server.address().port }));
setInterval(() => parentPort.postMessage(accepted), 20).unref();
parentPort.on('message', () => server.close(() => process.exit(0)));
`;

async function startBenchSink(): Promise<BenchSink> {
  const thread = new Worker(SINK_THREAD, { eval: true });
  let accepted = 0;
  const port = await new Promise<number>((resolve) =>
    thread.on('message', (message: number | { port: number }) => {
      if (typeof message === 'number') accepted = Math.max(accepted, message);
      else resolve(message.port);
    }),
  );
  return {
    url: `smtp://127.0.0.1:${port}`,
    get accepted() {
      return accepted;
    },
    async waitFor(count, timeoutMs) {
      const started = Date.now();
      while (accepted < count) {
        if (Date.now() - started > timeoutMs) throw new Error(`sink: ${accepted} of ${count}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    close: async () => {
      thread.postMessage('close');
      await new Promise((resolve) => thread.once('exit', resolve));
    },
  };
}
const RATE = 1_000_000;

async function baseline(sink: BenchSink): Promise<number> {
  const transport = createTransport(smtpPoolOptions({ url: sink.url, ratePerSecond: RATE }));
  const rendered = new MailRenderer().render({
    kind: 'invitation',
    locale: 'ja',
    data: {
      recipientName: '担当者 1',
      organizationName: 'ベンチ工業株式会社',
      senderName: '調達部',
      supplierName: 'サプライヤー1 株式会社',
      campaignName: 'ベンチマーク調査',
      dueDate: formatDueDate(tokyoToday(), 'ja'),
      link: `http://localhost:3000/q/${randomBytes(32).toString('base64url')}`,
      message: null,
    },
  });
  const start = sink.accepted;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: SUPPLIERS }, (_, i) =>
      transport.sendMail({
        from: { name: '調達部', address: 'no-reply@kakehashi.example' },
        to: { name: `担当者 ${i + 1}`, address: `contact-${i + 1}@bench.example.jp` },
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
      }),
    ),
  );
  await sink.waitFor(start + SUPPLIERS, 120_000);
  const seconds = (performance.now() - t0) / 1000;
  transport.close();
  return seconds;
}

async function seed(
  dataSource: DataSource,
): Promise<{ organizationId: string; userId: string; campaignId: string }> {
  const [org] = await dataSource.query<{ id: string }[]>(
    `INSERT INTO organizations (name, slug) VALUES ('ベンチ工業株式会社', 'bench') RETURNING id`,
  );
  const [user] = await dataSource.query<{ id: string }[]>(
    `INSERT INTO users (organization_id, email, display_name, role, password_hash)
     VALUES ($1, 'procurement@bench.example', '調達 太郎', 'procurement', 'x') RETURNING id`,
    [org.id],
  );
  const index = Array.from({ length: SUPPLIERS }, (_, i) => i + 1);
  const suppliers = await dataSource.query<{ id: string }[]>(
    `INSERT INTO suppliers (organization_id, name)
     SELECT $1, 'サプライヤー' || n || ' 株式会社' FROM unnest($2::int[]) AS n ORDER BY n RETURNING id`,
    [org.id, index],
  );
  await dataSource.query(
    `INSERT INTO supplier_contacts (organization_id, supplier_id, name, email, language, is_primary)
     SELECT $1, s.id, '担当者 ' || s.n, 'contact-' || s.n || '@bench.example.jp',
            CASE WHEN s.n % 5 = 0 THEN 'en' ELSE 'ja' END, true
       FROM unnest($2::uuid[]) WITH ORDINALITY AS s(id, n)`,
    [org.id, suppliers.map((s) => s.id)],
  );
  const [campaign] = await dataSource.query<{ id: string }[]>(
    `INSERT INTO campaigns (organization_id, name, catalog_version, due_date, reminder_policy, sender_name, owner_id, draft_supplier_ids)
     VALUES ($1, 'ベンチマーク調査', 'meti-v3.0+sa-3.1', $2::date + 30, $3, '調達部', $4, $5::uuid[]) RETURNING id`,
    [
      org.id,
      tokyoToday(),
      JSON.stringify({
        beforeDays: [7, 3, 1],
        overdueEveryDays: 3,
        escalateAfterOverdue: 2,
      }),
      user.id,
      suppliers.map((s) => s.id),
    ],
  );
  return { organizationId: org.id, userId: user.id, campaignId: campaign.id };
}

export async function run(): Promise<void> {
  const tag = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const base = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/kakehashi');
  base.pathname = `/kakehashi_bench_fanout_${tag}`;
  const databaseUrl = base.toString();
  const prefix = `{kk-bench-${tag}}`;
  await prepareDatabase(databaseUrl);
  const sink = await startBenchSink();
  let worker: Awaited<ReturnType<typeof startWorker>> | undefined;
  try {
    // The baseline runs before and after ours and is averaged: this machine is shared, and
    // its load drifts during a run.
    const baselineBefore = await baseline(sink);

    worker = await startWorker({
      DATABASE_URL: databaseUrl,
      QUEUE_PREFIX: prefix,
      SMTP_URL: sink.url,
      MAIL_RATE_PER_SECOND: String(RATE),
      OUTBOX_POLL_INTERVAL_MS: '50',
      NODE_ENV: 'test',
      LOG_LEVEL: 'error',
      DATA_DIR: `/tmp/kakehashi-bench-${tag}`,
    });
    const dataSource = worker.app.get(DataSource);
    const ids = await seed(dataSource);
    const launch = new LaunchCampaignUseCase(
      dataSource,
      worker.app.get(OutboxService),
      worker.app.get(AuditService, { strict: false }),
    );
    const start = sink.accepted;
    const cpu0 = process.cpuUsage();
    const elu0 = performance.eventLoopUtilization();
    const t0 = performance.now();
    await launch.execute(
      {
        id: ids.userId,
        organizationId: ids.organizationId,
        email: 'procurement@bench.example',
        role: 'procurement',
      },
      ids.campaignId,
    );
    await sink.waitFor(start + SUPPLIERS, 300_000);
    const oursSeconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const elu = performance.eventLoopUtilization(elu0);
    console.log(
      `worker process during ours: cpu ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, event loop busy ${(elu.utilization * 100).toFixed(0)}%`,
    );
    // Give the last delivery records a moment, then check nothing went twice or missing.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const [counts] = await dataSource.query<{ sent: number; total: number }[]>(
      `SELECT count(*) FILTER (WHERE status = 'sent')::int AS sent, count(*)::int AS total
         FROM mail_messages WHERE campaign_id = $1`,
      [ids.campaignId],
    );
    const [phases] = await dataSource.query<Record<string, number>[]>(
      `SELECT extract(epoch FROM max(m.created_at) - c.launched_at)::float AS "fanOutDone",
              extract(epoch FROM max(o.relayed_at) - c.launched_at)::float AS "relayDone",
              extract(epoch FROM min(m.sent_at) - c.launched_at)::float AS "firstSent",
              extract(epoch FROM max(m.sent_at) - c.launched_at)::float AS "lastSent"
         FROM campaigns c
         JOIN mail_messages m ON m.campaign_id = c.id
         JOIN outbox o ON o.payload ->> 'mailMessageId' = m.id::text
        WHERE c.id = $1 GROUP BY c.launched_at`,
      [ids.campaignId],
    );
    console.log(
      `phases after launch (s): ${Object.entries(phases)
        .map(([k, v]) => `${k} ${Number(v).toFixed(2)}`)
        .join(', ')}`,
    );
    const acceptedByOurs = sink.accepted - start;
    const baselineAfter = await baseline(sink);
    const baselineSeconds = (baselineBefore + baselineAfter) / 2;
    const ours = SUPPLIERS / oursSeconds;
    const raw = SUPPLIERS / baselineSeconds;
    console.log(
      `baseline (raw pooled nodemailer): ${SUPPLIERS} messages in ${baselineBefore.toFixed(2)} s ` +
        `before ours and ${baselineAfter.toFixed(2)} s after`,
    );
    console.log(
      `ours (launch -> fan-out -> send-mail -> accepted): ${SUPPLIERS} messages in ${oursSeconds.toFixed(2)} s; ` +
        `rows sent ${counts.sent}/${counts.total}, sink accepted ${acceptedByOurs}`,
    );
    console.log(
      `bench fanout: ours ${ours.toFixed(0)} msgs/s, baseline ${raw.toFixed(0)} msgs/s, ratio ${(ours / raw).toFixed(2)}`,
    );
  } finally {
    await worker?.close();
    await sink.close();
    await dropDatabase(databaseUrl);
    const redis = new IORedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
    redis.disconnect();
  }
}
