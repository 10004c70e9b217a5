import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@kakehashi/auth';
import { Environment } from '@kakehashi/config';
import { UserLinkPurpose } from '@kakehashi/database';
import { Locale, resolveLocale } from '../../console/console-locale';
import { renderConsolePage } from '../../console/console-page';
import { renderLoginPage } from '../../console/login-page.filter';
import { isSameOrigin } from '../../console/same-origin';
import { passwordProblem } from '../password-rule';
import { SetPasswordService } from '../set-password.service';
import { OpenInvitation } from '../user-invitations';
import { FORGOT_PASSWORD_PATH } from './forgot-password-page.controller';
import { SET_PASSWORD_FORM_TOKEN } from './set-password-form-token';
import { SET_PASSWORD_TEXT, SetPasswordText } from './set-password-text';

type Refusal = 'unknown' | 'expired' | 'revoked' | 'used';
type Problem = keyof SetPasswordText['problems'];

export const SET_PASSWORD_DONE_PATH = '/set-password/done';
/** `?reset=1` on the done page: the notice speaks of a new password. */
const RESET_DONE_PATH = `${SET_PASSWORD_DONE_PATH}?reset=1`;

/**
 * The page an invitation mail, or a password-reset mail, links to (public: the person has no
 * password yet, or has forgotten it). GET only shows the form (mail scanners fetch links first);
 * the POST, from our own page only, sets the password, uses up the link and leads to a login
 * form that says so.
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

  /** The console's login form, with the notice that the password is set (or reset). */
  @Get('done')
  async done(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const locale = resolveLocale(request, reply);
    const reset = (request.query as Record<string, unknown>).reset === '1';
    const t = SET_PASSWORD_TEXT[locale];
    await renderLoginPage(request, reply, {
      next: '/dashboard',
      notice: reset ? t.reset.done : t.done,
      secure: this.secure,
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
    if (!found.ok) return this.renderGone(request, reply, { locale, ...found });
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
    if (!found.ok) return this.renderGone(request, reply, { locale, ...found });
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
      return this.renderGone(request, reply, { locale, ...result });
    }
    if (result.outcome === 'reused') {
      return this.renderForm(request, reply, { ...page, problem: 'reused', status: 400 });
    }
    SET_PASSWORD_FORM_TOKEN.clear(reply);
    const reset = result.purpose === 'password_reset';
    await reply.redirect(reset ? RESET_DONE_PATH : SET_PASSWORD_DONE_PATH, 303);
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
    // A reset link's page says so: its title, its words and its button.
    const words = input.invitation.purpose === 'password_reset' ? t.reset : t;
    await renderConsolePage(request, reply, {
      view: 'users/set-password',
      title: words.title,
      locale: input.locale,
      status: input.status,
      data: {
        t,
        title: words.title,
        submit: words.submit,
        intro: words.intro(input.invitation.organizationName),
        email: input.invitation.email,
        action: `/set-password/${input.token}`,
        error: input.problem ? t.problems[input.problem] : null,
        formToken: SET_PASSWORD_FORM_TOKEN.issue(request, reply, this.secure),
      },
    });
  }

  /**
   * An unknown link answers 404; one that existed but no longer works, 410, in the words of what
   * it was for. Where a new reset link may help, the page links to the form that mails one.
   */
  private async renderGone(
    request: FastifyRequest,
    reply: FastifyReply,
    input: { locale: Locale; reason: Refusal; purpose?: UserLinkPurpose },
  ): Promise<void> {
    const t = SET_PASSWORD_TEXT[input.locale];
    const text =
      input.purpose === 'password_reset' && input.reason !== 'unknown'
        ? t.reset.gone[input.reason]
        : t.gone[input.reason];
    // A spent invitation's holder has a password: if forgotten, a reset mail helps too.
    const offersReset =
      input.reason === 'unknown' || input.reason === 'used' || input.purpose === 'password_reset';
    await renderConsolePage(request, reply, {
      view: 'users/link-gone',
      title: text.title,
      locale: input.locale,
      status: input.reason === 'unknown' ? 404 : 410,
      data: {
        heading: text.title,
        message: text.message,
        login: t.gone.login,
        forgot: offersReset ? { href: FORGOT_PASSWORD_PATH, label: t.gone.forgot } : null,
      },
    });
  }
}
