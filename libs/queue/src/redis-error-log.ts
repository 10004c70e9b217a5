import { Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { WorkerHost } from '@nestjs/bullmq';
import { Queue } from 'bullmq';

/** While Redis is away, each queue or worker logs at most one line per this interval. */
export const REDIS_ERROR_LOG_INTERVAL_MS = 30_000;

interface ErrorEmitter {
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/**
 * Reports a queue's or worker's Redis errors as one warning per interval, with how many were
 * left out, instead of a stack trace for every failed reconnect (what BullMQ prints when an
 * 'error' event has no listener).
 */
export function logRedisErrors(
  emitter: ErrorEmitter,
  label: string,
  logger: Pick<Logger, 'warn'>,
  now: () => number = Date.now,
): void {
  let lastLoggedAt = -Infinity;
  let suppressed = 0;
  emitter.on('error', (error) => {
    const at = now();
    if (at - lastLoggedAt < REDIS_ERROR_LOG_INTERVAL_MS) {
      suppressed += 1;
      return;
    }
    const more = suppressed > 0 ? ` (${suppressed} more since the last report)` : '';
    logger.warn(`${label}: ${error.message}${more}; BullMQ keeps reconnecting`);
    lastLoggedAt = at;
    suppressed = 0;
  });
}

/**
 * Attaches `logRedisErrors` to every BullMQ queue of the application as soon as modules are
 * initialised, and to every worker once @nestjs/bullmq has started them. Queues connect when
 * they are created, so with Redis down at boot their first failed attempt is still printed by
 * BullMQ itself; every later one goes through here.
 */
@Injectable()
export class RedisErrorLog implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('Redis');

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    for (const queue of this.instances((i): i is Queue => i instanceof Queue)) {
      logRedisErrors(queue, `queue ${queue.name}`, this.logger);
    }
  }

  onApplicationBootstrap(): void {
    for (const host of this.instances((i): i is WorkerHost => i instanceof WorkerHost)) {
      logRedisErrors(host.worker, `worker ${host.worker.name}`, this.logger);
    }
  }

  private instances<T>(match: (instance: unknown) => instance is T): T[] {
    const found = new Set<T>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (match(instance)) found.add(instance);
    }
    return [...found];
  }
}
