import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfigModule, Environment } from '@kakehashi/config';
import { DatabaseModule } from '@kakehashi/database';
import { QueueModule } from '@kakehashi/queue';
import { CampaignsWorkerModule } from './campaigns/campaigns-worker.module';
import { MailWorkerModule } from './mail/mail-worker.module';
import { RemindersWorkerModule } from './reminders/reminders-worker.module';
import { ScoringWorkerModule } from './scoring/scoring-worker.module';
import { OutboxRelayLoop } from './outbox/outbox-relay.loop';

@Module({
  imports: [
    AppConfigModule,
    LoggerModule.forRootAsync({
      inject: [Environment],
      useFactory: (env: Environment) => ({
        pinoHttp: {
          level: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'warn' : 'info'),
          customProps: () => ({ app: 'worker' }),
        },
      }),
    }),
    DatabaseModule,
    QueueModule.forRoot(),
    CampaignsWorkerModule,
    MailWorkerModule,
    ScoringWorkerModule,
    RemindersWorkerModule,
  ],
  providers: [OutboxRelayLoop],
})
export class WorkerModule {}
