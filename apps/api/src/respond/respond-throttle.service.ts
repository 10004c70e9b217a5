import { HttpException, HttpStatus, Injectable } from '@nestjs/common';

interface Window {
  start: number;
  count: number;
}

/**
 * Fixed-window counters for the supplier endpoints, kept apart from the login throttlers of the
 * global ThrottlerModule. Per process: with several api replicas each one counts on its own,
 * which is fine for limits meant to stop floods rather than to meter.
 */
@Injectable()
export class RespondThrottleService {
  private readonly windows = new Map<string, Window>();

  /** Throws 429 once `key` was hit more than `limit` times within `windowMs`. */
  hit(key: string, limit: number, windowMs: number, now = Date.now()): void {
    if (!this.allow(key, limit, windowMs, now)) {
      throw new HttpException(
        'Too many requests; wait a moment and try again',
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
  }

  allow(key: string, limit: number, windowMs: number, now = Date.now()): boolean {
    let window = this.windows.get(key);
    if (!window || now - window.start >= windowMs) {
      if (this.windows.size > 50_000) this.sweep(now, windowMs);
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    return window.count <= limit;
  }

  private sweep(now: number, windowMs: number): void {
    for (const [key, window] of this.windows) {
      if (now - window.start >= windowMs) this.windows.delete(key);
    }
  }
}
