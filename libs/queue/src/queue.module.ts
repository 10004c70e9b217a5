import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Environment } from '@kakehashi/config';
import { OutboxRelayService } from './outbox-relay.service';
import { OutboxService } from './outbox.service';
import { RedisErrorLog } from './redis-error-log';
import { ALL_QUEUES } from './queue-names';

/** At-least-once with backoff; finished jobs are kept a while for the board, then trimmed. */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 5000 },
  removeOnFail: { age: 14 * 24 * 3600 },
};

/**
 * Delay before the next reconnect attempt to Redis: 0.5, 1, 1.5, then every 2 s. BullMQ's own
 * default grows to 20 s between attempts, which after a 30 s outage leaves the workers idle
 * about 8 s after Redis is back.
 */
export function redisRetryStrategy(times: number): number {
  return Math.min(times * 500, 2000);
}

/**
 * BullMQ over the REDIS_URL connection, with every queue registered under QUEUE_PREFIX. BullMQ
 * builds each connection from these options and still forces `maxRetriesPerRequest: null` on
 * the workers' blocking ones.
 */
@Module({})
export class QueueModule {
  static forRoot(): DynamicModule {
    const queues = BullModule.registerQueue(
      ...ALL_QUEUES.map((name) => ({ name, defaultJobOptions: DEFAULT_JOB_OPTIONS })),
    );
    return {
      module: QueueModule,
      global: true,
      imports: [
        BullModule.forRootAsync({
          inject: [Environment],
          useFactory: (env: Environment) => ({
            connection: {
              url: env.REDIS_URL,
              retryStrategy: redisRetryStrategy,
              // Closing a connection whose socket never opened (Redis down) would otherwise
              // leave ioredis' 2 s timer holding the process.
              disconnectTimeout: 200,
            },
            prefix: env.QUEUE_PREFIX,
          }),
        }),
        queues,
        DiscoveryModule,
      ],
      providers: [OutboxService, OutboxRelayService, RedisErrorLog],
      exports: [queues, OutboxService, OutboxRelayService],
    };
  }
}
