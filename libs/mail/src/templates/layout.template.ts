import type { MailLocale } from '../mail-data.types';

/** Frame of every HTML mail; inline styles only, since mail clients drop style sheets. */
export const HTML_LAYOUT = `<!doctype html>
<html lang="{{locale}}"><head><meta charset="utf-8"><title>{{subject}}</title></head>
<body style="margin:0;padding:0;background:#f4f5f7;font-family:'Hiragino Sans','Meiryo',Arial,sans-serif;color:#1f2937">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:24px">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="background:#ffffff;border-radius:6px;padding:24px;text-align:left">
<tr><td style="font-size:15px;line-height:1.7">{{{body}}}</td></tr>
<tr><td style="padding-top:24px;font-size:12px;color:#6b7280;border-top:1px solid #e5e7eb">{{{footer}}}</td></tr>
</table></td></tr></table></body></html>`;

export const FOOTERS: Record<MailLocale, { html: string; text: string }> = {
  ja: {
    html: 'このメールは {{organizationName}} からサプライチェーン・セキュリティ評価(Kakehashi)を通じて送信されています。心当たりのない場合は破棄してください。',
    text: '--\nこのメールは {{organizationName}} からサプライチェーン・セキュリティ評価(Kakehashi)を通じて送信されています。心当たりのない場合は破棄してください。',
  },
  en: {
    html: 'This message was sent by {{organizationName}} through Kakehashi, a supply-chain security assessment service. If you were not expecting it, please ignore it.',
    text: '--\nThis message was sent by {{organizationName}} through Kakehashi, a supply-chain security assessment service. If you were not expecting it, please ignore it.',
  },
};

/**
 * The footer of mails to the buyer's own staff (alerts, overdue digests): a notification they
 * signed up for by their role, so no "if you were not expecting it" line meant for suppliers.
 */
export const STAFF_FOOTERS: Record<MailLocale, { html: string; text: string }> = {
  ja: {
    html: 'このメールは {{organizationName}} の担当者に Kakehashi(サプライチェーン・セキュリティ評価)からお送りしている通知です。',
    text: '--\nこのメールは {{organizationName}} の担当者に Kakehashi(サプライチェーン・セキュリティ評価)からお送りしている通知です。',
  },
  en: {
    html: 'This is a notification from Kakehashi, the supply-chain security assessment service, to the staff of {{organizationName}}.',
    text: '--\nThis is a notification from Kakehashi, the supply-chain security assessment service, to the staff of {{organizationName}}.',
  },
};

/** Mail kinds that go to the buyer's own staff and carry STAFF_FOOTERS. */
export const STAFF_MAIL_KINDS: ReadonlySet<string> = new Set(['alert', 'escalation']);
