import type { MailKind, UserRole } from '@kakehashi/database';

export type MailLocale = 'ja' | 'en';

/**
 * Template data per mail kind: the contract between whoever loads the data (the mail
 * processor, from the mail_messages row) and the templates. Dates are already formatted for
 * people (Asia/Tokyo); user-provided text is passed raw and escaped by the HTML templates.
 */
export interface MailCommonData {
  /** The person addressed ("山田 太郎"); null greets generically. */
  recipientName: string | null;
  /** The buyer company (tenant) name. */
  organizationName: string;
  /** Shown as the sender in the body; campaign senderName or the tenant name. */
  senderName: string;
}

/** Sent to a supplier's primary contact when a campaign is launched (or the supplier added). */
export interface InvitationData extends MailCommonData {
  supplierName: string;
  campaignName: string;
  dueDate: string;
  /** `${APP_URL}/q/${token}`, a fresh token per send. */
  link: string;
  /** Procurement's optional note to suppliers. */
  message: string | null;
}

/** A reminder step: before the due date (daysLeft > 0), on it (0) or overdue (< 0). */
export interface ReminderData extends MailCommonData {
  supplierName: string;
  campaignName: string;
  dueDate: string;
  link: string;
  daysLeft: number;
}

/** Digest for the campaign owner: suppliers still not answering after the due date. */
export interface EscalationData extends MailCommonData {
  campaignName: string;
  dueDate: string;
  overdue: { supplierName: string; status: string; contactEmail: string | null }[];
  /** Console page of the campaign. */
  consoleLink: string;
}

/** Procurement reopened a submitted assessment with a clarification request. */
export interface ReopenedData extends MailCommonData {
  supplierName: string;
  campaignName: string;
  dueDate: string;
  link: string;
  message: string;
  /**
   * Tokyo days to the due date (daysUntil): the mail names the due date only while it is today
   * or later; a date already past would read as a deadline the supplier has missed.
   */
  daysLeft: number;
}

/** A fresh link the supplier asked for. */
export interface LinkData extends MailCommonData {
  supplierName: string;
  campaignName: string;
  dueDate: string;
  link: string;
}

/**
 * A launched campaign's due date changed: the new date (read when the mail is sent) and a fresh
 * link, to each supplier still answering.
 */
export interface DueDateChangedData extends MailCommonData {
  supplierName: string;
  campaignName: string;
  dueDate: string;
  link: string;
}

/**
 * The buyer registered a new primary contact while the supplier was still answering: a fresh
 * link for that contact, who may never have seen the invitation.
 */
export interface ContactChangedData extends MailCommonData {
  supplierName: string;
  campaignName: string;
  dueDate: string;
  link: string;
}

/** One supplier of an alert digest, with the score that raised the alert. */
export interface AlertSupplier {
  supplierName: string;
  campaignName: string;
  /** low, medium, high or critical (shown with the tierJa / tierEn helpers). */
  tier: string;
  /** Rounded to one decimal. */
  riskScore: number;
  /** The supplier's console page. */
  link: string;
}

/**
 * Procurement alert, a digest for one campaign owner: the suppliers whose fresh scores landed
 * in a high or critical tier in one scoring batch, most severe first, then by name.
 */
export interface AlertData extends MailCommonData {
  /** The first ALERT_LIST_LIMIT of them. */
  suppliers: AlertSupplier[];
  /** How many more the mail does not list (0 when all are listed). */
  more: number;
  /** Distinct suppliers in the digest: 1 words the mail as about that one supplier. */
  supplierCount: number;
  /** The supplier's page for one supplier, otherwise the dashboard. */
  consoleLink: string;
}

/** A buyer user invited by an admin of their organization, to set a password and log in. */
export interface UserInvitationData extends MailCommonData {
  /** The address they will log in with. */
  email: string;
  /** Their role, in the mail's language (USER_ROLE_LABELS). */
  roleLabel: string;
  /** `${APP_URL}/set-password/${token}?lang=<locale>`: a fresh token per send, usable once. */
  link: string;
  /** When the link stops working, formatted for people (formatDateTime, Asia/Tokyo). */
  expiresAt: string;
}

/** A buyer user asked for a password reset on the login page (or someone did for them). */
export interface PasswordResetData extends MailCommonData {
  /** The address they log in with. */
  email: string;
  /** `${APP_URL}/set-password/${token}?lang=<locale>`: a fresh token per send, usable once. */
  link: string;
  /** When the link stops working (an hour after sending), formatted for people. */
  expiresAt: string;
}

/** One answered (or unanswered) item of a receipt, as a person reads it. */
export interface ReceiptItem {
  text: string;
  /** The option label in the mail's language, the evidence file name, or free text as typed. */
  answer: string;
}

/** A section of a receipt: the items visible for the answers given. */
export interface ReceiptSection {
  title: string;
  items: ReceiptItem[];
}

