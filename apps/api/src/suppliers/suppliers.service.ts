import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository, SelectQueryBuilder } from 'typeorm';
import { AuthenticatedUser } from '@kakehashi/auth';
import { AuditService, Supplier, SupplierContact } from '@kakehashi/database';
import { CreateSupplierDto, SupplierFieldsDto, UpdateSupplierDto } from './dto/create-supplier.dto';
import { ListSuppliersQuery, SupplierFilters } from './dto/list-suppliers.query';
import { looksLikeCorporateNumber, normalizeCorporateNumber } from './corporate-number';
import { checkContacts, replaceContacts } from './supplier-contacts';
import { conflictOnDuplicate } from './supplier-conflict';
import { PrimaryContactNotices } from './primary-contact-notices';
import { lockOwner, OWNER_RULE } from './supplier-owner';
import { foldedSql, foldForSearch } from './search-folding';
import { SupplierView, supplierVersion, toContactView, toSupplierView } from './supplier.view';
import { changedFields, compareContacts } from './supplier-changes';

/** What PATCH (and the console edit form) did. */
export interface SupplierUpdateOutcome {
  /** The supplier as it is now. */
  supplier: SupplierView;
  /** False when the request equalled what was stored: nothing written, nothing audited. */
  changed: boolean;
  /** `contact_changed` mails queued to a new primary contact (one per open questionnaire). */
  newContactMails: number;
}

const SORT_COLUMNS = {
  name: 's.name',
  criticality: 's.criticality',
  createdAt: 's.created_at',
  updatedAt: 's.updated_at',
} as const;

