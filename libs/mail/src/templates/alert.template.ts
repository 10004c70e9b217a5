import type { KindTemplates } from './template-source.types';

// One supplier keeps the single-supplier wording; a digest of several lists them in a table.
export const ALERT: KindTemplates = {
  ja: {
    subject: `{{#if (eq supplierCount 1)}}{{#with suppliers.[0]}}【リスク警告】{{supplierName}} が {{tierJa tier}} と評価されました{{/with}}{{else}}【リスク警告】{{supplierCount}}社が「高」以上のリスクと評価されました{{/if}}`,
    text: `{{#if recipientName}}{{recipientName}} 様{{/if}}

{{#if (eq suppliers.length 1)}}
{{#with suppliers.[0]}}
「{{campaignName}}」で {{supplierName}} の回答が採点され、リスク区分が {{tierJa tier}}(スコア {{riskScore}})となりました。
{{/with}}

詳細: {{consoleLink}}
{{else}}
回答の採点で、{{supplierCount}}社のリスク区分が「高」以上となりました(リスクの高い順)。

{{#each suppliers}}
- {{supplierName}}(「{{campaignName}}」) {{tierJa tier}}・スコア {{riskScore}}
  {{link}}
{{/each}}
{{#if more}}

ほか {{more}}件はコンソールでご確認ください。
{{/if}}

一覧: {{consoleLink}}
{{/if}}`,
    html: `<p>{{#if recipientName}}{{recipientName}} 様{{/if}}</p>
{{#if (eq suppliers.length 1)}}
{{#with suppliers.[0]}}
<p>「{{campaignName}}」で <strong>{{supplierName}}</strong> の回答が採点され、リスク区分が <strong>{{tierJa tier}}</strong>(スコア {{riskScore}})となりました。</p>
{{/with}}
<p><a href="{{consoleLink}}">詳細を開く</a></p>
{{else}}
<p>回答の採点で、<strong>{{supplierCount}}社</strong>のリスク区分が「高」以上となりました(リスクの高い順)。</p>
<table cellpadding="4" cellspacing="0" style="border-collapse:collapse;font-size:14px">
<tr><th align="left">サプライヤー</th><th align="left">キャンペーン</th><th align="left">リスク区分</th><th align="right">スコア</th></tr>
{{#each suppliers}}
<tr><td><a href="{{link}}">{{supplierName}}</a></td><td>{{campaignName}}</td><td><strong>{{tierJa tier}}</strong></td><td align="right">{{riskScore}}</td></tr>
{{/each}}
</table>
{{#if more}}
<p>ほか {{more}}件はコンソールでご確認ください。</p>
{{/if}}
<p><a href="{{consoleLink}}">一覧を開く</a></p>
{{/if}}`,
  },
  en: {
    subject: `{{#if (eq supplierCount 1)}}{{#with suppliers.[0]}}Risk alert: {{supplierName}} rated {{tierEn tier}}{{/with}}{{else}}Risk alert: {{supplierCount}} suppliers rated high or critical{{/if}}`,
    text: `{{#if recipientName}}Dear {{recipientName}},{{/if}}

{{#if (eq suppliers.length 1)}}
{{#with suppliers.[0]}}
{{supplierName}}'s answers to "{{campaignName}}" were scored: risk tier {{tierEn tier}} (score {{riskScore}}).
{{/with}}

Details: {{consoleLink}}
{{else}}
Scoring rated {{supplierCount}} supplier(s) high or critical risk (most severe first).

{{#each suppliers}}
- {{supplierName}} ("{{campaignName}}") {{tierEn tier}}, score {{riskScore}}
  {{link}}
{{/each}}
{{#if more}}

{{more}} more not listed here: see the console.
{{/if}}

All of them: {{consoleLink}}
{{/if}}`,
    html: `<p>{{#if recipientName}}Dear {{recipientName}},{{/if}}</p>
{{#if (eq suppliers.length 1)}}
{{#with suppliers.[0]}}
<p><strong>{{supplierName}}</strong>’s answers to “{{campaignName}}” were scored: risk tier <strong>{{tierEn tier}}</strong> (score {{riskScore}}).</p>
{{/with}}
<p><a href="{{consoleLink}}">Open the details</a></p>
{{else}}
<p>Scoring rated <strong>{{supplierCount}} supplier(s)</strong> high or critical risk (most severe first).</p>
<table cellpadding="4" cellspacing="0" style="border-collapse:collapse;font-size:14px">
<tr><th align="left">Supplier</th><th align="left">Campaign</th><th align="left">Risk tier</th><th align="right">Score</th></tr>
{{#each suppliers}}
<tr><td><a href="{{link}}">{{supplierName}}</a></td><td>{{campaignName}}</td><td><strong>{{tierEn tier}}</strong></td><td align="right">{{riskScore}}</td></tr>
{{/each}}
</table>
{{#if more}}
<p>{{more}} more not listed here: see the console.</p>
{{/if}}
<p><a href="{{consoleLink}}">Open the list</a></p>
{{/if}}`,
  },
};
