import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { RateLimitStore } from '../common/rate-limit-store';

/**
 * Fixed-window counters for the supplier endpoints, kept apart from the login throttlers of the
 * global ThrottlerModule. Counted in Redis, so the limit holds across api replicas; a window
 * starts with its key's first hit. When Redis is unreachable every hit is allowed (fail open:
 * these limits stop floods, and suppliers must still be able to answer).
 */
@Injectable()
export class RespondThrottleService {
  constructor(private readonly store: RateLimitStore) {}

  /** Throws 429 once `key` was hit more than `limit` times within `windowMs`. */
  async hit(key: string, limit: number, windowMs: number): Promise<void> {
    if (!(await this.allow(key, limit, windowMs))) {
      throw new HttpException(
        'Too many requests; wait a moment and try again',
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
  }

  /** Counts one hit of `key`; false once it was hit more than `limit` times in the window. */
  async allow(key: string, limit: number, windowMs: number): Promise<boolean> {
    const hits = await this.store.count('respond', key, windowMs);
    return hits === undefined || hits <= limit;
  }
}
