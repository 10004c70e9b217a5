import { hashPassword, passwordWeakness } from '@kakehashi/auth';
import { AuditEvent, Organization, User, UserRole, normalizeEmail } from '@kakehashi/database';
import { DataSource, In, Repository } from 'typeorm';

export class TenantProvisioningError extends Error {}

export interface NewTenant {
  name: string;
  /** A fixed id (the demo tenant's, which docker-compose names as the operator); else a new one. */
  id?: string;
  users: {
    email: string;
    password: string;
    role: UserRole;
    displayName: string;
    locale?: 'ja' | 'en';
  }[];
}

export interface CreatedTenant {
  organizationId: string;
  slug: string;
  users: { id: string; email: string; role: UserRole }[];
}

/**
 * Creates a tenant and its first users in one transaction. Used by the operators' CLI and the
 * demo seed; refuses weak passwords and an email that already exists in the tenant.
 */
export async function createTenant(
  dataSource: DataSource,
  input: NewTenant,
): Promise<CreatedTenant> {
  const name = input.name.trim();
  if (!name) throw new TenantProvisioningError('tenant name must not be empty');
  const seen = new Set<string>();
  for (const user of input.users) {
    const email = normalizeEmail(user.email);
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      throw new TenantProvisioningError(`"${user.email}" is not an email address`);
    }
    if (seen.has(email)) throw new TenantProvisioningError(`email ${email} is given twice`);
    seen.add(email);
    const weakness = passwordWeakness(user.password);
    if (weakness) throw new TenantProvisioningError(`${weakness} (for ${email})`);
  }
  const hashes = await Promise.all(input.users.map((user) => hashPassword(user.password)));

  return dataSource.transaction(async (manager) => {
    // Emails are unique per tenant in the schema, but a new tenant's users must not reuse an
    // address another tenant already has: one person, one login.
    const taken = await manager
      .getRepository(User)
      .find({ where: { email: In([...seen]) }, select: { email: true } });
    if (taken.length > 0) {
      throw new TenantProvisioningError(`email ${taken[0].email} is already registered`);
    }
    const slug = await uniqueSlug(manager.getRepository(Organization), name);
    const organization = await manager
      .getRepository(Organization)
      .save({ ...(input.id ? { id: input.id } : {}), name, slug });
    const users = await manager.getRepository(User).save(
      input.users.map((user, index) => ({
        organizationId: organization.id,
        email: normalizeEmail(user.email),
        displayName: user.displayName,
        role: user.role,
        locale: user.locale ?? 'ja',
        passwordHash: hashes[index],
        lastLoginAt: null,
      })),
    );
    await manager.getRepository(AuditEvent).insert({
      organizationId: organization.id,
      actorType: 'system',
      action: 'organization.created',
      targetType: 'organization',
      targetId: organization.id,
      details: { users: users.map((u) => u.email) },
    });
    return {
      organizationId: organization.id,
      slug,
      users: users.map((u) => ({ id: u.id, email: u.email, role: u.role })),
    };
  });
}

async function uniqueSlug(organizations: Repository<Organization>, name: string): Promise<string> {
  const base =
    name
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'tenant';
  for (let n = 1; ; n += 1) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if (!(await organizations.exists({ where: { slug } }))) return slug;
  }
}
