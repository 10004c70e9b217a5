import { FaultRig, startFaultRig } from '../../support/faults/fault-rig';
import { waitUntil } from '../../support/faults/worker-process';
import { startApi, TestApi } from '../../support/test-app';

jest.setTimeout(60_000);

// The outage lasts 8 s rather than 30: ioredis retries every ~1-2 s at first, so 8 s already
// spans several failed reconnects of the api and the worker; a longer one only waits longer.
const OUTAGE_MS = 8_000;

describe('fault: Redis stops for a while and comes back on the same port', () => {
  let rig: FaultRig;
  let api: TestApi;
  beforeAll(async () => {
    rig = await startFaultRig('fault_redis_down');
    api = await startApi({ DATABASE_URL: rig.scratch.url, REDIS_URL: rig.redis.url });
  });
  afterAll(async () => {
    await api?.close();
    await rig?.close();
  });

  it('keeps the api live (ready 503 then 200) and the worker resumes by itself', async () => {
    await rig.submit(50);
    const worker = rig.spawn();
    await rig.waitForScored(50, 30_000);
    await api.http().get('/health/ready').expect(200);

    await rig.redis.stop();
    await rig.submit(100); // submitted while Redis is away: the outbox keeps them
    await api.http().get('/health/live').expect(200);
    await api.http().get('/health/ready').expect(503);
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    await api.http().get('/health/live').expect(200);
    expect(await rig.scored()).toBe(50);

    await rig.redis.start();
    await waitUntil(async () => (await api.http().get('/health/ready')).status === 200, {
      timeoutMs: 10_000,
      what: 'readiness after Redis is back',
    });
    await rig.waitForScored(150, 40_000);
    expect(await rig.scoredTwice()).toBe(0);
    expect(worker.child.exitCode).toBeNull();
    worker.signal('SIGTERM');
    await worker.exited;
  });
});
