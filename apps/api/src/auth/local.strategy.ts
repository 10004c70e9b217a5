import { Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-local';
import { LoginThrottledException } from './login-throttled.exception';
import { LoginUseCase, SignedInUser } from './login.use-case';

/**
 * passport-local for the JSON login and the console form: runs the throttled login use case and
 * hands the guard the signed-in user with its token (the session is opened here, once).
 */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly login: LoginUseCase) {
    super({
      usernameField: 'email',
      passwordField: 'password',
      passReqToCallback: true,
      session: false,
    });
  }

  async validate(request: FastifyRequest, email: string, password: string): Promise<SignedInUser> {
    const result = await this.login.execute({ email, password, ip: request.ip });
    if (result.outcome === 'throttled') throw new LoginThrottledException(result.retryAfter);
    // One answer for an unknown email and a wrong password.
    if (result.outcome === 'invalid') throw new UnauthorizedException('Invalid email or password');
    return { user: result.user, token: result.token, locale: result.locale };
  }
}
