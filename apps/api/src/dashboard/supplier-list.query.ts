import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DashboardScope, SqlParams, supplierConditions } from './dashboard-scope';
import type { DashboardFilterDto } from './dto/dashboard-filter.dto';
import type { SupplierListQueryDto, SupplierSort } from './dto/supplier-list-query.dto';

export interface SupplierRiskRow {
  supplierId: string;
  name: string;
  /** 法人番号 (13 digits), when the registry has it. */
  corporateNumber: string | null;
  criticality: number;
  category: string | null;
  sizeClass: string | null;
  tier: string | null;
  riskScore: number | null;
  directiveMaturity: number[] | null;
  securityAction: string | null;
  otasuketai: boolean | null;
  requiredLevel: string | null;
  achievedLevel: string | null;
  openFindings: number;
  scoredAt: string | null;
}

export interface SupplierRiskPage {
  items: SupplierRiskRow[];
  total: number;
  page: number;
  pageSize: number;
}

const ORDER: Record<SupplierSort, { column: string; defaultOrder: 'asc' | 'desc' }> = {
  risk: { column: 'r.risk_score', defaultOrder: 'desc' },
  criticality: { column: 's.criticality', defaultOrder: 'desc' },
  name: { column: 's.name', defaultOrder: 'asc' },
};

const COLUMNS = `s.id AS "supplierId", s.name, s.corporate_number AS "corporateNumber", s.criticality, s.category, s.size_class AS "sizeClass",
  r.tier, r.risk_score AS "riskScore", r.directive_maturity AS "directiveMaturity",
  r.security_action AS "securityAction", r.otasuketai, r.required_level AS "requiredLevel",
  r.achieved_level AS "achievedLevel", coalesce(r.open_findings, 0) AS "openFindings",
  r.scored_at AS "scoredAt"`;

/**
 * The heatmap rows: suppliers with their current risk from the roll-up (unscored suppliers too,
 * with nulls, sorted last), within the scope (for procurement: its own suppliers or all).
 */
@Injectable()
export class SupplierListQuery {
  constructor(private readonly db: DataSource) {}

  async page(scope: DashboardScope, query: SupplierListQueryDto): Promise<SupplierRiskPage> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const params = new SqlParams();
    const where = supplierConditions({ scope, filter: query, params });
    const from = `FROM suppliers s LEFT JOIN supplier_risk r ON r.supplier_id = s.id WHERE ${where.join(' AND ')}`;
    const limit = params.add(pageSize);
    const offset = params.add((page - 1) * pageSize);
    // The count rides along as a window over the filtered set, so a page is one round trip.
    const rows = await this.db.query<(SupplierRiskRow & { total: number })[]>(
      `SELECT ${COLUMNS}, count(*) OVER ()::int AS total ${from}
       ORDER BY ${orderBy(query)} LIMIT ${limit} OFFSET ${offset}`,
      params.values,
    );
    const total = rows.length > 0 ? rows[0].total : page === 1 ? 0 : await this.count(scope, query);
    return { items: rows.map(({ total: _t, ...item }) => toRow(item)), total, page, pageSize };
  }

  /** Every filtered row, for the exports (bounded: a tenant has at most tens of thousands). */
  async all(
    scope: DashboardScope,
    query: DashboardFilterDto & { sort?: SupplierSort; order?: 'asc' | 'desc' },
  ): Promise<SupplierRiskRow[]> {
    const params = new SqlParams();
    const where = supplierConditions({ scope, filter: query, params });
    const rows = await this.db.query<SupplierRiskRow[]>(
      `SELECT ${COLUMNS} FROM suppliers s LEFT JOIN supplier_risk r ON r.supplier_id = s.id
       WHERE ${where.join(' AND ')} ORDER BY ${orderBy(query)} LIMIT 100000`,
      params.values,
    );
    return rows.map(toRow);
  }

  private async count(scope: DashboardScope, filter: DashboardFilterDto): Promise<number> {
    const params = new SqlParams();
    const where = supplierConditions({ scope, filter, params });
    const [row] = await this.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM suppliers s LEFT JOIN supplier_risk r ON r.supplier_id = s.id
       WHERE ${where.join(' AND ')}`,
      params.values,
    );
    return row.n;
  }
}

function orderBy(query: { sort?: SupplierSort; order?: 'asc' | 'desc' }): string {
  const sort = ORDER[query.sort ?? 'risk'];
  const direction = (query.order ?? sort.defaultOrder) === 'asc' ? 'ASC' : 'DESC';
  // Ties break by risk then name then id, so paging is stable.
  return `${sort.column} ${direction} NULLS LAST, r.risk_score DESC NULLS LAST, s.name ASC, s.id ASC`;
}

function toRow(row: SupplierRiskRow): SupplierRiskRow {
  return {
    ...row,
    riskScore: row.riskScore === null ? null : Number(row.riskScore),
    openFindings: Number(row.openFindings),
    scoredAt: row.scoredAt === null ? null : new Date(row.scoredAt).toISOString(),
  };
}
