import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfigModule, Environment } from '@kakehashi/config';
import { DatabaseModule } from '@kakehashi/database';
import { QueueModule } from '@kakehashi/queue';
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
  ],
  providers: [OutboxRelayLoop],
})
export class WorkerModule {}
