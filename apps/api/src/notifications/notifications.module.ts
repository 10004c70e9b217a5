import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { DatabaseModule } from '@kakehashi/database';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { NotificationPagesController } from './pages/notification-pages.controller';
import { UnreadCounterInterceptor } from './unread-counter.interceptor';

/** Console notifications: the JSON API, the console page and the header's unread count. */
@Module({
  imports: [DatabaseModule],
  controllers: [NotificationsController, NotificationPagesController],
  providers: [
    NotificationsService,
    { provide: APP_INTERCEPTOR, useClass: UnreadCounterInterceptor },
  ],
})
export class NotificationsModule {}
