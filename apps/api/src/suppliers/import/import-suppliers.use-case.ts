import { BadRequestException, ForbiddenException, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuthenticatedUser } from '@kakehashi/auth';
import { AuditService } from '@kakehashi/database';
import { PrimaryContactNotices } from '../primary-contact-notices';
import { conflictOnDuplicate } from '../supplier-conflict';
import { lockOwner } from '../supplier-owner';
import { isBlankRow, ImportRow, mapHeader, parseRow } from './import-columns';
import {
  ExistingContact,
  insertSuppliers,
  rowChangesSupplier,
  StoredSupplier,
  updateSuppliers,
} from './import-writer';
import { ImportRejectedException } from './import-rejected.exception';
import { readUpload } from './read-upload';

export interface ImportError {
  row: number;
  message: string;
}

export interface ImportResult {
  created: number;
  /** Matched suppliers whose stored values the file changes. */
  updated: number;
  /** Matched suppliers whose stored values already equal the file's: nothing written for them. */
  unchanged: number;
  /**
   * New primary contacts (of updated suppliers answering a launched campaign) mailed a link to
   * their open questionnaires, or that would be on a dry run.
   */
  newContactsMailed: number;
  errors: ImportError[];
  unknownColumns: string[];
  dryRun: boolean;
}

interface ExistingSupplier extends StoredSupplier {
  id: string;
  primaryEmail: string | null;
}

/** What an import would write: new rows, matched rows that change something, the rest. */
interface ImportPlan {
  creates: ImportRow[];
  updates: { supplierId: string; row: ImportRow }[];
  unchanged: number;
  contactsBySupplier: Map<string, ExistingContact[]>;
}

/** The importing user's role changed (or they were deactivated) while the import ran. */
export const IMPORTER_CANNOT_OWN =
  'Only an active procurement user (or an admin) imports suppliers; nothing was imported';

const nameEmailKey = (name: string, email: string): string =>
  `${name.normalize('NFKC').trim()}\u0000${email.trim().toLowerCase()}`;

/**
 * Imports a CSV/.xlsx supplier list in one transaction: upsert by 法人番号, else by name +
 * primary e-mail. A matched supplier whose stored values already equal the row's is left alone
 * (counted unchanged: no update, no notice), so importing an unedited export writes nothing.
 * With any rejected row nothing is written unless `validOnly`: the refusal
 * (ImportRejectedException) also says what the valid rows alone would write.
 */
