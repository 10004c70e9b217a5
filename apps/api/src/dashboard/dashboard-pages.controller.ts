import { Controller, Get, Param, ParseUUIDPipe, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthenticatedUser, CurrentUser } from '@kakehashi/auth';
import { resolveLocale } from '../console/console-locale';
import { renderConsolePage } from '../console/console-page';
import { PageAuthFilter } from '../console/page-auth.filter';
import { CHART_JS_PATH } from './chart-asset';
import { DashboardOptionsQuery } from './dashboard-options.query';
import { filterOnly, parsePageQuery } from './dashboard-page-query';
import { presentDashboard } from './dashboard-page.presenter';
import { scopeOf } from './dashboard-scope';
import { DashboardSummaryQuery } from './dashboard-summary.query';
import { DASHBOARD_TEXT } from './dashboard-text';
import { DashboardTrendsQuery } from './dashboard-trends.query';
import { SupplierListQuery } from './supplier-list.query';
import { SupplierRiskDetailQuery } from './supplier-risk-detail.query';
import { presentSupplier } from './supplier-page.presenter';

const ASSETS = {
  styles: ['/static/console/dashboard.css'],
  scripts: [CHART_JS_PATH, '/static/console/dashboard.js'],
};

/** The dashboard pages: the same queries as the JSON API, rendered in the console layout. */
@ApiExcludeController()
@UseFilters(PageAuthFilter)
@Controller()
export class DashboardPagesController {
  constructor(
    private readonly summary: DashboardSummaryQuery,
    private readonly suppliers: SupplierListQuery,
    private readonly trends: DashboardTrendsQuery,
    private readonly options: DashboardOptionsQuery,
    private readonly detail: SupplierRiskDetailQuery,
  ) {}

  @Get('dashboard')
  async dashboard(
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const locale = resolveLocale(request, reply);
    const query = parsePageQuery(request.query);
    const scope = scopeOf(user);
    const [summary, list, trends, options] = await Promise.all([
      this.summary.run(scope, filterOnly(query)),
      this.suppliers.page(scope, { ...query, pageSize: 50 }),
      this.trends.run(scope, filterOnly(query)),
      this.options.run(user.organizationId),
    ]);
    await renderConsolePage(request, reply, {
      view: 'dashboard/index',
      title: DASHBOARD_TEXT[locale].title,
      section: 'dashboard',
      user,
      locale,
      ...ASSETS,
      data: presentDashboard({ locale, query, summary, list, trends: trends.items, options }),
    });
  }

  @Get('dashboard/suppliers/:id')
  async supplier(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const locale = resolveLocale(request, reply);
    const detail = await this.detail.run(scopeOf(user), id);
    await renderConsolePage(request, reply, {
      view: 'dashboard/supplier',
      title: detail.supplier.name,
      section: 'dashboard',
      user,
      locale,
      ...ASSETS,
      data: presentSupplier({ locale, detail, canEditFindings: user.role !== 'auditor' }),
    });
  }
}
