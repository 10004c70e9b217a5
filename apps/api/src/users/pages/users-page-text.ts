import type { Locale } from '../../console/console-locale';

/** Text of the console's users page (ja first, en beside it). */
export const USERS_PAGE_TEXT = {
  ja: {
    title: 'ユーザー',
    intro:
      'この組織のユーザーと役割を管理します。招待した人には、パスワードを設定するためのリンク（72時間有効・1回限り）がメールで届きます。',
    you: '（あなた）',
    empty: 'ユーザーはいません。',
    columns: {
      name: '氏名',
      email: 'メールアドレス',
      role: '役割',
      language: '言語',
      status: '状態',
      lastLogin: '最終ログイン',
      actions: '操作',
    },
    status: { active: '有効', invited: '招待中', deactivated: '無効' },
    languages: { ja: '日本語', en: '英語' },
    neverLoggedIn: '未ログイン',
    invitationSent: (sent: string, expires: string) => `招待メール送信 ${sent}（期限 ${expires}）`,
    invitationExpired: (expires: string) => `招待リンクの期限切れ（${expires}）`,
    roleOf: (name: string) => `${name}の役割`,
    changeRole: '役割を変更',
    deactivate: '無効化',
    deactivateConfirm: (name: string) =>
      `${name}を無効化します。ログイン中のセッションはすぐに終了し、再有効化するまでログインできません。`,
    deactivateCheck: '無効化することを確認しました',
    ownedWork: (suppliers: number, campaigns: number) =>
      `担当している取引先 ${suppliers} 社・実施中のキャンペーン ${campaigns} 件は担当のまま残ります。無効化後、これらのリスク警告と督促のまとめは、最も古くから登録されている有効な管理者に届きます。`,
    reactivate: '再有効化',
    resend: '招待メールを再送',
    invite: {
      heading: 'ユーザーを招待',
      help: '招待メールは選んだ言語で送られます。',
      email: 'メールアドレス',
      displayName: '氏名',
      role: '役割',
      language: 'メールの言語',
      submit: '招待メールを送る',
    },
    notices: {
      invited: (who: string) => `${who}に招待メールを送信しました。`,
      role: (who: string) => `${who}の役割を変更しました。`,
      deactivated: (who: string) => `${who}を無効化しました。セッションはすべて終了しました。`,
      reactivated: (who: string) =>
        `${who}を再有効化しました。パスワードを設定していない場合は、新しい招待メールを送りました。`,
      resent: (who: string) =>
        `${who}に新しい招待メールを送信しました。以前のリンクは使えなくなりました。`,
    },
    errors: {
      email: 'メールアドレスを正しく入力してください。',
      displayName: '氏名を入力してください（200文字以内）。',
      role: '役割を選んでください。',
      locale: 'メールの言語を選んでください。',
      emailTaken: (email: string) => `${email} はすでにこの組織のユーザーです。`,
      lastAdmin:
        '有効な管理者がいなくなるため、この変更はできません。先に別のユーザーを管理者にしてください。',
      passwordAlreadySet: 'このユーザーはパスワードを設定済みのため、招待メールは送れません。',
      deactivated: '無効化されたユーザーには招待メールを送れません。先に再有効化してください。',
      confirm: '無効化するには、確認のチェックを入れてください。',
      otherSite:
        '別のサイトから送信されたフォームは受け付けられません。このページから送信してください。',
      invalid: '入力内容を確認してください。',
    },
  },
  en: {
    title: 'Users',
    intro:
      "Manage this organization's users and their roles. People you invite receive a mail with a link to set their password (valid for 72 hours, usable once).",
    you: '(you)',
    empty: 'No users.',
    columns: {
      name: 'Name',
      email: 'Email',
      role: 'Role',
      language: 'Language',
      status: 'Status',
      lastLogin: 'Last login',
      actions: 'Actions',
    },
    status: { active: 'Active', invited: 'Invited', deactivated: 'Deactivated' },
    languages: { ja: 'Japanese', en: 'English' },
    neverLoggedIn: 'Never',
    invitationSent: (sent: string, expires: string) =>
      `Invitation sent ${sent} (expires ${expires})`,
    invitationExpired: (expires: string) => `Invitation link expired (${expires})`,
    roleOf: (name: string) => `Role of ${name}`,
    changeRole: 'Change role',
    deactivate: 'Deactivate',
    deactivateConfirm: (name: string) =>
      `${name} will be deactivated: their open sessions end at once and they cannot log in until reactivated.`,
    ownedWork: (suppliers: number, campaigns: number) =>
      `They stay the owner of ${suppliers} supplier(s) and ${campaigns} open campaign(s). Once deactivated, the risk alerts and overdue digests about these go to the longest-registered active admin.`,
    deactivateCheck: 'I confirm the deactivation',
    reactivate: 'Reactivate',
    resend: 'Send the invitation again',
    invite: {
      heading: 'Invite a user',
      help: 'The invitation is sent in the language you choose.',
      email: 'Email',
      displayName: 'Name',
      role: 'Role',
      language: 'Mail language',
      submit: 'Send the invitation',
    },
    notices: {
      invited: (who: string) => `An invitation was sent to ${who}.`,
      role: (who: string) => `The role of ${who} was changed.`,
      deactivated: (who: string) => `${who} was deactivated. All their sessions have ended.`,
      reactivated: (who: string) =>
        `${who} was reactivated. If they had not set a password yet, a new invitation was sent.`,
      resent: (who: string) =>
        `A new invitation was sent to ${who}. The earlier link no longer works.`,
    },
    errors: {
      email: 'Enter a valid email address.',
      displayName: 'Enter a name (at most 200 characters).',
      role: 'Choose a role.',
      locale: 'Choose the mail language.',
      emailTaken: (email: string) => `${email} is already a user of this organization.`,
      lastAdmin:
        'This change would leave the organization without an active admin. Make another user an admin first.',
      passwordAlreadySet: 'This user has already set a password: no invitation is needed.',
      deactivated: 'A deactivated user cannot be invited. Reactivate them first.',
      confirm: 'Tick the confirmation to deactivate.',
      otherSite: 'A form sent from another site is not accepted. Please send it from this page.',
      invalid: 'Please check what you entered.',
    },
  },
} satisfies Record<Locale, unknown>;

export type UsersPageText = (typeof USERS_PAGE_TEXT)['ja'];
