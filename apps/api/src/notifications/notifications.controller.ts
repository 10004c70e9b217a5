import {
  BadRequestException,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser } from '@kakehashi/auth';
import { ListNotificationsQuery } from './dto/list-notifications.query';
import { NotificationPage, NotificationsService } from './notifications.service';

const NOTIFICATION_ID = new ParseUUIDPipe({
  exceptionFactory: () => new BadRequestException('id must be a UUID'),
});

/** The caller's own console notifications; every signed-in role has them (no @Roles). */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  /** Newest first, with the number still unread. */
  @Get()
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: ListNotificationsQuery,
  ): Promise<NotificationPage> {
    return this.notifications.list(user, query);
  }

  /** Idempotent: reading it again keeps the first `readAt`. */
  @Post(':id/read')
  @HttpCode(200)
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
  readAll(@CurrentUser() user: AuthenticatedUser): Promise<{ marked: number }> {
    return this.notifications.markAllRead(user);
  }
}
