import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { Environment } from '@kakehashi/config';
import { AuthenticatedUser, JwtPayload, SESSION_COOKIE } from './authenticated-user';

type RequestWithCookies = { cookies?: Record<string, string | undefined> };

/** Accepts the token from `Authorization: Bearer` (API clients) or the session cookie (pages). */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(env: Environment) {
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

  validate(payload: JwtPayload): AuthenticatedUser {
    return {
      id: payload.sub,
      organizationId: payload.org,
      email: payload.email,
      role: payload.role,
    };
  }
}
