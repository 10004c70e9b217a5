import type { KindTemplates } from './template-source.types';

const FACT =
  'padding:2px 16px 2px 0;font-weight:normal;color:#4b5563;text-align:left;vertical-align:top';
const SECTION =
  'font-size:15px;margin:20px 0 4px;padding-bottom:2px;border-bottom:1px solid #e5e7eb';
const QUESTION = 'font-weight:bold;margin-top:8px';
const ANSWER = 'margin:2px 0 0 16px;white-space:pre-line';

/**
 * A supplier's copy of a submission. No link on purpose: the copy is kept and forwarded, and must
 * not open the questionnaire again. Answers are plain text (escaped in the HTML part).
 */
export const SUBMISSION_RECEIPT: KindTemplates = {
  ja: {
    subject:
      '【{{senderName}}】ご回答を受け付けました({{campaignName}}{{#if (gt submission 1)}}・{{submission}}回目の提出{{/if}})',
    text: `{{supplierName}}
{{#if recipientName}}{{recipientName}} 様{{else}}ご担当者 様{{/if}}

{{senderName}}への「{{campaignName}}」のご回答を受け付けました。お手元の控えとして、提出いただいた内容をお送りします。

提出先: {{organizationName}}
調査名: {{campaignName}}
回答企業: {{supplierName}}
提出日時: {{submittedAt}}
提出回数: {{submission}}回目
回答した項目: {{answeredCount}}件(表示された{{itemCount}}件中)

提出内容
{{#each sections}}

■ {{title}}
{{#each items}}

{{text}}
→ {{answer}}
{{/each}}
{{/each}}

このメールは提出内容の控えで、回答ページへのリンクは含まれていません。提出後に内容の修正が必要になった場合は、{{senderName}}のご担当者にご連絡ください。`,
    html: `<p>{{supplierName}}<br>{{#if recipientName}}{{recipientName}} 様{{else}}ご担当者 様{{/if}}</p>
<p>{{senderName}}への「{{campaignName}}」のご回答を受け付けました。お手元の控えとして、提出いただいた内容をお送りします。</p>
<table role="presentation" cellpadding="0" cellspacing="0" style="margin:8px 0 16px;font-size:14px">
<tr><th style="${FACT}">提出先</th><td>{{organizationName}}</td></tr>
<tr><th style="${FACT}">調査名</th><td>{{campaignName}}</td></tr>
<tr><th style="${FACT}">回答企業</th><td>{{supplierName}}</td></tr>
<tr><th style="${FACT}">提出日時</th><td>{{submittedAt}}</td></tr>
<tr><th style="${FACT}">提出回数</th><td>{{submission}}回目</td></tr>
<tr><th style="${FACT}">回答した項目</th><td>{{answeredCount}}件(表示された{{itemCount}}件中)</td></tr>
</table>
<h2 style="font-size:16px;margin:24px 0 0">提出内容</h2>
{{#each sections}}
<h3 style="${SECTION}">{{title}}</h3>
<dl style="margin:0">
{{#each items}}<dt style="${QUESTION}">{{text}}</dt><dd style="${ANSWER}">{{answer}}</dd>
{{/each}}
</dl>
{{/each}}
<p style="font-size:13px;color:#4b5563;margin-top:24px">このメールは提出内容の控えで、回答ページへのリンクは含まれていません。提出後に内容の修正が必要になった場合は、{{senderName}}のご担当者にご連絡ください。</p>`,
  },
  en: {
    subject:
      '[{{senderName}}] Answers received: {{campaignName}}{{#if (gt submission 1)}} (submission {{submission}}){{/if}}',
    text: `{{supplierName}}
Dear {{#if recipientName}}{{recipientName}}{{else}}colleague{{/if}},

{{senderName}} has received your answers to the security questionnaire "{{campaignName}}". For your records, here is what you submitted.

Submitted to: {{organizationName}}
Questionnaire: {{campaignName}}
Supplier: {{supplierName}}
Submitted at: {{submittedAt}}
Submission number: {{submission}}
Items answered: {{answeredCount}} of {{itemCount}} shown

Your answers
{{#each sections}}

== {{title}}
{{#each items}}

{{text}}
-> {{answer}}
{{/each}}
{{/each}}

This message is a copy of your submission and contains no link to the questionnaire. If anything needs changing after submitting, please contact {{senderName}}.`,
    html: `<p>{{supplierName}}<br>Dear {{#if recipientName}}{{recipientName}}{{else}}colleague{{/if}},</p>
<p>{{senderName}} has received your answers to the security questionnaire “{{campaignName}}”. For your records, here is what you submitted.</p>
<table role="presentation" cellpadding="0" cellspacing="0" style="margin:8px 0 16px;font-size:14px">
<tr><th style="${FACT}">Submitted to</th><td>{{organizationName}}</td></tr>
<tr><th style="${FACT}">Questionnaire</th><td>{{campaignName}}</td></tr>
<tr><th style="${FACT}">Supplier</th><td>{{supplierName}}</td></tr>
<tr><th style="${FACT}">Submitted at</th><td>{{submittedAt}}</td></tr>
<tr><th style="${FACT}">Submission number</th><td>{{submission}}</td></tr>
<tr><th style="${FACT}">Items answered</th><td>{{answeredCount}} of {{itemCount}} shown</td></tr>
</table>
<h2 style="font-size:16px;margin:24px 0 0">Your answers</h2>
{{#each sections}}
<h3 style="${SECTION}">{{title}}</h3>
<dl style="margin:0">
{{#each items}}<dt style="${QUESTION}">{{text}}</dt><dd style="${ANSWER}">{{answer}}</dd>
{{/each}}
</dl>
{{/each}}
<p style="font-size:13px;color:#4b5563;margin-top:24px">This message is a copy of your submission and contains no link to the questionnaire. If anything needs changing after submitting, please contact {{senderName}}.</p>`,
  },
};
