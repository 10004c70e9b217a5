import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Options } from 'pino-http';
import { Environment } from '@kakehashi/config';

/** JSON request logs with a request id (taken from X-Request-Id when a proxy sets one). */
export function pinoHttpOptions(env: Environment): Options {
  return {
    level: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'warn' : 'info'),
    genReqId: (req: IncomingMessage) => requestId(req),
    customProps: () => ({ app: 'api' }),
    redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health/') },
  };
}

export function requestId(req: IncomingMessage): string {
  const header = req.headers['x-request-id'];
  const given = Array.isArray(header) ? header[0] : header;
  return given && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
}
