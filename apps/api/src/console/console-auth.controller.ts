import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthService, Public, SESSION_COOKIE, SESSION_TTL_SECONDS } from '@kakehashi/auth';
import { Environment } from '@kakehashi/config';
import { setRetryAfterHeaders } from '../auth/login-throttle';
import { LoginUseCase } from '../auth/login.use-case';
import { resolveLocale, safeNext } from './console-locale';
import { renderConsolePage } from './console-page';
import { CONSOLE_TEXT } from './console-text';
import { checkLoginFormToken, issueLoginFormToken } from './login-form-token';
import { SESSION_EXPIRED_PARAM } from './page-auth.filter';
import { isSameOrigin } from './same-origin';

type LoginForm = { email?: unknown; password?: unknown; formToken?: unknown; next?: unknown };
type LoginError = 'invalid' | 'expired' | 'throttled';

/** The console's login and logout pages; the same login use case and cookie as the JSON login. */
@ApiExcludeController()
@Controller()
export class ConsoleAuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly login: LoginUseCase,
    private readonly env: Environment,
  ) {}

  private get secure(): boolean {
    return this.env.APP_URL.startsWith('https://');
  }

  @Public()
  @Get('login')
  async loginPage(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const query = request.query as Record<string, unknown>;
    await this.renderLogin(request, reply, {
      next: safeNext(query.next),
      // Set by PageAuthFilter when a session cookie came back no longer valid.
      sessionExpired: query[SESSION_EXPIRED_PARAM.name] === SESSION_EXPIRED_PARAM.value,
    });
  }

  @Public()
  @Post('login')
  async signIn(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const form = (request.body ?? {}) as LoginForm;
    const next = safeNext(form.next);
    const email = typeof form.email === 'string' ? form.email.trim() : '';
    if (!isSameOrigin(request, this.env.APP_URL) || !checkLoginFormToken(request, form.formToken)) {
      return this.renderLogin(request, reply, { next, email, error: 'expired', status: 403 });
    }
    const password = typeof form.password === 'string' ? form.password : '';
    const result =
      email && password && email.length <= 320 && password.length <= 1024
        ? await this.login.execute({ email, password, ip: request.ip })
        : ({ outcome: 'invalid' } as const);
    if (result.outcome === 'throttled') {
      setRetryAfterHeaders(reply, result.retryAfter);
      return this.renderLogin(request, reply, { next, email, error: 'throttled', status: 429 });
    }
    if (result.outcome === 'invalid') {
      return this.renderLogin(request, reply, { next, email, error: 'invalid', status: 401 });
    }
    reply.setCookie(SESSION_COOKIE, result.token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.secure,
      path: '/',
      maxAge: SESSION_TTL_SECONDS,
    });
    await reply.redirect(next, 303);
  }

  @Public()
  @Get('logout')
  async logoutPage(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const locale = resolveLocale(request, reply);
    await renderConsolePage(request, reply, {
      view: 'console/logout',
      title: CONSOLE_TEXT[locale].logout,
      locale,
    });
  }

  @Public()
  @Post('logout')
  async logout(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    // Logging someone out from another site is a nuisance, not a breach, but refuse it anyway.
    if (isSameOrigin(request, this.env.APP_URL)) {
      const token = request.cookies?.[SESSION_COOKIE];
      if (token) await this.auth.endSession(token, request.ip);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
    }
    await reply.redirect('/login', 303);
  }

  private async renderLogin(
    request: FastifyRequest,
    reply: FastifyReply,
    state: {
      next: string;
      email?: string;
      error?: LoginError;
      sessionExpired?: boolean;
      status?: number;
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
        notice: state.sessionExpired ? text.sessionExpired : null,
        formToken: issueLoginFormToken(reply, this.secure),
      },
    });
  }
}
