import { FaultRig, startFaultRig } from '../../support/faults/fault-rig';

jest.setTimeout(60_000);

describe('fault: the worker is killed (SIGKILL) while it holds 500 scoring jobs', () => {
  let rig: FaultRig;
  beforeAll(async () => {
    rig = await startFaultRig('fault_sigkill');
  });
  afterAll(() => rig?.close());

  it('scores every assessment exactly once after a new worker starts', async () => {
    await rig.submit(500);
    const first = rig.spawn();
    await rig.waitForScored(20, 30_000);
    first.signal('SIGKILL');
    await first.exited;
    const before = await rig.scored();
    expect(before).toBeLessThan(500);

    const second = rig.spawn();
    await rig.waitForScored(500, 40_000);
    expect(await rig.scored()).toBe(500);
    expect(await rig.scoredTwice()).toBe(0);
    const [{ pending }] = await rig.db.query(
      'SELECT count(*)::int AS pending FROM outbox WHERE done_at IS NULL',
    );
    expect(pending).toBe(0);
    second.signal('SIGTERM');
    await second.exited;
  });
});
