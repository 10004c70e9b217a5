import { formatTimestamp } from '@kakehashi/mail';
import type { Locale } from '../../console/console-locale';
import { NOTIFICATIONS_HREF } from '../../console/console-page';
import type { NotificationPage, NotificationView } from '../notifications.service';
import { NOTIFICATION_PAGES_TEXT } from './notification-pages-text';

/** Notifications per console page. */
export const NOTIFICATIONS_PAGE_SIZE = 20;

/**
 * A stored link is opened only as a path on this site: one leading `/` (never `//` or `/\`,
 * which browsers read as another host), printable ASCII, no scheme. Anything else is ignored.
 */
export function internalPath(link: string | null | undefined): string | null {
  return typeof link === 'string' && /^\/(?![/\\])[\x21-\x7e]*$/.test(link) ? link : null;
}

export function parsePage(query: unknown): number {
  const page = Number((query as Record<string, unknown> | undefined)?.page);
  return Number.isInteger(page) && page > 0 && page < 100_000 ? page : 1;
}

/** The title in the page's language, else the other one, else a placeholder. */
export function titleIn(locale: Locale, title: NotificationView['title']): string {
  const other: Locale = locale === 'ja' ? 'en' : 'ja';
  return title[locale] || title[other] || NOTIFICATION_PAGES_TEXT[locale].untitled;
}

export function listPageData(input: {
  locale: Locale;
  page: NotificationPage;
  notice?: string | null;
  error?: string | null;
}) {
  const { locale, page } = input;
  const t = NOTIFICATION_PAGES_TEXT[locale];
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  const href = (n: number) => `${NOTIFICATIONS_HREF}?page=${n}`;
  return {
    t,
    notice: input.notice ?? null,
    error: input.error ?? null,
    summary: t.summary(page.total, page.unreadCount),
    total: page.total,
    unreadCount: page.unreadCount,
    rows: page.items.map((item) => ({
      id: item.id,
      title: titleIn(locale, item.title),
      unread: item.readAt === null,
      createdAt: `${formatTimestamp(item.createdAt, locale)} JST`,
      createdAtIso: item.createdAt,
    })),
    pageLabel: t.page(page.page, pages),
    previousHref: page.page > 1 ? href(Math.min(page.page - 1, pages)) : null,
    nextHref: page.page < pages ? href(page.page + 1) : null,
  };
}
