import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** One notification as the API and the console show it. */
export interface NotificationView {
  id: string;
  kind: string;
  title: { ja?: string; en?: string };
  link: string | null;
  readAt: string | null;
  createdAt: string;
}

export interface NotificationPage {
  items: NotificationView[];
  total: number;
  unreadCount: number;
  page: number;
  pageSize: number;
}

/** Who is asking: notifications are always the caller's own, within the caller's tenant. */
export interface Recipient {
  id: string;
  organizationId: string;
}

/**
 * A user's own console notifications (written by the scoring worker). Every query is filtered
 * by the recipient and the tenant; someone else's notification is "not found".
 */
@Injectable()
export class NotificationsService {
  constructor(private readonly dataSource: DataSource) {}

  async list(
    recipient: Recipient,
    query: { unread?: boolean; page: number; pageSize: number },
  ): Promise<NotificationPage> {
    const unreadOnly = query.unread ? ' AND n.read_at IS NULL' : '';
    const params = [recipient.id, recipient.organizationId];
    const [counts] = await this.dataSource.query<{ total: number; unread: number }[]>(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE n.read_at IS NULL)::int AS unread
         FROM notifications n
        WHERE n.user_id = $1 AND n.organization_id = $2`,
      params,
    );
    const rows = await this.dataSource.query<
      {
        id: string;
        kind: string;
        title: unknown;
        link: string | null;
        readAt: Date | null;
        createdAt: Date;
      }[]
    >(
      `SELECT n.id, n.kind, n.title, n.link, n.read_at AS "readAt", n.created_at AS "createdAt"
         FROM notifications n
        WHERE n.user_id = $1 AND n.organization_id = $2${unreadOnly}
        ORDER BY n.created_at DESC, n.id DESC
        LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`,
      params,
    );
    return {
      items: rows.map((row) => ({
        id: row.id,
        kind: row.kind,
        title: asTitle(row.title),
        link: row.link,
        readAt: row.readAt ? row.readAt.toISOString() : null,
        createdAt: row.createdAt.toISOString(),
      })),
      total: query.unread ? counts.unread : counts.total,
      unreadCount: counts.unread,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /**
   * Unread notifications for the console header, counted up to `cap` (the header shows "99+"),
   * so the cost stays bounded however many pile up; reads only the partial unread index.
   */
  async unreadCount(recipient: Recipient, cap = 100): Promise<number> {
    const [{ n }] = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM (
         SELECT 1 FROM notifications
          WHERE user_id = $1 AND organization_id = $2 AND read_at IS NULL
          LIMIT ${cap}) unread`,
      [recipient.id, recipient.organizationId],
    );
    return n;
  }

  /** Marks one of the caller's notifications read; reading it again keeps the first time. */
  async markRead(
    recipient: Recipient,
    id: string,
  ): Promise<{ id: string; link: string | null; readAt: string }> {
    // An UPDATE answers [rows, affected count] through TypeORM.
    const [[row]] = await this.dataSource.query<
      [{ id: string; link: string | null; readAt: Date }[], number]
    >(
      `UPDATE notifications SET read_at = COALESCE(read_at, now())
        WHERE id = $1 AND user_id = $2 AND organization_id = $3
        RETURNING id, link, read_at AS "readAt"`,
      [id, recipient.id, recipient.organizationId],
    );
    if (!row) throw new NotFoundException('Notification not found');
    return { id: row.id, link: row.link, readAt: row.readAt.toISOString() };
  }

  /** Marks all of the caller's unread notifications read; returns how many were unread. */
  async markAllRead(recipient: Recipient): Promise<{ marked: number }> {
    const [, marked] = await this.dataSource.query<[unknown[], number]>(
      `UPDATE notifications SET read_at = now()
        WHERE user_id = $1 AND organization_id = $2 AND read_at IS NULL`,
      [recipient.id, recipient.organizationId],
    );
    return { marked };
  }
}

/** The stored `{ja, en}` title; anything else (a hand-written row) becomes an empty title. */
function asTitle(value: unknown): { ja?: string; en?: string } {
  if (!value || typeof value !== 'object') return {};
  const { ja, en } = value as Record<string, unknown>;
  return {
    ...(typeof ja === 'string' ? { ja } : {}),
    ...(typeof en === 'string' ? { en } : {}),
  };
}