@Injectable()
export class ImportSuppliersUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly primaryContactNotices: PrimaryContactNotices,
  ) {}

  async execute(input: {
    user: AuthenticatedUser;
    file: Buffer;
    dryRun: boolean;
    validOnly: boolean;
  }): Promise<ImportResult> {
    const table = await readUpload(input.file);
    const header = mapHeader(table.rows[0] ?? []);
    if (header.missingColumns.length) {
      throw new BadRequestException({
        message: `missing column(s): ${header.missingColumns.join(', ')}; download the template for the expected headers`,
        missingColumns: header.missingColumns,
        unknownColumns: header.unknownColumns,
      });
    }

    const errors: ImportError[] = [];
    const rows: ImportRow[] = [];
    for (let i = 1; i < table.rows.length; i++) {
      if (isBlankRow(table.rows[i])) continue;
      const parsed = parseRow(table.rows[i], i + 1, header);
      if ('errors' in parsed)
        errors.push(...parsed.errors.map((message) => ({ row: i + 1, message })));
      else rows.push(parsed.value);
    }
    if (rows.length === 0 && errors.length === 0) {
      throw new BadRequestException('the file has no data rows below the header');
    }

    const organizationId = input.user.organizationId;
    const outcome = await this.dataSource
      .transaction(async (manager) => {
        // One import at a time per tenant, so two uploads cannot both create the same supplier.
        await manager.query(`SELECT pg_advisory_xact_lock(hashtext('supplier-import:' || $1))`, [
          organizationId,
        ]);
        const plan = await this.plan(manager, organizationId, rows, errors);
        const rejected = errors.length > 0 && !input.validOnly;
        if (input.dryRun || rejected) {
          const mailed = await this.previewNotices(manager, {
            organizationId,
            actorId: input.user.id,
            plan,
          });
          return { ...plan, written: false, mailed };
        }
        // Every matched row already as stored: nothing to write, so nothing to audit either.
        if (plan.creates.length === 0 && plan.updates.length === 0) {
          return { ...plan, written: true, mailed: 0 };
        }
        // Procurement sees only the suppliers it owns, so what it imports becomes its own: under
        // the same rule, and the same lock on the owner's row, as a supplier registered alone.
        const ownerId = input.user.role === 'procurement' ? input.user.id : null;
        if (
          ownerId &&
          plan.creates.length > 0 &&
          !(await lockOwner(manager, { organizationId, userId: ownerId }))
        ) {
          throw new ForbiddenException(IMPORTER_CANNOT_OWN);
        }
        await insertSuppliers(manager, { organizationId, ownerId, rows: plan.creates });
        const before = await this.primaryContactNotices.snapshot(manager, {
          organizationId,
          supplierIds: plan.updates.map((u) => u.supplierId),
        });
        await updateSuppliers(manager, organizationId, plan.updates, plan.contactsBySupplier);
        // A row naming another primary contact: the new one gets a link to what is being answered.
        const notified = await this.primaryContactNotices.announce(manager, {
          organizationId,
          actorId: input.user.id,
          before,
        });
        await this.audit.record(
          {
            organizationId,
            actorType: 'user',
            actorId: input.user.id,
            action: 'supplier.import',
            targetType: 'supplier',
            details: {
              format: table.format,
              created: plan.creates.length,
              updated: plan.updates.length,
              unchanged: plan.unchanged,
              rejectedRows: new Set(errors.map((e) => e.row)).size,
              mode: input.validOnly ? 'valid-only' : 'all',
              ...(notified.mails
                ? { newContactNotified: notified.mails, newContactsMailed: notified.contacts }
                : {}),
            },
          },
          manager,
        );
        return { ...plan, written: true, mailed: notified.contacts };
      })
      .catch(conflictOnDuplicate);

    errors.sort((a, b) => a.row - b.row);
    const counted = outcome.written || (input.dryRun && (errors.length === 0 || input.validOnly));
    const result: ImportResult = {
      created: counted ? outcome.creates.length : 0,
      updated: counted ? outcome.updates.length : 0,
      unchanged: counted ? outcome.unchanged : 0,
      newContactsMailed: counted ? outcome.mailed : 0,
      errors,
      unknownColumns: header.unknownColumns,
      dryRun: input.dryRun,
    };
    if (errors.length && !input.validOnly) {
      throw new ImportRejectedException(result, {
        created: outcome.creates.length,
        updated: outcome.updates.length,
        unchanged: outcome.unchanged,
        newContactsMailed: outcome.mailed,
      });
    }
    return result;
  }

  /**
   * How many new primary contacts importing the plan would mail (a dry run, or the valid rows of
   * a refused file): the plan's contact changes are written and announced in a savepoint that is
   * then rolled back, so the count is what the import itself would do and nothing stays written.
   */
  private async previewNotices(
    manager: EntityManager,
    input: { organizationId: string; actorId: string; plan: ImportPlan },
  ): Promise<number> {
    const { organizationId, plan } = input;
    const changing = plan.updates.filter((update) => {
      const primary = (plan.contactsBySupplier.get(update.supplierId) ?? []).find(
        (c) => c.isPrimary,
      );
      return primary?.email.toLowerCase() !== update.row.contactEmail.toLowerCase();
    });
    if (changing.length === 0) return 0;
    await manager.query('SAVEPOINT supplier_import_preview');
    try {
      const before = await this.primaryContactNotices.snapshot(manager, {
        organizationId,
        supplierIds: changing.map((u) => u.supplierId),
      });
      await updateSuppliers(manager, organizationId, changing, plan.contactsBySupplier);
      const queued = await this.primaryContactNotices.announce(manager, {
        organizationId,
        actorId: input.actorId,
        before,
      });
      return queued.contacts;
    } finally {
      await manager.query('ROLLBACK TO SAVEPOINT supplier_import_preview');
    }
  }

  /**
   * Matches every row against the tenant's suppliers (loaded once), rejects duplicates, and
   * splits the matched rows into updates and those that would change nothing.
   */
  private async plan(
    manager: EntityManager,
    organizationId: string,
    rows: ImportRow[],
    errors: ImportError[],
  ): Promise<ImportPlan> {
    const existing: ExistingSupplier[] = await manager.query(
      `SELECT s.id, s.name, s.corporate_number AS "corporateNumber", s.size_class AS "sizeClass",
              s.criticality, s.category, s.handles_confidential_data AS "handlesConfidentialData",
              s.outage_impact AS "outageImpact", s.network_access AS "networkAccess",
              c.email AS "primaryEmail"
       FROM suppliers s
       LEFT JOIN supplier_contacts c ON c.supplier_id = s.id AND c.is_primary
       WHERE s.organization_id = $1`,
      [organizationId],
    );
    const byId = new Map(existing.map((supplier) => [supplier.id, supplier]));
    const byNumber = new Map<string, ExistingSupplier>();
    const byNameEmail = new Map<string, ExistingSupplier>();
    for (const supplier of existing) {
      if (supplier.corporateNumber) byNumber.set(supplier.corporateNumber, supplier);
      if (supplier.primaryEmail) {
        byNameEmail.set(nameEmailKey(supplier.name, supplier.primaryEmail), supplier);
      }
    }

    const seenNumber = new Map<string, number>();
    const seenNameEmail = new Map<string, number>();
    const seenSupplier = new Map<string, number>();
    const creates: ImportRow[] = [];
    const matched: { supplierId: string; row: ImportRow }[] = [];
    for (const row of rows) {
      const key = nameEmailKey(row.name, row.contactEmail);
      const earlier =
        (row.corporateNumber ? seenNumber.get(row.corporateNumber) : undefined) ??
        seenNameEmail.get(key);
      if (earlier !== undefined) {
        errors.push({
          row: row.row,
          message: `duplicate of row ${earlier} (same 法人番号 or same name and e-mail)`,
        });
        continue;
      }
      let match = row.corporateNumber ? byNumber.get(row.corporateNumber) : undefined;
      if (!match) {
        const candidate = byNameEmail.get(key);
        // Same name and e-mail but another 法人番号 is another company.
        if (candidate && (!candidate.corporateNumber || !row.corporateNumber)) match = candidate;
      }
      if (match && seenSupplier.has(match.id)) {
        errors.push({
          row: row.row,
          message: `updates the same supplier as row ${seenSupplier.get(match.id)}`,
        });
        continue;
      }
      if (row.corporateNumber) seenNumber.set(row.corporateNumber, row.row);
      seenNameEmail.set(key, row.row);
      if (match) {
        seenSupplier.set(match.id, row.row);
        matched.push({ supplierId: match.id, row });
      } else creates.push(row);
    }

    const contactsBySupplier = new Map<string, ExistingContact[]>();
    if (matched.length) {
      const contacts: ExistingContact[] = await manager.query(
        `SELECT id, supplier_id AS "supplierId", name, email, language, is_primary AS "isPrimary"
         FROM supplier_contacts WHERE organization_id = $1 AND supplier_id = ANY($2::uuid[])`,
        [organizationId, matched.map((u) => u.supplierId)],
      );
      for (const contact of contacts) {
        const list = contactsBySupplier.get(contact.supplierId) ?? [];
        list.push(contact);
        contactsBySupplier.set(contact.supplierId, list);
      }
    }
    const updates = matched.filter((m) =>
      rowChangesSupplier(
        byId.get(m.supplierId)!,
        contactsBySupplier.get(m.supplierId) ?? [],
        m.row,
      ),
    );
    return {
      creates,
      updates,
      unchanged: matched.length - updates.length,
      contactsBySupplier,
    };
  }
}
