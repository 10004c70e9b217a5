import type { AuditEvent, UserRole } from '@kakehashi/database';
import type { Locale } from '../console/console-locale';
import { readableDetails, type ReadableDetail } from './audit-details';
import { actionLabel, actorTypeLabel, targetTypeLabel } from './audit-labels';
import type { AuditReferences } from './audit-references.query';

/** One audit event in words, as the console page and the CSV export show it. */
export interface AuditEntry {
  id: string;
  /** Japan time to the second, `YYYY-MM-DD HH:mm:ss`. */
  at: string;
  iso: string;
  actor: { type: string; name: string | null; email: string | null };
  action: { code: string; label: string };
  target: {
    /** The kind as recorded (`supplier`, `finding`…); `type` is it in words. */
    code: string;
    type: string;
    id: string;
    name: string | null;
    href: string | null;
  } | null;
  /** As recorded, `key: value` (the CSV). */
  details: { key: string; value: string }[];
  /** In words, ids as names (the console page). */
  readable: ReadableDetail[];
  ip: string | null;
}

const TOKYO_TIME = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** Japan time to the second, `YYYY-MM-DD HH:mm:ss`. */
export function tokyoDateTime(at: Date): string {
  return TOKYO_TIME.format(at);
}

/** Top-level details as `key: value`; nested values (objects, arrays) as JSON. */
export function detailLines(details: object | null): { key: string; value: string }[] {
  if (!details || typeof details !== 'object' || Array.isArray(details)) {
    return details === null ? [] : [{ key: 'value', value: JSON.stringify(details) }];
  }
  return Object.entries(details).map(([key, value]) => ({
    key,
    value: typeof value === 'string' ? value : JSON.stringify(value ?? null),
  }));
}

/**
 * The console page of a target this role may open; none for a target that no longer exists in
 * the organization (or never did), or whose page the role cannot see.
 */
function targetHref(
  type: string,
  id: string,
  refs: AuditReferences,
  role: UserRole | null,
): string | null {
  const path = encodeURIComponent(id);
  switch (type) {
    case 'supplier':
      return `/dashboard/suppliers/${path}`;
    case 'campaign':
      return `/console/campaigns/${path}`;
    case 'assessment':
      return `/console/assessments/${path}`;
    case 'user':
      return role === 'admin' ? '/console/users' : null;
    case 'finding': {
      // A finding is shown on its supplier's page.
      const finding = refs.findings.get(id);
      return finding ? `/dashboard/suppliers/${encodeURIComponent(finding.supplierId)}` : null;
    }
    default:
      return null;
  }
}

function targetName(type: string, id: string, refs: AuditReferences): string | null {
  switch (type) {
    case 'supplier':
      return refs.suppliers.get(id) ?? null;
    case 'campaign':
      return refs.campaigns.get(id) ?? null;
    case 'assessment': {
      const a = refs.assessments.get(id);
      return a ? `${a.supplierName} / ${a.campaignName}` : null;
    }
    case 'user': {
      const u = refs.users.get(id);
      return u ? `${u.name} <${u.email}>` : null;
    }
    case 'finding': {
      const f = refs.findings.get(id);
      return f ? `${f.supplierName} / ${f.code}` : null;
    }
    default:
      return null;
  }
}

function actorOf(event: AuditEvent, refs: AuditReferences, locale: Locale): AuditEntry['actor'] {
  const type = actorTypeLabel(event.actorType, locale);
  const id = event.actorId;
  if (event.actorType === 'user' && id) {
    const user = refs.users.get(id);
    return user ? { type, name: user.name, email: user.email } : { type, name: id, email: null };
  }
  if (event.actorType === 'supplier' && id) {
    const contact = refs.contacts.get(id);
    if (contact) {
      const name =
        locale === 'ja'
          ? `${contact.name}（${contact.supplierName}）`
          : `${contact.name} (${contact.supplierName})`;
      return { type, name, email: contact.email };
    }
  }
  return { type, name: null, email: null };
}

export function toAuditEntry(
  event: AuditEvent,
  refs: AuditReferences,
  view: { locale: Locale; role: UserRole | null },
): AuditEntry {
  const { targetType, targetId } = event;
  let target: AuditEntry['target'] = null;
  if (targetType) {
    const name = targetId ? targetName(targetType, targetId, refs) : null;
    target = {
      code: targetType,
      type: targetTypeLabel(targetType, view.locale),
      id: targetId ?? '',
      name,
      // Only a target found in the organization gets a link: its page exists and may be shown.
      href: targetId && name !== null ? targetHref(targetType, targetId, refs, view.role) : null,
    };
  }
  return {
    id: event.id,
    at: tokyoDateTime(event.createdAt),
    iso: event.createdAt.toISOString(),
    actor: actorOf(event, refs, view.locale),
    action: { code: event.action, label: actionLabel(event.action, view.locale) },
    target,
    details: detailLines(event.details),
    readable: readableDetails(event.action, event.details, refs, view),
    ip: event.ip,
  };
}
