import { Module } from '@nestjs/common';
import { ClockModule } from '@kakehashi/queue';
import { ReminderScheduler } from './reminder-scheduler.service';
import { ReminderSweepProcessor } from './reminder-sweep.processor';
import { ReminderSweepService } from './reminder-sweep.service';

@Module({
  imports: [ClockModule],
  providers: [ReminderSweepService, ReminderSweepProcessor, ReminderScheduler],
})
export class RemindersWorkerModule {}
