import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type IORedis from 'ioredis';
import { createHash } from 'node:crypto';
import { Environment } from '@kakehashi/config';
import { normalizeEmail } from '@kakehashi/database';
import { fastFailRedis } from '../common/fast-fail-redis';

const WINDOW_MS = 60_000;

/**
 * KEYS: one counter per limit; ARGV[1] window ms, ARGV[1 + i] the limit of KEYS[i]. A counter
 * holds its window's failed attempts plus the attempts still being checked, so a burst of
 * parallel guesses cannot overshoot the limit. When a counter is at its limit nothing is counted
 * and the ms until its window ends is returned in its place; otherwise a slot is taken on every
 * counter (a window starts with its first attempt) and every place holds 0.
 */
const TAKE_LUA = `
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

/** KEYS: the counters a successful attempt took a slot on; it gives the slot back. */
const GIVE_BACK_LUA = `
for _, key in ipairs(KEYS) do
  if redis.call('DECR', key) <= 0 then redis.call('DEL', key) end
end
return 0`;

type ScriptedRedis = IORedis & {
  loginTake(...args: (string | number)[]): Promise<number[]>;
  loginGiveBack(...args: (string | number)[]): Promise<number>;
};

const LIMIT_NAMES = ['login-ip', 'login-account'] as const;
type LimitName = (typeof LIMIT_NAMES)[number];

/** A slot taken for one attempt; given back unless the attempt fails. */
export interface LoginSlot {
  keys: string[];
}

/** Seconds to wait, overall and for each limit that refused. */
export interface LoginRetryAfter {
  seconds: number;
  limits: Partial<Record<LimitName, number>>;
}

/** How often, at most, one process logs that limits are not enforced. */
const WARN_EVERY_MS = 30_000;

/**
 * Login throttling per client address and per account, counting failed attempts only: signing
 * in successfully costs nothing, so an office behind one NAT signing in at 9:00, or a script
 * signing in often, is never refused; a success does not wipe the account's earlier failures
 * either (else someone guessing would get a fresh allowance each time the owner signs in).
 *
 * Counted in Redis (keys under `${QUEUE_PREFIX}:throttle:login-…`, ending in a SHA-256 of the
 * address or e-mail), so every api replica enforces one limit; the limit and window are part of
 * the key, so processes configured differently during a rollout never block one another's
 * callers. Fails open like RateLimitStore: while Redis is away every attempt is let through.
 */
@Injectable()
export class LoginThrottle implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(LoginThrottle.name);
  private readonly client: ScriptedRedis;
  private readonly prefix: string;
  private readonly limits: Record<LimitName, number>;
  private warnedAt = Number.NEGATIVE_INFINITY;

  constructor(env: Environment) {
    this.prefix = `${env.QUEUE_PREFIX}:throttle:`;
    this.limits = {
      'login-ip': env.LOGIN_ATTEMPTS_PER_MINUTE_PER_IP,
      'login-account': env.LOGIN_ATTEMPTS_PER_MINUTE_PER_ACCOUNT,
    };
    this.client = fastFailRedis(env.REDIS_URL, { commandTimeout: 1000 }) as ScriptedRedis;
    this.client.defineCommand('loginTake', { lua: TAKE_LUA });
    this.client.defineCommand('loginGiveBack', { lua: GIVE_BACK_LUA });
  }

  async onModuleInit(): Promise<void> {
    await this.client.connect().catch((error: unknown) => this.warn(error));
  }

  onModuleDestroy(): void {
    this.client.disconnect();
  }

  /** Takes a slot for one attempt by `ip` on `email`, or says how long to wait. */
  async take(input: { ip: string; email: string }): Promise<LoginSlot | LoginRetryAfter> {
    const trackers: Record<LimitName, string> = {
      'login-ip': input.ip,
      'login-account': normalizeEmail(input.email),
    };
    const keys = LIMIT_NAMES.map((name) => this.key(name, trackers[name]));
    let waits: number[];
    try {
      waits = await this.client.loginTake(
        keys.length,
        ...keys,
        WINDOW_MS,
        ...LIMIT_NAMES.map((name) => this.limits[name]),
      );
    } catch (error) {
      this.warn(error);
      return { keys: [] };
    }
    if (waits.every((ms) => ms === 0)) return { keys };
    const limits: LoginRetryAfter['limits'] = {};
    LIMIT_NAMES.forEach((name, i) => {
      if (waits[i] > 0) limits[name] = seconds(waits[i]);
    });
    return { seconds: Math.max(...Object.values(limits)), limits };
  }

  /** Ends an attempt: a failed one keeps its slot (it counts), any other gives it back. */
  async settle(slot: LoginSlot, outcome: { failed: boolean }): Promise<void> {
    if (outcome.failed || slot.keys.length === 0) return;
    try {
      await this.client.loginGiveBack(slot.keys.length, ...slot.keys);
    } catch (error) {
      this.warn(error);
    }
  }

  private key(name: LimitName, tracker: string): string {
    const hash = createHash('sha256').update(tracker).digest('hex');
    return `${this.prefix}${name}:${this.limits[name]}/${WINDOW_MS}:${hash}`;
  }

  private warn(error: unknown): void {
    const now = Date.now();
    if (now - this.warnedAt < WARN_EVERY_MS) return;
    this.warnedAt = now;
    this.logger.warn(
      `Login limits not enforced: Redis unreachable (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}

export function isRetryAfter(value: LoginSlot | LoginRetryAfter): value is LoginRetryAfter {
  return 'seconds' in value;
}

/** The standard Retry-After, and one per refusing limit (`Retry-After-login-account`, …). */
export function setRetryAfterHeaders(reply: FastifyReply, retryAfter: LoginRetryAfter): void {
  reply.header('Retry-After', String(retryAfter.seconds));
  for (const [name, value] of Object.entries(retryAfter.limits)) {
    reply.header(`Retry-After-${name}`, String(value));
  }
}

const seconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));
