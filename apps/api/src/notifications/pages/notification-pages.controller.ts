import { Controller, Get, Param, ParseUUIDPipe, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthenticatedUser, CurrentUser } from '@kakehashi/auth';
import { Environment } from '@kakehashi/config';
import { resolveLocale } from '../../console/console-locale';
import { NOTIFICATIONS_HREF, renderConsolePage } from '../../console/console-page';
import { PageAuthFilter } from '../../console/page-auth.filter';
import { isSameOrigin } from '../../console/same-origin';
import { NotificationsService } from '../notifications.service';
import { NOTIFICATION_PAGES_TEXT } from './notification-pages-text';
import {
  internalPath,
  listPageData,
  NOTIFICATIONS_PAGE_SIZE,
  parsePage,
} from './notification-pages.presenter';

const PAGE_ID = new ParseUUIDPipe({ errorHttpStatusCode: 404 });

/**
 * The signed-in user's own notifications in the console, for every role. Reading changes state,
 * so it happens only on form posts (opening one, or all at once), refused from other sites.
 */
@ApiExcludeController()
@UseFilters(PageAuthFilter)
@Controller('console/notifications')
export class NotificationPagesController {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly env: Environment,
  ) {}

  @Get()
  async list(
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const done = (request.query as Record<string, unknown>).done === 'read-all';
    await this.renderList(request, reply, { user, notice: done ? 'readAllDone' : null });
  }

  @Post('read-all')
  async readAll(
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (!isSameOrigin(request, this.env.APP_URL)) {
      return this.renderList(request, reply, { user, status: 403, error: 'crossSite' });
    }
    await this.notifications.markAllRead(user);
    await reply.redirect(`${NOTIFICATIONS_HREF}?done=read-all`, 303);
  }

  /** Marks the notification read and goes to what it is about (only ever a path on this site). */
  @Post(':id/open')
  async open(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', PAGE_ID) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (!isSameOrigin(request, this.env.APP_URL)) {
      return this.renderList(request, reply, { user, status: 403, error: 'crossSite' });
    }
    const { link } = await this.notifications.markRead(user, id);
    await reply.redirect(internalPath(link) ?? NOTIFICATIONS_HREF, 303);
  }

  private async renderList(
    request: FastifyRequest,
    reply: FastifyReply,
    input: {
      user: AuthenticatedUser;
      notice?: 'readAllDone' | null;
      error?: 'crossSite';
      status?: number;
    },
  ): Promise<void> {
    const locale = resolveLocale(request, reply);
    const t = NOTIFICATION_PAGES_TEXT[locale];
    const page = await this.notifications.list(input.user, {
      page: parsePage(request.query),
      pageSize: NOTIFICATIONS_PAGE_SIZE,
    });
    await renderConsolePage(request, reply, {
      view: 'notifications/index',
      title: t.title,
      user: input.user,
      locale,
      status: input.status,
      styles: ['/static/console/notifications.css'],
      data: listPageData({
        locale,
        page,
        notice: input.notice ? t[input.notice] : null,
        error: input.error ? t[input.error] : null,
      }),
    });
  }
}
