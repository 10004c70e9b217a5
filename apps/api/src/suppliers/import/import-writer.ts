import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { ImportRow } from './import-columns';

/** Rows per statement: arrays go through unnest(), so a chunk is one round trip. */
const CHUNK = 2000;

export interface ExistingContact {
  id: string;
  supplierId: string;
  name: string;
  email: string;
  language: string;
  isPrimary: boolean;
}

/** A supplier's stored values, as updateSuppliers may change them. */
export interface StoredSupplier {
  name: string;
  corporateNumber: string | null;
  sizeClass: string | null;
  criticality: number;
  category: string | null;
  handlesConfidentialData: boolean | null;
  outageImpact: boolean | null;
  networkAccess: boolean | null;
}

/**
 * Whether updateSuppliers would change anything for this row: a value the row gives (already
 * normalised as the import reads it: trimmed, full-width digits and letters folded, the formula
 * guard removed) that differs from the stored one, or a primary contact that would change (another
 * address, which is matched ignoring case, another name or language, or a contact made primary).
 * An empty cell keeps the stored value, so it changes nothing.
 */
export function rowChangesSupplier(
  stored: StoredSupplier,
  contacts: ExistingContact[],
  row: ImportRow,
): boolean {
  const differs = <T>(value: T | undefined | null, current: T | null): boolean =>
    value !== undefined && value !== null && value !== current;
  if (row.name !== stored.name) return true;
  if (
    differs(row.corporateNumber, stored.corporateNumber) ||
    differs(row.sizeClass, stored.sizeClass) ||
    differs(row.criticality, Number(stored.criticality)) ||
    differs(row.category, stored.category) ||
    differs(row.handlesConfidentialData, stored.handlesConfidentialData) ||
    differs(row.outageImpact, stored.outageImpact) ||
    differs(row.networkAccess, stored.networkAccess)
  ) {
    return true;
  }
  const email = row.contactEmail.toLowerCase();
  const same = contacts.find((c) => c.email.toLowerCase() === email);
  return (
    !same ||
    !same.isPrimary ||
    same.name !== row.contactName ||
    differs(row.contactLanguage, same.language)
  );
}

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/**
 * New suppliers, each with its row's contact as the primary one. `ownerId` (the importing
 * procurement user, or null) becomes the owner of every new supplier.
 */
export async function insertSuppliers(
  manager: EntityManager,
  input: { organizationId: string; ownerId: string | null; rows: ImportRow[] },
): Promise<void> {
  const { organizationId, ownerId } = input;
  for (const part of chunks(input.rows)) {
    const ids = part.map(() => randomUUID());
    await manager.query(
      `INSERT INTO suppliers (id, organization_id, owner_id, name, corporate_number, size_class,
         criticality, category, handles_confidential_data, outage_impact, network_access)
       SELECT v.id, $1, $11::uuid, v.name, v.corporate_number, v.size_class, v.criticality,
         v.category, v.confidential, v.outage, v.network
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::smallint[], $7::text[],
         $8::boolean[], $9::boolean[], $10::boolean[])
         AS v(id, name, corporate_number, size_class, criticality, category, confidential, outage, network)`,
      [
        organizationId,
        ids,
        part.map((r) => r.name),
        part.map((r) => r.corporateNumber),
        part.map((r) => r.sizeClass ?? null),
        part.map((r) => r.criticality ?? 2),
        part.map((r) => r.category ?? null),
        part.map((r) => r.handlesConfidentialData ?? null),
        part.map((r) => r.outageImpact ?? null),
        part.map((r) => r.networkAccess ?? null),
        ownerId,
      ],
    );
    await insertContacts(
      manager,
      organizationId,
      part.map((row, i) => ({ supplierId: ids[i], row })),
    );
  }
}

async function insertContacts(
  manager: EntityManager,
  organizationId: string,
  contacts: { supplierId: string; row: ImportRow }[],
): Promise<void> {
  if (contacts.length === 0) return;
  await manager.query(
    `INSERT INTO supplier_contacts (organization_id, supplier_id, name, email, language, is_primary)
     SELECT $1, v.supplier_id, v.name, v.email, v.language, true
     FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[]) AS v(supplier_id, name, email, language)`,
    [
      organizationId,
      contacts.map((c) => c.supplierId),
      contacts.map((c) => c.row.contactName),
      contacts.map((c) => c.row.contactEmail),
      // A new contact without a language gets the default, as through the API.
      contacts.map((c) => c.row.contactLanguage ?? 'ja'),
    ],
  );
}

/**
 * Existing suppliers take the row's values; an empty cell keeps the current value. The row's
 * contact becomes the primary one (the same address keeps its id and delivery history).
 */
export async function updateSuppliers(
  manager: EntityManager,
  organizationId: string,
  updates: { supplierId: string; row: ImportRow }[],
  contactsBySupplier: Map<string, ExistingContact[]>,
): Promise<void> {
  for (const part of chunks(updates)) {
    await manager.query(
      `UPDATE suppliers s SET
         name = v.name,
         corporate_number = COALESCE(v.corporate_number, s.corporate_number),
         size_class = COALESCE(v.size_class, s.size_class),
         criticality = COALESCE(v.criticality, s.criticality),
         category = COALESCE(v.category, s.category),
         handles_confidential_data = COALESCE(v.confidential, s.handles_confidential_data),
         outage_impact = COALESCE(v.outage, s.outage_impact),
         network_access = COALESCE(v.network, s.network_access),
         updated_at = now()
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::smallint[], $7::text[],
         $8::boolean[], $9::boolean[], $10::boolean[])
         AS v(id, name, corporate_number, size_class, criticality, category, confidential, outage, network)
       WHERE s.id = v.id AND s.organization_id = $1`,
      [
        organizationId,
        part.map((u) => u.supplierId),
        part.map((u) => u.row.name),
        part.map((u) => u.row.corporateNumber),
        part.map((u) => u.row.sizeClass ?? null),
        part.map((u) => u.row.criticality ?? null),
        part.map((u) => u.row.category ?? null),
        part.map((u) => u.row.handlesConfidentialData ?? null),
        part.map((u) => u.row.outageImpact ?? null),
        part.map((u) => u.row.networkAccess ?? null),
      ],
    );

    const demote: string[] = [];
    const keep: { id: string; row: ImportRow }[] = [];
    const create: { supplierId: string; row: ImportRow }[] = [];
    for (const update of part) {
      const email = update.row.contactEmail.toLowerCase();
      const contacts = contactsBySupplier.get(update.supplierId) ?? [];
      const same = contacts.find((c) => c.email.toLowerCase() === email);
      for (const c of contacts) if (c.isPrimary && c !== same) demote.push(c.id);
      if (same) keep.push({ id: same.id, row: update.row });
      else create.push(update);
    }
    // Demote first: at most one primary per supplier is enforced by a unique index.
    if (demote.length) {
      await manager.query(
        `UPDATE supplier_contacts SET is_primary = false
         WHERE organization_id = $1 AND id = ANY($2::uuid[])`,
        [organizationId, demote],
      );
    }
    if (keep.length) {
      await manager.query(
        `UPDATE supplier_contacts c
         SET name = v.name, language = COALESCE(v.language, c.language), is_primary = true
         FROM unnest($2::uuid[], $3::text[], $4::text[]) AS v(id, name, language)
         WHERE c.id = v.id AND c.organization_id = $1`,
        [
          organizationId,
          keep.map((k) => k.id),
          keep.map((k) => k.row.contactName),
          keep.map((k) => k.row.contactLanguage ?? null),
        ],
      );
    }
    await insertContacts(manager, organizationId, create);
  }
}
