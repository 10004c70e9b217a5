import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageResponse } from '../common/api-responses.doc';
import type { NotificationPage, NotificationView } from './notifications.service';

// Response shapes of the notifications API, for the OpenAPI document only.

class NotificationTitle {
  @ApiPropertyOptional({ example: '高リスクのサプライヤーがあります' })
  ja?: string;

  @ApiPropertyOptional({ example: 'A supplier was scored high risk' })
  en?: string;
}

class NotificationResponse implements NotificationView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'high-tier' })
  kind!: string;

  @ApiProperty({ type: NotificationTitle })
  title!: NotificationTitle;

  @ApiProperty({ type: String, nullable: true, description: 'Console page it points to' })
  link!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  readAt!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class NotificationPageResponse
  extends PageResponse(NotificationResponse, {
    items: { description: 'Newest first' },
    total: { description: 'All of them, or the unread ones with unread=true' },
  })
  implements NotificationPage
{
  @ApiProperty({ type: 'integer' })
  unreadCount!: number;
}

export class NotificationReadResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'date-time', description: 'When it was first read' })
  readAt!: string;
}

export class NotificationsMarkedResponse {
  @ApiProperty({ type: 'integer', description: 'How many were unread' })
  marked!: number;
}
