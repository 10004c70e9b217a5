import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Environment } from '@kakehashi/config';
import { dataSourceOptions, prepareDatabase } from '@kakehashi/database';
import { DataSource } from 'typeorm';
import { DEMO_PASSWORD, DEMO_USERS, seedDemoTenantIfEmpty } from '../organizations/demo-seed';

/** `npm start`: migrate, seed, run api and worker as two processes, stop both on Ctrl-C. */
export async function runDevelopment(env: Environment): Promise<number> {
  const applied = await prepareDatabase(env.DATABASE_URL);
  if (applied.length) console.log(`migrations applied: ${applied.join(', ')}`);
  const dataSource = await new DataSource(
    dataSourceOptions(env.DATABASE_URL, { poolSize: 1 }),
  ).initialize();
  const seeded = await seedDemoTenantIfEmpty(dataSource).finally(() => dataSource.destroy());

  const root = join(__dirname, '..', '..', '..');
  const children: ChildProcess[] = [
    spawn(process.execPath, [join(root, 'api', 'src', 'main.js')], { stdio: 'inherit' }),
    spawn(process.execPath, [join(root, 'worker', 'src', 'main.js')], { stdio: 'inherit' }),
  ];

  let stopping = false;
  let crashed = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\nstopping api and worker (${signal})…`);
    for (const child of children) child.kill('SIGTERM');
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  console.log(
    [
      '',
      `Kakehashi is starting at ${env.APP_URL}  (API docs: ${env.APP_URL}/api/docs)`,
      seeded
        ? 'Demo tenant created. Logins (password for all):'
        : 'Demo logins (if the demo tenant is yours):',
      ...DEMO_USERS.map((u) => `  ${u.role.padEnd(12)} ${u.email}`),
      `  password     ${DEMO_PASSWORD}`,
      env.SMTP_URL
        ? `Mail goes to ${new URL(env.SMTP_URL).host}.`
        : `Mail goes to the outbox in ${env.DATA_DIR}/outbox (no SMTP_URL set).`,
      'Ctrl-C stops both processes.',
      '',
    ].join('\n'),
  );

  const codes = await Promise.all(
    children.map(
      (child) =>
        new Promise<number>((resolve) =>
          child.on('exit', (code) => {
            if (!stopping) {
              crashed = true; // one died on its own: take the other down too
              stop('SIGTERM');
            }
            resolve(code ?? 0);
          }),
        ),
    ),
  );
  return crashed ? Math.max(1, ...codes) : 0;
}
