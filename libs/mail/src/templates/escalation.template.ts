import type { KindTemplates } from './template-source.types';

export const ESCALATION: KindTemplates = {
  ja: {
    subject: '【要対応】未回答のサプライヤー {{overdue.length}}社({{campaignName}})',
    text: `{{#if recipientName}}{{recipientName}} 様{{/if}}

「{{campaignName}}」(回答期限 {{dueDate}})で、督促後も回答のないサプライヤーが {{overdue.length}}社あります。

{{#each overdue}}- {{supplierName}}({{status}}){{#if contactEmail}} {{contactEmail}}{{/if}}
{{/each}}
キャンペーンの状況: {{consoleLink}}`,
    html: `<p>{{#if recipientName}}{{recipientName}} 様{{/if}}</p>
<p>「{{campaignName}}」(回答期限 {{dueDate}})で、督促後も回答のないサプライヤーが <strong>{{overdue.length}}社</strong>あります。</p>
<table cellpadding="4" cellspacing="0" style="border-collapse:collapse;font-size:14px">
<tr><th align="left">サプライヤー</th><th align="left">状態</th><th align="left">連絡先</th></tr>
{{#each overdue}}<tr><td>{{supplierName}}</td><td>{{status}}</td><td>{{#if contactEmail}}{{contactEmail}}{{/if}}</td></tr>
{{/each}}</table>
<p><a href="{{consoleLink}}">キャンペーンの状況を開く</a></p>`,
  },
  en: {
    subject: 'Action needed: {{overdue.length}} supplier(s) overdue - {{campaignName}}',
    text: `{{#if recipientName}}Dear {{recipientName}},{{/if}}

{{overdue.length}} supplier(s) have still not answered "{{campaignName}}" (due {{dueDate}}) after the reminders.

{{#each overdue}}- {{supplierName}} ({{status}}){{#if contactEmail}} {{contactEmail}}{{/if}}
{{/each}}
Campaign status: {{consoleLink}}`,
    html: `<p>{{#if recipientName}}Dear {{recipientName}},{{/if}}</p>
<p><strong>{{overdue.length}} supplier(s)</strong> have still not answered “{{campaignName}}” (due {{dueDate}}) after the reminders.</p>
<table cellpadding="4" cellspacing="0" style="border-collapse:collapse;font-size:14px">
<tr><th align="left">Supplier</th><th align="left">Status</th><th align="left">Contact</th></tr>
{{#each overdue}}<tr><td>{{supplierName}}</td><td>{{status}}</td><td>{{#if contactEmail}}{{contactEmail}}{{/if}}</td></tr>
{{/each}}</table>
<p><a href="{{consoleLink}}">Open the campaign</a></p>`,
  },
};
