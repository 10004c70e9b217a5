import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@kakehashi/auth';
import { Environment } from '@kakehashi/config';
import { Locale, resolveLocale } from '../../console/console-locale';
import { renderConsolePage } from '../../console/console-page';
import { CONSOLE_TEXT } from '../../console/console-text';
import { LOGIN_FORM_TOKEN } from '../../console/login-form-token';
import { isSameOrigin } from '../../console/same-origin';
import { passwordProblem } from '../password-rule';
import { SetPasswordService } from '../set-password.service';
import { OpenInvitation } from '../user-invitations';
import { SET_PASSWORD_FORM_TOKEN } from './set-password-form-token';
import { SET_PASSWORD_TEXT, SetPasswordText } from './set-password-text';

type Refusal = 'unknown' | 'expired' | 'revoked' | 'used';
type Problem = keyof SetPasswordText['problems'];

export const SET_PASSWORD_DONE_PATH = '/set-password/done';

/**
 * The page an invitation mail links to (public: the person has no password yet). GET only shows
 * the form (mail scanners fetch links first); the POST, from our own page only, sets the
 * password, uses up the link and leads to a login form that says so.
 */
@ApiExcludeController()
@Public()
@Controller('set-password')
export class SetPasswordPageController {
  constructor(
    private readonly service: SetPasswordService,
    private readonly env: Environment,
  ) {}

  private get secure(): boolean {
    return this.env.APP_URL.startsWith('https://');
  }

  /** The console's login form, with the notice that the password is set. */
  @Get('done')
  async done(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const locale = resolveLocale(request, reply);
    const text = CONSOLE_TEXT[locale].login;
    await renderConsolePage(request, reply, {
      view: 'console/login',
      title: text.title,
      locale,
      data: {
        text,
        next: '/dashboard',
        email: '',
        error: null,
        notice: SET_PASSWORD_TEXT[locale].done,
        formToken: LOGIN_FORM_TOKEN.issue(request, reply, this.secure),
      },
    });
  }

  @Get(':token')
  async show(
    @Param('token') token: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const locale = resolveLocale(request, reply);
    const found = await this.service.resolve(token);
    if (!found.ok) return this.renderGone(request, reply, { locale, reason: found.reason });
    await this.renderForm(request, reply, { locale, token, invitation: found.invitation });
  }

  @Post(':token')
  async submit(
    @Param('token') token: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const locale = resolveLocale(request, reply);
    const found = await this.service.resolve(token);
    if (!found.ok) return this.renderGone(request, reply, { locale, reason: found.reason });
    const page = { locale, token, invitation: found.invitation };
    const form = (request.body ?? {}) as Record<string, unknown>;
    if (
      !isSameOrigin(request, this.env.APP_URL) ||
      !SET_PASSWORD_FORM_TOKEN.check(request, form.formToken)
    ) {
      return this.renderForm(request, reply, { ...page, problem: 'expiredForm', status: 403 });
    }
    const password = typeof form.password === 'string' ? form.password : '';
    const confirmation = typeof form.confirmation === 'string' ? form.confirmation : '';
    const problem = passwordProblem(password, confirmation);
    if (problem) return this.renderForm(request, reply, { ...page, problem, status: 400 });

    const result = await this.service.setPassword({ token, password, ip: request.ip });
    if (result.outcome === 'refused') {
      return this.renderGone(request, reply, { locale, reason: result.reason });
    }
    if (result.outcome === 'reused') {
      return this.renderForm(request, reply, { ...page, problem: 'reused', status: 400 });
    }
    SET_PASSWORD_FORM_TOKEN.clear(reply);
    await reply.redirect(SET_PASSWORD_DONE_PATH, 303);
  }

  private async renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    input: {
      locale: Locale;
      token: string;
      invitation: OpenInvitation;
      problem?: Problem;
      status?: number;
    },
  ): Promise<void> {
    const t = SET_PASSWORD_TEXT[input.locale];
    await renderConsolePage(request, reply, {
      view: 'users/set-password',
      title: t.title,
      locale: input.locale,
      status: input.status,
      data: {
        t,
        intro: t.intro(input.invitation.organizationName),
        email: input.invitation.email,
        action: `/set-password/${input.token}`,
        error: input.problem ? t.problems[input.problem] : null,
        formToken: SET_PASSWORD_FORM_TOKEN.issue(request, reply, this.secure),
      },
    });
  }

  /** An unknown link answers 404; one that existed but no longer works, 410. */
  private async renderGone(
    request: FastifyRequest,
    reply: FastifyReply,
    input: { locale: Locale; reason: Refusal },
  ): Promise<void> {
    const t = SET_PASSWORD_TEXT[input.locale];
    const text = t.gone[input.reason];
    await renderConsolePage(request, reply, {
      view: 'users/link-gone',
      title: text.title,
      locale: input.locale,
      status: input.reason === 'unknown' ? 404 : 410,
      data: { heading: text.title, message: text.message, login: t.gone.login },
    });
  }
}
