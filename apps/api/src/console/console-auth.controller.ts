import { Controller, Get, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthService, Public, SESSION_COOKIE, SESSION_TTL_SECONDS } from '@kakehashi/auth';
import { Environment } from '@kakehashi/config';
import { resolveLocale, safeNext } from './console-locale';
import { renderConsolePage } from './console-page';
import { CONSOLE_TEXT } from './console-text';
import { LoginThrottledFilter } from './login-throttled.filter';
import { checkLoginFormToken, issueLoginFormToken } from './login-form-token';
import { isSameOrigin } from './same-origin';

type LoginForm = { email?: unknown; password?: unknown; formToken?: unknown; next?: unknown };

/** The console's login and logout pages; the same AuthService and cookie as the JSON login. */
@ApiExcludeController()
@Controller()
export class ConsoleAuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly env: Environment,
  ) {}

  private get secure(): boolean {
    return this.env.APP_URL.startsWith('https://');
  }

  @Public()
  @Get('login')
  async loginPage(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const query = request.query as Record<string, unknown>;
    await this.renderLogin(request, reply, { next: safeNext(query.next) });
  }

  @Public()
  @Post('login')
  @UseGuards(ThrottlerGuard)
  @UseFilters(LoginThrottledFilter)
  async login(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const form = (request.body ?? {}) as LoginForm;
    const next = safeNext(form.next);
    const email = typeof form.email === 'string' ? form.email.trim() : '';
    if (!isSameOrigin(request, this.env.APP_URL) || !checkLoginFormToken(request, form.formToken)) {
      return this.renderLogin(request, reply, { next, email, error: 'expired', status: 403 });
    }
    const password = typeof form.password === 'string' ? form.password : '';
    const user =
      email && password && email.length <= 320 && password.length <= 1024
        ? await this.auth.validateCredentials({ email, password, ip: request.ip })
        : null;
    if (!user)
      return this.renderLogin(request, reply, { next, email, error: 'invalid', status: 401 });
    const token = await this.auth.issueToken(user);
    reply.setCookie(SESSION_COOKIE, token, {
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
    if (isSameOrigin(request, this.env.APP_URL)) reply.clearCookie(SESSION_COOKIE, { path: '/' });
    await reply.redirect('/login', 303);
  }

  private async renderLogin(
    request: FastifyRequest,
    reply: FastifyReply,
    state: { next: string; email?: string; error?: 'invalid' | 'expired'; status?: number },
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
        formToken: issueLoginFormToken(reply, this.secure),
      },
    });
  }
}
