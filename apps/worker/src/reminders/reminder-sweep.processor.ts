import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { QueueName } from '@kakehashi/queue';
import { ReminderSweepService, SweepResult } from './reminder-sweep.service';

@Processor(QueueName.Reminders)
export class ReminderSweepProcessor extends WorkerHost {
  static readonly handles = ['sweep'] as const;

  constructor(private readonly sweep: ReminderSweepService) {
    super();
  }

  async process(job: Job): Promise<SweepResult> {
    if (job.name !== 'sweep') throw new UnrecoverableError(`unknown job ${job.name}`);
    return this.sweep.run();
  }
}
