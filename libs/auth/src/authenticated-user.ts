import { UserRole } from '@kakehashi/database';

/** What a verified buyer session carries on each request. */
export interface AuthenticatedUser {
  id: string;
  organizationId: string;
  email: string;
  role: UserRole;
}

export interface JwtPayload {
  sub: string;
  org: string;
  email: string;
  role: UserRole;
  /** The server-side session (user_sessions.id); a token without one is refused. */
  jti: string;
}

/** Cookie that carries the same JWT for the server-rendered pages. */
export const SESSION_COOKIE = 'kk_session';
export const SESSION_TTL_SECONDS = 8 * 60 * 60;
