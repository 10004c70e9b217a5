import { Injectable } from '@nestjs/common';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Environment } from '@kakehashi/config';

/** Cookie holding a supplier's questionnaire session (never the link token itself). */
export const RESPOND_COOKIE = 'kk_respond';
/** Sliding lifetime: each page view extends it. */
export const RESPOND_SESSION_SECONDS = 2 * 60 * 60;

export interface RespondSession {
  /** Random per session; CSRF tokens are bound to it. */
  sid: string;
  organizationId: string;
  assessmentId: string;
  linkId: string;
  contactId: string | null;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

/**
 * Signs and checks the supplier session cookie and its CSRF tokens with HMAC-SHA256 under a key
 * derived from the JWT secret, so a buyer JWT can never pass for a supplier session or back.
 */
@Injectable()
export class RespondSessionService {
  private readonly key: Buffer;

  constructor(env: Environment) {
    this.key = createHmac('sha256', env.jwtSecret).update('kakehashi:respond-session:v1').digest();
  }

  create(input: Omit<RespondSession, 'sid' | 'exp'>): RespondSession {
    return { ...input, sid: randomBytes(16).toString('base64url'), exp: this.nextExpiry() };
  }

  /** The same session with its expiry pushed forward. */
  refresh(session: RespondSession): RespondSession {
    return { ...session, exp: this.nextExpiry() };
  }

  encode(session: RespondSession): string {
    const body = Buffer.from(JSON.stringify(session)).toString('base64url');
    return `${body}.${this.sign(`session:${body}`)}`;
  }

  decode(value: string | undefined, now = Date.now()): RespondSession | null {
    if (!value) return null;
    const [body, signature] = value.split('.');
    if (!body || !signature || !this.same(signature, this.sign(`session:${body}`))) return null;
    try {
      const session = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as RespondSession;
      return session.exp * 1000 > now ? session : null;
    } catch {
      return null;
    }
  }

  /** CSRF token for forms posted with this session (double-submit bound to the session id). */
  csrfFor(scope: string): string {
    return this.sign(`csrf:${scope}`);
  }

  checkCsrf(scope: string, token: unknown): boolean {
    return typeof token === 'string' && this.same(token, this.csrfFor(scope));
  }

  private sign(data: string): string {
    return createHmac('sha256', this.key).update(data).digest('base64url');
  }

  private same(a: string, b: string): boolean {
    const x = Buffer.from(a);
    const y = Buffer.from(b);
    return x.length === y.length && timingSafeEqual(x, y);
  }

  private nextExpiry(): number {
    return Math.floor(Date.now() / 1000) + RESPOND_SESSION_SECONDS;
  }
}
