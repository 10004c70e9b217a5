import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  DashboardScope,
  SqlParams,
  narrowsSuppliers,
  round,
  supplierConditions,
} from './dashboard-scope';
import type { DashboardFilterDto } from './dto/dashboard-filter.dto';

export interface CampaignTrend {
  campaignId: string;
  name: string;
  dueDate: string;
  launchedAt: string | null;
  scored: number;
  averageRisk: number | null;
  tiers: { low: number; medium: number; high: number; critical: number };
}

/** Risk and tier distribution per campaign, oldest first: each assessment's latest submission. */
@Injectable()
export class DashboardTrendsQuery {
  constructor(private readonly db: DataSource) {}

  async run(
    scope: DashboardScope,
    filter: DashboardFilterDto,
  ): Promise<{ items: CampaignTrend[] }> {
    const params = new SqlParams();
    const where = supplierConditions({ scope, filter, params });
    const narrow = narrowsSuppliers(filter, scope.ownerOnly)
      ? `AND sc.supplier_id IN (SELECT s.id FROM suppliers s
           LEFT JOIN supplier_risk r ON r.supplier_id = s.id WHERE ${where.join(' AND ')})`
      : '';
    const rows = await this.db.query<Record<string, string | number | Date | null>[]>(
      `WITH latest AS (
         SELECT DISTINCT ON (sc.assessment_id) sc.campaign_id, sc.risk_score, sc.tier
         FROM assessment_scores sc
         WHERE sc.organization_id = $1 ${narrow}
         ORDER BY sc.assessment_id, sc.submission DESC, sc.created_at DESC
       )
       SELECT c.id, c.name, to_char(c.due_date, 'YYYY-MM-DD') AS due_date, c.launched_at,
         count(l.campaign_id)::int AS scored, avg(l.risk_score) AS average_risk,
         count(*) FILTER (WHERE l.tier = 'low')::int AS low,
         count(*) FILTER (WHERE l.tier = 'medium')::int AS medium,
         count(*) FILTER (WHERE l.tier = 'high')::int AS high,
         count(*) FILTER (WHERE l.tier = 'critical')::int AS critical
       FROM campaigns c LEFT JOIN latest l ON l.campaign_id = c.id
       WHERE c.organization_id = $1 AND c.status <> 'draft'
       GROUP BY c.id
       ORDER BY coalesce(c.launched_at, c.created_at), c.name`,
      params.values,
    );
    return {
      items: rows.map((r) => ({
        campaignId: String(r.id),
        name: String(r.name),
        dueDate: String(r.due_date),
        launchedAt: r.launched_at ? new Date(r.launched_at).toISOString() : null,
        scored: Number(r.scored),
        averageRisk: r.average_risk === null ? null : round(Number(r.average_risk), 1),
        tiers: {
          low: Number(r.low),
          medium: Number(r.medium),
          high: Number(r.high),
          critical: Number(r.critical),
        },
      })),
    };
  }
}
