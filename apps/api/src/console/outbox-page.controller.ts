import { Controller, Get, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthenticatedUser, CurrentUser, Roles } from '@kakehashi/auth';
import { Environment } from '@kakehashi/config';
import { outboxDirectory, readFileOutbox } from '@kakehashi/mail';
import { resolveLocale } from './console-locale';
import { requireOperator } from './operator';
import { renderConsolePage } from './console-page';
import { OUTBOX_PAGE_TEXT } from './outbox-page-text';
import { PageAuthFilter } from './page-auth.filter';

const SHOWN = 50;

/**
 * Development: the file outbox as a page. Each message's HTML goes into a sandboxed srcdoc
 * iframe (escaped attribute, no scripts, opaque origin; it inherits our CSP), the text beside it.
 */
@ApiExcludeController()
@UseFilters(PageAuthFilter)
@Controller('console/outbox')
export class OutboxPageController {
  constructor(private readonly env: Environment) {}

  @Get()
  @Roles('admin')
  async list(
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    requireOperator(this.env, user);
    const locale = resolveLocale(request, reply);
    const t = OUTBOX_PAGE_TEXT[locale];
    const entries = await readFileOutbox(outboxDirectory(this.env.DATA_DIR), SHOWN);
    const format = new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-GB', {
      timeZone: 'Asia/Tokyo',
      dateStyle: 'medium',
      timeStyle: 'medium',
    });
    await renderConsolePage(request, reply, {
      view: 'console/outbox',
      title: t.title,
      user,
      locale,
      data: {
        t,
        transportNote: this.env.SMTP_URL ? t.smtp : t.file,
        messages: entries.map((e) => ({
          file: e.file,
          to: e.to,
          from: e.from,
          subject: e.subject,
          date: `${format.format(new Date(e.date))} JST`,
          html: e.html,
          text: e.text,
        })),
      },
    });
  }
}
