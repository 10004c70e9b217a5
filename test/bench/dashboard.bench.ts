// Dashboard at scale: a scratch database seeded with 10,000 suppliers and 100,000 assessments
// (the `npm run seed` generator), the real api over HTTP, and the raw SQL aggregate the roll-up
// replaces (latest score per supplier from assessment_scores + status counts), in the same run.
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuthService } from '@kakehashi/auth';
import { dataSourceOptions, dropDatabase, prepareDatabase } from '@kakehashi/database';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { seedScale } from '../../apps/api/src/dashboard/seed/scale-seed';

const SUPPLIERS = Number(process.env.BENCH_SUPPLIERS ?? 10_000);
const ASSESSMENTS = Number(process.env.BENCH_ASSESSMENTS ?? 100_000);
const WARMUP = 30;
const RUNS = 300;
// The raw aggregate takes seconds at this scale; a few runs give its median.
const RAW_RUNS = 15;

/** What the summary endpoint would have to run without the supplier_risk roll-up. */
const RAW_SUMMARY = `
  WITH latest AS (
    SELECT DISTINCT ON (sc.supplier_id) sc.supplier_id, sc.tier, sc.directive_maturity AS d,
      sc.result->'securityAction'->>'declared' AS sa, (sc.result->'otasuketai'->>'uses')::boolean AS ota
    FROM assessment_scores sc WHERE sc.organization_id = $1 AND sc.status = 'scored'
    ORDER BY sc.supplier_id, sc.created_at DESC
  ),
  f AS (
    SELECT s.id, s.criticality, s.size_class, l.supplier_id AS rated, l.tier, l.d, l.sa, l.ota
    FROM suppliers s LEFT JOIN latest l ON l.supplier_id = s.id WHERE s.organization_id = $1
  )
  SELECT
    (SELECT count(*) FROM f) AS suppliers,
    (SELECT count(*) FILTER (WHERE tier = 'critical') FROM f) AS critical,
    (SELECT ARRAY[${Array.from({ length: 10 }, (_, i) => `avg(d[${i + 1}])`).join(', ')}] FROM f) AS directive_average,
    (SELECT count(*) FILTER (WHERE sa = 'star2') FROM f) AS star2,
    (SELECT count(*) FILTER (WHERE ota) FROM f) AS otasuketai,
    (SELECT count(*) FROM assessments a JOIN campaigns c ON c.id = a.campaign_id
      WHERE a.organization_id = $1 AND c.status <> 'draft') AS invited,
    (SELECT count(*) FROM assessments a JOIN campaigns c ON c.id = a.campaign_id
      WHERE a.organization_id = $1 AND a.status NOT IN ('submitted', 'scored')
        AND c.due_date < (now() AT TIME ZONE 'Asia/Tokyo')::date) AS overdue`;

/** The heatmap's first page without the roll-up: latest score per supplier, riskiest first. */
const RAW_HEATMAP = `
  SELECT s.id, s.name, s.criticality, l.tier, l.risk_score, l.directive_maturity, count(*) OVER () AS total
  FROM suppliers s LEFT JOIN LATERAL (
    SELECT sc.tier, sc.risk_score, sc.directive_maturity FROM assessment_scores sc
    WHERE sc.supplier_id = s.id ORDER BY sc.created_at DESC LIMIT 1) l ON true
  WHERE s.organization_id = $1
  ORDER BY l.risk_score DESC NULLS LAST, s.name LIMIT 50`;

interface Stats {
  median: number;
  p95: number;
}

function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  return { median: at(0.5), p95: at(0.95) };
}

async function time(work: () => Promise<unknown>, runs = RUNS, warmup = WARMUP): Promise<Stats> {
  for (let i = 0; i < warmup; i++) await work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await work();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return stats(samples);
}

const fmt = (s: Stats): string => `median ${s.median.toFixed(2)} ms, p95 ${s.p95.toFixed(2)} ms`;

export async function run(): Promise<void> {
  const base = new URL(
    process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  );
  base.pathname = `/kakehashi_bench_dashboard_${randomBytes(3).toString('hex')}`;
  const url = base.toString();
  await prepareDatabase(url);
  const saved = { ...process.env };
  const ds = await new DataSource(dataSourceOptions(url, { poolSize: 2 })).initialize();
  let app: Awaited<ReturnType<typeof createApiApp>> | undefined;
  try {
    const seeded = await seedScale(ds, { suppliers: SUPPLIERS, assessments: ASSESSMENTS });
    console.log(
      `seeded ${seeded.suppliers} suppliers, ${seeded.campaigns} campaigns, ${seeded.assessments} assessments, ` +
        `${seeded.scores} scores, ${seeded.findings} findings in ${seeded.seconds.toFixed(1)} s`,
    );
    const [ciso] = await ds.query<{ id: string; email: string }[]>(
      `SELECT id, email FROM users WHERE organization_id = $1 AND role = 'ciso'`,
      [seeded.organizationId],
    );

    Object.assign(process.env, {
      DATABASE_URL: url,
      NODE_ENV: 'test',
      LOG_LEVEL: 'error',
      QUEUE_PREFIX: `{kk-bench-${randomBytes(3).toString('hex')}}`,
    });
    app = await createApiApp();
    await app.listen(0, '127.0.0.1');
    const origin = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const token = await app.get(AuthService).issueToken({
      id: ciso.id,
      organizationId: seeded.organizationId,
      email: ciso.email,
      role: 'ciso',
    });
    const fetchJson = async (path: string): Promise<unknown> => {
      const response = await fetch(origin + path, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      return response.json();
    };

    const check = (await fetchJson('/api/v1/dashboard/summary')) as {
      suppliers: number;
      invited: number;
    };
    console.log(`summary answers ${check.suppliers} suppliers, ${check.invited} assessments`);
    const summary = await time(() => fetchJson('/api/v1/dashboard/summary'));
    const heatmap = await time(() => fetchJson('/api/v1/dashboard/suppliers'));
    const filtered = await time(() =>
      fetchJson('/api/v1/dashboard/summary?criticality=3&sizeClass=sme'),
    );
    const org = [seeded.organizationId];
    const rawSummary = await time(() => ds.query(RAW_SUMMARY, org), RAW_RUNS, 2);
    const rawHeatmap = await time(() => ds.query(RAW_HEATMAP, org));
    console.log(`GET /api/v1/dashboard/summary (HTTP):                 ${fmt(summary)}`);
    console.log(`GET /api/v1/dashboard/summary?criticality=3&sizeClass=sme: ${fmt(filtered)}`);
    console.log(`GET /api/v1/dashboard/suppliers (heatmap, HTTP):      ${fmt(heatmap)}`);
    console.log(`raw SQL summary aggregate over scores (no roll-up):   ${fmt(rawSummary)}`);
    console.log(`raw SQL heatmap page over scores (no roll-up):        ${fmt(rawHeatmap)}`);
    console.log(
      `(${RUNS} sequential requests each after ${WARMUP} warm-up, raw summary ${RAW_RUNS} runs; ` +
        `${SUPPLIERS} suppliers, ${ASSESSMENTS} assessments; load average ${loadavg()[0].toFixed(2)})`,
    );
    console.log(
      `bench dashboard: ours ${summary.median.toFixed(2)} ms (median summary), baseline ${rawSummary.median.toFixed(2)} ms (raw SQL aggregate), ratio ${(summary.median / rawSummary.median).toFixed(2)}`,
    );
  } finally {
    await app?.close();
    await ds.destroy();
    process.env = saved;
    await dropDatabase(url);
  }
}
