import type { Locale } from '../../console/console-locale';

/**
 * Text of the public set-password page an invitation or a password-reset mail links to (ja
 * first, en beside it); `reset` holds what differs for a reset link.
 */
export const SET_PASSWORD_TEXT = {
  ja: {
    title: 'パスワードの設定',
    intro: (organization: string) =>
      `${organization} の架け橋にログインするためのパスワードを設定してください。`,
    email: 'ログインに使うメールアドレス',
    password: '新しいパスワード',
    confirmation: '新しいパスワード（確認）',
    rule: '12文字以上で、英小文字・英大文字・数字・記号のうち2種類以上を組み合わせてください。',
    submit: 'パスワードを設定',
    done: 'パスワードを設定しました。メールアドレスと新しいパスワードでログインしてください。',
    problems: {
      tooShort: 'パスワードは12文字以上にしてください。',
      tooPlain:
        'パスワードには、英小文字・英大文字・数字・記号のうち2種類以上を組み合わせてください。',
      tooRepetitive: 'パスワードに同じ文字が多すぎます。異なる文字を5種類以上使ってください。',
      tooLong: 'パスワードは1024文字以内にしてください。',
      weak: 'このパスワードは弱すぎます。別のパスワードにしてください。',
      mismatch: '確認のパスワードが一致しません。',
      reused:
        'このパスワードは、同じメールアドレスの別の組織のアカウントで使われています。別のパスワードにしてください。',
      expiredForm: 'フォームの有効期限が切れました。もう一度入力してください。',
    },
    gone: {
      unknown: {
        title: 'リンクが見つかりません',
        message:
          'このリンクは無効です。メールのリンクを最後まで正しく開いたか確認してください。解決しない場合は、招待メールなら組織の管理者に新しい招待メールの送信を依頼し、パスワードの再設定なら再設定用のメールをもう一度お申し込みください。',
      },
      expired: {
        title: 'リンクの有効期限が切れています',
        message:
          '招待リンクの有効期限（72時間）が過ぎました。組織の管理者に新しい招待メールの送信を依頼してください。',
      },
      revoked: {
        title: 'このリンクは使えなくなりました',
        message:
          '新しい招待メールが送られたか、アカウントが無効化されたため、このリンクは使えません。最新の招待メールを開くか、組織の管理者にお問い合わせください。',
      },
      used: {
        title: 'このリンクはすでに使われています',
        message:
          'パスワードは設定済みです。ログインしてください。パスワードがわからない場合は、ログインページの「パスワードをお忘れの方」から再設定できます。',
      },
      login: 'ログインページへ',
      forgot: '再設定用のメールを申し込む',
    },
    reset: {
      title: 'パスワードの再設定',
      intro: (organization: string) =>
        `${organization} の架け橋にログインするための新しいパスワードを設定してください。設定すると、ログイン中のすべての端末でログアウトされます。`,
      submit: 'パスワードを再設定',
      done: 'パスワードを再設定しました。メールアドレスと新しいパスワードでログインしてください。',
      gone: {
        expired: {
          title: 'リンクの有効期限が切れています',
          message:
            '再設定用リンクの有効期限（1時間）が過ぎました。再設定用のメールをもう一度お申し込みください。',
        },
        revoked: {
          title: 'このリンクは使えなくなりました',
          message:
            '別の再設定用リンクでパスワードが設定されたか、アカウントが無効化されたため、このリンクは使えません。パスワードがわからない場合は、再設定用のメールをもう一度お申し込みください。',
        },
        used: {
          title: 'このリンクはすでに使われています',
          message:
            'このリンクでパスワードは再設定済みです。新しいパスワードでログインしてください。',
        },
      },
    },
  },
  en: {
    title: 'Set your password',
    intro: (organization: string) =>
      `Set the password you will use to log in to Kakehashi for ${organization}.`,
    email: 'Email you log in with',
    password: 'New password',
    confirmation: 'New password (again)',
    rule: 'At least 12 characters, mixing at least two of: lower case, upper case, digits, symbols.',
    submit: 'Set password',
    done: 'Your password is set. Log in with your email and the new password.',
    problems: {
      tooShort: 'The password must be at least 12 characters long.',
      tooPlain:
        'The password must mix at least two of: lower case, upper case, digits and symbols.',
      tooRepetitive:
        'The password repeats too few distinct characters: use at least 5 different ones.',
      tooLong: 'The password must be at most 1024 characters long.',
      weak: 'This password is too weak. Choose another one.',
      mismatch: 'The two passwords do not match.',
      reused:
        'This password is already used by your account with the same email in another organization. Choose another one.',
      expiredForm: 'The form expired. Please enter the password again.',
    },
    gone: {
      unknown: {
        title: 'Link not found',
        message:
          'This link is not valid. Check that the whole link from the mail was opened. If it still fails: for an invitation, ask an administrator of your organization to send you a new one; for a password reset, ask for a new reset mail.',
      },
      expired: {
        title: 'This link has expired',
        message:
          'Invitation links work for 72 hours. Ask an administrator of your organization to send you a new invitation.',
      },
      revoked: {
        title: 'This link no longer works',
        message:
          'A newer invitation was sent, or the account was deactivated. Open the latest invitation mail, or ask an administrator of your organization.',
      },
      used: {
        title: 'This link has already been used',
        message:
          'Your password is set: please log in. If you do not know your password, reset it with “Forgot your password?” on the login page.',
      },
      login: 'Go to the login page',
      forgot: 'Ask for a new reset mail',
    },
    reset: {
      title: 'Reset your password',
      intro: (organization: string) =>
        `Set a new password to log in to Kakehashi for ${organization}. Setting it logs you out everywhere you are logged in.`,
      submit: 'Reset password',
      done: 'Your password has been reset. Log in with your email and the new password.',
      gone: {
        expired: {
          title: 'This link has expired',
          message: 'Password reset links work for one hour. Ask for a new reset mail.',
        },
        revoked: {
          title: 'This link no longer works',
          message:
            'The password was set through another reset link, or the account was deactivated. If you do not know your password, ask for a new reset mail.',
        },
        used: {
          title: 'This link has already been used',
          message: 'Your password has been reset with this link: log in with the new password.',
        },
      },
    },
  },
} satisfies Record<Locale, unknown>;

export type SetPasswordText = (typeof SET_PASSWORD_TEXT)['ja'];