/**
 * A supplier's own copy of what was submitted (`receipt:<assessmentId>:<submission>`), read when
 * sent while that submission stands. It carries no link: the copy must not reopen access.
 */
export interface SubmissionReceiptData extends MailCommonData {
  supplierName: string;
  campaignName: string;
  /** formatDateTime, Asia/Tokyo. */
  submittedAt: string;
  /** 1 for the first submission, 2 for the one after a reopen, and so on. */
  submission: number;
  /** Visible items with an answer, of `itemCount` visible items. */
  answeredCount: number;
  itemCount: number;
  sections: ReceiptSection[];
}

/** Role names as the console shows them. */
export const USER_ROLE_LABELS: Record<MailLocale, Record<UserRole, string>> = {
  ja: { admin: '管理者', procurement: '調達', ciso: 'CISO', auditor: '監査' },
  en: { admin: 'Admin', procurement: 'Procurement', ciso: 'CISO', auditor: 'Auditor' },
};

/** At most this many suppliers are listed in one alert mail; the console has the rest. */
export const ALERT_LIST_LIMIT = 50;

export interface MailDataByKind {
  invitation: InvitationData;
  reminder: ReminderData;
  escalation: EscalationData;
  reopened: ReopenedData;
  link: LinkData;
  alert: AlertData;
  user_invitation: UserInvitationData;
  password_reset: PasswordResetData;
  due_date_changed: DueDateChangedData;
  contact_changed: ContactChangedData;
  submission_receipt: SubmissionReceiptData;
}

export type MailData = {
  [K in MailKind]: { kind: K; locale: MailLocale; data: MailDataByKind[K] };
}[MailKind];

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

// Intl formatters are costly to build and cheap to reuse: one of each, made once.
const DUE_DATE_FORMATS: Record<MailLocale, Intl.DateTimeFormat> = {
  ja: new Intl.DateTimeFormat('ja-JP', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    weekday: 'short',
  }),
  en: new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    weekday: 'short',
  }),
};
const DATE_TIME_FORMATS: Record<MailLocale, Intl.DateTimeFormat> = {
  ja: new Intl.DateTimeFormat('ja-JP', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }),
  en: new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }),
};
const TOKYO_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' });

/** "2026年12月1日(火)" / "Tue, 1 Dec 2026" for a YYYY-MM-DD calendar date (Asia/Tokyo). */
export function formatDueDate(date: string, locale: MailLocale): string {
  return DUE_DATE_FORMATS[locale].format(new Date(`${date}T12:00:00+09:00`));
}

/**
 * "2026年11月29日(日) 09:19 (日本時間)" / "Sun, 29 Nov 2026, 09:19 (Japan time)"; without the
 * zone label where a heading already says the times are Japan time.
 */
export function formatDateTime(
  date: Date,
  locale: MailLocale,
  { zoneLabel = true }: { zoneLabel?: boolean } = {},
): string {
  const text = DATE_TIME_FORMATS[locale].format(date);
  if (!zoneLabel) return text;
  return locale === 'ja' ? `${text} (日本時間)` : `${text} (Japan time)`;
}

const TIMESTAMP_FORMATS: Record<MailLocale, Intl.DateTimeFormat> = {
  ja: new Intl.DateTimeFormat('ja-JP', {
    timeZone: 'Asia/Tokyo',
    dateStyle: 'medium',
    timeStyle: 'short',
  }),
  en: new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Tokyo',
    dateStyle: 'medium',
    timeStyle: 'short',
  }),
};

/** A compact Japan-time timestamp for lists: "2026/11/29 9:19" / "29 Nov 2026, 09:19". */
export function formatTimestamp(date: Date | string, locale: MailLocale): string {
  return TIMESTAMP_FORMATS[locale].format(typeof date === 'string' ? new Date(date) : date);
}

const NUMBER_FORMATS: Record<MailLocale, Intl.NumberFormat> = {
  // Every decimal given (the default would round to three places).
  ja: new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 20 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 20 }),
};

/** A number with the reader's separators and every decimal: "300,000", "1.23456". */
export function formatNumber(value: number, locale: MailLocale): string {
  return NUMBER_FORMATS[locale].format(value);
}

/** Today's calendar date in Asia/Tokyo as YYYY-MM-DD. */
export function tokyoToday(now: Date = new Date()): string {
  return TOKYO_DATE.format(now);
}

/**
 * Whole days from today (Tokyo) to `dueDate`; negative once overdue. `now` is required: the
 * worker reads it from its Clock, so the count is that of the day the mail is written for.
 */
export function daysUntil(dueDate: string, now: Date): number {
  const today = Date.parse(`${tokyoToday(now)}T00:00:00Z`);
  return Math.round((Date.parse(`${dueDate}T00:00:00Z`) - today) / 86_400_000);
}
