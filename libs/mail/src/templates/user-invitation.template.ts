import type { KindTemplates } from './template-source.types';

const BUTTON =
  'display:inline-block;background:#1d4ed8;color:#ffffff;padding:10px 18px;border-radius:4px;text-decoration:none';

/** To a buyer user an admin invited: the one-time link to set a password. */
export const USER_INVITATION: KindTemplates = {
  ja: {
    subject: '【架け橋】{{organizationName}} のユーザーとして招待されました',
    text: `{{#if recipientName}}{{recipientName}} 様{{/if}}

{{organizationName}} の管理者が、あなたを架け橋（サプライチェーン・セキュリティ評価）のユーザー（役割: {{roleLabel}}）として登録しました。
次のリンクを開いてパスワードを設定してください。設定後、{{email}} でログインできます。

{{link}}

このリンクは一度だけ使えます。有効期限: {{expiresAt}}
期限が切れた場合は、{{organizationName}} の管理者に新しいリンクの送信を依頼してください。`,
    html: `<p>{{#if recipientName}}{{recipientName}} 様{{/if}}</p>
<p>{{organizationName}} の管理者が、あなたを架け橋（サプライチェーン・セキュリティ評価）のユーザー（役割: {{roleLabel}}）として登録しました。次のリンクを開いてパスワードを設定してください。設定後、<strong>{{email}}</strong> でログインできます。</p>
<p><a href="{{link}}" style="${BUTTON}">パスワードを設定する</a></p>
<p style="font-size:13px;color:#4b5563">{{link}}<br>このリンクは一度だけ使えます。有効期限: {{expiresAt}}<br>期限が切れた場合は、{{organizationName}} の管理者に新しいリンクの送信を依頼してください。</p>`,
  },
  en: {
    subject: 'You are invited to {{organizationName}} on Kakehashi',
    text: `{{#if recipientName}}Dear {{recipientName}},{{/if}}

An administrator of {{organizationName}} has added you as a user of Kakehashi, the supply-chain security assessment service (role: {{roleLabel}}).
Open this link to set your password; you can then log in as {{email}}.

{{link}}

The link works once and expires on {{expiresAt}}.
If it has expired, ask an administrator of {{organizationName}} to send you a new one.`,
    html: `<p>{{#if recipientName}}Dear {{recipientName}},{{/if}}</p>
<p>An administrator of {{organizationName}} has added you as a user of Kakehashi, the supply-chain security assessment service (role: {{roleLabel}}). Open this link to set your password; you can then log in as <strong>{{email}}</strong>.</p>
<p><a href="{{link}}" style="${BUTTON}">Set your password</a></p>
<p style="font-size:13px;color:#4b5563">{{link}}<br>The link works once and expires on {{expiresAt}}.<br>If it has expired, ask an administrator of {{organizationName}} to send you a new one.</p>`,
  },
};
