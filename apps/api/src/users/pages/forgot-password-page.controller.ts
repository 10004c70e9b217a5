import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@kakehashi/auth';
import { Environment } from '@kakehashi/config';
import { Locale, resolveLocale } from '../../console/console-locale';
import { renderConsolePage } from '../../console/console-page';
import { isSameOrigin } from '../../console/same-origin';
import { PasswordResetRequestService } from '../password-reset-request.service';
import { FORGOT_PASSWORD_FORM_TOKEN } from './forgot-password-form-token';
import { FORGOT_PASSWORD_TEXT, ForgotPasswordText } from './forgot-password-text';

export const FORGOT_PASSWORD_PATH = '/login/forgot';
const SENT_PATH = `${FORGOT_PASSWORD_PATH}/sent`;

/**
 * 「パスワードをお忘れの方」, linked from the login page (public). The form posts an email address
 * from our own page only; whatever the address, and whether or not anything was mailed (an
 * unknown address, a deactivated account, the limits), the answer is the same redirect to the
 * same page, after the same time at least, so the page does not tell who has an account.
 */
@ApiExcludeController()
@Public()
@Controller('login/forgot')
export class ForgotPasswordPageController {
  constructor(
    private readonly requests: PasswordResetRequestService,
    private readonly env: Environment,
  ) {}

  private get secure(): boolean {
    return this.env.APP_URL.startsWith('https://');
  }

  @Get()
  async show(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.renderForm(request, reply, { locale: resolveLocale(request, reply) });
  }

  @Post()
  async submit(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const locale = resolveLocale(request, reply);
    const form = (request.body ?? {}) as Record<string, unknown>;
    const email = typeof form.email === 'string' ? form.email.trim() : '';
    if (
      !isSameOrigin(request, this.env.APP_URL) ||
      !FORGOT_PASSWORD_FORM_TOKEN.check(request, form.formToken)
    ) {
      return this.renderForm(request, reply, {
        locale,
        email,
        problem: 'expiredForm',
        status: 403,
      });
    }
    // The browser's required field makes a blank one rare; an over-long one is no address.
    if (!email || email.length > 320) {
      return this.renderForm(request, reply, { locale, email, problem: 'email', status: 400 });
    }
    await this.requests.request({ email, ip: request.ip });
    await reply.redirect(SENT_PATH, 303);
  }

  @Get('sent')
  async sent(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const locale = resolveLocale(request, reply);
    const t = FORGOT_PASSWORD_TEXT[locale];
    await renderConsolePage(request, reply, {
      view: 'users/forgot-password-sent',
      title: t.sentTitle,
      locale,
      data: { t },
    });
  }

  private async renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    input: {
      locale: Locale;
      email?: string;
      problem?: keyof ForgotPasswordText['problems'];
      status?: number;
    },
  ): Promise<void> {
    const t = FORGOT_PASSWORD_TEXT[input.locale];
    await renderConsolePage(request, reply, {
      view: 'users/forgot-password',
      title: t.title,
      locale: input.locale,
      status: input.status,
      data: {
        t,
        email: input.email ?? '',
        error: input.problem ? t.problems[input.problem] : null,
        formToken: FORGOT_PASSWORD_FORM_TOKEN.issue(request, reply, this.secure),
      },
    });
  }
}
