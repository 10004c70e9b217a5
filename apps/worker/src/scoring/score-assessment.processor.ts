import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { JobPayload, QueueName } from '@kakehashi/queue';
import { ScoreOutcome } from './score-assessment.use-case';
import { MAX_BATCH, ScoringBatcher } from './scoring-batcher';

/**
 * Jobs in flight: enough for several batch transactions to overlap (one at a time left the
 * worker waiting on the database; six doubled the throughput of `npm run bench -- scoring`).
 */
export const SCORING_CONCURRENCY = MAX_BATCH * 6;

/**
 * Jobs take milliseconds, so a short lock is safe (BullMQ renews it halfway) and lets the
 * jobs of a killed worker come back after ~10 s instead of the default 30 s + check interval.
 */
@Processor(QueueName.Scoring, {
  concurrency: SCORING_CONCURRENCY,
  lockDuration: 10_000,
  stalledInterval: 5_000,
})
export class ScoreAssessmentProcessor extends WorkerHost {
  static readonly handles = ['score-assessment'] as const;

  constructor(private readonly batcher: ScoringBatcher) {
    super();
  }

  async process(
    job: Job<JobPayload<typeof QueueName.Scoring, 'score-assessment'>>,
  ): Promise<ScoreOutcome> {
    if (job.name !== 'score-assessment') throw new UnrecoverableError(`unknown job ${job.name}`);
    return this.batcher.score(job.data, job.id ?? '');
  }
}
