import type { Locale } from './console-locale';

/** Text of the console shell (layout, login); each feature keeps its own page text. */
export const CONSOLE_TEXT = {
  ja: {
    product: '架け橋',
    skip: '本文へ移動',
    nav: {
      dashboard: 'ダッシュボード',
      suppliers: 'サプライヤー',
      campaigns: 'キャンペーン',
      users: 'ユーザー',
      settings: '設定',
      audit: '監査ログ',
    },
    roles: { admin: '管理者', procurement: '調達', ciso: 'CISO', auditor: '監査' },
    logout: 'ログアウト',
    logoutConfirm: 'ログアウトしますか？',
    notifications: {
      link: '通知',
      // Starts with what the link shows ("通知 2"), so speech input can name it.
      unread: (count: string) => `通知 ${count}（未読 ${count} 件）`,
    },
    login: {
      title: 'ログイン',
      email: 'メールアドレス',
      password: 'パスワード',
      submit: 'ログイン',
      invalid: 'メールアドレスまたはパスワードが正しくありません。',
      expired: 'フォームの有効期限が切れました。もう一度お試しください。',
      throttled: 'ログインの試行が多すぎます。1分ほど待ってからお試しください。',
      sessionExpired: 'セッションの有効期限が切れました。もう一度サインインしてください。',
    },
    errors: {
      notFound: {
        title: 'ページが見つかりません',
        message: 'お探しのページは存在しないか、このアカウントでは表示できません。',
      },
      badRequest: {
        title: 'ページのアドレスに誤りがあります',
        message:
          'アドレスに含まれる検索条件やページ番号に、使えない値があります。画面から条件を選び直してください。',
      },
      unsavableForm: {
        title: '送信された内容を保存できません',
        message:
          '入力欄に保存できない文字（NUL 文字、U+0000）が含まれています。その文字を取り除いてから、もう一度送信してください。',
      },
      forbidden: {
        title: 'この操作は許可されていません',
        message: 'このページまたは操作には、別の権限が必要です。管理者にお問い合わせください。',
      },
      back: 'ダッシュボードへ戻る',
    },
  },
  en: {
    product: 'Kakehashi',
    skip: 'Skip to content',
    nav: {
      dashboard: 'Dashboard',
      suppliers: 'Suppliers',
      campaigns: 'Campaigns',
      users: 'Users',
      settings: 'Settings',
      audit: 'Audit log',
    },
    roles: { admin: 'Admin', procurement: 'Procurement', ciso: 'CISO', auditor: 'Auditor' },
    logout: 'Log out',
    logoutConfirm: 'Log out now?',
    notifications: {
      link: 'Notifications',
      unread: (count: string) => `Notifications ${count} (${count} unread)`,
    },
    login: {
      title: 'Log in',
      email: 'Email',
      password: 'Password',
      submit: 'Log in',
      invalid: 'The email or password is not correct.',
      expired: 'The form expired. Please try again.',
      throttled: 'Too many login attempts. Wait a minute and try again.',
      sessionExpired: 'Your session has expired. Please sign in again.',
    },
    errors: {
      notFound: {
        title: 'Page not found',
        message: 'This page does not exist, or this account cannot see it.',
      },
      badRequest: {
        title: 'This address is not valid',
        message:
          'A filter or page number in the address has a value that cannot be used. Choose the filters again on the page.',
      },
      unsavableForm: {
        title: 'The form could not be saved',
        message:
          'A field contains a character that cannot be saved (the NUL character, U+0000). Remove it and send the form again.',
      },
      forbidden: {
        title: 'Not allowed',
        message: 'This page or action needs another role. Ask your administrator.',
      },
      back: 'Back to the dashboard',
    },
  },
} satisfies Record<Locale, unknown>;

export type ConsoleText = (typeof CONSOLE_TEXT)['ja'];
