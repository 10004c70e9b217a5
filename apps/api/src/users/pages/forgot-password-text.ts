import type { Locale } from '../../console/console-locale';

/** Text of the public 「パスワードをお忘れの方」 pages (ja first, en beside it). */
export const FORGOT_PASSWORD_TEXT = {
  ja: {
    /** The login page's link to the form. */
    link: 'パスワードをお忘れの方',
    title: 'パスワードをお忘れの方',
    intro:
      'ログインに使うメールアドレスを入力してください。パスワードを再設定するためのリンクをメールでお送りします。',
    email: 'メールアドレス',
    submit: '再設定用のメールを送る',
    sentTitle: 'メールを確認してください',
    sent: '登録されているアドレスであれば、再設定用のメールを送信しました。',
    sentHelp:
      'メールのリンクは1時間有効で、一度だけ使えます。メールが届かない場合は、アドレスに誤りがないか確かめてから、しばらくしてもう一度お試しください。それでも届かない場合は、組織の管理者にお問い合わせください。',
    login: 'ログインページへ戻る',
    problems: {
      email: 'メールアドレスを入力してください。',
      expiredForm: 'フォームの有効期限が切れました。もう一度入力してください。',
    },
  },
  en: {
    link: 'Forgot your password?',
    title: 'Forgot your password?',
    intro: 'Enter the email you log in with. We will mail you a link to set a new password.',
    email: 'Email',
    submit: 'Send the reset mail',
    sentTitle: 'Check your mail',
    sent: 'If this address is registered, we have sent it a mail to reset the password.',
    sentHelp:
      'The link in the mail works once, for one hour. If no mail arrives, check the address and try again a little later. If it still does not arrive, ask an administrator of your organization.',
    login: 'Back to the login page',
    problems: {
      email: 'Enter your email address.',
      expiredForm: 'The form expired. Please enter your email again.',
    },
  },
} satisfies Record<Locale, unknown>;

export type ForgotPasswordText = (typeof FORGOT_PASSWORD_TEXT)['ja'];
