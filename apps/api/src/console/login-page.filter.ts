import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  ForbiddenException,
  UnauthorizedException,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Environment } from '@kakehashi/config';
import { setRetryAfterHeaders } from '../auth/login-throttle';
import { LoginThrottledException } from '../auth/login-throttled.exception';
import { FORGOT_PASSWORD_PATH } from '../users/pages/forgot-password-page.controller';
import { FORGOT_PASSWORD_TEXT } from '../users/pages/forgot-password-text';
import { resolveLocale, safeNext } from './console-locale';
import { renderConsolePage } from './console-page';
import { CONSOLE_TEXT } from './console-text';
import type { LoginForm } from './login-form.guard';
import { LOGIN_FORM_TOKEN } from './login-form-token';

type LoginError = 'invalid' | 'expired' | 'throttled';

/**
 * The login page, with a fresh form token and the link for a forgotten password; an error or
 * notice when there is one (`notice`: another page's words, such as "your password is set").
 */
export async function renderLoginPage(
  request: FastifyRequest,
  reply: FastifyReply,
  state: {
    next: string;
    email?: string;
    error?: LoginError;
    sessionExpired?: boolean;
    notice?: string;
    status?: number;
    secure: boolean;
  },
): Promise<void> {
  const locale = resolveLocale(request, reply);
  const text = CONSOLE_TEXT[locale].login;
  await renderConsolePage(request, reply, {
    view: 'console/login',
    title: text.title,
    locale,
    status: state.status,
    data: {
      text,
      next: state.next,
      email: state.email ?? '',
      error: state.error ? text[state.error] : null,
      notice: state.sessionExpired ? text.sessionExpired : (state.notice ?? null),
      forgot: { href: FORGOT_PASSWORD_PATH, label: FORGOT_PASSWORD_TEXT[locale].link },
      formToken: LOGIN_FORM_TOKEN.issue(request, reply, state.secure),
    },
  });
}

/**
 * A refused login form shows the login page again, keeping the typed email and the return path
 * so only the password needs typing: 403 when the form did not come from our page (its token
 * has expired, or another site sent it), 401 for a wrong email or password, 429 with
 * Retry-After when the login limits refuse.
 */
@Catch(LoginThrottledException, UnauthorizedException, ForbiddenException)
export class LoginPageFilter implements ExceptionFilter {
  constructor(private readonly env: Environment) {}

  async catch(
    exception: LoginThrottledException | UnauthorizedException | ForbiddenException,
    host: ArgumentsHost,
  ): Promise<void> {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const form = (request.body ?? {}) as LoginForm;
    let error: LoginError = 'invalid';
    if (exception instanceof LoginThrottledException) {
      setRetryAfterHeaders(reply, exception.retryAfter);
      error = 'throttled';
    } else if (exception instanceof ForbiddenException) {
      error = 'expired';
    }
    await renderLoginPage(request, reply, {
      next: safeNext(form.next),
      email: typeof form.email === 'string' ? form.email.trim() : '',
      error,
      status: exception.getStatus(),
      secure: this.env.APP_URL.startsWith('https://'),
    });
  }
}
