import { Injectable } from '@nestjs/common';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { Campaign, Supplier } from '@kakehashi/database';
import type { SupplierFilters } from '../suppliers/dto/list-suppliers.query';
import type { SupplierView } from '../suppliers/supplier.view';
import { SuppliersService } from '../suppliers/suppliers.service';
import type { Page } from './campaign-queries.service';

/** Where a supplier stands in a campaign: chosen in the draft, invited once launched, or not in. */
export type CampaignMembership = 'chosen' | 'invited' | null;

export interface SupplierChoice extends SupplierView {
  membership: CampaignMembership;
}

export interface ChosenSupplier {
  id: string;
  name: string;
  corporateNumber: string | null;
  contactEmail: string | null;
}

/**
 * Read side of choosing a campaign's suppliers: the registry's own filters (SuppliersService),
 * each supplier marked with whether it is already in the campaign. Every query is tenant-scoped.
 */
@Injectable()
export class CampaignSupplierChoicesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly suppliers: SuppliersService,
  ) {}

  /** One page of the registry under the filters, by name, each row with its membership. */
  async page(
    campaign: Campaign,
    filters: SupplierFilters,
    paging: { page: number; pageSize: number },
  ): Promise<Page<SupplierChoice>> {
    const result = await this.suppliers.list(campaign.organizationId, {
      ...filters,
      ...paging,
      sort: 'name',
    });
    const members = await this.members(
      campaign,
      result.items.map((s) => s.id),
    );
    return {
      ...result,
      items: result.items.map((s) => ({
        ...s,
        membership: members.has(s.id) ? membershipOf(campaign) : null,
      })),
    };
  }

  /** How many suppliers the filters match, and how many of them are already in the campaign. */
  async counts(
    campaign: Campaign,
    filters: SupplierFilters,
  ): Promise<{ matching: number; alreadyIn: number }> {
    const matching = await this.suppliers.filtered(campaign.organizationId, filters).getCount();
    const alreadyIn = await this.inCampaign(
      this.suppliers.filtered(campaign.organizationId, filters),
      campaign,
    ).getCount();
    return { matching, alreadyIn };
  }

  /**
   * Ids of the suppliers the filters match that are not in the campaign yet, at most `limit`
   * (ask one more than you accept to tell that there are too many).
   */
  async newMatchingIds(
    campaign: Campaign,
    filters: SupplierFilters,
    limit: number,
  ): Promise<string[]> {
    const qb = this.suppliers.filtered(campaign.organizationId, filters);
    const notIn = this.inCampaign(qb, campaign, true);
    const rows = await notIn.select('s.id', 'id').orderBy('s.id').limit(limit).getRawMany<{
      id: string;
    }>();
    return rows.map((row) => row.id);
  }

  /** How many suppliers the tenant has registered. */
  registrySize(organizationId: string): Promise<number> {
    return this.suppliers.filtered(organizationId, {}).getCount();
  }

  /** How many suppliers are in the campaign: chosen in the draft, or invited once launched. */
  async memberCount(campaign: Campaign): Promise<number> {
    if (campaign.status === 'draft') return campaign.draftSupplierIds.length;
    const [{ n }] = await this.dataSource.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM assessments WHERE organization_id = $1 AND campaign_id = $2',
      [campaign.organizationId, campaign.id],
    );
    return n;
  }

  /** A draft's chosen suppliers, by name, one page of them (with the primary contact). */
  async chosen(
    campaign: Campaign,
    paging: { page: number; pageSize: number },
  ): Promise<Page<ChosenSupplier>> {
    const ids = campaign.status === 'draft' ? campaign.draftSupplierIds : [];
    const empty = { items: [], total: 0, ...paging };
    if (ids.length === 0) return empty;
    const params = [campaign.organizationId, ids];
    const [{ total }] = await this.dataSource.query<{ total: number }[]>(
      `SELECT count(*)::int AS total FROM suppliers
        WHERE organization_id = $1 AND id = ANY($2::uuid[])`,
      params,
    );
    const items = await this.dataSource.query<ChosenSupplier[]>(
      `SELECT s.id, s.name, s.corporate_number AS "corporateNumber", ct.email AS "contactEmail"
         FROM suppliers s
         LEFT JOIN supplier_contacts ct ON ct.supplier_id = s.id AND ct.is_primary
        WHERE s.organization_id = $1 AND s.id = ANY($2::uuid[])
        ORDER BY s.name, s.id
        LIMIT ${paging.pageSize} OFFSET ${(paging.page - 1) * paging.pageSize}`,
      params,
    );
    return { items, total, ...paging };
  }

  /** The name of one of the tenant's suppliers (for a notice), or null. */
  async supplierName(organizationId: string, supplierId: string): Promise<string | null> {
    const rows = await this.dataSource.query<{ name: string }[]>(
      'SELECT name FROM suppliers WHERE organization_id = $1 AND id = $2',
      [organizationId, supplierId],
    );
    return rows[0]?.name ?? null;
  }

  /** The values the registry's category, tag and owner filters can take in this tenant. */
  async filterChoices(organizationId: string): Promise<{
    categories: string[];
    tags: string[];
    owners: { id: string; displayName: string }[];
  }> {
    const [categories, tags, owners] = await Promise.all([
      this.dataSource.query<{ value: string }[]>(
        `SELECT DISTINCT category AS value FROM suppliers
          WHERE organization_id = $1 AND category IS NOT NULL AND category <> ''
          ORDER BY 1 LIMIT 500`,
        [organizationId],
      ),
      this.dataSource.query<{ value: string }[]>(
        `SELECT DISTINCT unnest(tags) AS value FROM suppliers WHERE organization_id = $1
          ORDER BY 1 LIMIT 500`,
        [organizationId],
      ),
      this.dataSource.query<{ id: string; displayName: string }[]>(
        `SELECT u.id, u.display_name AS "displayName" FROM users u
          WHERE u.organization_id = $1
            AND EXISTS (SELECT 1 FROM suppliers s WHERE s.organization_id = $1 AND s.owner_id = u.id)
          ORDER BY u.display_name, u.id`,
        [organizationId],
      ),
    ]);
    return {
      categories: categories.map((row) => row.value),
      tags: tags.map((row) => row.value).filter((tag) => tag !== ''),
      owners,
    };
  }

  /** Which of these suppliers are in the campaign (chosen in the draft, or invited). */
  private async members(campaign: Campaign, supplierIds: string[]): Promise<Set<string>> {
    if (supplierIds.length === 0) return new Set();
    if (campaign.status === 'draft') {
      const chosen = new Set(campaign.draftSupplierIds);
      return new Set(supplierIds.filter((id) => chosen.has(id)));
    }
    const rows = await this.dataSource.query<{ supplier_id: string }[]>(
      `SELECT supplier_id FROM assessments
        WHERE organization_id = $1 AND campaign_id = $2 AND supplier_id = ANY($3::uuid[])`,
      [campaign.organizationId, campaign.id, supplierIds],
    );
    return new Set(rows.map((row) => row.supplier_id));
  }

  /** Narrows a registry query to the suppliers in the campaign (or, with `negate`, not in it). */
  private inCampaign(
    qb: SelectQueryBuilder<Supplier>,
    campaign: Campaign,
    negate = false,
  ): SelectQueryBuilder<Supplier> {
    const not = negate ? 'NOT ' : '';
    if (campaign.status === 'draft') {
      return qb.andWhere(`${not}(s.id = ANY(:chosenIds::uuid[]))`, {
        chosenIds: campaign.draftSupplierIds,
      });
    }
    return qb.andWhere(
      `${not}EXISTS (SELECT 1 FROM assessments a
         WHERE a.campaign_id = :campaignId AND a.supplier_id = s.id)`,
      { campaignId: campaign.id },
    );
  }
}

function membershipOf(campaign: Campaign): CampaignMembership {
  return campaign.status === 'draft' ? 'chosen' : 'invited';
}
