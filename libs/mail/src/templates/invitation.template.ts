import type { KindTemplates } from './template-source.types';

export const INVITATION: KindTemplates = {
  ja: {
    subject: '【{{senderName}}】セキュリティ対策状況アンケートのご依頼({{campaignName}})',
    text: `{{supplierName}}
{{#if recipientName}}{{recipientName}} 様{{else}}ご担当者 様{{/if}}

{{senderName}}です。平素より大変お世話になっております。
サプライチェーン全体のセキュリティ向上のため、「{{campaignName}}」へのご回答をお願いいたします。

回答期限: {{dueDate}}

以下のリンクから回答してください(アカウント登録は不要です。途中保存できます)。
{{link}}
{{#if message}}

{{senderName}}からのメッセージ:
{{message}}
{{/if}}

このリンクはご担当者様専用です。転送しないでください。`,
    html: `<p>{{supplierName}}<br>{{#if recipientName}}{{recipientName}} 様{{else}}ご担当者 様{{/if}}</p>
<p>{{senderName}}です。平素より大変お世話になっております。<br>サプライチェーン全体のセキュリティ向上のため、「{{campaignName}}」へのご回答をお願いいたします。</p>
<p><strong>回答期限: {{dueDate}}</strong></p>
<p><a href="{{link}}" style="display:inline-block;background:#1d4ed8;color:#ffffff;padding:10px 18px;border-radius:4px;text-decoration:none">回答を始める</a></p>
<p style="font-size:13px;color:#4b5563">ボタンが使えない場合: {{link}}<br>アカウント登録は不要です。途中保存できます。このリンクはご担当者様専用です。</p>
{{#if message}}<blockquote style="margin:16px 0;padding:8px 16px;border-left:4px solid #d1d5db;white-space:pre-line">{{message}}</blockquote>{{/if}}`,
  },
  en: {
    subject: '[{{senderName}}] Security questionnaire request: {{campaignName}}',
    text: `{{supplierName}}
Dear {{#if recipientName}}{{recipientName}}{{else}}colleague{{/if}},

{{senderName}} asks you to answer the security questionnaire "{{campaignName}}" to help secure our shared supply chain.

Due date: {{dueDate}}

Answer through this link (no account needed; you can save and come back):
{{link}}
{{#if message}}

Message from {{senderName}}:
{{message}}
{{/if}}

This link is personal to you; please do not forward it.`,
    html: `<p>{{supplierName}}<br>Dear {{#if recipientName}}{{recipientName}}{{else}}colleague{{/if}},</p>
<p>{{senderName}} asks you to answer the security questionnaire “{{campaignName}}” to help secure our shared supply chain.</p>
<p><strong>Due date: {{dueDate}}</strong></p>
<p><a href="{{link}}" style="display:inline-block;background:#1d4ed8;color:#ffffff;padding:10px 18px;border-radius:4px;text-decoration:none">Start answering</a></p>
<p style="font-size:13px;color:#4b5563">If the button does not work: {{link}}<br>No account needed; you can save and come back. This link is personal to you.</p>
{{#if message}}<blockquote style="margin:16px 0;padding:8px 16px;border-left:4px solid #d1d5db;white-space:pre-line">{{message}}</blockquote>{{/if}}`,
  },
};
