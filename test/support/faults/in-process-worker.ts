import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { deleteQueueKeys } from '../redis-keys';
import { Clock } from '@kakehashi/queue';
import { WorkerModule } from '../../../apps/worker/src/worker.module';

/** A clock the test moves by hand. */
export class FakeClock extends Clock {
  constructor(private current: Date) {
    super();
  }
  now(): Date {
    return new Date(this.current);
  }
  set(instant: Date | string): void {
    this.current = new Date(instant);
  }
}

/**
 * The real worker module in-process, with the Clock replaced, under the given variables
 * (a scratch DATABASE_URL and a QUEUE_PREFIX of the test's own).
 */
export async function startWorkerWithClock(
  env: Record<string, string>,
  clock: Clock,
): Promise<INestApplicationContext> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    const moduleRef = await Test.createTestingModule({ imports: [WorkerModule] })
      .overrideProvider(Clock)
      .useValue(clock)
      .compile();
    await moduleRef.init();
    return moduleRef;
  } finally {
    process.env = saved;
  }
}

/** A queue prefix for one test file, inside the run's, and its cleanup. */
export function ownQueuePrefix(label: string): { prefix: string; cleanup: () => Promise<void> } {
  const run = (process.env.QUEUE_PREFIX ?? '{kk-test}').replace(/[{}]/g, '');
  const prefix = `{${run}-${label}}`;
  return {
    prefix,
    cleanup: async () => {
      await deleteQueueKeys(prefix);
    },
  };
}
