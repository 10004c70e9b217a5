import { ThrottlerOptions, ThrottlerStorage } from '@nestjs/throttler';
import { normalizeEmail } from '@kakehashi/database';
import { RateLimitStore } from '../common/rate-limit-store';

/** Login is throttled per client IP and per account, so neither spraying nor guessing pays. */
export function loginThrottlers(limits: { perIp: number; perAccount: number }): ThrottlerOptions[] {
  return [
    { name: 'login-ip', ttl: 60_000, limit: limits.perIp, getTracker: (req) => String(req.ip) },
    {
      name: 'login-account',
      ttl: 60_000,
      limit: limits.perAccount,
      getTracker: (req) => {
        const email = (req.body as { email?: unknown } | undefined)?.email;
        return typeof email === 'string' ? normalizeEmail(email) : `ip:${String(req.ip)}`;
      },
    },
  ];
}

/** Not exported by @nestjs/throttler's index. */
type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

const seconds = (ms: number): number => Math.max(0, Math.ceil(ms / 1000));

/**
 * The throttlers' counters in Redis, so every api replica counts the same attempts. The limit
 * and window are part of the key: processes configured with different limits (while a change of
 * LOGIN_ATTEMPTS_* rolls out) never block one another's callers. When Redis is unreachable the
 * attempt is let through (see RateLimitStore).
 */
export class RedisThrottlerStorage implements ThrottlerStorage {
  constructor(private readonly store: RateLimitStore) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const counted = await this.store.countOrBlock(`${throttlerName}:${limit}/${ttl}`, key, {
      limit,
      windowMs: ttl,
      blockMs: blockDuration,
    });
    if (!counted) {
      return { totalHits: 0, timeToExpire: seconds(ttl), isBlocked: false, timeToBlockExpire: 0 };
    }
    return {
      totalHits: counted.hits,
      timeToExpire: seconds(counted.msLeft),
      isBlocked: counted.blockedMs > 0,
      timeToBlockExpire: seconds(counted.blockedMs),
    };
  }
}
