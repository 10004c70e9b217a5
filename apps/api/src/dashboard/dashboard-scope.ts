import type { AuthenticatedUser } from '@kakehashi/auth';
import type { DataSource } from 'typeorm';
import type { DashboardFilterDto, SupplierScope } from './dto/dashboard-filter.dto';

/**
 * Who is asking: the tenant, and which suppliers the figures describe. Supplier ownership is a
 * view filter within the tenant, not access control: procurement chooses "mine" or "all", and
 * the summary, trends, list and exports all follow the same choice.
 */
export interface DashboardScope {
  organizationId: string;
  userId: string;
  /** Set when the figures are limited to the suppliers this user owns. */
  ownerOnly: string | null;
  /** The scope in force ("mine" only ever for procurement). */
  choice: SupplierScope;
  /** Whether the caller may choose (procurement); other roles always see all. */
  canChoose: boolean;
}

/** The tenant as a whole, for reads that ownership never limits (a supplier's drill-down). */
export function tenantScope(user: AuthenticatedUser): DashboardScope {
  return {
    organizationId: user.organizationId,
    userId: user.id,
    ownerOnly: null,
    choice: 'all',
    canChoose: user.role === 'procurement',
  };
}

/**
 * The scope for the dashboard's figures. Procurement gets what it asked (`scope=mine|all`);
 * without a choice, its own suppliers if it owns any, else all. Other roles always see all.
 */
export async function resolveScope(
  db: DataSource,
  user: AuthenticatedUser,
  requested: SupplierScope | undefined,
): Promise<DashboardScope> {
  const base = tenantScope(user);
  if (user.role !== 'procurement') return base;
  let choice = requested;
  if (!choice) {
    const [row] = await db.query<{ owns: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM suppliers WHERE organization_id = $1 AND owner_id = $2) AS owns`,
      [user.organizationId, user.id],
    );
    choice = row?.owns ? 'mine' : 'all';
  }
  return { ...base, choice, ownerOnly: choice === 'mine' ? user.id : null };
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
 * The tenant condition always comes first, then procurement's chosen scope (their own suppliers).
 */
export function supplierConditions(input: {
  scope: DashboardScope;
  filter: DashboardFilterDto;
  params: SqlParams;
}): string[] {
  const { scope, filter, params } = input;
  const where = [`s.organization_id = ${params.add(scope.organizationId)}`];
  if (scope.ownerOnly) where.push(`s.owner_id = ${params.add(scope.ownerOnly)}`);
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
