import { ThrottlerOptions } from '@nestjs/throttler';
import { normalizeEmail } from '@kakehashi/database';

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
