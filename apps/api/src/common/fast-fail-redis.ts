import IORedis, { type RedisOptions } from 'ioredis';

/**
 * A Redis connection for work that must never wait on Redis (health checks, rate limits): no
 * offline queue and no retry per command, so a command fails at once while Redis is away; a
 * 1 s connect timeout; reconnects in the background every 2 s at most; and a short disconnect
 * timeout, so closing a connection whose socket never opened does not hold the process.
 * Errors are left to the commands that fail; connect with `connect()` (lazy).
 */
export function fastFailRedis(url: string, options: RedisOptions = {}): IORedis {
  const client = new IORedis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 1000,
    disconnectTimeout: 200,
    retryStrategy: (times) => Math.min(times * 200, 2000),
    ...options,
  });
  client.on('error', () => undefined);
  return client;
}
