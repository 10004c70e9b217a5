import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Environment } from '@kakehashi/config';
import { QueueName } from '@kakehashi/queue';

export const REMINDER_SCHEDULER_ID = 'reminder-sweep';
/** Redis may lose the scheduler with everything else; putting it back is idempotent and cheap. */
const REASSERT_EVERY_MS = 60_000;

/** Keeps the BullMQ job scheduler that runs the reminder sweep every REMINDER_SWEEP_INTERVAL_MS. */
@Injectable()
export class ReminderScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReminderScheduler.name);
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectQueue(QueueName.Reminders) private readonly queue: Queue,
    private readonly env: Environment,
  ) {}

  onApplicationBootstrap(): void {
    void this.assert();
  }

  onApplicationShutdown(): void {
    clearTimeout(this.timer);
  }

  private async assert(): Promise<void> {
    try {
      await this.queue.upsertJobScheduler(
        REMINDER_SCHEDULER_ID,
        { every: this.env.REMINDER_SWEEP_INTERVAL_MS },
        {
          name: 'sweep',
          data: {},
          opts: { attempts: 1, removeOnComplete: 100, removeOnFail: 100 },
        },
      );
    } catch (error) {
      this.logger.warn(`could not schedule the reminder sweep yet: ${(error as Error).message}`);
    } finally {
      this.timer = setTimeout(() => void this.assert(), REASSERT_EVERY_MS);
    }
  }
}
