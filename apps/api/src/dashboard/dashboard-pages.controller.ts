import {
  Controller,
  Get,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  Req,
  Res,
  UseFilters,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { AuthenticatedUser, CurrentUser, Roles } from '@kakehashi/auth';
import { Environment } from '@kakehashi/config';
import { Locale, resolveLocale } from '../console/console-locale';
import { renderConsolePage } from '../console/console-page';
import { PageAuthFilter } from '../console/page-auth.filter';
import { isSameOrigin } from '../console/same-origin';
import { CHART_JS_PATH } from './chart-asset';
import { DashboardOptionsQuery } from './dashboard-options.query';
import { filterOnly, parsePageQuery } from './dashboard-page-query';
import { presentDashboard } from './dashboard-page.presenter';
import { resolveScope, tenantScope } from './dashboard-scope';
import { DashboardSummaryQuery } from './dashboard-summary.query';
import { DASHBOARD_TEXT } from './dashboard-text';
import { DashboardTrendsQuery } from './dashboard-trends.query';
import { SupplierListQuery } from './supplier-list.query';
import { SupplierRiskDetailQuery } from './supplier-risk-detail.query';
import { presentSupplier, type FindingNotice } from './supplier-page.presenter';
import { UpdateFindingDto } from './dto/update-finding.dto';
import { supplierOfFinding, UpdateFindingStatusUseCase } from './update-finding-status.use-case';

const PAGE_ID = new ParseUUIDPipe({ errorHttpStatusCode: 404 });

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
    private readonly updateStatus: UpdateFindingStatusUseCase,
    private readonly db: DataSource,
    private readonly env: Environment,
  ) {}

  @Get('dashboard')
  async dashboard(
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const locale = resolveLocale(request, reply);
    const query = parsePageQuery(request.query);
    const scope = await resolveScope(this.db, user, query.scope);
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
      data: presentDashboard({
        locale,
        query,
        scope,
        summary,
        list,
        trends: trends.items,
        options,
      }),
    });
  }

  /** Any buyer of the tenant reads any of its suppliers: ownership only filters views. */
  @Get('dashboard/suppliers/:id')
  async supplier(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', PAGE_ID) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const locale = resolveLocale(request, reply);
    const saved = (request.query as Record<string, unknown>)?.saved;
    const notice: FindingNotice | null =
      typeof saved === 'string' ? { findingId: saved, ok: true } : null;
    await this.renderSupplier(request, reply, { user, locale, supplierId: id, notice });
  }

  /**
   * The finding status form without script: the same use case as `PATCH /api/v1/findings/:id`,
   * refused from other sites; back to the supplier page, which says what was saved (or why not).
   */
  @Post('dashboard/findings/:id')
  @Roles('procurement', 'ciso')
  async saveFinding(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', PAGE_ID) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const locale = resolveLocale(request, reply);
    const supplierId = await supplierOfFinding(this.db, user.organizationId, id);
    if (!supplierId) throw new NotFoundException('Finding not found');
    const refuse = (status: number, reason: FindingNotice['reason']) =>
      this.renderSupplier(request, reply, {
        user,
        locale,
        supplierId,
        notice: { findingId: id, ok: false, reason },
        status,
      });
    if (!isSameOrigin(request, this.env.APP_URL)) return refuse(403, 'otherSite');
    const raw = (request.body ?? {}) as Record<string, unknown>;
    const body = plainToInstance(UpdateFindingDto, {
      status: raw.status,
      note: typeof raw.note === 'string' && raw.note.trim() !== '' ? raw.note : undefined,
    });
    if (validateSync(body, { whitelist: true }).length > 0) return refuse(400, 'invalid');
    await this.updateStatus.execute({ user, findingId: id, body });
    await reply.redirect(`/dashboard/suppliers/${supplierId}?saved=${id}#finding-${id}`, 303);
  }

  private async renderSupplier(
    request: FastifyRequest,
    reply: FastifyReply,
    input: {
      user: AuthenticatedUser;
      locale: Locale;
      supplierId: string;
      notice: FindingNotice | null;
      status?: number;
    },
  ): Promise<void> {
    const { user, locale } = input;
    const detail = await this.detail.run(tenantScope(user), input.supplierId);
    await renderConsolePage(request, reply, {
      view: 'dashboard/supplier',
      title: detail.supplier.name,
      section: 'dashboard',
      user,
      locale,
      status: input.status,
      ...ASSETS,
      data: presentSupplier({
        locale,
        detail,
        canEditFindings: user.role !== 'auditor',
        notice: input.notice,
      }),
    });
  }
}
