import type { Locale } from '../../console/console-locale';

/** Text of the notifications console page (ja first, en beside it). */
export const NOTIFICATION_PAGES_TEXT = {
  ja: {
    title: '通知',
    empty: '通知はありません。',
    summary: (total: number, unread: number) => `${total} 件 (未読 ${unread} 件)`,
    readAll: 'すべて既読にする',
    readAllDone: 'すべての通知を既読にしました。',
    unread: '未読',
    read: '既読',
    open: '開く',
    untitled: '(件名なし)',
    previous: '前へ',
    next: '次へ',
    page: (page: number, pages: number) => `${page} / ${pages} ページ`,
    fields: { state: '状態', notification: '内容', date: '日時' },
    crossSite: '他のサイトから送信されたため、処理しませんでした。',
  },
  en: {
    title: 'Notifications',
    empty: 'You have no notifications.',
    summary: (total: number, unread: number) => `${total} in total, ${unread} unread`,
    readAll: 'Mark all as read',
    readAllDone: 'All notifications were marked as read.',
    unread: 'Unread',
    read: 'Read',
    open: 'Open',
    untitled: '(untitled)',
    previous: 'Previous',
    next: 'Next',
    page: (page: number, pages: number) => `Page ${page} of ${pages}`,
    fields: { state: 'Status', notification: 'Notification', date: 'Date' },
    crossSite: 'The form was sent from another site, so nothing was changed.',
  },
} satisfies Record<Locale, unknown>;
