// Autosave throughput: PUT /api/v1/respond/:token/answers against the real api (Fastify, real
// Postgres in a scratch database created and dropped here), beside a bare Nest+Fastify route
// returning {ok:true} measured in the same run. Servers run in child processes so autocannon
// does not share their event loop. Every request is a valid save: each connection owns a few
// assessments and always sends the version its previous save returned (no 409s).
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import autocannon from 'autocannon';
import { ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions, dropDatabase, prepareDatabase } from '@kakehashi/database';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { createTenant } from '../../apps/api/src/organizations/create-tenant.use-case';
import { createTestAssessment } from '../support/assessment-factory';

const CONNECTIONS = 40;
const TOKENS_PER_CONNECTION = 8;
const DURATION_S = 10;

@Controller()
class OkController {
  @Get('ok')
  ok(): { ok: boolean } {
    return { ok: true };
  }
}

@Module({ controllers: [OkController] })
class BaselineModule {}

/** Child process: boots one server and reports its port to the parent. */
async function serve(kind: string): Promise<void> {
  let app: NestFastifyApplication;
  if (kind === 'ours') {
    app = await createApiApp();
  } else {
    app = await NestFactory.create<NestFastifyApplication>(BaselineModule, new FastifyAdapter(), {
      logger: false,
    });
  }
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  process.send?.({ port: address.port });
  process.on('disconnect', () => process.exit(0));
  process.on('message', (message) => {
    if (message === 'stop') void app.close().then(() => process.exit(0));
  });
}

function startServer(
  kind: 'ours' | 'baseline',
  env: Record<string, string>,
): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, [], {
      env: { ...process.env, ...env, AUTOSAVE_BENCH_SERVER: kind },
      execArgv: [
        '-r',
        '@swc-node/register',
        // BENCH_PROF=1 writes a CPU profile of the api process to /tmp/kkprof.
        ...(process.env.BENCH_PROF && kind === 'ours'
          ? ['--cpu-prof', '--cpu-prof-dir=/tmp/kkprof']
          : []),
      ],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.once('message', (message) =>
      resolve({ child, port: (message as { port: number }).port }),
    );
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.send('stop');
  });
}

function cannon(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

interface Slot {
  token: string;
  version: number;
}

export async function run(): Promise<void> {
  const tag = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/kakehashi');
  url.pathname = `/kakehashi_bench_autosave_${tag}`;
  const databaseUrl = url.toString();
  await prepareDatabase(databaseUrl);
  const dataSource = new DataSource(dataSourceOptions(databaseUrl));
  let ours: ChildProcess | undefined;
  let baseline: ChildProcess | undefined;
  try {
    await dataSource.initialize();
    const tenant = await createTenant(dataSource, {
      name: `bench ${tag} 株式会社`,
      users: [
        {
          email: `owner-${tag}@bench.example`,
          password: 'Bench-Password-2026!',
          role: 'procurement',
          displayName: 'bench',
        },
      ],
    });
    const slots: Slot[] = [];
    for (let i = 0; i < CONNECTIONS * TOKENS_PER_CONNECTION; i++) {
      const a = await createTestAssessment(dataSource, {
        organizationId: tenant.organizationId,
        ownerId: tenant.users[0].id,
      });
      slots.push({ token: a.token, version: 0 });
    }

    console.error(`autosave: ${slots.length} assessments ready`);
    const env = {
      DATABASE_URL: databaseUrl,
      QUEUE_PREFIX: `{kk-bench-${tag}}`,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
    };
    const oursServer = await startServer('ours', env);
    ours = oursServer.child;
    console.error(`autosave: api up on port ${oursServer.port}`);
    // autocannon resets a connection's context after each response, so slots come from a pool:
    // a slot is never in flight twice, and always carries the version its last save returned.
    const free = [...slots];
    let n = 0;
    const saveRequest: autocannon.Request = {
      method: 'PUT',
      setupRequest: (request: autocannon.Request, context: object): autocannon.Request => {
        const slot = free.shift()!;
        (context as { slot?: Slot }).slot = slot;
        n += 1;
        return {
          ...request,
          method: 'PUT',
          path: `/api/v1/respond/${slot.token}/answers`,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            version: slot.version,
            answers: {
              'P.EMPLOYEES': n % 5000,
              'IR.CONTACT_NAME': `総務部 山田 ${n}`,
              'D01.1': n % 2 ? 'done' : 'partial',
            },
          }),
        };
      },
      onResponse: (status: number, body: string, context: object) => {
        const slot = (context as { slot: Slot }).slot;
        if (status === 200) slot.version = (JSON.parse(body) as { version: number }).version;
        free.push(slot);
      },
    };
    // Warm-up, then the measured run (versions carry over, so saves stay valid).
    await cannon({
      url: `http://127.0.0.1:${oursServer.port}`,
      connections: CONNECTIONS,
      duration: 2,
      requests: [saveRequest],
    });
    const oursResult = await cannon({
      url: `http://127.0.0.1:${oursServer.port}`,
      connections: CONNECTIONS,
      duration: DURATION_S,
      requests: [saveRequest],
    });
    await stop(ours);
    ours = undefined;

    const baselineServer = await startServer('baseline', {});
    baseline = baselineServer.child;
    await cannon({
      url: `http://127.0.0.1:${baselineServer.port}/ok`,
      connections: CONNECTIONS,
      duration: 2,
    });
    const baselineResult = await cannon({
      url: `http://127.0.0.1:${baselineServer.port}/ok`,
      connections: CONNECTIONS,
      duration: DURATION_S,
    });
    await stop(baseline);
    baseline = undefined;

    const saved = (await dataSource.query(
      `SELECT coalesce(sum(version), 0)::int AS n FROM assessments`,
    )) as { n: number }[];
    const oursRate = oursResult['2xx'] / DURATION_S;
    const baseRate = baselineResult['2xx'] / DURATION_S;
    console.log(
      `autosave: ${CONNECTIONS} connections x ${TOKENS_PER_CONNECTION} assessments, ${DURATION_S} s each; ` +
        `ours ${oursResult['2xx']} saves ok, ${oursResult.non2xx} non-2xx, ${oursResult.errors} errors, p50 ${oursResult.latency.p50} ms, p99 ${oursResult.latency.p99} ms; ` +
        `${saved[0].n} versions in the database; baseline p50 ${baselineResult.latency.p50} ms`,
    );
    console.log(
      `bench autosave: ours ${Math.round(oursRate)} saves/s, baseline ${Math.round(baseRate)} req/s, ratio ${(oursRate / baseRate).toFixed(3)}`,
    );
  } finally {
    if (ours) await stop(ours);
    if (baseline) await stop(baseline);
    if (dataSource.isInitialized) await dataSource.destroy();
    await dropDatabase(databaseUrl);
  }
}

if (process.env.AUTOSAVE_BENCH_SERVER) {
  serve(process.env.AUTOSAVE_BENCH_SERVER).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
