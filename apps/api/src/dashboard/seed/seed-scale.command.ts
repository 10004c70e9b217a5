import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { dataSourceOptions, prepareDatabase } from '@kakehashi/database';
import { seedScale } from './scale-seed';

export const SEED_SCALE_USAGE =
  'seed-scale --suppliers <n> --assessments <m> [--password <pw>]   fill a new tenant (スケール検証株式会社) for load tests';

/** `npm run seed -- --suppliers 10000 --assessments 100000` (CLI command `seed-scale`). */
export async function runSeedScale(databaseUrl: string, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      suppliers: { type: 'string', default: '10000' },
      assessments: { type: 'string', default: '100000' },
      password: { type: 'string' },
    },
  });
  const suppliers = Number(values.suppliers);
  const assessments = Number(values.assessments);
  if (
    !Number.isInteger(suppliers) ||
    suppliers < 1 ||
    !Number.isInteger(assessments) ||
    assessments < 0
  ) {
    console.error(
      `seed-scale: --suppliers must be a positive integer and --assessments a non-negative one\nusage: ${SEED_SCALE_USAGE}`,
    );
    return 2;
  }
  await prepareDatabase(databaseUrl);
  const ds = await new DataSource(dataSourceOptions(databaseUrl, { poolSize: 2 })).initialize();
  try {
    const r = await seedScale(ds, { suppliers, assessments, password: values.password });
    console.log(
      `seeded organization ${r.organizationId} in ${r.seconds.toFixed(1)} s: ${r.suppliers} suppliers, ` +
        `${r.campaigns} campaigns, ${r.assessments} assessments, ${r.scores} scores, ${r.findings} findings`,
    );
    for (const user of r.users) console.log(`  ${user.role.padEnd(11)} ${user.email}`);
    console.log(`  password    ${r.password}`);
    return 0;
  } finally {
    await ds.destroy();
  }
}
