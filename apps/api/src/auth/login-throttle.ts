import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Environment } from '@kakehashi/config';
import { normalizeEmail } from '@kakehashi/database';
import { RateLimitStore } from '../common/rate-limit-store';

const WINDOW_MS = 60_000;

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

/**
 * Login throttling per client address and per account, counting failed attempts only: signing
 * in successfully costs nothing, so an office behind one NAT signing in at 9:00, or a script
 * signing in often, is never refused; a success does not wipe the account's earlier failures
 * either (else someone guessing would get a fresh allowance each time the owner signs in).
 *
 * Counted in Redis by RateLimitStore (keys under `${QUEUE_PREFIX}:throttle:login-…`), so every
 * api replica enforces one limit; the limit and window are part of the key, so processes
 * configured differently during a rollout never block one another's callers. Fails open: while
 * Redis is away every attempt is let through.
 */
@Injectable()
export class LoginThrottle {
  private readonly limits: Record<LimitName, number>;

  constructor(
    env: Environment,
    private readonly store: RateLimitStore,
  ) {
    this.limits = {
      'login-ip': env.LOGIN_ATTEMPTS_PER_MINUTE_PER_IP,
      'login-account': env.LOGIN_ATTEMPTS_PER_MINUTE_PER_ACCOUNT,
    };
  }

  /** Takes a slot for one attempt by `ip` on `email`, or says how long to wait. */
  async take(input: { ip: string; email: string }): Promise<LoginSlot | LoginRetryAfter> {
    const trackers: Record<LimitName, string> = {
      'login-ip': input.ip,
      'login-account': normalizeEmail(input.email),
    };
    const taken = await this.store.takeSlots(
      LIMIT_NAMES.map((name) => ({
        namespace: `${name}:${this.limits[name]}/${WINDOW_MS}`,
        key: trackers[name],
        limit: this.limits[name],
      })),
      WINDOW_MS,
    );
    if (!taken) return { keys: [] };
    if (taken.taken) return { keys: taken.counters };
    const limits: LoginRetryAfter['limits'] = {};
    LIMIT_NAMES.forEach((name, i) => {
      if (taken.waitsMs[i] > 0) limits[name] = seconds(taken.waitsMs[i]);
    });
    return { seconds: Math.max(...Object.values(limits)), limits };
  }

  /** Ends an attempt: a failed one keeps its slot (it counts), any other gives it back. */
  async settle(slot: LoginSlot, outcome: { failed: boolean }): Promise<void> {
    if (!outcome.failed) await this.store.giveBack(slot.keys);
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
