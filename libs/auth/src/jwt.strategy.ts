import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { Environment } from '@kakehashi/config';
import { AuthenticatedUser, JwtPayload, SESSION_COOKIE } from './authenticated-user';
import { SessionService } from './session.service';

type RequestWithCookies = { cookies?: Record<string, string | undefined> };

/**
 * Accepts the token from `Authorization: Bearer` (API clients) or the session cookie (pages),
 * while its session lives: logout, a deleted user or an expired session refuse it at once.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    env: Environment,
    private readonly sessions: SessionService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromExtractors([
        ExtractJwt.fromAuthHeaderAsBearerToken(),
        (request: RequestWithCookies) => request.cookies?.[SESSION_COOKIE] ?? null,
      ]),
      secretOrKey: env.jwtSecret,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  /** Null (a 401) unless the token's session is live; the user as stored now otherwise. */
  validate(payload: Partial<JwtPayload>): Promise<AuthenticatedUser | null> {
    return this.sessions.resolve({
      sessionId: payload.jti,
      userId: payload.sub,
      organizationId: payload.org,
    });
  }
}
