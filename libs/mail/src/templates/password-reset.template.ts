import type { KindTemplates } from './template-source.types';

const BUTTON =
  'display:inline-block;background:#1d4ed8;color:#ffffff;padding:10px 18px;border-radius:4px;text-decoration:none';

/**
 * To a buyer user for whom a password reset was asked on the login page: the one-time link to
 * set a new password. The organization is named, as the same address may have an account in
 * several, each reset on its own.
 */
export const PASSWORD_RESET: KindTemplates = {
  ja: {
    subject: '【架け橋】パスワードの再設定（{{organizationName}}）',
    text: `{{#if recipientName}}{{recipientName}} 様{{/if}}

架け橋（サプライチェーン・セキュリティ評価）の {{organizationName}} のアカウント {{email}} について、パスワードの再設定が申請されました。
次のリンクを開いて、新しいパスワードを設定してください。

{{link}}

このリンクは一度だけ使えます。有効期限: {{expiresAt}}（1時間）
新しいパスワードを設定すると、ログイン中のすべての端末でログアウトされます。
心当たりのない場合は、このメールを破棄してください。パスワードは変わりません。`,
    html: `<p>{{#if recipientName}}{{recipientName}} 様{{/if}}</p>
<p>架け橋（サプライチェーン・セキュリティ評価）の {{organizationName}} のアカウント <strong>{{email}}</strong> について、パスワードの再設定が申請されました。次のリンクを開いて、新しいパスワードを設定してください。</p>
<p><a href="{{link}}" style="${BUTTON}">パスワードを再設定する</a></p>
<p style="font-size:13px;color:#4b5563">{{link}}<br>このリンクは一度だけ使えます。有効期限: {{expiresAt}}（1時間）<br>新しいパスワードを設定すると、ログイン中のすべての端末でログアウトされます。<br>心当たりのない場合は、このメールを破棄してください。パスワードは変わりません。</p>`,
  },
  en: {
    subject: 'Reset your Kakehashi password ({{organizationName}})',
    text: `{{#if recipientName}}Dear {{recipientName}},{{/if}}

A password reset was requested for {{email}}, your account of {{organizationName}} on Kakehashi, the supply-chain security assessment service.
Open this link to set a new password.

{{link}}

The link works once and expires on {{expiresAt}} (one hour).
Setting a new password logs you out everywhere you are logged in.
If you did not ask for this, ignore this message: your password stays as it is.`,
    html: `<p>{{#if recipientName}}Dear {{recipientName}},{{/if}}</p>
<p>A password reset was requested for <strong>{{email}}</strong>, your account of {{organizationName}} on Kakehashi, the supply-chain security assessment service. Open this link to set a new password.</p>
<p><a href="{{link}}" style="${BUTTON}">Reset your password</a></p>
<p style="font-size:13px;color:#4b5563">{{link}}<br>The link works once and expires on {{expiresAt}} (one hour).<br>Setting a new password logs you out everywhere you are logged in.<br>If you did not ask for this, ignore this message: your password stays as it is.</p>`,
  },
};
