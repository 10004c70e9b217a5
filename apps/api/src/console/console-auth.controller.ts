import { Controller, Get, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthService, Public, SESSION_COOKIE, SESSION_TTL_SECONDS } from '@kakehashi/auth';
import { Environment } from '@kakehashi/config';
import { SignedIn } from '../auth/local-auth.guard';
import type { SignedInUser } from '../auth/login.use-case';
import { rememberUserLocale, resolveLocale, safeNext } from './console-locale';
import { renderConsolePage } from './console-page';
import { CONSOLE_TEXT } from './console-text';
import { LoginForm, LoginFormGuard } from './login-form.guard';
import { LOGIN_FORM_TOKEN } from './login-form-token';
import { LoginPageFilter, renderLoginPage } from './login-page.filter';
import { SESSION_EXPIRED_PARAM } from './page-auth.filter';
import { isSameOrigin } from './same-origin';

/** The console's login and logout pages; the same passport-local login and cookie as the API. */
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
    await renderLoginPage(request, reply, {
      next: safeNext(query.next),
      // Set by PageAuthFilter when a session cookie came back no longer valid.
      sessionExpired: query[SESSION_EXPIRED_PARAM.name] === SESSION_EXPIRED_PARAM.value,
      secure: this.secure,
    });
  }

  /** Signed in by LoginFormGuard; LoginPageFilter shows the page again when it refuses. */
  @Public()
  @Post('login')
  @UseGuards(LoginFormGuard)
  @UseFilters(LoginPageFilter)
  async signIn(
    @SignedIn() signedIn: SignedInUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    reply.setCookie(SESSION_COOKIE, signedIn.token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.secure,
      path: '/',
      maxAge: SESSION_TTL_SECONDS,
    });
    rememberUserLocale(request, reply, signedIn.locale);
    // The form's token has done its job: the next login page starts a fresh one.
    LOGIN_FORM_TOKEN.clear(reply);
    await reply.redirect(safeNext((request.body as LoginForm | undefined)?.next), 303);
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
}
