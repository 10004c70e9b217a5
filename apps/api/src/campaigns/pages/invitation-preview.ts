import { formatDueDate, MailRenderer, type MailLocale } from '@kakehashi/mail';
import { CAMPAIGN_PAGES_TEXT } from './campaign-pages-text';

/** Compiled once: the worker's own renderer and templates (libs/mail). */
let renderer: MailRenderer | null = null;

export interface InvitationPreview {
  locale: MailLocale;
  label: string;
  subject: string;
  text: string;
}

/**
 * A draft's invitation as the worker will render it, in both mail languages: the campaign's own
 * name, due date, sender name (else the organization's) and note; the supplier's name and link,
 * which differ per supplier, are shown as placeholders in the page's language.
 */
export function invitationPreviews(input: {
  pageLocale: MailLocale;
  organizationName: string;
  campaign: { name: string; dueDate: string; senderName: string | null; message: string | null };
}): InvitationPreview[] {
  renderer ??= new MailRenderer();
  const t = CAMPAIGN_PAGES_TEXT[input.pageLocale];
  const { campaign } = input;
  return (['ja', 'en'] as const).map((locale) => {
    const mail = renderer!.render({
      kind: 'invitation',
      locale,
      data: {
        recipientName: null,
        organizationName: input.organizationName,
        senderName: campaign.senderName ?? input.organizationName,
        supplierName: t.previewSupplier,
        campaignName: campaign.name,
        dueDate: formatDueDate(campaign.dueDate, locale),
        link: t.previewLink,
        message: campaign.message,
      },
    });
    return { locale, label: t.previewLocales[locale], subject: mail.subject, text: mail.text };
  });
}
