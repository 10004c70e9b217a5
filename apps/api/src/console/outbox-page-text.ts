import type { Locale } from './console-locale';

/** Text of the development mail outbox page (ja first, en beside it). */
export const OUTBOX_PAGE_TEXT = {
  ja: {
    title: '送信メール (開発用)',
    smtp: 'SMTP_URL が設定されているため、メールは SMTP サーバーへ送られています。下は以前ファイルに書かれたメールです。',
    file: 'SMTP_URL が未設定のため、メールは送信されずにファイルへ書き出されています。',
    empty: 'まだメールはありません。',
    to: '宛先',
    from: '差出人',
    subject: '件名',
    date: '日時',
    preview: 'HTML 表示',
    text: 'テキスト版',
  },
  en: {
    title: 'Mail outbox (development)',
    smtp: 'SMTP_URL is set, so mail goes to the SMTP server. Below are messages written to files earlier.',
    file: 'SMTP_URL is not set, so mail is written to files instead of being sent.',
    empty: 'No message yet.',
    to: 'To',
    from: 'From',
    subject: 'Subject',
    date: 'Date',
    preview: 'HTML view',
    text: 'Plain text',
  },
} satisfies Record<Locale, unknown>;
