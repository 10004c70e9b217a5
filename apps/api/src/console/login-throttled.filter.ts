import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { resolveLocale } from './console-locale';
import { renderConsolePage } from './console-page';
import { CONSOLE_TEXT } from './console-text';

/** A throttled login form shows the login page again with the reason, as a 429. */
@Catch(ThrottlerException)
export class LoginThrottledFilter implements ExceptionFilter {
  async catch(_exception: ThrottlerException, host: ArgumentsHost): Promise<void> {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const locale = resolveLocale(request, reply);
    const text = CONSOLE_TEXT[locale].login;
    await renderConsolePage(request, reply, {
      view: 'console/login',
      title: text.title,
      locale,
      status: 429,
      data: { text, next: '/dashboard', email: '', error: text.throttled, formToken: '' },
    });
  }
}
