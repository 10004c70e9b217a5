import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuditEvent } from '@kakehashi/database';
import { DETAIL_ID_KEYS } from './audit-details';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface PersonRef {
  name: string;
  email: string;
}

/** The names behind the ids of some audit events, all read within their organization. */
export interface AuditReferences {
  users: Map<string, PersonRef>;
  /** Supplier contacts who acted through their link (a removed contact is not found). */
  contacts: Map<string, PersonRef & { supplierName: string }>;
  suppliers: Map<string, string>;
  campaigns: Map<string, string>;
  assessments: Map<string, { supplierName: string; campaignName: string }>;
  findings: Map<string, { code: string; supplierId: string; supplierName: string }>;
}

/** A user of the organization as the actor filter offers them. */
export interface AuditUserChoice extends PersonRef {
  id: string;
  active: boolean;
}

/**
 * Reads who and what a page of audit events names, one query per kind for the whole page, each
 * limited to the organization: an id of another tenant (or a removed row) is simply not named.
 */
@Injectable()
export class AuditReferencesQuery {
  constructor(private readonly db: DataSource) {}

  async load(organizationId: string, events: AuditEvent[]): Promise<AuditReferences> {
    const ids = (keep: (e: AuditEvent) => string | null): string[] => [
      ...new Set(
        events.map(keep).filter((id): id is string => typeof id === 'string' && UUID.test(id)),
      ),
    ];
    const targets = (type: string) => ids((e) => (e.targetType === type ? e.targetId : null));
    // Ids the details name (a finding's supplier, a handover's heir…), shown by name too.
    const inDetails = (keys: readonly string[]) =>
      events.flatMap((e) => {
        const details = (e.details ?? {}) as Record<string, unknown>;
        return keys
          .map((key) => details[key])
          .filter((id): id is string => typeof id === 'string' && UUID.test(id));
      });
    const [users, contacts, suppliers, campaigns, assessments, findings] = await Promise.all([
      this.rows<{ id: string; name: string; email: string }>(
        `SELECT id, display_name AS name, email FROM users
          WHERE organization_id = $1 AND id = ANY($2::uuid[])`,
        organizationId,
        [
          ...ids((e) => (e.actorType === 'user' ? e.actorId : null)),
          ...targets('user'),
          ...inDetails(DETAIL_ID_KEYS.users),
        ],
      ),
      this.rows<{ id: string; name: string; email: string; supplier_name: string }>(
        `SELECT c.id, c.name, c.email, s.name AS supplier_name
           FROM supplier_contacts c
           JOIN suppliers s ON s.id = c.supplier_id AND s.organization_id = c.organization_id
          WHERE c.organization_id = $1 AND c.id = ANY($2::uuid[])`,
        organizationId,
        [
          ...ids((e) => (e.actorType === 'supplier' ? e.actorId : null)),
          ...inDetails(DETAIL_ID_KEYS.contacts),
        ],
      ),
      this.rows<{ id: string; name: string }>(
        'SELECT id, name FROM suppliers WHERE organization_id = $1 AND id = ANY($2::uuid[])',
        organizationId,
        [...targets('supplier'), ...inDetails(DETAIL_ID_KEYS.suppliers)],
      ),
      this.rows<{ id: string; name: string }>(
        'SELECT id, name FROM campaigns WHERE organization_id = $1 AND id = ANY($2::uuid[])',
        organizationId,
        [...targets('campaign'), ...inDetails(DETAIL_ID_KEYS.campaigns)],
      ),
      this.rows<{ id: string; supplier_name: string; campaign_name: string }>(
        `SELECT a.id, s.name AS supplier_name, c.name AS campaign_name
           FROM assessments a
           JOIN suppliers s ON s.id = a.supplier_id AND s.organization_id = a.organization_id
           JOIN campaigns c ON c.id = a.campaign_id AND c.organization_id = a.organization_id
          WHERE a.organization_id = $1 AND a.id = ANY($2::uuid[])`,
        organizationId,
        targets('assessment'),
      ),
      this.rows<{ id: string; code: string; supplier_id: string; supplier_name: string }>(
        `SELECT f.id, f.code, f.supplier_id, s.name AS supplier_name
           FROM findings f
           JOIN suppliers s ON s.id = f.supplier_id AND s.organization_id = f.organization_id
          WHERE f.organization_id = $1 AND f.id = ANY($2::uuid[])`,
        organizationId,
        targets('finding'),
      ),
    ]);
    return {
      users: new Map(users.map((u) => [u.id, { name: u.name, email: u.email }])),
      contacts: new Map(
        contacts.map((c) => [
          c.id,
          { name: c.name, email: c.email, supplierName: c.supplier_name },
        ]),
      ),
      suppliers: new Map(suppliers.map((s) => [s.id, s.name])),
      campaigns: new Map(campaigns.map((c) => [c.id, c.name])),
      assessments: new Map(
        assessments.map((a) => [
          a.id,
          { supplierName: a.supplier_name, campaignName: a.campaign_name },
        ]),
      ),
      findings: new Map(
        findings.map((f) => [
          f.id,
          { code: f.code, supplierId: f.supplier_id, supplierName: f.supplier_name },
        ]),
      ),
    };
  }

  /** Every user of the organization (deactivated ones too: their past acts stay findable). */
  async users(organizationId: string): Promise<AuditUserChoice[]> {
    const rows = await this.db.query<
      { id: string; name: string; email: string; active: boolean }[]
    >(
      `SELECT id, display_name AS name, email, deactivated_at IS NULL AS active FROM users
        WHERE organization_id = $1 ORDER BY display_name, email`,
      [organizationId],
    );
    return rows;
  }

  private async rows<T>(sql: string, organizationId: string, ids: string[]): Promise<T[]> {
    if (ids.length === 0) return [];
    return this.db.query<T[]>(sql, [organizationId, ids]);
  }
}
