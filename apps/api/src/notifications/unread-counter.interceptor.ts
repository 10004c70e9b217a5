import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import type { AuthenticatedUser } from '@kakehashi/auth';
import { provideUnreadCounter, UNREAD_SHOWN_MAX } from '../console/console-page';
import { NotificationsService } from './notifications.service';

/**
 * Global: gives each signed-in request the console header's unread counter. Nothing is queried
 * here; the count runs only if the handler renders a console page.
 */
@Injectable()
export class UnreadCounterInterceptor implements NestInterceptor {
  constructor(private readonly notifications: NotificationsService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const request = context
        .switchToHttp()
        .getRequest<FastifyRequest & { user?: AuthenticatedUser }>();
      const user = request.user;
      if (user) {
        provideUnreadCounter(request, () =>
          this.notifications.unreadCount(user, UNREAD_SHOWN_MAX + 1),
        );
      }
    }
    return next.handle();
  }
}
