import type { KindTemplates } from './template-source.types';

export const REOPENED: KindTemplates = {
  ja: {
    subject: '【確認のお願い】ご回答内容について({{campaignName}})',
    text: `{{supplierName}}
{{#if recipientName}}{{recipientName}} 様{{else}}ご担当者 様{{/if}}

{{senderName}}です。「{{campaignName}}」のご回答について確認させていただきたい点があります。

{{message}}

以下のリンクから回答を修正し、再度提出してください{{#if (gte daysLeft 0)}}(期限: {{dueDate}}){{/if}}。
{{link}}`,
    html: `<p>{{supplierName}}<br>{{#if recipientName}}{{recipientName}} 様{{else}}ご担当者 様{{/if}}</p>
<p>{{senderName}}です。「{{campaignName}}」のご回答について確認させていただきたい点があります。</p>
<blockquote style="margin:16px 0;padding:8px 16px;border-left:4px solid #d1d5db;white-space:pre-line">{{message}}</blockquote>
<p>以下のリンクから回答を修正し、再度提出してください{{#if (gte daysLeft 0)}}(期限: {{dueDate}}){{/if}}。</p>
<p><a href="{{link}}" style="display:inline-block;background:#1d4ed8;color:#ffffff;padding:10px 18px;border-radius:4px;text-decoration:none">回答を修正する</a></p>
<p style="font-size:13px;color:#4b5563">{{link}}</p>`,
  },
  en: {
    subject: 'Please review your answers - {{campaignName}}',
    text: `{{supplierName}}
Dear {{#if recipientName}}{{recipientName}}{{else}}colleague{{/if}},

{{senderName}} would like a clarification on your answers to "{{campaignName}}":

{{message}}

Please update your answers and submit again{{#if (gte daysLeft 0)}} (due {{dueDate}}){{/if}}:
{{link}}`,
    html: `<p>{{supplierName}}<br>Dear {{#if recipientName}}{{recipientName}}{{else}}colleague{{/if}},</p>
<p>{{senderName}} would like a clarification on your answers to “{{campaignName}}”:</p>
<blockquote style="margin:16px 0;padding:8px 16px;border-left:4px solid #d1d5db;white-space:pre-line">{{message}}</blockquote>
<p>Please update your answers and submit again{{#if (gte daysLeft 0)}} (due {{dueDate}}){{/if}}.</p>
<p><a href="{{link}}" style="display:inline-block;background:#1d4ed8;color:#ffffff;padding:10px 18px;border-radius:4px;text-decoration:none">Review my answers</a></p>
<p style="font-size:13px;color:#4b5563">{{link}}</p>`,
  },
};
