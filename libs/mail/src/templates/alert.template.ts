import type { KindTemplates } from './template-source.types';

export const ALERT: KindTemplates = {
  ja: {
    subject: '【リスク警告】{{supplierName}} が {{tierJa tier}} と評価されました',
    text: `{{#if recipientName}}{{recipientName}} 様{{/if}}

「{{campaignName}}」で {{supplierName}} の回答が採点され、リスク区分が {{tierJa tier}}(スコア {{riskScore}})となりました。

詳細: {{consoleLink}}`,
    html: `<p>{{#if recipientName}}{{recipientName}} 様{{/if}}</p>
<p>「{{campaignName}}」で <strong>{{supplierName}}</strong> の回答が採点され、リスク区分が <strong>{{tierJa tier}}</strong>(スコア {{riskScore}})となりました。</p>
<p><a href="{{consoleLink}}">詳細を開く</a></p>`,
  },
  en: {
    subject: 'Risk alert: {{supplierName}} rated {{tierEn tier}}',
    text: `{{#if recipientName}}Dear {{recipientName}},{{/if}}

{{supplierName}}'s answers to "{{campaignName}}" were scored: risk tier {{tierEn tier}} (score {{riskScore}}).

Details: {{consoleLink}}`,
    html: `<p>{{#if recipientName}}Dear {{recipientName}},{{/if}}</p>
<p><strong>{{supplierName}}</strong>’s answers to “{{campaignName}}” were scored: risk tier <strong>{{tierEn tier}}</strong> (score {{riskScore}}).</p>
<p><a href="{{consoleLink}}">Open the details</a></p>`,
  },
};
