import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { Organization } from '@kakehashi/database';
import {
  DashboardScope,
  SqlParams,
  narrowsSuppliers,
  round,
  supplierConditions,
  tokyoToday,
} from './dashboard-scope';
import type { DashboardFilterDto } from './dto/dashboard-filter.dto';

export interface DashboardSummary {
  suppliers: number;
  /** Suppliers with a current score (a row in the supplier_risk roll-up). */
  scoredSuppliers: number;
  invited: number;
  submitted: number;
  scored: number;
  overdue: number;
  responseRate: number;
  tiers: { low: number; medium: number; high: number; critical: number };
  directiveAverage: number[];
  securityAction: { none: number; star1: number; star2: number };
  otasuketaiShare: number;
  criticalHighTier: number;
  smeSecurityActionShare: number;
  criticalDirectiveAverage: number[];
  targetProfile: number[];
}

export const DEFAULT_TARGET_PROFILE = Array.from({ length: 10 }, () => 3);
const DIRECTIVES = Array.from({ length: 10 }, (_, i) => i + 1);

type Row = Record<string, string | number | null | (number | null)[]>;

/**
 * The portfolio summary from the supplier_risk roll-up and assessment status counts, in one
 * statement (one round trip). Assessments exist only for launched campaigns (launch creates
 * them), so counting needs no campaign join; only "overdue" looks at due dates.
 */
@Injectable()
export class DashboardSummaryQuery {
  constructor(
    private readonly db: DataSource,
    @InjectRepository(Organization) private readonly organizations: Repository<Organization>,
  ) {}

  async run(scope: DashboardScope, filter: DashboardFilterDto): Promise<DashboardSummary> {
    const params = new SqlParams();
    // The same suppliers as the list and the trends: the scope's owner limit applies here too.
    const where = supplierConditions({ scope, filter, params });
    // supplierConditions() always binds the tenant first, as $1.
    const cond = where.join(' AND ');
    const narrowed = narrowsSuppliers(filter, scope.ownerOnly)
      ? `AND a.supplier_id IN (SELECT s.id FROM suppliers s
           LEFT JOIN supplier_risk r ON r.supplier_id = s.id WHERE ${cond})`
      : '';
    const campaign = filter.campaign ? params.add(filter.campaign) : null;
    const inCampaign = campaign ? `AND a.campaign_id = ${campaign}` : '';
    const today = params.add(tokyoToday());
    const avg = (only: string): string =>
      `ARRAY[${DIRECTIVES.map((i) => `avg(r.directive_maturity[${i}])${only}`).join(', ')}] AS`;
    // Each part reads the narrowest source: supplier counts from suppliers alone (the left join
    // is removed when no tier filter needs it), risk from the roll-up, status counts from the
    // (organization_id, status) index, overdue from the open statuses of past-due campaigns.
    const sql = `
      WITH sup AS (
        SELECT count(*)::int AS suppliers
        FROM suppliers s LEFT JOIN supplier_risk r ON r.supplier_id = s.id WHERE ${cond}
      ),
      risk AS (
        SELECT count(*)::int AS rated,
          count(*) FILTER (WHERE r.tier = 'low')::int AS low,
          count(*) FILTER (WHERE r.tier = 'medium')::int AS medium,
          count(*) FILTER (WHERE r.tier = 'high')::int AS high,
          count(*) FILTER (WHERE r.tier = 'critical')::int AS critical,
          count(*) FILTER (WHERE r.security_action = 'none')::int AS sa_none,
          count(*) FILTER (WHERE r.security_action = 'star1')::int AS sa_star1,
          count(*) FILTER (WHERE r.security_action = 'star2')::int AS sa_star2,
          count(*) FILTER (WHERE r.otasuketai)::int AS otasuketai,
          count(*) FILTER (WHERE s.criticality = 3 AND r.tier IN ('high', 'critical'))::int AS critical_high,
          count(*) FILTER (WHERE s.size_class = 'sme')::int AS sme_rated,
          count(*) FILTER (WHERE s.size_class = 'sme' AND r.security_action <> 'none')::int AS sme_sa,
          ${avg('')} directive_average,
          ${avg(' FILTER (WHERE s.criticality = 3)')} critical_average
        FROM supplier_risk r JOIN suppliers s ON s.id = r.supplier_id
        WHERE r.organization_id = $1 AND ${cond}
      ),
      ${narrowed ? narrowedCounts({ inCampaign, narrowed, today }) : tenantCounts({ inCampaign, today })}
      SELECT * FROM sup, risk, counts, overdue`;
    const [[row], targetProfile] = await Promise.all([
      this.db.query<Row[]>(sql, params.values),
      this.targetProfile(scope.organizationId),
    ]);
    return toSummary(row, targetProfile);
  }

