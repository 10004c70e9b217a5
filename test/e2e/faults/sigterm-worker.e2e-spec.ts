import { Queue } from 'bullmq';
import { FaultRig, startFaultRig } from '../../support/faults/fault-rig';
import { waitUntil } from '../../support/faults/worker-process';

jest.setTimeout(60_000);

describe('fault: the worker is stopped (SIGTERM) mid-run', () => {
  let rig: FaultRig;
  let queue: Queue;
  beforeAll(async () => {
    rig = await startFaultRig('fault_sigterm');
    queue = new Queue('scoring', {
      connection: { url: rig.redis.url },
      prefix: rig.workerEnv.QUEUE_PREFIX,
    });
  });
  afterAll(async () => {
    await queue?.close();
    await rig?.close();
  });

  it('exits cleanly, leaves no job active, and a new worker finishes the rest once', async () => {
    await rig.submit(4000);
    const first = rig.spawn();
    await rig.waitForScored(50, 30_000);
    const stoppedAt = Date.now();
    first.signal('SIGTERM');
    await first.exited;
    expect(Date.now() - stoppedAt).toBeLessThan(10_000);
    expect(first.output()).not.toMatch(/Unhandled|FATAL/i);
    expect(await queue.getActiveCount()).toBe(0);
    expect(await rig.scored()).toBeLessThan(4000);

    const second = rig.spawn();
    await rig.waitForScored(4000, 40_000);
    expect(await rig.scoredTwice()).toBe(0);
    // A job writes its score before BullMQ marks it done: wait for the last ones to leave the
    // worker's hands, then nothing may be left waiting, retrying or failed.
    await waitUntil(
      async () => {
        const inHand = await queue.getJobCounts('active', 'waiting');
        return inHand.active + inHand.waiting === 0;
      },
      { timeoutMs: 10_000, what: 'the scoring queue to go idle' },
    );
    const counts = await queue.getJobCounts('active', 'waiting', 'delayed', 'failed');
    expect(counts).toEqual({ active: 0, waiting: 0, delayed: 0, failed: 0 });
    second.signal('SIGTERM');
    await second.exited;
  });
});
