import type { Supplier, SupplierContact } from '@kakehashi/database';
import type { SupplierFieldsDto } from './dto/create-supplier.dto';
import type { SupplierContactDto } from './dto/supplier-contact.dto';

/** A supplier field a PATCH (or the console edit form) may change. */
const FIELDS = [
  'name',
  'nameRomaji',
  'corporateNumber',
  'sizeClass',
  'criticality',
  'handlesConfidentialData',
  'outageImpact',
  'networkAccess',
  'category',
  'tags',
  'ownerId',
] as const;

export type SupplierField = (typeof FIELDS)[number];

export interface FieldChange {
  from: unknown;
  to: unknown;
}

const same = (a: unknown, b: unknown): boolean =>
  Array.isArray(a) || Array.isArray(b) ? JSON.stringify(a) === JSON.stringify(b) : a === b;

/**
 * The fields whose requested value differs from the stored one, each with both values. A field
 * left out (undefined) changes nothing; tags compare as the ordered list they are stored as.
 */
export function changedFields(
  stored: Supplier,
  requested: SupplierFieldsDto & { name?: string },
): Partial<Record<SupplierField, FieldChange>> {
  const changes: Partial<Record<SupplierField, FieldChange>> = {};
  for (const field of FIELDS) {
    const to = (requested as Record<string, unknown>)[field];
    if (to === undefined) continue;
    const raw = (stored as unknown as Record<string, unknown>)[field] ?? null;
    const from = field === 'criticality' && raw !== null ? Number(raw) : raw;
    if (!same(from, to)) changes[field] = { from, to };
  }
  return changes;
}

/** How a requested contact list differs from the stored one, by address (case ignored). */
export interface ContactChanges {
  added: string[];
  removed: string[];
  /** Addresses that stay with another name, language or spelling of the address. */
  updated: string[];
  /** The primary contact's address before and after, when it changes. */
  primary?: { from: string | null; to: string };
}

/** `null` when saving `requested` would leave the stored contacts exactly as they are. */
export function compareContacts(
  stored: Pick<SupplierContact, 'name' | 'email' | 'language' | 'isPrimary'>[],
  requested: SupplierContactDto[],
): ContactChanges | null {
  const key = (email: string) => email.toLowerCase();
  const storedBy = new Map(stored.map((c) => [key(c.email), c]));
  const requestedKeys = new Set(requested.map((c) => key(c.email)));
  const added: string[] = [];
  const updated: string[] = [];
  for (const contact of requested) {
    const current = storedBy.get(key(contact.email));
    if (!current) {
      added.push(contact.email);
      continue;
    }
    if (
      current.name !== contact.name ||
      current.email !== contact.email ||
      current.language !== (contact.language ?? 'ja')
    ) {
      updated.push(contact.email);
    }
  }
  const removed = stored.filter((c) => !requestedKeys.has(key(c.email))).map((c) => c.email);
  const primaryBefore = stored.find((c) => c.isPrimary)?.email ?? null;
  const primaryAfter = requested.find((c) => c.isPrimary === true)?.email ?? null;
  const primaryChanged =
    primaryAfter !== null && (primaryBefore === null || key(primaryBefore) !== key(primaryAfter));
  if (!added.length && !removed.length && !updated.length && !primaryChanged) return null;
  return {
    added,
    removed,
    updated,
    ...(primaryChanged ? { primary: { from: primaryBefore, to: primaryAfter } } : {}),
  };
}
