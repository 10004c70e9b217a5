import { BadRequestException } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { revokeContactLinks } from '@kakehashi/auth';
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

/** What replacing a supplier's contacts did to the contacts that left. */
export interface ContactsReplaced {
  /** Contacts no longer registered (their address is not in the new list). */
  removed: number;
  /** Links of those contacts that stopped working. */
  revokedLinks: number;
}

/**
 * Replaces a supplier's contacts. An address that stays keeps its id, its undeliverable state (a
 * bounce is about the address, not about the form that was saved) and its links. A contact that
 * leaves loses its links, in the same transaction: whoever holds that mail can no longer answer,
 * and mail still queued for it goes to the new primary contact instead (with a link of its own).
 */
export async function replaceContacts(
  manager: EntityManager,
  target: { organizationId: string; supplierId: string },
  contacts: SupplierContactDto[],
): Promise<ContactsReplaced> {
  const repository = manager.getRepository(SupplierContact);
  const current = await repository.find({ where: target });
  const byEmail = new Map(current.map((c) => [c.email.toLowerCase(), c]));
  const keptIds = new Set(
    contacts
      .map((c) => byEmail.get(c.email.toLowerCase())?.id)
      .filter((id): id is string => id !== undefined),
  );
  const removedIds = current.filter((c) => !keptIds.has(c.id)).map((c) => c.id);
  let revokedLinks = 0;
  if (removedIds.length) {
    // Locked first: a link being minted for one of them right now waits for this transaction,
    // then fails its foreign key, so no working link slips in between the revocation and the delete.
    await manager.query(
      `SELECT 1 FROM supplier_contacts WHERE organization_id = $1 AND id = ANY($2::uuid[]) FOR UPDATE`,
      [target.organizationId, removedIds],
    );
    revokedLinks = await revokeContactLinks(manager, {
      organizationId: target.organizationId,
      contactIds: removedIds,
    });
  }
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
  if (removedIds.length) {
    await readdressQueuedMail(manager, target, removedIds);
    await repository.delete({ ...target, id: In(removedIds) });
  }
  return { removed: removedIds.length, revokedLinks };
}

/**
 * Supplier mail not sent yet to contacts that leave (a reminder, a reopen request, a due-date
 * notice) goes to the supplier's primary contact, as it would have had it been written now; the
 * mail worker sends nothing to a contact that no longer exists. A "you are the new contact"
 * notice is not re-addressed but dropped: it names the contact it was for, and the new primary
 * contact gets a notice of their own (primary-contact-notices.ts) in the same transaction.
 */
async function readdressQueuedMail(
  manager: EntityManager,
  target: { organizationId: string; supplierId: string },
  removedIds: string[],
): Promise<void> {
  await manager.query(
    `UPDATE mail_messages
        SET status = 'skipped', last_error = 'superseded by a later contact change'
      WHERE organization_id = $1 AND contact_id = ANY($2::uuid[]) AND status = 'queued'
        AND kind = 'contact_changed'`,
    [target.organizationId, removedIds],
  );
  await manager.query(
    `UPDATE mail_messages m
        SET contact_id = p.id, to_email = p.email, to_name = p.name,
            locale = CASE WHEN p.language = 'en' THEN 'en' ELSE 'ja' END
       FROM supplier_contacts p
      WHERE m.organization_id = $1 AND m.contact_id = ANY($3::uuid[]) AND m.status = 'queued'
        AND p.organization_id = $1 AND p.supplier_id = $2 AND p.is_primary`,
    [target.organizationId, target.supplierId, removedIds],
  );
}
