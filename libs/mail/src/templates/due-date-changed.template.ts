import type { KindTemplates } from './template-source.types';

export const DUE_DATE_CHANGED: KindTemplates = {
  ja: {
    subject: '【{{senderName}}】回答期限変更のお知らせ({{campaignName}})',
    text: `{{supplierName}}
{{#if recipientName}}{{recipientName}} 様{{else}}ご担当者 様{{/if}}

{{senderName}}です。「{{campaignName}}」の回答期限を変更しましたので、お知らせいたします。

変更後の回答期限: {{dueDate}}

以下のリンクから引き続きご回答いただけます(保存済みの回答はそのまま残っています)。
{{link}}

行き違いでご回答済みの場合はご容赦ください。このリンクはご担当者様専用です。転送しないでください。`,
    html: `<p>{{supplierName}}<br>{{#if recipientName}}{{recipientName}} 様{{else}}ご担当者 様{{/if}}</p>
<p>{{senderName}}です。「{{campaignName}}」の回答期限を変更しましたので、お知らせいたします。</p>
<p><strong>変更後の回答期限: {{dueDate}}</strong></p>
<p><a href="{{link}}" style="display:inline-block;background:#1d4ed8;color:#ffffff;padding:10px 18px;border-radius:4px;text-decoration:none">回答ページを開く</a></p>
<p style="font-size:13px;color:#4b5563">ボタンが使えない場合: {{link}}<br>保存済みの回答はそのまま残っています。行き違いでご回答済みの場合はご容赦ください。このリンクはご担当者様専用です。</p>`,
  },
  en: {
    subject: '[{{senderName}}] Due date changed: {{campaignName}}',
    text: `{{supplierName}}
Dear {{#if recipientName}}{{recipientName}}{{else}}colleague{{/if}},

{{senderName}} has changed the due date of the security questionnaire "{{campaignName}}".

New due date: {{dueDate}}

You can go on answering through this link (the answers you saved are kept):
{{link}}

If you have just answered, please ignore this message. This link is personal to you; please do not forward it.`,
    html: `<p>{{supplierName}}<br>Dear {{#if recipientName}}{{recipientName}}{{else}}colleague{{/if}},</p>
<p>{{senderName}} has changed the due date of the security questionnaire “{{campaignName}}”.</p>
<p><strong>New due date: {{dueDate}}</strong></p>
<p><a href="{{link}}" style="display:inline-block;background:#1d4ed8;color:#ffffff;padding:10px 18px;border-radius:4px;text-decoration:none">Open the questionnaire</a></p>
<p style="font-size:13px;color:#4b5563">If the button does not work: {{link}}<br>The answers you saved are kept. If you have just answered, please ignore this message. This link is personal to you.</p>`,
  },
};
