import { FaultRig, startFaultRig } from '../../support/faults/fault-rig';

jest.setTimeout(60_000);

// 3,000 jobs: the worker takes up to 600 at once, so the kill lands while it holds hundreds.
describe('fault: the worker is killed (SIGKILL) while it holds hundreds of scoring jobs', () => {
  let rig: FaultRig;
  beforeAll(async () => {
    rig = await startFaultRig('fault_sigkill');
  });
  afterAll(() => rig?.close());

  it('scores every assessment exactly once after a new worker starts', async () => {
    await rig.submit(3000);
    const first = rig.spawn();
    await rig.waitForScored(20, 30_000);
    first.signal('SIGKILL');
    await first.exited;
    const before = await rig.scored();
    expect(before).toBeLessThan(3000);

    const second = rig.spawn();
    await rig.waitForScored(3000, 40_000);
    expect(await rig.scored()).toBe(3000);
    expect(await rig.scoredTwice()).toBe(0);
    const [{ pending }] = await rig.db.query(
      'SELECT count(*)::int AS pending FROM outbox WHERE done_at IS NULL',
    );
    expect(pending).toBe(0);
    second.signal('SIGTERM');
    await second.exited;
  });
});
