import type { KindTemplates } from './template-source.types';

export const REMINDER: KindTemplates = {
  ja: {
    subject:
      '{{#if (gt daysLeft 0)}}【リマインド】回答期限まであと{{daysLeft}}日{{else if (eq daysLeft 0)}}【リマインド】本日が回答期限です{{else}}【期限超過】回答期限を{{abs daysLeft}}日過ぎています{{/if}}({{campaignName}})',
    text: `{{supplierName}}
{{#if recipientName}}{{recipientName}} 様{{else}}ご担当者 様{{/if}}

{{senderName}}です。「{{campaignName}}」へのご回答をまだ確認できておりません。
{{#if (gt daysLeft 0)}}回答期限({{dueDate}})まであと{{daysLeft}}日です。{{else if (eq daysLeft 0)}}本日({{dueDate}})が回答期限です。{{else}}回答期限({{dueDate}})を{{abs daysLeft}}日過ぎています。至急ご回答をお願いいたします。{{/if}}

{{link}}

行き違いでご回答済みの場合はご容赦ください。`,
    html: `<p>{{supplierName}}<br>{{#if recipientName}}{{recipientName}} 様{{else}}ご担当者 様{{/if}}</p>
<p>{{senderName}}です。「{{campaignName}}」へのご回答をまだ確認できておりません。</p>
<p><strong>{{#if (gt daysLeft 0)}}回答期限({{dueDate}})まであと{{daysLeft}}日です。{{else if (eq daysLeft 0)}}本日({{dueDate}})が回答期限です。{{else}}回答期限({{dueDate}})を{{abs daysLeft}}日過ぎています。至急ご回答をお願いいたします。{{/if}}</strong></p>
<p><a href="{{link}}" style="display:inline-block;background:#1d4ed8;color:#ffffff;padding:10px 18px;border-radius:4px;text-decoration:none">回答する</a></p>
<p style="font-size:13px;color:#4b5563">{{link}}<br>行き違いでご回答済みの場合はご容赦ください。</p>`,
  },
  en: {
    subject:
      '{{#if (gt daysLeft 0)}}Reminder: {{daysLeft}} day(s) left{{else if (eq daysLeft 0)}}Reminder: due today{{else}}Overdue by {{abs daysLeft}} day(s){{/if}} - {{campaignName}}',
    text: `{{supplierName}}
Dear {{#if recipientName}}{{recipientName}}{{else}}colleague{{/if}},

We have not yet received your answers to "{{campaignName}}" from {{senderName}}.
{{#if (gt daysLeft 0)}}The due date ({{dueDate}}) is in {{daysLeft}} day(s).{{else if (eq daysLeft 0)}}The answers are due today ({{dueDate}}).{{else}}The due date ({{dueDate}}) passed {{abs daysLeft}} day(s) ago. Please answer as soon as possible.{{/if}}

{{link}}

If you have just answered, please ignore this message.`,
    html: `<p>{{supplierName}}<br>Dear {{#if recipientName}}{{recipientName}}{{else}}colleague{{/if}},</p>
<p>We have not yet received your answers to “{{campaignName}}” from {{senderName}}.</p>
<p><strong>{{#if (gt daysLeft 0)}}The due date ({{dueDate}}) is in {{daysLeft}} day(s).{{else if (eq daysLeft 0)}}The answers are due today ({{dueDate}}).{{else}}The due date ({{dueDate}}) passed {{abs daysLeft}} day(s) ago. Please answer as soon as possible.{{/if}}</strong></p>
<p><a href="{{link}}" style="display:inline-block;background:#1d4ed8;color:#ffffff;padding:10px 18px;border-radius:4px;text-decoration:none">Answer now</a></p>
<p style="font-size:13px;color:#4b5563">{{link}}<br>If you have just answered, please ignore this message.</p>`,
  },
};
