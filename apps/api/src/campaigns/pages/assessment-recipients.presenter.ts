import type { Locale } from '../../console/console-locale';
import { CAMPAIGN_PAGES_TEXT } from './campaign-pages-text';

type DeliveryKey = keyof (typeof CAMPAIGN_PAGES_TEXT)['ja']['deliveries'];

/** Words for an assessment whose invitation went to someone else than the contact now. */
export const ASSESSMENT_RECIPIENTS_TEXT = {
  ja: {
    invited: (email: string, delivery: string) => `招待: ${email} ${delivery}`,
    current: (email: string, delivery: string) => `現在の担当: ${email} ${delivery}`,
    noContact: '現在の担当: なし',
  },
  en: {
    invited: (email: string, delivery: string) => `Invited: ${email} ${delivery}`,
    current: (email: string, delivery: string) => `Current contact: ${email} ${delivery}`,
    noContact: 'Current contact: none',
  },
} satisfies Record<Locale, unknown>;

/** The mail facts of one row of the campaign's assessment list (CampaignQueriesService). */
export interface AssessmentRecipientsRow {
  /** The supplier's primary contact now. */
  contactEmail: string | null;
  /** Whom the invitation was written to (null: not yet, or nobody). */
  invitationEmail?: string | null;
  /** The invitation's state. */
  delivery: DeliveryKey;
  /** The latest supplier mail about it to the contact now. */
  contactDelivery?: DeliveryKey;
}

const sameAddress = (a: string, b: string | null) => a.toLowerCase() === b?.toLowerCase();

/**
 * The contact cell: the address now, as before, while the invitation went to it (or is not out
 * yet); otherwise both, each with the state of its mail, so the page never pairs the new address
 * with the delivery of a mail it never received.
 */
export function recipientCells(
  locale: Locale,
  row: AssessmentRecipientsRow,
): { contactEmail: string; invitedTo: string | null } {
  const invited = row.invitationEmail ?? null;
  if (invited === null || sameAddress(invited, row.contactEmail)) {
    return { contactEmail: row.contactEmail ?? '—', invitedTo: null };
  }
  const t = ASSESSMENT_RECIPIENTS_TEXT[locale];
  const deliveries = CAMPAIGN_PAGES_TEXT[locale].deliveries;
  return {
    invitedTo: t.invited(invited, deliveries[row.delivery] ?? row.delivery),
    contactEmail: row.contactEmail
      ? t.current(row.contactEmail, deliveries[row.contactDelivery ?? 'none'])
      : t.noContact,
  };
}
