import { BadRequestException } from '@nestjs/common';
import { EntityManager, In, Not } from 'typeorm';
import { SupplierContact } from '@kakehashi/database';
import { SupplierContactDto } from './dto/supplier-contact.dto';

/** Exactly one primary contact and no address twice; a single contact is primary by default. */
export function checkContacts(contacts: SupplierContactDto[]): SupplierContactDto[] {
  const normalized = contacts.map((c) => ({
    ...c,
    name: c.name.trim(),
    email: c.email.trim(),
    isPrimary: contacts.length === 1 && c.isPrimary === undefined ? true : c.isPrimary === true,
  }));
  const primaries = normalized.filter((c) => c.isPrimary).length;
  if (primaries !== 1) {
    throw new BadRequestException(
      `contacts must have exactly one primary contact (isPrimary: true); found ${primaries}`,
    );
  }
  const emails = new Set<string>();
  for (const contact of normalized) {
    const key = contact.email.toLowerCase();
    if (emails.has(key))
      throw new BadRequestException(`contacts.email ${contact.email} appears twice`);
    emails.add(key);
  }
  return normalized;
}

/**
 * Replaces a supplier's contacts. An address that stays keeps its id and its undeliverable
 * state (a bounce is about the address, not about the form that was saved).
 */
export async function replaceContacts(
  manager: EntityManager,
  target: { organizationId: string; supplierId: string },
  contacts: SupplierContactDto[],
): Promise<void> {
  const repository = manager.getRepository(SupplierContact);
  const current = await repository.find({ where: target });
  const byEmail = new Map(current.map((c) => [c.email.toLowerCase(), c]));
  const kept = contacts
    .map((c) => byEmail.get(c.email.toLowerCase()))
    .filter((c): c is SupplierContact => c !== undefined);
  await repository.delete(kept.length ? { ...target, id: Not(In(kept.map((c) => c.id))) } : target);
  // Demote first: at most one primary per supplier is enforced by a unique index.
  await repository.update(target, { isPrimary: false });
  for (const contact of contacts) {
    const existing = byEmail.get(contact.email.toLowerCase());
    const values = {
      name: contact.name,
      email: contact.email,
      language: contact.language ?? 'ja',
      isPrimary: contact.isPrimary === true,
    };
    if (existing) await repository.update({ ...target, id: existing.id }, values);
    else await repository.insert({ ...target, ...values });
  }
}
