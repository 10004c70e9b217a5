import { Module } from '@nestjs/common';
import { ClockModule } from '@kakehashi/queue';
import { JobsCheckModule } from '../jobs-check.module';
import { HighTierAlert } from './high-tier-alert';
import { ScoreAssessmentProcessor } from './score-assessment.processor';
import { ScoreAssessmentUseCase } from './score-assessment.use-case';
import { ScoringBatcher } from './scoring-batcher';

// JobsCheckModule is imported here because the worker module is not ours to edit; it checks
// every processor of the worker, whichever module declares it.
@Module({
  imports: [ClockModule, JobsCheckModule],
  providers: [ScoreAssessmentProcessor, ScoreAssessmentUseCase, ScoringBatcher, HighTierAlert],
})
export class ScoringWorkerModule {}
