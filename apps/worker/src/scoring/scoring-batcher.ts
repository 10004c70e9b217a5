import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ScoreAssessmentUseCase, ScoreOutcome, ScorePayload } from './score-assessment.use-case';

/** Jobs in flight join one batch of at most this many... */
export const MAX_BATCH = 100;
/** ...gathered for at most this long: a lone job waits 5 ms, a busy queue fills batches. */
const GATHER_MS = 5;

interface Pending {
  payload: ScorePayload;
  jobId: string;
  resolve: (outcome: ScoreOutcome) => void;
  reject: (error: unknown) => void;
}

/**
 * Groups the scoring jobs BullMQ runs concurrently into one transaction each, so the database
 * commits once per batch rather than once per job. Each job still completes or fails on its
 * own: when a batch fails, its jobs are retried one by one so one bad job fails alone.
 */
@Injectable()
export class ScoringBatcher implements OnApplicationShutdown {
  private pending: Pending[] = [];
  private timer?: NodeJS.Timeout;

  constructor(private readonly useCase: ScoreAssessmentUseCase) {}

  score(payload: ScorePayload, jobId: string): Promise<ScoreOutcome> {
    return new Promise<ScoreOutcome>((resolve, reject) => {
      this.pending.push({ payload, jobId, resolve, reject });
      if (this.pending.length >= MAX_BATCH) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), GATHER_MS);
    });
  }

  onApplicationShutdown(): void {
    this.flush();
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.pending.length > 0) void this.run(this.pending.splice(0, MAX_BATCH));
  }

  private async run(batch: Pending[]): Promise<void> {
    try {
      const outcomes = await this.useCase.executeBatch(batch);
      batch.forEach((item, index) => item.resolve(outcomes[index]));
    } catch (error) {
      if (batch.length === 1) return batch[0].reject(error);
      for (const item of batch) {
        await this.useCase.execute(item.payload, item.jobId).then(item.resolve, item.reject);
      }
    }
  }
}
