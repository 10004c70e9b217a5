import type { UserRole } from '@kakehashi/database';
import type { Locale } from '../console/console-locale';
import { DASHBOARD_TEXT } from '../dashboard/dashboard-text';
import type { AuditReferences } from './audit-references.query';

type Label = Record<Locale, string>;

/** One detail of an event as the console page shows it: in words, ids as names (linked). */
export interface ReadableDetail {
  /** The key as recorded (the CSV keeps it, and the raw value). */
  key: string;
  label: string;
  value: string;
  href: string | null;
}

/** Words for the detail keys the code records; any other key is shown as recorded. */
const KEY_LABELS: Record<string, Label> = {
  supplierId: { ja: 'サプライヤー', en: 'Supplier' },
  campaignId: { ja: 'キャンペーン', en: 'Campaign' },
  toUserId: { ja: '引き継ぎ先', en: 'Handed over to' },
  contactId: { ja: '連絡先', en: 'Contact' },
  from: { ja: '変更前', en: 'From' },
  to: { ja: '変更後', en: 'To' },
  note: { ja: 'メモ', en: 'Note' },
  name: { ja: '名称', en: 'Name' },
  reason: { ja: '理由', en: 'Reason' },
  email: { ja: 'メールアドレス', en: 'Email' },
  suppliers: { ja: 'サプライヤー数', en: 'Suppliers' },
  campaigns: { ja: 'キャンペーン数', en: 'Campaigns' },
  invited: { ja: '招待した件数', en: 'Invited' },
  added: { ja: '追加した件数', en: 'Added' },
  revoked: { ja: '無効化したリンク数', en: 'Links revoked' },
  message: { ja: 'メッセージ', en: 'Message' },
  submission: { ja: '提出回数', en: 'Submission' },
  changes: { ja: '変更内容', en: 'Changes' },
  fields: { ja: '変更した項目', en: 'Fields changed' },
  rowCount: { ja: '件数', en: 'Rows' },
  filters: { ja: '絞り込み条件', en: 'Filters' },
  format: { ja: '形式', en: 'Format' },
  lang: { ja: '言語', en: 'Language' },
};

/** Keys whose meaning depends on the action. */
const ACTION_KEY_LABELS: Record<string, Record<string, Label>> = {
  'finding.status_changed': {
    from: { ja: '変更前の状態', en: 'Status before' },
    to: { ja: '変更後の状態', en: 'Status after' },
  },
  'assessment.reminded': { to: { ja: '送信先', en: 'Sent to' } },
  'user.handed_over': {
    suppliers: { ja: '引き継いだサプライヤー数', en: 'Suppliers handed over' },
    campaigns: { ja: '引き継いだキャンペーン数', en: 'Campaigns handed over' },
  },
};

const LOGIN_FAILURE_REASONS: Record<string, Label> = {
  wrong_password: { ja: 'パスワードの誤り', en: 'Wrong password' },
  unknown_email: { ja: '登録のないメールアドレス', en: 'Unknown email' },
  deactivated: { ja: '無効化されたユーザー', en: 'Deactivated user' },
  not_activated: { ja: 'パスワード未設定', en: 'Password not set yet' },
};

const plain = (value: unknown): string =>
  typeof value === 'string' ? value : JSON.stringify(value ?? null);

/** A known id as the name of what it names (with a link where the role may open it). */
function named(
  key: string,
  id: string,
  refs: AuditReferences,
  role: UserRole | null,
): { value: string; href: string | null } | null {
  const path = encodeURIComponent(id);
  switch (key) {
    case 'supplierId': {
      const name = refs.suppliers.get(id);
      return name === undefined ? null : { value: name, href: `/dashboard/suppliers/${path}` };
    }
    case 'campaignId': {
      const name = refs.campaigns.get(id);
      return name === undefined ? null : { value: name, href: `/console/campaigns/${path}` };
    }
    case 'toUserId': {
      const user = refs.users.get(id);
      if (!user) return null;
      return {
        value: `${user.name} <${user.email}>`,
        href: role === 'admin' ? '/console/users' : null,
      };
    }
    case 'contactId': {
      const contact = refs.contacts.get(id);
      return contact
        ? { value: `${contact.name} <${contact.email}>（${contact.supplierName}）`, href: null }
        : null;
    }
    default:
      return null;
  }
}

function wordsFor(action: string, key: string, value: unknown, locale: Locale): string | null {
  if (typeof value !== 'string') return null;
  if (action === 'finding.status_changed' && (key === 'from' || key === 'to')) {
    const labels = DASHBOARD_TEXT[locale].findingStatus as Record<string, string>;
    return Object.hasOwn(labels, value) ? labels[value] : null;
  }
  if (action === 'auth.login_failed' && key === 'reason') {
    return Object.hasOwn(LOGIN_FAILURE_REASONS, value)
      ? LOGIN_FAILURE_REASONS[value][locale]
      : null;
  }
  return null;
}

/**
 * The details of an event for people: known keys in words, status values by their labels, ids
 * of this organization's users, suppliers, campaigns and contacts by name (an id not found is
 * shown as recorded), nested values as JSON. The CSV keeps the raw `key: value` lines instead.
 */
export function readableDetails(
  action: string,
  details: object | null,
  refs: AuditReferences,
  view: { locale: Locale; role: UserRole | null },
): ReadableDetail[] {
  if (details === null || typeof details !== 'object' || Array.isArray(details)) {
    return details === null
      ? []
      : [{ key: 'value', label: 'value', value: plain(details), href: null }];
  }
  const byAction = ACTION_KEY_LABELS[action] ?? {};
  return Object.entries(details).map(([key, value]) => {
    const labels = Object.hasOwn(byAction, key)
      ? byAction[key]
      : Object.hasOwn(KEY_LABELS, key)
        ? KEY_LABELS[key]
        : null;
    const label = labels ? labels[view.locale] : key;
    const found = typeof value === 'string' ? named(key, value, refs, view.role) : null;
    if (found) return { key, label, ...found };
    const words = wordsFor(action, key, value, view.locale);
    return { key, label, value: words ?? plain(value), href: null };
  });
}

/** The ids in details that name something the page can show by name. */
export const DETAIL_ID_KEYS = {
  suppliers: ['supplierId'],
  campaigns: ['campaignId'],
  users: ['toUserId'],
  contacts: ['contactId'],
} as const;