  async targetProfile(organizationId: string): Promise<number[]> {
    const org = await this.organizations.findOne({
      where: { id: organizationId },
      select: { id: true, settings: true },
    });
    const target = org?.settings?.targetProfile;
    return Array.isArray(target) && target.length === 10 ? target : DEFAULT_TARGET_PROFILE;
  }
}

const SUBMITTED = `status IN ('submitted', 'scored')`;

/**
 * The whole tenant: status counts from the (organization_id, status) index alone, and overdue
 * from the open statuses of past-due campaigns only.
 */
function tenantCounts(q: { inCampaign: string; today: string }): string {
  return `counts AS (
        SELECT coalesce(sum(n), 0)::int AS invited,
          coalesce(sum(n) FILTER (WHERE ${SUBMITTED}), 0)::int AS submitted,
          coalesce(sum(n) FILTER (WHERE status = 'scored'), 0)::int AS scored
        FROM (SELECT a.status, count(*) AS n FROM assessments a
              WHERE a.organization_id = $1 ${q.inCampaign} GROUP BY a.status) by_status
      ),
      overdue AS (
        SELECT count(*)::int AS overdue FROM assessments a
        WHERE a.organization_id = $1 AND a.status IN ('invited', 'opened', 'in_progress')
          AND a.campaign_id = ANY (ARRAY(SELECT c.id FROM campaigns c
            WHERE c.organization_id = $1 AND c.due_date < ${q.today}::date))
          ${q.inCampaign}
      )`;
}

/** A filtered supplier set: one pass over its assessments, grouped by status and campaign. */
function narrowedCounts(q: { inCampaign: string; narrowed: string; today: string }): string {
  return `grouped AS (
        SELECT a.status, a.campaign_id, count(*) AS n FROM assessments a
        WHERE a.organization_id = $1 ${q.inCampaign} ${q.narrowed}
        GROUP BY a.status, a.campaign_id
      ),
      counts AS (
        SELECT coalesce(sum(n), 0)::int AS invited,
          coalesce(sum(n) FILTER (WHERE ${SUBMITTED}), 0)::int AS submitted,
          coalesce(sum(n) FILTER (WHERE status = 'scored'), 0)::int AS scored
        FROM grouped
      ),
      overdue AS (
        SELECT coalesce(sum(g.n), 0)::int AS overdue
        FROM grouped g JOIN campaigns c ON c.id = g.campaign_id
        WHERE NOT g.${SUBMITTED} AND c.due_date < ${q.today}::date
      )`;
}

function averages(values: unknown): number[] {
  return (values as (number | string | null)[]).map((v) => (v === null ? 0 : round(Number(v), 2)));
}

function toSummary(row: Row, targetProfile: number[]): DashboardSummary {
  const n = (key: string): number => Number(row[key] ?? 0);
  const share = (part: number, whole: number): number => (whole > 0 ? round(part / whole, 4) : 0);
  return {
    suppliers: n('suppliers'),
    scoredSuppliers: n('rated'),
    invited: n('invited'),
    submitted: n('submitted'),
    scored: n('scored'),
    overdue: n('overdue'),
    responseRate: share(n('submitted'), n('invited')),
    tiers: { low: n('low'), medium: n('medium'), high: n('high'), critical: n('critical') },
    directiveAverage: averages(row.directive_average),
    securityAction: { none: n('sa_none'), star1: n('sa_star1'), star2: n('sa_star2') },
    otasuketaiShare: share(n('otasuketai'), n('rated')),
    criticalHighTier: n('critical_high'),
    smeSecurityActionShare: share(n('sme_sa'), n('sme_rated')),
    criticalDirectiveAverage: averages(row.critical_average),
    targetProfile,
  };
}
