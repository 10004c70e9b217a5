import { Module } from '@nestjs/common';
import { DatabaseModule } from '@kakehashi/database';
import { ClockModule } from '@kakehashi/queue';
import { RespondModule } from '../respond/respond.module';
import { AssessmentsController } from './assessments.controller';
import { AssessmentsService } from './assessments.service';
import { AssessmentPageController } from './pages/assessment-page.controller';
import { AssessmentPageQuery } from './pages/assessment-page.query';
import { RemindAssessmentUseCase } from './remind-assessment.use-case';
import { RevokeAssessmentLinksUseCase } from './revoke-assessment-links.use-case';

/**
 * Buyer side of one assessment: answers and score, reopen, withdrawing its links, reminding the
 * supplier now, evidence downloads; the JSON API and the console page.
 */
@Module({
  imports: [DatabaseModule, RespondModule, ClockModule],
  controllers: [AssessmentsController, AssessmentPageController],
  providers: [
    AssessmentsService,
    AssessmentPageQuery,
    RevokeAssessmentLinksUseCase,
    RemindAssessmentUseCase,
  ],
  // The campaign page reminds from its list of assessments.
  exports: [RemindAssessmentUseCase],
})
export class AssessmentsModule {}
