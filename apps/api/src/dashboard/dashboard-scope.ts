import type { AuthenticatedUser } from '@kakehashi/auth';
import type { DashboardFilterDto } from './dto/dashboard-filter.dto';

/** Who is asking: the tenant, and for procurement the owner its lists are limited to. */
export interface DashboardScope {
  organizationId: string;
  userId: string;
  /** Set for procurement: lists, exports and drill-downs show only the suppliers it owns. */
  ownerOnly: string | null;
}

export function scopeOf(user: AuthenticatedUser): DashboardScope {
  return {
    organizationId: user.organizationId,
    userId: user.id,
    ownerOnly: user.role === 'procurement' ? user.id : null,
  };
}

/** Positional parameters for a raw query, numbered as they are added. */
export class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * WHERE conditions over `s` (suppliers) and `r` (supplier_risk, left-joined) for the filters.
 * The tenant condition always comes first; `limitToOwner` applies procurement's ownership.
 */
export function supplierConditions(input: {
  scope: DashboardScope;
  filter: DashboardFilterDto;
  params: SqlParams;
  limitToOwner: boolean;
}): string[] {
  const { scope, filter, params } = input;
  const where = [`s.organization_id = ${params.add(scope.organizationId)}`];
  if (input.limitToOwner && scope.ownerOnly)
    where.push(`s.owner_id = ${params.add(scope.ownerOnly)}`);
  if (filter.owner) {
    where.push(`s.owner_id = ${params.add(filter.owner === 'me' ? scope.userId : filter.owner)}`);
  }
  if (filter.criticality) where.push(`s.criticality = ${params.add(filter.criticality)}`);
  if (filter.category) where.push(`s.category = ${params.add(filter.category)}`);
  if (filter.sizeClass) where.push(`s.size_class = ${params.add(filter.sizeClass)}`);
  if (filter.tier) where.push(`r.tier = ${params.add(filter.tier)}`);
  if (filter.campaign) {
    where.push(
      `EXISTS (SELECT 1 FROM assessments fa WHERE fa.campaign_id = ${params.add(filter.campaign)} AND fa.supplier_id = s.id)`,
    );
  }
  return where;
}

/** Whether any filter narrows the supplier set (beyond the tenant). */
export function narrowsSuppliers(filter: DashboardFilterDto, ownerOnly: string | null): boolean {
  return Boolean(
    ownerOnly ||
    filter.owner ||
    filter.criticality ||
    filter.category ||
    filter.sizeClass ||
    filter.tier ||
    filter.campaign,
  );
}

/** Today's calendar date in Asia/Tokyo (YYYY-MM-DD): due dates are Tokyo dates. */
export { tokyoToday } from '@kakehashi/mail';

export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
