// Operators' command line: `npm run cli -- <command>`; `npm start` runs `dev`.
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { loadEnvironmentOrExit } from '@kakehashi/config';
import { dataSourceOptions, prepareDatabase } from '@kakehashi/database';
import { createTenant, TenantProvisioningError } from '../organizations/create-tenant.use-case';
import { seedDemoTenantIfEmpty } from '../organizations/demo-seed';
import { enqueueRescore } from '../ops/rescore.use-case';
import { runDevelopment } from './run-development';
import { runSeedScale, SEED_SCALE_USAGE } from '../dashboard/seed/seed-scale.command';

const USAGE = `usage: npm run cli -- <command>
  migrate                       create the database if missing and apply migrations
  seed                          create the demo tenant when the database has none
  create-tenant --name <name> --admin-email <email> --admin-password <password>
  dev                           migrate, seed, then run api and worker together (npm start)
  rescore [--organization <id>] one scoring job per submitted assessment (new engine or catalog)
  ${SEED_SCALE_USAGE}`;

async function withDataSource<T>(url: string, fn: (ds: DataSource) => Promise<T>): Promise<T> {
  const dataSource = await new DataSource(dataSourceOptions(url, { poolSize: 2 })).initialize();
  try {
    return await fn(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

async function main(argv: string[]): Promise<number> {
  const env = loadEnvironmentOrExit();
  const [command, ...rest] = argv;
  switch (command) {
    case 'migrate': {
      const applied = await prepareDatabase(env.DATABASE_URL);
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
      return 0;
    }
    case 'seed': {
      await prepareDatabase(env.DATABASE_URL);
      const created = await withDataSource(env.DATABASE_URL, seedDemoTenantIfEmpty);
      console.log(created ? 'demo tenant created' : 'a tenant exists already; nothing seeded');
      return 0;
    }
    case 'create-tenant': {
      const { values } = parseArgs({
        args: rest,
        options: {
          name: { type: 'string' },
          'admin-email': { type: 'string' },
          'admin-password': { type: 'string' },
        },
      });
      const missing = ['name', 'admin-email', 'admin-password'].filter(
        (key) => !values[key as keyof typeof values],
      );
      if (missing.length) {
        console.error(`create-tenant: missing --${missing.join(', --')}\n${USAGE}`);
        return 2;
      }
      await prepareDatabase(env.DATABASE_URL);
      const created = await withDataSource(env.DATABASE_URL, (ds) =>
        createTenant(ds, {
          name: values.name!,
          users: [
            {
              email: values['admin-email']!,
              password: values['admin-password']!,
              role: 'admin',
              displayName: 'Administrator',
            },
          ],
        }),
      );
      console.log(`organization ${created.organizationId} (${created.slug})`);
      console.log(`admin ${created.users[0].id} <${created.users[0].email}>`);
      return 0;
    }
    case 'seed-scale':
      return runSeedScale(env.DATABASE_URL, rest);
    case 'rescore': {
      const { values } = parseArgs({ args: rest, options: { organization: { type: 'string' } } });
      const queued = await withDataSource(env.DATABASE_URL, (ds) =>
        enqueueRescore(ds, { organizationId: values.organization }),
      );
      console.log(`${queued} assessment(s) queued for rescoring (the worker's relay sends them)`);
      return 0;
    }
    case 'dev':
      return runDevelopment(env);
    default:
      console.error(USAGE);
      return command ? 2 : 0;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof TenantProvisioningError) {
      console.error(`error: ${error.message}`);
    } else {
      console.error(error);
    }
    process.exit(1);
  },
);