/** The tenant's supplier registry; every query is scoped by the caller's organization. */
@Injectable()
export class SuppliersService {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(Supplier) private readonly suppliers: Repository<Supplier>,
    @InjectRepository(SupplierContact) private readonly contacts: Repository<SupplierContact>,
    private readonly audit: AuditService,
    private readonly primaryContactNotices: PrimaryContactNotices,
  ) {}

  async list(
    organizationId: string,
    query: ListSuppliersQuery,
  ): Promise<{ items: SupplierView[]; total: number; page: number; pageSize: number }> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const qb = this.filtered(organizationId, query);
    const sort = query.sort ?? 'name';
    const descending = sort.startsWith('-');
    const column = SORT_COLUMNS[sort.replace(/^-/, '') as keyof typeof SORT_COLUMNS];
    qb.orderBy(column, descending ? 'DESC' : 'ASC').addOrderBy('s.id', 'ASC');
    const [rows, total] = await qb
      .offset((page - 1) * pageSize)
      .limit(pageSize)
      .getManyAndCount();

    const primaries = rows.length
      ? await this.contacts.find({
          where: { organizationId, supplierId: In(rows.map((r) => r.id)), isPrimary: true },
        })
      : [];
    const primaryBySupplier = new Map(primaries.map((c) => [c.supplierId, c]));
    const items = rows.map((row) => {
      const primary = primaryBySupplier.get(row.id);
      return {
        ...toSupplierView(row),
        primaryContact: primary
          ? { name: primary.name, email: primary.email, language: primary.language }
          : null,
      };
    });
    return { items, total, page, pageSize };
  }

  /**
   * The tenant's suppliers matching the registry's filters (name, romanised name or 法人番号,
   * criticality, category, size, owner, tag), unordered and unpaged: the list pages it, the
   * export writes it, and a campaign's supplier picker shows and adds what it matches.
   */
  filtered(organizationId: string, filters: SupplierFilters): SelectQueryBuilder<Supplier> {
    const qb = this.suppliers
      .createQueryBuilder('s')
      .where('s.organization_id = :organizationId', { organizationId });
    if (filters.q?.trim()) {
      const q = foldForSearch(filters.q).trim();
      const like = `%${q.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
      // Typed as digits only (hyphens and dashes allowed): also a 法人番号 search. Judged on the
      // text as typed: NFKC turns ① into 1, which would match most 法人番号.
      const typed = filters.q;
      const digits = looksLikeCorporateNumber(typed) ? normalizeCorporateNumber(typed) : '';
      // Both sides folded the same way (NFKC, then 異体字 to their common form), so ｼﾌﾄ finds
      // シフト, 高橋 finds 髙橋 and back, as stored.
      const names = `(${foldedSql('s.name')} ILIKE :like OR ${foldedSql('s.name_romaji')} ILIKE :like)`;
      qb.andWhere(digits ? `(${names} OR s.corporate_number LIKE :digits)` : names, {
        like,
        digits: `%${digits}%`,
      });
    }
    if (filters.criticality) qb.andWhere('s.criticality = :criticality', filters);
    // Stored NFKC-normalised (dto/text.transforms.ts, the import): ＩＴ finds IT.
    const category = filters.category?.normalize('NFKC').trim();
    if (category) qb.andWhere('s.category = :category', { category });
    if (filters.sizeClass) qb.andWhere('s.size_class = :sizeClass', filters);
    if (filters.ownerId) qb.andWhere('s.owner_id = :ownerId', filters);
    if (filters.tag) qb.andWhere(':tag = ANY(s.tags)', filters);
    return qb;
  }

  async get(organizationId: string, id: string): Promise<SupplierView> {
    const supplier = await this.suppliers.findOne({ where: { organizationId, id } });
    if (!supplier) throw new NotFoundException('Supplier not found');
    const contacts = await this.contacts.find({
      where: { organizationId, supplierId: id },
      order: { isPrimary: 'DESC', createdAt: 'ASC' },
    });
    return { ...toSupplierView(supplier), contacts: contacts.map(toContactView) };
  }

  async create(user: AuthenticatedUser, dto: CreateSupplierDto): Promise<SupplierView> {
    const contacts = checkContacts(dto.contacts);
    const organizationId = user.organizationId;
    const id = await this.dataSource
      .transaction(async (manager) => {
        await this.checkFields(manager, organizationId, dto, null);
        const { contacts: _contacts, ...fields } = dto;
        const ownerId = defaultOwner(user, dto.ownerId);
        // The registering user as the default owner: checked under the same lock as a chosen one.
        if (
          dto.ownerId === undefined &&
          ownerId !== null &&
          !(await lockOwner(manager, { organizationId, userId: ownerId }))
        ) {
          throw new ForbiddenException(
            'Only an active procurement user (or an admin) registers suppliers; nothing was registered',
          );
        }
        const inserted = await manager.getRepository(Supplier).insert({
          ...fields,
          name: dto.name.trim(),
          ownerId,
          organizationId,
        });
        const supplierId = inserted.identifiers[0].id as string;
        await replaceContacts(manager, { organizationId, supplierId }, contacts);
        await this.audit.record(
          {
            organizationId,
            actorType: 'user',
            actorId: user.id,
            action: 'supplier.create',
            targetType: 'supplier',
            targetId: supplierId,
            details: { name: dto.name, corporateNumber: dto.corporateNumber ?? null, ownerId },
          },
          manager,
        );
        return supplierId;
      })
      .catch(conflictOnDuplicate);
    return this.get(organizationId, id);
  }

  /**
   * Changes the fields given. `expectedVersions` (the version the caller read: the ETag of GET, the
   * console form's hidden field) must still be the supplier's, else 409 and nothing is written, so
   * a stale form cannot undo a colleague's change. Only what differs from the stored values is
   * written and audited (from/to); a contact list equal to the stored one is left alone (no link
   * revoked, nobody mailed); a request that changes nothing writes nothing, not even updatedAt.
   */
  async update(
    user: AuthenticatedUser,
    id: string,
    dto: UpdateSupplierDto,
    options: { expectedVersions?: string[] } = {},
  ): Promise<SupplierUpdateOutcome> {
    const organizationId = user.organizationId;
    const contacts = dto.contacts ? checkContacts(dto.contacts) : undefined;
    const outcome = await this.dataSource
      .transaction(async (manager) => {
        const repository = manager.getRepository(Supplier);
        const supplier = await repository.findOne({
          where: { organizationId, id },
          lock: { mode: 'pessimistic_write' },
        });
        if (!supplier) throw new NotFoundException('Supplier not found');
        const expected = options.expectedVersions;
        if (expected && !expected.includes(supplierVersion(supplier))) {
          throw new ConflictException({
            message:
              'The supplier was changed by someone else after you read it (version ' +
              `${expected.join(', ')}, now ${supplierVersion(supplier)}); nothing was saved. ` +
              'Read it again (GET returns the current ETag) and repeat your change',
            reason: 'stale-version',
            currentVersion: supplierVersion(supplier),
          });
        }
        await this.checkFields(manager, organizationId, dto, id);
        const { contacts: _contacts, ...fields } = dto;
        const changes = changedFields(supplier, fields);
        const stored = contacts
          ? await manager
              .getRepository(SupplierContact)
              .find({ where: { organizationId, supplierId: id } })
          : [];
        const contactChanges = contacts ? compareContacts(stored, contacts) : null;
        if (Object.keys(changes).length === 0 && !contactChanges) {
          return { changed: false, newContactMails: 0 };
        }
        const values = Object.fromEntries(
          Object.entries(changes).map(([field, change]) => [field, change.to]),
        );
        await repository.update({ organizationId, id }, { ...values, updatedAt: new Date() });
        const before = contactChanges
          ? await this.primaryContactNotices.snapshot(manager, {
              organizationId,
              supplierIds: [id],
            })
          : null;
        // A contact that leaves loses its links here, in this transaction.
        const replaced =
          contacts && contactChanges
            ? await replaceContacts(manager, { organizationId, supplierId: id }, contacts)
            : null;
        // A new primary contact gets a link to every questionnaire still being answered.
        const notified = before
          ? (
              await this.primaryContactNotices.announce(manager, {
                organizationId,
                actorId: user.id,
                before,
              })
            ).mails
          : 0;
        await this.audit.record(
          {
            organizationId,
            actorType: 'user',
            actorId: user.id,
            action: 'supplier.update',
            targetType: 'supplier',
            targetId: id,
            details: {
              fields: [...Object.keys(changes), ...(contactChanges ? ['contacts'] : [])],
              ...(Object.keys(changes).length ? { changes } : {}),
              ...(contactChanges ? { contacts: contactChanges } : {}),
              ...(replaced?.removed
                ? { removedContacts: replaced.removed, revokedLinks: replaced.revokedLinks }
                : {}),
              ...(notified ? { newContactNotified: notified } : {}),
            },
          },
          manager,
        );
        return { changed: true, newContactMails: notified };
      })
      .catch(conflictOnDuplicate);
    return { ...outcome, supplier: await this.get(organizationId, id) };
  }

  /**
   * The owner must be an active procurement user or admin of this tenant, checked under a lock
   * on their row (see lockOwner); a 法人番号 is registered once.
   */
  private async checkFields(
    manager: EntityManager,
    organizationId: string,
    fields: SupplierFieldsDto,
    supplierId: string | null,
  ): Promise<void> {
    if (fields.ownerId && !(await lockOwner(manager, { organizationId, userId: fields.ownerId }))) {
      throw new BadRequestException({ message: `ownerId must be ${OWNER_RULE}`, field: 'ownerId' });
    }
    if (fields.corporateNumber) {
      const taken = await manager.getRepository(Supplier).findOne({
        where: { organizationId, corporateNumber: fields.corporateNumber },
      });
      if (taken && taken.id !== supplierId) {
        throw new ConflictException({
          message: `法人番号 (corporateNumber) ${fields.corporateNumber} is already registered for the supplier "${taken.name}"`,
          field: 'corporateNumber',
          existingSupplier: { id: taken.id, name: taken.name },
        });
      }
    }
  }
}

/**
 * Who owns a new supplier: the one asked for (an id, or `null` for nobody); when the request
 * says nothing, the procurement user registering it, so it shows on that user's dashboard.
 */
export function defaultOwner(
  user: AuthenticatedUser,
  ownerId: string | null | undefined,
): string | null {
  if (ownerId !== undefined) return ownerId;
  return user.role === 'procurement' ? user.id : null;
}
