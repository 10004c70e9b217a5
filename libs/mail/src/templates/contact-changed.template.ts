import type { KindTemplates } from './template-source.types';

export const CONTACT_CHANGED: KindTemplates = {
  ja: {
    subject: '【{{senderName}}】ご担当者変更に伴う回答依頼のご案内({{campaignName}})',
    text: `{{supplierName}}
{{#if recipientName}}{{recipientName}} 様{{else}}ご担当者 様{{/if}}

{{senderName}}です。平素より大変お世話になっております。
貴社のご担当者として新たにご登録いたしましたので、実施中の「{{campaignName}}」へのご回答をお願いいたします。

回答期限: {{dueDate}}

以下のリンクから回答してください(アカウント登録は不要です。すでに保存された回答は引き継がれます)。
{{link}}

ご担当でない場合は、このメールへの返信でお知らせください。このリンクはご担当者様専用です。転送しないでください。`,
    html: `<p>{{supplierName}}<br>{{#if recipientName}}{{recipientName}} 様{{else}}ご担当者 様{{/if}}</p>
<p>{{senderName}}です。平素より大変お世話になっております。<br>貴社のご担当者として新たにご登録いたしましたので、実施中の「{{campaignName}}」へのご回答をお願いいたします。</p>
<p><strong>回答期限: {{dueDate}}</strong></p>
<p><a href="{{link}}" style="display:inline-block;background:#1d4ed8;color:#ffffff;padding:10px 18px;border-radius:4px;text-decoration:none">回答を始める</a></p>
<p style="font-size:13px;color:#4b5563">ボタンが使えない場合: {{link}}<br>アカウント登録は不要です。すでに保存された回答は引き継がれます。ご担当でない場合は、このメールへの返信でお知らせください。このリンクはご担当者様専用です。</p>`,
  },
  en: {
    subject: '[{{senderName}}] Questionnaire request to the new contact: {{campaignName}}',
    text: `{{supplierName}}
Dear {{#if recipientName}}{{recipientName}}{{else}}colleague{{/if}},

{{senderName}} has registered you as your company's new contact, so we ask you to answer the security questionnaire "{{campaignName}}", which is under way.

Due date: {{dueDate}}

Answer through this link (no account needed; answers already saved are kept):
{{link}}

If you are not the right person, please tell us by replying to this message. This link is personal to you; please do not forward it.`,
    html: `<p>{{supplierName}}<br>Dear {{#if recipientName}}{{recipientName}}{{else}}colleague{{/if}},</p>
<p>{{senderName}} has registered you as your company’s new contact, so we ask you to answer the security questionnaire “{{campaignName}}”, which is under way.</p>
<p><strong>Due date: {{dueDate}}</strong></p>
<p><a href="{{link}}" style="display:inline-block;background:#1d4ed8;color:#ffffff;padding:10px 18px;border-radius:4px;text-decoration:none">Start answering</a></p>
<p style="font-size:13px;color:#4b5563">If the button does not work: {{link}}<br>No account needed; answers already saved are kept. If you are not the right person, please tell us by replying to this message. This link is personal to you.</p>`,
  },
};
