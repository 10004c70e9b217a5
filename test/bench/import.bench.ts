// Imports a generated 10,000-row supplier CSV through HTTP (the real api, a scratch database) and
// compares with the floor: a raw multi-row INSERT of the same suppliers and contacts with pg, in
// one transaction. Median of a few runs; each run uses a fresh tenant so every row is a create.
import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { dropDatabase, prepareDatabase } from '@kakehashi/database';
import { generatedRows, JA_HEADER, utf8WithBom } from '../fixtures/import/supplier-files';
import { createTestTenant, loginToken, startApi } from '../support/test-app';

const ROWS = 10_000;
const RUNS = 3;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function seconds(work: () => Promise<void>): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** The floor: the same rows as plain multi-row INSERTs (chunked under pg's parameter limit). */
async function rawInsert(client: Client, organizationId: string, rows: string[][]): Promise<void> {
  const sizeClass = (v: string) => (v === '中小企業' ? 'sme' : 'large');
  const yesNo = (v: string) => (v === '' ? null : v === 'はい' || v === 'yes');
  await client.query('BEGIN');
  for (let start = 0; start < rows.length; start += 4000) {
    const part = rows.slice(start, start + 4000);
    const ids = part.map(() => randomUUID());
    const supplierValues: unknown[] = [];
    const supplierTuples = part.map((r, i) => {
      const values = [
        ids[i],
        organizationId,
        r[0],
        r[1],
        sizeClass(r[2]),
        Number(r[3]),
        r[4],
        yesNo(r[8]),
        yesNo(r[9]),
        yesNo(r[10]),
      ];
      const base = supplierValues.length;
      supplierValues.push(...values);
      return `(${values.map((_, k) => `$${base + k + 1}`).join(',')})`;
    });
    await client.query(
      `INSERT INTO suppliers (id, organization_id, name, corporate_number, size_class, criticality,
         category, handles_confidential_data, outage_impact, network_access)
       VALUES ${supplierTuples.join(',')}`,
      supplierValues,
    );
    const contactValues: unknown[] = [];
    const contactTuples = part.map((r, i) => {
      const values = [organizationId, ids[i], r[5], r[6], r[7]];
      const base = contactValues.length;
      contactValues.push(...values);
      return `(${values.map((_, k) => `$${base + k + 1}`).join(',')}, true)`;
    });
    await client.query(
      `INSERT INTO supplier_contacts (organization_id, supplier_id, name, email, language, is_primary)
       VALUES ${contactTuples.join(',')}`,
      contactValues,
    );
  }
  await client.query('COMMIT');
}

export async function run(): Promise<void> {
  const tag = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const url = new URL(
    process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  );
  url.pathname = `/kakehashi_bench_import_${tag}`;
  const databaseUrl = url.toString();
  await prepareDatabase(databaseUrl);
  const api = await startApi({
    DATABASE_URL: databaseUrl,
    QUEUE_PREFIX: `{kk-bench-${tag}}`,
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    LOGIN_ATTEMPTS_PER_MINUTE_PER_IP: '1000',
  });
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const rows = generatedRows(ROWS, 700_000_000, 'bench');
    const file = utf8WithBom([JA_HEADER, ...rows]);
    const ours: number[] = [];
    const floor: number[] = [];
    let updateSeconds = 0;
    for (let runIndex = 0; runIndex < RUNS; runIndex++) {
      const tenant = await createTestTenant(api.dataSource, `bench${runIndex}`);
      const token = await loginToken(api, tenant.users.procurement.email);
      const upload = () =>
        api
          .http()
          .post('/api/v1/suppliers/import')
          .set('authorization', `Bearer ${token}`)
          .attach('file', file, 'suppliers.csv');
      ours.push(
        await seconds(async () => {
          const response = await upload();
          if (response.status !== 200 || response.body.created !== ROWS) {
            throw new Error(
              `import failed: ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`,
            );
          }
        }),
      );
      if (runIndex === 0) {
        updateSeconds = await seconds(async () => {
          const response = await upload();
          if (response.body.updated !== ROWS) throw new Error('re-import did not update every row');
        });
      }
      const baselineTenant = await createTestTenant(api.dataSource, `floor${runIndex}`);
      floor.push(await seconds(() => rawInsert(client, baselineTenant.organizationId, rows)));
    }
    const oursRate = ROWS / median(ours);
    const baselineRate = ROWS / median(floor);
    console.log(
      `import: ${ROWS} rows, ${(file.length / 1024 / 1024).toFixed(2)} MB CSV, median of ${RUNS}; ` +
        `HTTP import (create) ${median(ours).toFixed(2)} s, re-import (update) ${updateSeconds.toFixed(2)} s, ` +
        `raw multi-row INSERT ${median(floor).toFixed(2)} s`,
    );
    console.log(
      `bench import: ours ${Math.round(oursRate)} rows/s, baseline ${Math.round(baselineRate)} rows/s, ratio ${(oursRate / baselineRate).toFixed(2)}`,
    );
  } finally {
    await client.end();
    await api.close();
    await dropDatabase(databaseUrl);
  }
}
