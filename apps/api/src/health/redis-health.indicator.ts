import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type IORedis from 'ioredis';
import { Environment } from '@kakehashi/config';
import { fastFailRedis } from '../common/fast-fail-redis';

/** Pings Redis on a dedicated connection that never queues commands while Redis is away. */
@Injectable()
export class RedisHealthIndicator implements OnModuleDestroy {
  private readonly client: IORedis;

  constructor(
    env: Environment,
    private readonly indicators: HealthIndicatorService,
  ) {
    // Failures are reported through the check, not the log.
    this.client = fastFailRedis(env.REDIS_URL);
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
