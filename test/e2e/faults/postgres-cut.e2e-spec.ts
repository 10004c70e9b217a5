import { FaultRig, startFaultRig } from '../../support/faults/fault-rig';

jest.setTimeout(60_000);

describe('fault: PostgreSQL is unreachable for a few seconds during scoring', () => {
  let rig: FaultRig;
  beforeAll(async () => {
    rig = await startFaultRig('fault_pgcut');
  });
  afterAll(() => rig?.close());

  it('retries the failed jobs and finishes them all, once each', async () => {
    await rig.submit(5000);
    const worker = rig.spawn();
    await rig.waitForScored(50, 30_000);
    rig.proxy.cut();
    await new Promise((resolve) => setTimeout(resolve, 4000));
    const duringCut = await rig.scored();
    rig.proxy.restore();
    expect(duringCut).toBeLessThan(5000);

    await rig.waitForScored(5000, 45_000);
    expect(await rig.scoredTwice()).toBe(0);
    const [{ pending }] = await rig.db.query(
      'SELECT count(*)::int AS pending FROM outbox WHERE done_at IS NULL',
    );
    expect(pending).toBe(0);
    worker.signal('SIGTERM');
    await worker.exited;
  });
});
