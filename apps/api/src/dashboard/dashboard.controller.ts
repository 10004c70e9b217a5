import { Controller, Get, Header, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthenticatedUser, CurrentUser } from '@kakehashi/auth';
import { AuditService } from '@kakehashi/database';
import { DataSource } from 'typeorm';
import { EXPORT_NOT_RECORDED, exportFilters, recordExport } from '../audit/export-audit';
import { ApiBuyerSession, ApiErrors } from '../common/api-responses.doc';
import { DashboardExportService } from './dashboard-export.service';
import {
  DashboardSummaryResponse,
  SupplierRiskPageResponse,
  TrendsResponse,
} from './dashboard.doc';
import { DashboardScope, resolveScope, tokyoToday } from './dashboard-scope';
import { DashboardSummary, DashboardSummaryQuery } from './dashboard-summary.query';
import { CampaignTrend, DashboardTrendsQuery } from './dashboard-trends.query';
import { DashboardFilterDto } from './dto/dashboard-filter.dto';
import { LocalizedExportQueryDto } from './dto/localized-export-query.dto';
import { SupplierListQueryDto } from './dto/supplier-list-query.dto';
import { SupplierListQuery, SupplierRiskPage } from './supplier-list.query';

const INVALID_FILTER = 'A filter, sort or paging parameter is invalid (the message names it)';
const SCOPE_DESCRIPTION =
  'Procurement: its own suppliers or all of the organization (scope=mine|all; default mine when ' +
  'it owns any supplier). Other roles see the whole organization.';
const EXPORT_DESCRIPTION =
  'Filters and order as for the list; no paging. `lang=en` for English headers, labels and ' +
  'findings (default ja). Each download is recorded in the audit trail (dashboard.exported: the ' +
  'caller, format, filters and row count) before the file is sent.';

/**
 * The CISO dashboard's figures as JSON; every role reads. Procurement's figures describe its own
 * suppliers or all of them (`scope`), the same set in the summary, list, trends and exports.
 */
@ApiTags('dashboard')
@ApiBuyerSession()
@Controller('dashboard')
export class DashboardController {
  constructor(
    private readonly summary: DashboardSummaryQuery,
    private readonly suppliers: SupplierListQuery,
    private readonly trends: DashboardTrendsQuery,
    private readonly exports: DashboardExportService,
    private readonly audit: AuditService,
    private readonly db: DataSource,
  ) {}

  private scope(user: AuthenticatedUser, filter: DashboardFilterDto): Promise<DashboardScope> {
    return resolveScope(this.db, user, filter.scope);
  }

  @Get('summary')
  @ApiOperation({
    summary: 'Portfolio summary for the filters',
    description: SCOPE_DESCRIPTION,
  })
  @ApiOkResponse({ type: DashboardSummaryResponse })
  @ApiErrors({ 400: INVALID_FILTER })
  async getSummary(
    @CurrentUser() user: AuthenticatedUser,
    @Query() filter: DashboardFilterDto,
  ): Promise<DashboardSummary> {
    return this.summary.run(await this.scope(user, filter), filter);
  }

  @Get('suppliers')
  @ApiOperation({
    summary: 'Heatmap rows: suppliers with current risk',
    description: SCOPE_DESCRIPTION,
  })
  @ApiOkResponse({ type: SupplierRiskPageResponse })
  @ApiErrors({ 400: INVALID_FILTER })
  async list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: SupplierListQueryDto,
  ): Promise<SupplierRiskPage> {
    return this.suppliers.page(await this.scope(user, query), query);
  }

  @Get('trends')
  @ApiOperation({ summary: 'Risk and tiers per campaign, oldest first' })
  @ApiOkResponse({ type: TrendsResponse })
  @ApiErrors({ 400: INVALID_FILTER })
  async getTrends(
    @CurrentUser() user: AuthenticatedUser,
    @Query() filter: DashboardFilterDto,
  ): Promise<{ items: CampaignTrend[] }> {
    return this.trends.run(await this.scope(user, filter), filter);
  }

  @Get('export.csv')
  @ApiOperation({
    summary: 'Every matching supplier row as CSV (UTF-8 with BOM, for Excel)',
    description: EXPORT_DESCRIPTION,
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'supplier-risk-YYYY-MM-DD.csv as an attachment',
    schema: { type: 'string' },
  })
  @ApiErrors({ 400: INVALID_FILTER, 500: EXPORT_NOT_RECORDED })
  @Header('Cache-Control', 'no-store')
  async csv(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: LocalizedExportQueryDto,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const scope = await this.scope(user, query);
    const { body, rowCount } = await this.exports.csv(scope, query);
    await this.recorded({ user, scope, query, request, format: 'csv', rowCount });
    await reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', attachment(`supplier-risk-${tokyoToday()}.csv`))
      .send(body);
  }

  @Get('export.xlsx')
  @ApiOperation({
    summary: 'Every matching supplier row as an Excel workbook',
    description: EXPORT_DESCRIPTION,
  })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({
    description: 'supplier-risk-YYYY-MM-DD.xlsx as an attachment',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiErrors({ 400: INVALID_FILTER, 500: EXPORT_NOT_RECORDED })
  @Header('Cache-Control', 'no-store')
  async xlsx(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: LocalizedExportQueryDto,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const scope = await this.scope(user, query);
    const { body, rowCount } = await this.exports.xlsx(scope, query);
    await this.recorded({ user, scope, query, request, format: 'xlsx', rowCount });
    await reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', attachment(`supplier-risk-${tokyoToday()}.xlsx`))
      .send(body);
  }

  /**
   * Who took which risk figures: recorded before the file leaves, or the request fails (500).
   * A file limited to the caller's own suppliers says so in the record too.
   */
  private async recorded(input: {
    user: AuthenticatedUser;
    scope: DashboardScope;
    query: LocalizedExportQueryDto;
    request: FastifyRequest;
    format: 'csv' | 'xlsx';
    rowCount: number;
  }): Promise<void> {
    const ownSuppliersOnly = input.scope.ownerOnly !== null;
    await recordExport(this.audit, {
      user: input.user,
      kind: 'dashboard',
      format: input.format,
      lang: input.query.lang ?? 'ja',
      filters: exportFilters(input.query),
      rowCount: input.rowCount,
      ip: input.request.ip,
      extra: ownSuppliersOnly ? { ownSuppliersOnly } : undefined,
    });
  }
}

function attachment(filename: string): string {
  return `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
