import { Global, Injectable, Logger, Module, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type IORedis from 'ioredis';
import { createHash } from 'node:crypto';
import { Environment } from '@kakehashi/config';
import { fastFailRedis } from './fast-fail-redis';

/** KEYS[1] counter; ARGV[1] window ms. The window starts with its first hit. */
const COUNT_LUA = `
local hits = redis.call('INCR', KEYS[1])
if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return hits`;

/**
 * KEYS[1] counter, KEYS[2] block marker; ARGV[1] window ms, ARGV[2] limit, ARGV[3] block ms.
 * Returns {hits, ms left in the window, ms left blocked (0: not blocked)}. While blocked nothing
 * is counted; a block starts a fresh count when it ends, as @nestjs/throttler's own storage does.
 */
const COUNT_OR_BLOCK_LUA = `
local blocked = redis.call('PTTL', KEYS[2])
if blocked > 0 then return {tonumber(ARGV[2]) + 1, blocked, blocked} end
local hits = redis.call('INCR', KEYS[1])
local left = redis.call('PTTL', KEYS[1])
if left < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  left = tonumber(ARGV[1])
end
if hits <= tonumber(ARGV[2]) then return {hits, left, 0} end
local block = tonumber(ARGV[3])
if block <= 0 then return {hits, left, left} end
redis.call('SET', KEYS[2], '1', 'PX', block)
redis.call('DEL', KEYS[1])
return {hits, left, block}`;

type ScriptedRedis = IORedis & {
  rateLimitCount(key: string, windowMs: number): Promise<number>;
  rateLimitCountOrBlock(
    key: string,
    blockKey: string,
    windowMs: number,
    limit: number,
    blockMs: number,
  ): Promise<[number, number, number]>;
};

export interface BlockingCount {
  hits: number;
  /** Until the window's count starts again. */
  msLeft: number;
  /** 0 when the caller may go on. */
  blockedMs: number;
}

/** How often, at most, one process logs that limits are not enforced. */
const WARN_EVERY_MS = 30_000;

/**
 * Rate-limit counters in Redis, shared by every api replica (login throttling, supplier links).
 *
 * One round trip per hit: a Lua script increments and sets the expiry atomically. Keys live
 * under `${QUEUE_PREFIX}:throttle:` and end in a SHA-256 of the caller's key, so their length is
 * bounded and no e-mail address or link token is stored in a key.
 *
 * Fails open: while Redis is unreachable a hit is let through (and a warning logged at most
 * every 30 s) rather than refusing logins and supplier answers; the connection never queues
 * commands, so a hit then costs no wait. A limit that stops floods is worth less than the
 * service.
 */
@Injectable()
export class RateLimitStore implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(RateLimitStore.name);
  private readonly client: ScriptedRedis;
  private readonly prefix: string;
  private warnedAt = Number.NEGATIVE_INFINITY;

  constructor(env: Environment) {
    this.prefix = `${env.QUEUE_PREFIX}:throttle:`;
    // Reported by the hits that fail open; a hung command is cut off after 1 s.
    this.client = fastFailRedis(env.REDIS_URL, { commandTimeout: 1000 }) as ScriptedRedis;
    this.client.defineCommand('rateLimitCount', { numberOfKeys: 1, lua: COUNT_LUA });
    this.client.defineCommand('rateLimitCountOrBlock', {
      numberOfKeys: 2,
      lua: COUNT_OR_BLOCK_LUA,
    });
  }

  /** Connects before the first request; a Redis that is away is retried in the background. */
  async onModuleInit(): Promise<void> {
    await this.client.connect().catch((error: unknown) => this.warn(error));
  }

  onModuleDestroy(): void {
    this.client.disconnect();
  }

  /**
   * Counts one hit of `key` in a fixed window of `windowMs` starting at its first hit.
   * Undefined when Redis could not count it: the caller lets the hit through.
   */
  async count(namespace: string, key: string, windowMs: number): Promise<number | undefined> {
    try {
      return await this.client.rateLimitCount(this.key(namespace, key), windowMs);
    } catch (error) {
      this.warn(error);
      return undefined;
    }
  }

  /**
   * Counts one hit unless `key` is blocked; the hit past `limit` blocks it for `blockMs` (or
   * until the window ends when `blockMs` is 0). Undefined when Redis could not count it.
   */
  async countOrBlock(
    namespace: string,
    key: string,
    limit: { limit: number; windowMs: number; blockMs: number },
  ): Promise<BlockingCount | undefined> {
    const counter = this.key(namespace, key);
    try {
      const [hits, msLeft, blockedMs] = await this.client.rateLimitCountOrBlock(
        counter,
        `${counter}:block`,
        limit.windowMs,
        limit.limit,
        limit.blockMs,
      );
      return { hits, msLeft, blockedMs };
    } catch (error) {
      this.warn(error);
      return undefined;
    }
  }

  private key(namespace: string, key: string): string {
    const readable = namespace.replace(/[^\w./-]/g, '_').slice(0, 64);
    return `${this.prefix}${readable}:${createHash('sha256').update(key).digest('hex')}`;
  }

  private warn(error: unknown): void {
    const now = Date.now();
    if (now - this.warnedAt < WARN_EVERY_MS) return;
    this.warnedAt = now;
    this.logger.warn(
      `Rate limits not enforced: Redis unreachable (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}

/** One Redis connection for every rate limit of the api process. */
@Global()
@Module({ providers: [RateLimitStore], exports: [RateLimitStore] })
export class RateLimitModule {}
