import type { Locale } from '../console/console-locale';
import { dashboardUrl, filterOnly } from './dashboard-page-query';
import type { DashboardSummary } from './dashboard-summary.query';
import { DASHBOARD_TEXT } from './dashboard-text';
import type { CampaignTrend } from './dashboard-trends.query';
import type { FilterOptions } from './dashboard-options.query';
import { TIERS } from './dto/dashboard-filter.dto';
import type { SupplierListQueryDto } from './dto/supplier-list-query.dto';
import type { SupplierRiskPage } from './supplier-list.query';
import type { DashboardScope } from './dashboard-scope';

const figure = (v: number | null | undefined, digits: number): string =>
  v === null || v === undefined ? '—' : v.toFixed(digits);

/** Maturity 1–5 to a colour band class m1..m5 (the heatmap and legend share it). */
export function maturityClass(value: number | null | undefined): string {
  if (value === null || value === undefined) return 'm0';
  return `m${Math.min(5, Math.max(1, Math.round(value)))}`;
}

const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;

/** JSON for a `<script type="application/json">` block: never closes the script element. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026');
}

export function presentDashboard(input: {
  locale: Locale;
  query: SupplierListQueryDto;
  scope: DashboardScope;
  summary: DashboardSummary;
  list: SupplierRiskPage;
  trends: CampaignTrend[];
  options: FilterOptions;
}): Record<string, unknown> {
  const { locale, query, scope, summary, list, trends, options } = input;
  const t = DASHBOARD_TEXT[locale];
  const select = (
    name: keyof SupplierListQueryDto,
    choices: { value: string; label: string }[],
  ) => ({
    name,
    choices: [{ value: '', label: t.filters.any, selected: query[name] === undefined }].concat(
      choices.map((c) => ({ ...c, selected: String(query[name] ?? '') === c.value })),
    ),
  });
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  const filters = filterOnly(query);
  // The files come in the page's language, with the page's filters.
  const exportQuery = new URLSearchParams(dashboardUrl(filters, {}, '').replace(/^\?/, ''));
  exportQuery.set('lang', locale);
  // The files hold the rows the page shows: the scope in force, said explicitly.
  if (scope.canChoose) exportQuery.set('scope', scope.choice);
  const scopeSelect = {
    label: t.filters.scope,
    name: 'scope',
    choices: [
      { value: 'mine', label: t.filters.scopeMine, selected: scope.choice === 'mine' },
      { value: 'all', label: t.filters.scopeAll, selected: scope.choice === 'all' },
    ],
  };
  return {
    t,
    cards: [
      { key: 'suppliers', label: t.cards.suppliers, value: String(summary.suppliers) },
      {
        key: 'responseRate',
        label: t.cards.responseRate,
        value: percent(summary.responseRate),
        detail: `${summary.submitted} / ${summary.invited}`,
      },
      { key: 'overdue', label: t.cards.overdue, value: String(summary.overdue) },
      {
        key: 'criticalHighTier',
        label: t.cards.criticalHighTier,
        value: String(summary.criticalHighTier),
      },
      {
        key: 'otasuketaiShare',
        label: t.cards.otasuketaiShare,
        value: percent(summary.otasuketaiShare),
      },
      {
        key: 'smeSecurityActionShare',
        label: t.cards.smeSecurityActionShare,
        value: percent(summary.smeSecurityActionShare),
      },
    ],
    tiers: TIERS.map((tier) => ({ tier, label: t.tiers[tier], count: summary.tiers[tier] })),
    securityAction: (['none', 'star1', 'star2'] as const).map((k) => ({
      label: t.securityAction[k],
      count: summary.securityAction[k],
    })),
    scopeStatement: t.scopeStatement[scope.choice],
    radarTable: t.directives.map((title, i) => ({
      title,
      portfolio: figure(summary.directiveAverage[i], 2),
      critical: figure(summary.criticalDirectiveAverage[i], 2),
      target: figure(summary.targetProfile[i], 1),
    })),
    trendTable: trends.map((c) => ({
      name: c.name,
      averageRisk: figure(c.averageRisk, 1),
      scored: c.scored,
      tiers: TIERS.map((tier) => c.tiers[tier]),
    })),
    tierLabels: TIERS.map((tier) => t.tiers[tier]),
    filterSelects: [
      ...(scope.canChoose ? [scopeSelect] : []),
      {
        label: t.filters.campaign,
        ...select(
          'campaign',
          options.campaigns.map((c) => ({ value: c.id, label: c.name })),
        ),
      },
      {
        label: t.filters.criticality,
        ...select(
          'criticality',
          ['3', '2', '1'].map((v) => ({ value: v, label: v })),
        ),
      },
      {
        label: t.filters.category,
        ...select(
          'category',
          options.categories.map((c) => ({ value: c, label: c })),
        ),
      },
      {
        label: t.filters.sizeClass,
        ...select(
          'sizeClass',
          (['sme', 'large'] as const).map((v) => ({ value: v, label: t.sizeClass[v] })),
        ),
      },
      {
        label: t.filters.tier,
        ...select(
          'tier',
          TIERS.map((v) => ({ value: v, label: t.tiers[v] })),
        ),
      },
      {
        label: t.filters.owner,
        ...select('owner', [
          { value: 'me', label: t.filters.me },
          ...options.owners.map((o) => ({ value: o.id, label: o.name })),
        ]),
      },
    ],
    sorts: (['risk', 'criticality', 'name'] as const).map((sort) => ({
      label:
        sort === 'risk'
          ? t.heatmap.sortRisk
          : sort === 'criticality'
            ? t.heatmap.sortCriticality
            : t.heatmap.sortName,
      href: dashboardUrl(query, { sort, page: undefined, order: undefined }) + '#heatmap',
      active: (query.sort ?? 'risk') === sort,
    })),
    directiveHeaders: t.directiveShort.map((short, i) => ({ short, title: t.directives[i] })),
    rows: list.items.map((s) => ({
      href: `/dashboard/suppliers/${s.supplierId}`,
      name: s.name,
      criticality: s.criticality,
      riskScore: s.riskScore === null ? '—' : s.riskScore.toFixed(1),
      tier: s.tier ? t.tiers[s.tier as keyof typeof t.tiers] : t.heatmap.notScored,
      tierClass: s.tier ? `tier-${s.tier}` : 'tier-none',
      cells: Array.from({ length: 10 }, (_, i) => {
        const v = s.directiveMaturity?.[i];
        return {
          value: v === undefined ? '—' : v.toFixed(1),
          cls: maturityClass(v),
          title: t.directives[i],
        };
      }),
    })),
    pagination: {
      label: t.heatmap.pageOf(list.page, pages, list.total),
      previous: list.page > 1 ? dashboardUrl(query, { page: list.page - 1 }) + '#heatmap' : null,
      next: list.page < pages ? dashboardUrl(query, { page: list.page + 1 }) + '#heatmap' : null,
    },
    exports: {
      csv: `/api/v1/dashboard/export.csv?${exportQuery}`,
      xlsx: `/api/v1/dashboard/export.xlsx?${exportQuery}`,
    },
    resetHref: '/dashboard',
    chartJson: jsonForScript({
      radar: {
        labels: t.directiveShort,
        titles: t.directives,
        series: [
          { label: t.radar.portfolio, data: summary.directiveAverage, kind: 'portfolio' },
          { label: t.radar.critical, data: summary.criticalDirectiveAverage, kind: 'critical' },
          { label: t.radar.target, data: summary.targetProfile, kind: 'target' },
        ],
      },
      trends: {
        labels: trends.map((c) => c.name),
        averageRisk: { label: t.trends.averageRisk, data: trends.map((c) => c.averageRisk) },
        tiers: TIERS.map((tier) => ({
          tier,
          label: t.tiers[tier],
          data: trends.map((c) => c.tiers[tier]),
        })),
      },
    }),
  };
}
