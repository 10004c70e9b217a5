import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import IORedis from 'ioredis';
import { Environment } from '@kakehashi/config';

/** Pings Redis on a dedicated connection that never queues commands while Redis is away. */
@Injectable()
export class RedisHealthIndicator implements OnModuleDestroy {
  private readonly client: IORedis;

  constructor(
    env: Environment,
    private readonly indicators: HealthIndicatorService,
  ) {
    this.client = new IORedis(env.REDIS_URL, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 1000,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    });
    this.client.on('error', () => undefined); // reported through the check, not the log
  }

  check(key: 'redis'): ReturnType<ReturnType<HealthIndicatorService['check']>['attempt']> {
    return this.indicators
      .check(key)
      .attempt(async () => {
        if (this.client.status === 'wait') await this.client.connect();
        await this.client.ping();
      })
      .withTimeout(1500);
  }

  onModuleDestroy(): void {
    this.client.disconnect();
  }
}
