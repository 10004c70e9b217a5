import { ANSWER_FIXTURES } from '@kakehashi/domain';
import { createTestAssessment, TestAssessment } from '../../support/assessment-factory';
import { FaultRig, startFaultRig } from '../../support/faults/fault-rig';
import { waitUntil, WorkerProcess } from '../../support/faults/worker-process';
import {
  createTestTenant,
  loginToken,
  startApi,
  TestApi,
  TestTenant,
} from '../../support/test-app';

jest.setTimeout(60_000);

/** As long as the issue asks: 30 s without Redis. */
const OUTAGE_MS = 30_000;
/** How often the api is probed while Redis is away. */
const PROBE_EVERY_MS = 5_000;
const PROBE_ROUNDS = Math.ceil(OUTAGE_MS / PROBE_EVERY_MS);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

describe('fault: Redis stops for 30 s and comes back on the same port', () => {
  let rig: FaultRig;
  let api: TestApi;
  let worker: WorkerProcess;
  let tenant: TestTenant;
  /** One supplier questionnaire per probe round, submitted through the api during the outage. */
  const questionnaires: TestAssessment[] = [];

  beforeAll(async () => {
    rig = await startFaultRig('fault_redis_down');
    worker = rig.spawn(); // boots while the api does
    api = await startApi({
      DATABASE_URL: rig.scratch.url,
      REDIS_URL: rig.redis.url,
      LOGIN_ATTEMPTS_PER_MINUTE_PER_ACCOUNT: '100',
    });
    tenant = await createTestTenant(api.dataSource, 'outage');
    for (let i = 0; i < PROBE_ROUNDS; i++) {
      questionnaires.push(
        await createTestAssessment(api.dataSource, {
          organizationId: tenant.organizationId,
          ownerId: tenant.users.procurement.id,
        }),
      );
    }
  });
  afterAll(async () => {
    await api?.close();
    await rig?.close();
  });

  const withWorkerOutput = (error: Error): never => {
    throw new Error(`${error.message}\nworker output:\n${worker.output()}`);
  };

  /** What users do while Redis is away; every step needs PostgreSQL only. */
  async function probeApi(questionnaire: TestAssessment): Promise<void> {
    await api.http().get('/health/live').expect(200);
    const ready = await api.http().get('/health/ready').expect(503);
    expect(ready.body.details).toMatchObject({
      database: { status: 'up' },
      redis: { status: 'down' },
    });

    const token = await loginToken(api, tenant.users.procurement.email);
    const suppliers = await api
      .http()
      .get('/api/v1/suppliers')
      .set('authorization', `Bearer ${token}`)
      .expect(200);
    expect(suppliers.body.items.map((s: { id: string }) => s.id)).toContain(
      questionnaire.supplierId,
    );

    await api
      .http()
      .put(`/api/v1/respond/${questionnaire.token}/answers`)
      .send({ version: 0, answers: ANSWER_FIXTURES.smeStarOtasuketai.answers })
      .expect(200);
    await api.http().post(`/api/v1/respond/${questionnaire.token}/submit`).expect(200);
  }

  it('keeps the api answering for 30 s without Redis; the worker then scores everything once', async () => {
    await rig.submit(50);
    await rig.waitForScored(50, 20_000).catch(withWorkerOutput);
    await api.http().get('/health/ready').expect(200);

    await rig.redis.stop();
    const stoppedAt = Date.now();
    await rig.submit(100); // written by the submit path while Redis is away: the outbox keeps them
    for (let round = 0; round < PROBE_ROUNDS; round++) {
      await sleep(stoppedAt + round * PROBE_EVERY_MS - Date.now());
      await probeApi(questionnaires[round]);
      // Nothing reaches the worker without Redis.
      expect(await rig.scored()).toBe(50);
    }
    await sleep(stoppedAt + OUTAGE_MS - Date.now());
    await api.http().get('/health/live').expect(200);
    expect(await rig.scored()).toBe(50);

    await rig.redis.start();
    await waitUntil(async () => (await api.http().get('/health/ready')).status === 200, {
      timeoutMs: 15_000,
      what: 'readiness after Redis is back',
    });
    // The queue connections retry at most every 2 s (redisRetryStrategy), so the worker is back
    // within about 2 s of Redis; the wait leaves room for a loaded machine.
    const total = 50 + 100 + PROBE_ROUNDS;
    await rig.waitForScored(total, 20_000).catch(withWorkerOutput);
    expect(await rig.scored()).toBe(total);
    expect(await rig.scoredTwice()).toBe(0);
    const submittedDuringOutage = await rig.db.query<{ status: string; scores: number }[]>(
      `SELECT a.status, (SELECT count(*)::int FROM assessment_scores s WHERE s.assessment_id = a.id)
              AS scores
         FROM assessments a WHERE a.id = ANY($1::uuid[])`,
      [questionnaires.map((q) => q.assessmentId)],
    );
    expect(submittedDuringOutage).toEqual(
      questionnaires.map(() => ({ status: 'scored', scores: 1 })),
    );

    // The worker recovered in place: the same process, never restarted.
    expect(worker.child.exitCode).toBeNull();
    worker.signal('SIGTERM');
    await worker.exited;
  });
});
