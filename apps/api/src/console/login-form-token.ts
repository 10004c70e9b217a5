import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes, timingSafeEqual } from 'node:crypto';

const COOKIE = 'kk_login_form';

/**
 * Double-submit token for the login form (login CSRF): a random value in a SameSite=Strict cookie
 * that only our form repeats. Paired with the Origin check.
 */
export function issueLoginFormToken(reply: FastifyReply, secure: boolean): string {
  const token = randomBytes(24).toString('base64url');
  reply.setCookie(COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure,
    maxAge: 3600,
  });
  return token;
}

export function checkLoginFormToken(request: FastifyRequest, submitted: unknown): boolean {
  const expected = request.cookies?.[COOKIE];
  if (!expected || typeof submitted !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(submitted);
  return a.length === b.length && timingSafeEqual(a, b);
}
