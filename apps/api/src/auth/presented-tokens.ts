import type { FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '@kakehashi/auth';

/** The session tokens a request carries: the Bearer token and the session cookie (distinct). */
export function presentedTokens(request: FastifyRequest): string[] {
  const header = request.headers.authorization;
  const bearer = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
  const cookie = (request as FastifyRequest & { cookies?: Record<string, string | undefined> })
    .cookies?.[SESSION_COOKIE];
  return [...new Set([bearer, cookie].filter((token): token is string => !!token))];
}
