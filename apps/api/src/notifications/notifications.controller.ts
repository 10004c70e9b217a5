import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser } from '@kakehashi/auth';
import { ApiBuyerSession, ApiErrors } from '../common/api-responses.doc';
import { resourceId } from '../common/id-param';
import { ListNotificationsQuery } from './dto/list-notifications.query';
import {
  NotificationPageResponse,
  NotificationReadResponse,
  NotificationsMarkedResponse,
} from './notifications.doc';
import { NotificationPage, NotificationsService } from './notifications.service';

const NOTIFICATION_ID = resourceId('Notification');

/** The caller's own console notifications; every signed-in role has them (no @Roles). */
@ApiTags('notifications')
@ApiBuyerSession()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  /** Newest first, with the number still unread. */
  @Get()
  @ApiOperation({ summary: "The caller's notifications, newest first" })
  @ApiOkResponse({ type: NotificationPageResponse })
  @ApiErrors({ 400: 'unread, page or pageSize is invalid (the message names it)' })
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: ListNotificationsQuery,
  ): Promise<NotificationPage> {
    return this.notifications.list(user, query);
  }

  /** Idempotent: reading it again keeps the first `readAt`. */
  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Mark one notification read',
    description: 'Idempotent: reading it again keeps the first readAt.',
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'Notification id' })
  @ApiOkResponse({ type: NotificationReadResponse })
  @ApiErrors({ 404: "No such notification among the caller's own (or id is not a UUID)" })
  async read(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', NOTIFICATION_ID) id: string,
  ): Promise<{ id: string; readAt: string }> {
    const { readAt } = await this.notifications.markRead(user, id);
    return { id, readAt };
  }

  /** Idempotent: every call answers 200; all that were unread are read afterwards. */
  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({ summary: "Mark all the caller's notifications read" })
  @ApiOkResponse({ type: NotificationsMarkedResponse })
  readAll(@CurrentUser() user: AuthenticatedUser): Promise<{ marked: number }> {
    return this.notifications.markAllRead(user);
  }
}
