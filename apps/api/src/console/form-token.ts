import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes, timingSafeEqual } from 'node:crypto';

const TOKEN = /^[A-Za-z0-9_-]{32}$/;

/**
 * A double-submit token for a form that has no session to tie it to (login, set-password): a
 * random value in a SameSite=Lax cookie that only our own page repeats, paired with the
 * Origin check. A page view reuses the token the cookie already holds, so two open copies of
 * the page (two tabs, the invitation link clicked twice) both still submit.
 */
export class FormToken {
  constructor(
    private readonly cookie: string,
    private readonly path: string,
  ) {}

  issue(request: FastifyRequest, reply: FastifyReply, secure: boolean): string {
    const held = request.cookies?.[this.cookie];
    const token = held && TOKEN.test(held) ? held : randomBytes(24).toString('base64url');
    // Lax, not Strict: a page opened from a link in webmail (another site) must get the held
    // token back, or it would replace it and void a copy of the page already open. A cross-site
    // POST still carries no cookie, and the Origin check stands beside the token.
    reply.setCookie(this.cookie, token, {
      path: this.path,
      httpOnly: true,
      sameSite: 'lax',
      secure,
      maxAge: 3600,
    });
    return token;
  }

  check(request: FastifyRequest, submitted: unknown): boolean {
    const expected = request.cookies?.[this.cookie];
    if (!expected || typeof submitted !== 'string') return false;
    const a = Buffer.from(expected);
    const b = Buffer.from(submitted);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  clear(reply: FastifyReply): void {
    reply.clearCookie(this.cookie, { path: this.path });
  }
}
