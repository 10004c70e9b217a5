import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { JobPayload, QueueName } from '@kakehashi/queue';
import { InvitationFanOutService } from './invitation-fan-out.service';

type FanOutJob = Job<JobPayload<typeof QueueName.Campaigns, 'fan-out'>>;

/** Campaigns queue: turns a launch (or added suppliers) into invitation mail rows. */
@Processor(QueueName.Campaigns)
export class FanOutProcessor extends WorkerHost {
  static readonly handles = ['fan-out'] as const;
  private readonly logger = new Logger(FanOutProcessor.name);

  constructor(private readonly fanOut: InvitationFanOutService) {
    super();
  }

  async process(job: FanOutJob): Promise<number> {
    if (job.name !== 'fan-out') throw new Error(`campaigns queue: unknown job ${job.name}`);
    const written = await this.fanOut.run({ ...job.data, jobId: job.id ?? '' });
    this.logger.log(`fan-out ${job.id}: ${written} invitation(s) recorded`);
    return written;
  }
}
