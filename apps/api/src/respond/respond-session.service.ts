import { Injectable } from '@nestjs/common';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Environment } from '@kakehashi/config';

/** Cookie holding a supplier's questionnaire session (never the link token itself). */
export const RESPOND_COOKIE = 'kk_respond';
/** Sliding lifetime: each page view extends it. */
export const RESPOND_SESSION_SECONDS = 2 * 60 * 60;
/**
 * How long the browser keeps the cookie after the session has ended: an ended session opens
 * nothing, but it still names its link, so the "session ended" page can send a fresh link to the
 * link's registered contact (the person no longer has the emailed token at hand).
 */
export const RESPOND_ENDED_SESSION_SECONDS = 7 * 24 * 60 * 60;
/** The cookie's Max-Age: the session's lifetime plus the time an ended one is remembered. */
export const RESPOND_COOKIE_SECONDS = RESPOND_SESSION_SECONDS + RESPOND_ENDED_SESSION_SECONDS;

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
    const session = this.verify(value);
    return session && session.exp * 1000 > now ? session : null;
  }

  /**
   * A signed session that has ended, within RESPOND_ENDED_SESSION_SECONDS: good for nothing but
   * asking for a fresh link to its link's contact. Null for a live session.
   */
  ended(value: string | undefined, now = Date.now()): RespondSession | null {
    const session = this.verify(value);
    if (!session) return null;
    const endedFor = now - session.exp * 1000;
    return endedFor >= 0 && endedFor < RESPOND_ENDED_SESSION_SECONDS * 1000 ? session : null;
  }

  private verify(value: string | undefined): RespondSession | null {
    if (!value) return null;
    const [body, signature] = value.split('.');
    if (!body || !signature || !this.same(signature, this.sign(`session:${body}`))) return null;
    try {
      const session = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as RespondSession;
      return typeof session.exp === 'number' ? session : null;
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
