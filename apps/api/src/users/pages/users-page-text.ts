import type { Locale } from '../../console/console-locale';

const suppliersEn = (n: number) => `${n} supplier${n === 1 ? '' : 's'}`;
const campaignsEn = (n: number) => `${n} open campaign${n === 1 ? '' : 's'}`;

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
    roleAdminHelp: (name: string, you: boolean) =>
      you
        ? 'あなた自身を管理者以外の役割にすると、ユーザーと設定のページは使えなくなります。'
        : `${name}を管理者以外の役割にすると、ユーザーと設定のページは使えなくなります。`,
    roleAdminCheck: '管理者の役割を変更することを確認しました',
    roleWork: (suppliers: number, campaigns: number) =>
      `担当しているサプライヤー ${suppliers} 社・実施中のキャンペーン ${campaigns} 件は、CISO・監査の役割では担当できません。引き継ぐまで、これらの役割には変更できません。`,
    roleWorkHandOver: (suppliers: number, campaigns: number) =>
      `担当しているサプライヤー ${suppliers} 社・実施中のキャンペーン ${campaigns} 件は、CISO・監査の役割では担当できません。これらの役割に変更するには引き継ぎ先を選んでください。役割の変更と同時に引き継がれます。`,
    deactivate: '無効化',
    deactivateConfirm: (name: string) =>
      `${name}を無効化します。ログイン中のセッションはすぐに終了し、再有効化するまでログインできません。`,
    deactivateCheck: '無効化することを確認しました',
    ownedWork: (suppliers: number, campaigns: number) =>
      `担当しているサプライヤー ${suppliers} 社・実施中のキャンペーン ${campaigns} 件は担当のまま残ります。無効化後、これらのリスク警告と督促のまとめは、最も古くから登録されている有効な管理者に届きます。`,
    ownedWorkHandOver: (suppliers: number, campaigns: number) =>
      `担当しているサプライヤー ${suppliers} 社・実施中のキャンペーン ${campaigns} 件は、引き継ぎ先を選ぶと無効化と同時に引き継がれます。選ばなければ担当のまま残り、無効化後のリスク警告と督促のまとめは、最も古くから登録されている有効な管理者に届きます。`,
    handOver: {
      open: '担当を引き継ぐ',
      help: (name: string, suppliers: number, campaigns: number) =>
        `${name} さんが担当しているサプライヤー ${suppliers} 社・実施中のキャンペーン ${campaigns} 件を、選んだ人に引き継ぎます。以後のリスク警告、督促のエスカレーション、期限超過のまとめはその人に届きます。終了したキャンペーンの担当は変わりません。`,
      to: '新しい担当者',
      choose: '選んでください',
      submit: '引き継ぐ',
      withDeactivation: '引き継ぎ先',
      withRole: '役割変更時の引き継ぎ先',
      keep: '引き継がない',
      invited: '（招待中）',
    },
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
      handedOver: (from: string, to: string, suppliers: number, campaigns: number) =>
        `${from} さんの担当（サプライヤー ${suppliers} 社・実施中のキャンペーン ${campaigns} 件）を ${to} さんに引き継ぎました。`,
      alsoHandedOver: (to: string, suppliers: number, campaigns: number) =>
        `担当（サプライヤー ${suppliers} 社・実施中のキャンペーン ${campaigns} 件）は ${to} さんに引き継ぎました。`,
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
      roleConfirm: '管理者の役割を変更するには、確認のチェックを入れてください。',
      ownsWork: (name: string, role: string, suppliers: number, campaigns: number) =>
        `${name} さんはサプライヤー ${suppliers} 社・実施中のキャンペーン ${campaigns} 件を担当しているため、担当を持てない${role}の役割には変更できません。先に担当を引き継ぐか、役割の変更と同時に引き継ぎ先を選んでください。`,
      heir: '引き継ぎ先には、この組織の有効な調達担当者または管理者（本人以外）を選んでください。',
      unknownAction: 'この操作は受け付けられません。ページを開き直してください。',
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
    roleAdminHelp: (name: string, you: boolean) =>
      you
        ? 'With another role than admin, you can no longer use the users and settings pages.'
        : `With another role than admin, ${name} can no longer use the users and settings pages.`,
    roleAdminCheck: 'I confirm changing the role of an admin',
    roleWork: (suppliers: number, campaigns: number) =>
      `They own ${suppliersEn(suppliers)} and ${campaignsEn(campaigns)}, which a CISO or auditor cannot own: they cannot have those roles until these are handed over.`,
    roleWorkHandOver: (suppliers: number, campaigns: number) =>
      `They own ${suppliersEn(suppliers)} and ${campaignsEn(campaigns)}, which a CISO or auditor cannot own: to give them one of those roles, choose who takes these over with the role change.`,
    deactivate: 'Deactivate',
    deactivateConfirm: (name: string) =>
      `${name} will be deactivated: their open sessions end at once and they cannot log in until reactivated.`,
    ownedWork: (suppliers: number, campaigns: number) =>
      `They stay the owner of ${suppliersEn(suppliers)} and ${campaignsEn(campaigns)}. Once deactivated, the risk alerts and overdue digests about these go to the longest-registered active admin.`,
    ownedWorkHandOver: (suppliers: number, campaigns: number) =>
      `They own ${suppliersEn(suppliers)} and ${campaignsEn(campaigns)}: choose someone to hand them over to with the deactivation. Otherwise they stay the owner, and once deactivated the risk alerts and overdue digests about these go to the longest-registered active admin.`,
    handOver: {
      open: 'Hand over',
      help: (name: string, suppliers: number, campaigns: number) =>
        `The ${suppliersEn(suppliers)} and ${campaignsEn(campaigns)} owned by ${name} go to the person you choose, who then receives their risk alerts, reminder escalations and overdue digests. Closed campaigns keep their owner.`,
      to: 'New owner',
      choose: 'Choose',
      submit: 'Hand over',
      withDeactivation: 'Hand over to',
      withRole: 'Hand over with the role change to',
      keep: 'Keep as owner',
      invited: ' (invited)',
    },
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
      handedOver: (from: string, to: string, suppliers: number, campaigns: number) =>
        `The work of ${from} (${suppliersEn(suppliers)}, ${campaignsEn(campaigns)}) was handed over to ${to}.`,
      alsoHandedOver: (to: string, suppliers: number, campaigns: number) =>
        `Their work (${suppliersEn(suppliers)}, ${campaignsEn(campaigns)}) was handed over to ${to}.`,
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
      roleConfirm: 'To change the role of an admin, tick the confirmation.',
      ownsWork: (name: string, role: string, suppliers: number, campaigns: number) =>
        `${name} owns ${suppliersEn(suppliers)} and ${campaignsEn(campaigns)}, which the ${role} role cannot own, so the role was not changed. Hand them over first, or choose who takes them over with the role change.`,
      heir: 'Choose an active procurement user or admin of this organization, other than the user, to hand over to.',
      unknownAction: 'This action is not accepted. Please reload the page.',
      otherSite: 'A form sent from another site is not accepted. Please send it from this page.',
      invalid: 'Please check what you entered.',
    },
  },
} satisfies Record<Locale, unknown>;

export type UsersPageText = (typeof USERS_PAGE_TEXT)['ja'];
