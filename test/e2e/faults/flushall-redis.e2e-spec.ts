import { FaultRig, startFaultRig } from '../../support/faults/fault-rig';

jest.setTimeout(60_000);

describe('fault: Redis is flushed (FLUSHALL) in the middle of a 1,000-job run', () => {
  let rig: FaultRig;
  beforeAll(async () => {
    rig = await startFaultRig('fault_flushall');
  });
  afterAll(() => rig?.close());

  it('completes every job from the outbox sweep, none twice', async () => {
    await rig.submit(4000);
    const worker = rig.spawn();
    await rig.waitForScored(100, 30_000);
    await rig.redis.client.flushall();
    const atFlush = await rig.scored();
    expect(atFlush).toBeLessThan(4000);

    await rig.waitForScored(4000, 45_000);
    expect(await rig.scoredTwice()).toBe(0);
    const [outbox] = await rig.db.query(
      `SELECT count(*) FILTER (WHERE done_at IS NULL)::int AS pending,
              count(*) FILTER (WHERE relay_count > 1)::int AS resent
         FROM outbox`,
    );
    // The sweep put back what Redis lost; every job is now done.
    expect(outbox.resent).toBeGreaterThan(0);
    expect(outbox.pending).toBe(0);
    worker.signal('SIGTERM');
    await worker.exited;
  });
});
