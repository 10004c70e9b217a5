import { ForbiddenException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/**
 * A form POST must come from our own pages: the browser's Origin (or, failing that, Referer)
 * names this host or the configured APP_URL. Browsers send Origin with every form POST, and
 * console pages send `Referrer-Policy: same-origin`, so our own forms always name us; a post
 * naming no origin (`Origin: null` from a sandboxed frame or a data: page, or no header at all
 * from a non-browser client) is refused. The session cookie's SameSite=Lax stops other sites;
 * this also stops a page on a sibling subdomain, which counts as the same site.
 */
export function isSameOrigin(request: FastifyRequest, appUrl: string): boolean {
  const origin = request.headers.origin;
  const source = origin && origin !== 'null' ? origin : request.headers.referer;
  if (!source) return false;
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
