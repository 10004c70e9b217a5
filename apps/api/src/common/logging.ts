import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { DestinationStream } from 'pino';
import type { Options } from 'pino-http';
import { Environment } from '@kakehashi/config';

/**
 * Paths whose next segment is a one-time secret (a supplier link or a set-password token). The
 * database keeps only their SHA-256, so the request log must not keep them either. `/q/s/…`
 * (the session pages) and `/set-password/done` carry no token.
 */
const TOKEN_PATHS: RegExp[] = [
  /^(\/q\/)(?!s(?:[/?#]|$))[^/?#]+/i,
  /^(\/api\/v1\/respond\/)[^/?#]+/i,
  /^(\/set-password\/)(?!done(?:[/?#]|$))[^/?#]+/i,
];
const TOKEN_PARAM = /token|secret|password/i;
/** The parts of pino's serialized request and response this file rewrites. */
interface SerializedRequest {
  url?: unknown;
  query?: unknown;
  params?: unknown;
  headers?: Record<string, unknown>;
}
interface SerializedResponse {
  headers?: Record<string, unknown>;
}

const ABSOLUTE = /^([a-z][a-z\d+.-]*:\/\/[^/?#]*)(.*)$/is;

/**
 * The URL as the log may keep it: a token segment becomes `[token]`, token-like query
 * parameters are dropped, everything else stays. Takes a path or an absolute URL (Referer).
 */
export function redactUrl(url: string): string {
  const absolute = ABSOLUTE.exec(url);
  const [origin, rest] = absolute ? [absolute[1], absolute[2]] : ['', url];
  const hashAt = rest.indexOf('#');
  const withoutHash = hashAt === -1 ? rest : rest.slice(0, hashAt);
  const queryAt = withoutHash.indexOf('?');
  let path = queryAt === -1 ? withoutHash : withoutHash.slice(0, queryAt);
  for (const pattern of TOKEN_PATHS) path = path.replace(pattern, '$1[token]');
  const query = queryAt === -1 ? '' : redactQuery(withoutHash.slice(queryAt + 1));
  return `${origin}${path}${query ? `?${query}` : ''}`;
}

function redactQuery(query: string): string {
  return query
    .split('&')
    .filter((pair) => {
      const name = pair.split('=')[0];
      let decoded = name;
      try {
        decoded = decodeURIComponent(name.replace(/\+/g, ' '));
      } catch {
        // A malformed escape is judged by its raw name.
      }
      return pair !== '' && !TOKEN_PARAM.test(decoded);
    })
    .join('&');
}

/** The serialized request without the secrets its URL, route params or Referer may carry. */
export function redactRequest<T extends SerializedRequest>(req: T): T {
  if (typeof req.url === 'string') req.url = redactUrl(req.url);
  if (req.query && typeof req.query === 'object') req.query = withoutTokenKeys(req.query);
  if (req.params && typeof req.params === 'object') req.params = withoutTokenKeys(req.params);
  const referer = req.headers?.referer;
  if (typeof referer === 'string') req.headers = { ...req.headers, referer: redactUrl(referer) };
  return req;
}

/** The serialized response without a token a redirect's Location may carry. */
export function redactResponse<T extends SerializedResponse>(res: T): T {
  const location = res.headers?.location;
  if (typeof location === 'string') {
    res.headers = { ...res.headers, location: redactUrl(location) };
  }
  return res;
}

function withoutTokenKeys(values: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => [
      key,
      TOKEN_PARAM.test(key) ? '[token]' : (value as unknown),
    ]),
  );
}

/**
 * JSON request logs with a request id (taken from X-Request-Id when a proxy sets one), written
 * to stdout unless a destination is given (the tests read what is logged).
 */
export function pinoHttpOptions(env: Environment, destination?: DestinationStream): Options {
  return {
    level: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'warn' : 'info'),
    genReqId: (req: IncomingMessage) => requestId(req),
    customProps: () => ({ app: 'api' }),
    redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    serializers: { req: redactRequest, res: redactResponse },
    autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health/') },
    ...(destination ? { stream: destination } : {}),
  };
}

export function requestId(req: IncomingMessage): string {
  const header = req.headers['x-request-id'];
  const given = Array.isArray(header) ? header[0] : header;
  return given && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
}
