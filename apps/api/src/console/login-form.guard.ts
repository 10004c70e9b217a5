import { ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Environment } from '@kakehashi/config';
import { LocalAuthGuard } from '../auth/local-auth.guard';
import { LOGIN_FORM_TOKEN } from './login-form-token';
import { isSameOrigin } from './same-origin';

export type LoginForm = {
  email?: unknown;
  password?: unknown;
  formToken?: unknown;
  next?: unknown;
};

/**
 * The console's login form signs in through passport-local like the JSON login, after the
 * form's own checks, which come first so that neither a forged post from another site (403) nor
 * a blank or over-long field (401, as a browser's required fields make it rare) costs the
 * account an attempt against the login limits.
 */
@Injectable()
export class LoginFormGuard extends LocalAuthGuard {
  constructor(private readonly env: Environment) {
    super();
  }

  protected override checkBody(request: FastifyRequest): Promise<void> {
    const form = (request.body ?? {}) as LoginForm;
    if (
      !isSameOrigin(request, this.env.APP_URL) ||
      !LOGIN_FORM_TOKEN.check(request, form.formToken)
    ) {
      throw new ForbiddenException('The login form was not sent from our login page');
    }
    const email = typeof form.email === 'string' ? form.email.trim() : '';
    const password = typeof form.password === 'string' ? form.password : '';
    if (!email || !password || email.length > 320 || password.length > 1024) {
      throw new UnauthorizedException('Invalid email or password');
    }
    return Promise.resolve();
  }
}
