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
 * KEYS: one counter per limit; ARGV[1] window ms, ARGV[1 + i] the limit of KEYS[i]. A slot is
 * taken on every counter unless one is at its limit: then nothing is counted and, for each
 * counter at its limit, the ms until its window ends is returned in its place (0 elsewhere).
 */
const TAKE_SLOTS_LUA = `
local waits = {}
local refused = false
for i, key in ipairs(KEYS) do
  waits[i] = 0
  if tonumber(redis.call('GET', key) or '0') >= tonumber(ARGV[i + 1]) then
    refused = true
    local left = redis.call('PTTL', key)
    if left > 0 then waits[i] = left else waits[i] = tonumber(ARGV[1]) end
  end
end
if refused then return waits end
for _, key in ipairs(KEYS) do
  redis.call('INCR', key)
  if redis.call('PTTL', key) < 0 then redis.call('PEXPIRE', key, ARGV[1]) end
end
return waits`;

/** KEYS: counters a slot was taken on; each gets it back. */
const GIVE_BACK_LUA = `
for _, key in ipairs(KEYS) do
  if redis.call('DECR', key) <= 0 then redis.call('DEL', key) end
end
return 0`;

type ScriptedRedis = IORedis & {
  rateLimitCount(key: string, windowMs: number): Promise<number>;
  rateLimitTakeSlots(...args: (string | number)[]): Promise<number[]>;
  rateLimitGiveBack(...args: string[]): Promise<number>;
};

/** A limit to take a slot on: its counter (namespace and key) and how many slots it has. */
export interface SlotLimit {
  namespace: string;
  key: string;
  limit: number;
}

/** Slots taken (give them back with giveBack), or the ms each limit at its end says to wait. */
export type SlotsTaken = { taken: true; counters: string[] } | { taken: false; waitsMs: number[] };

/** How often, at most, one process logs that limits are not enforced. */
const WARN_EVERY_MS = 30_000;

/**
 * Rate-limit counters in Redis, shared by every api replica (login attempts, supplier links).
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
    this.client.defineCommand('rateLimitTakeSlots', { lua: TAKE_SLOTS_LUA });
    this.client.defineCommand('rateLimitGiveBack', { lua: GIVE_BACK_LUA });
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
   * Takes one slot on each of `limits` at once, in windows of `windowMs` starting at their first
   * slot, unless one of them is full. A slot counts until its window ends, or until it is given
   * back: callers that count only failures take a slot per attempt (so attempts in flight count
   * and a parallel burst cannot overshoot) and give it back when the attempt succeeds.
   * Undefined when Redis could not count: the caller lets the attempt through.
   */
  async takeSlots(limits: SlotLimit[], windowMs: number): Promise<SlotsTaken | undefined> {
    const counters = limits.map((l) => this.key(l.namespace, l.key));
    try {
      const waitsMs = await this.client.rateLimitTakeSlots(
        counters.length,
        ...counters,
        windowMs,
        ...limits.map((l) => l.limit),
      );
      return waitsMs.every((ms) => ms === 0)
        ? { taken: true, counters }
        : { taken: false, waitsMs };
    } catch (error) {
      this.warn(error);
      return undefined;
    }
  }

  /** Gives back slots taken by takeSlots. */
  async giveBack(counters: string[]): Promise<void> {
    if (counters.length === 0) return;
    try {
      await this.client.rateLimitGiveBack(String(counters.length), ...counters);
    } catch (error) {
      this.warn(error);
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
