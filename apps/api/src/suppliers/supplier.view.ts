import type { Supplier, SupplierContact } from '@kakehashi/database';

export interface SupplierContactView {
  id: string;
  name: string;
  email: string;
  language: string;
  isPrimary: boolean;
  /** True once the mail server rejected the address for good; no more mail goes there. */
  undeliverable: boolean;
  undeliverableAt: string | null;
  undeliverableReason: string | null;
}

export interface SupplierView {
  id: string;
  name: string;
  nameRomaji: string | null;
  corporateNumber: string | null;
  sizeClass: string | null;
  criticality: number;
  handlesConfidentialData: boolean | null;
  outageImpact: boolean | null;
  networkAccess: boolean | null;
  category: string | null;
  tags: string[];
  ownerId: string | null;
  createdAt: string;
  updatedAt: string;
  primaryContact?: { name: string; email: string; language: string } | null;
  contacts?: SupplierContactView[];
}

export function toSupplierView(supplier: Supplier): SupplierView {
  return {
    id: supplier.id,
    name: supplier.name,
    nameRomaji: supplier.nameRomaji,
    corporateNumber: supplier.corporateNumber,
    sizeClass: supplier.sizeClass,
    criticality: supplier.criticality,
    handlesConfidentialData: supplier.handlesConfidentialData,
    outageImpact: supplier.outageImpact,
    networkAccess: supplier.networkAccess,
    category: supplier.category,
    tags: supplier.tags,
    ownerId: supplier.ownerId,
    createdAt: supplier.createdAt.toISOString(),
    updatedAt: supplier.updatedAt.toISOString(),
  };
}

export function toContactView(contact: SupplierContact): SupplierContactView {
  return {
    id: contact.id,
    name: contact.name,
    email: contact.email,
    language: contact.language,
    isPrimary: contact.isPrimary,
    undeliverable: contact.undeliverableAt !== null,
    undeliverableAt: contact.undeliverableAt?.toISOString() ?? null,
    undeliverableReason: contact.undeliverableReason,
  };
}

/**
 * A supplier's version: its last change (updatedAt, in milliseconds). GET sends it as the ETag,
 * PATCH takes it back in If-Match, the console edit form in a hidden field.
 */
export function supplierVersion(supplier: { updatedAt: Date | string }): string {
  return String(new Date(supplier.updatedAt).getTime());
}

/** The ETag header value of a supplier's version. */
export function supplierETag(supplier: { updatedAt: Date | string }): string {
  return `"${supplierVersion(supplier)}"`;
}
