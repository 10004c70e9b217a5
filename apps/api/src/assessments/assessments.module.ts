import { Module } from '@nestjs/common';
import { DatabaseModule } from '@kakehashi/database';
import { RespondModule } from '../respond/respond.module';
import { AssessmentsController } from './assessments.controller';
import { AssessmentsService } from './assessments.service';

/** Buyer side of one assessment: answers and score, reopen, evidence downloads. */
@Module({
  imports: [DatabaseModule, RespondModule],
  controllers: [AssessmentsController],
  providers: [AssessmentsService],
})
export class AssessmentsModule {}
