import { ForbiddenException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/**
 * A form POST must come from our own pages: the browser's Origin (or Referer) names this host or
 * the configured APP_URL. Without either (old clients, or `Origin: null` under a no-referrer
 * policy) the form token alone decides; console pages send `Referrer-Policy: same-origin` so
 * browsers do name the origin.
 */
export function isSameOrigin(request: FastifyRequest, appUrl: string): boolean {
  const origin = request.headers.origin;
  const source = origin && origin !== 'null' ? origin : request.headers.referer;
  if (!source) return true;
  let claimed: string;
  try {
    claimed = new URL(source).origin;
  } catch {
    return false;
  }
  const own = `${request.protocol}://${request.host}`;
  return claimed === own || claimed === new URL(appUrl).origin;
}

/** For console form posts: 403 unless the form came from our own pages. */
export function requireSameOrigin(request: FastifyRequest, appUrl: string): void {
  if (!isSameOrigin(request, appUrl)) {
    throw new ForbiddenException('the form was sent from another site');
  }
}
