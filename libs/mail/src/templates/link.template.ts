import type { KindTemplates } from './template-source.types';

export const LINK: KindTemplates = {
  ja: {
    subject: '回答用リンクの再送({{campaignName}})',
    text: `{{supplierName}}
{{#if recipientName}}{{recipientName}} 様{{else}}ご担当者 様{{/if}}

ご依頼により「{{campaignName}}」の新しい回答用リンクをお送りします(回答期限: {{dueDate}})。
{{link}}

お心当たりのない場合は、このメールを破棄してください。`,
    html: `<p>{{supplierName}}<br>{{#if recipientName}}{{recipientName}} 様{{else}}ご担当者 様{{/if}}</p>
<p>ご依頼により「{{campaignName}}」の新しい回答用リンクをお送りします(回答期限: {{dueDate}})。</p>
<p><a href="{{link}}" style="display:inline-block;background:#1d4ed8;color:#ffffff;padding:10px 18px;border-radius:4px;text-decoration:none">回答ページを開く</a></p>
<p style="font-size:13px;color:#4b5563">{{link}}<br>お心当たりのない場合は、このメールを破棄してください。</p>`,
  },
  en: {
    subject: 'Your new questionnaire link - {{campaignName}}',
    text: `{{supplierName}}
Dear {{#if recipientName}}{{recipientName}}{{else}}colleague{{/if}},

As requested, here is a new link to "{{campaignName}}" (due {{dueDate}}):
{{link}}

If you did not ask for it, please ignore this message.`,
    html: `<p>{{supplierName}}<br>Dear {{#if recipientName}}{{recipientName}}{{else}}colleague{{/if}},</p>
<p>As requested, here is a new link to “{{campaignName}}” (due {{dueDate}}).</p>
<p><a href="{{link}}" style="display:inline-block;background:#1d4ed8;color:#ffffff;padding:10px 18px;border-radius:4px;text-decoration:none">Open the questionnaire</a></p>
<p style="font-size:13px;color:#4b5563">{{link}}<br>If you did not ask for it, please ignore this message.</p>`,
  },
};
