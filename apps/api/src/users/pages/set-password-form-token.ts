import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes, timingSafeEqual } from 'node:crypto';

const COOKIE = 'kk_set_password_form';

/**
 * Double-submit token for the set-password form, as the login form has (console/login-form-token):
 * a random value in a SameSite=Strict cookie that only our form repeats, paired with the Origin
 * check. A cookie of its own (path /set-password), so a login page opened in another tab does
 * not void this form.
 */
export function issueSetPasswordFormToken(reply: FastifyReply, secure: boolean): string {
  const token = randomBytes(24).toString('base64url');
  reply.setCookie(COOKIE, token, {
    path: '/set-password',
    httpOnly: true,
    sameSite: 'strict',
    secure,
    maxAge: 3600,
  });
  return token;
}

export function checkSetPasswordFormToken(request: FastifyRequest, submitted: unknown): boolean {
  const expected = request.cookies?.[COOKIE];
  if (!expected || typeof submitted !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(submitted);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function clearSetPasswordFormToken(reply: FastifyReply): void {
  reply.clearCookie(COOKIE, { path: '/set-password' });
}
