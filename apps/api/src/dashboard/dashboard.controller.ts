import { Controller, Get, Header, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AuthenticatedUser, CurrentUser } from '@kakehashi/auth';
import { DashboardExportService } from './dashboard-export.service';
import { scopeOf, tokyoToday } from './dashboard-scope';
import { DashboardSummary, DashboardSummaryQuery } from './dashboard-summary.query';
import { CampaignTrend, DashboardTrendsQuery } from './dashboard-trends.query';
import { DashboardFilterDto } from './dto/dashboard-filter.dto';
import { SupplierListQueryDto } from './dto/supplier-list-query.dto';
import { SupplierListQuery, SupplierRiskPage } from './supplier-list.query';

/** The CISO dashboard's figures as JSON; every role reads, procurement lists only its suppliers. */
@ApiTags('dashboard')
@ApiBearerAuth()
@Controller('dashboard')
export class DashboardController {
  constructor(
    private readonly summary: DashboardSummaryQuery,
    private readonly suppliers: SupplierListQuery,
    private readonly trends: DashboardTrendsQuery,
    private readonly exports: DashboardExportService,
  ) {}

  @Get('summary')
  @ApiOkResponse({ description: 'Portfolio summary for the filters' })
  getSummary(
    @CurrentUser() user: AuthenticatedUser,
    @Query() filter: DashboardFilterDto,
  ): Promise<DashboardSummary> {
    return this.summary.run(scopeOf(user), filter);
  }

  @Get('suppliers')
  @ApiOkResponse({ description: 'Heatmap rows: suppliers with current risk' })
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: SupplierListQueryDto,
  ): Promise<SupplierRiskPage> {
    return this.suppliers.page(scopeOf(user), query);
  }

  @Get('trends')
  getTrends(
    @CurrentUser() user: AuthenticatedUser,
    @Query() filter: DashboardFilterDto,
  ): Promise<{ items: CampaignTrend[] }> {
    return this.trends.run(scopeOf(user), filter);
  }

  @Get('export.csv')
  @ApiProduces('text/csv')
  @Header('Cache-Control', 'no-store')
  async csv(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: SupplierListQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const body = await this.exports.csv(scopeOf(user), query);
    await reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', attachment(`supplier-risk-${tokyoToday()}.csv`))
      .send(body);
  }

  @Get('export.xlsx')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @Header('Cache-Control', 'no-store')
  async xlsx(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: SupplierListQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const body = await this.exports.xlsx(scopeOf(user), query);
    await reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', attachment(`supplier-risk-${tokyoToday()}.xlsx`))
      .send(body);
  }
}

function attachment(filename: string): string {
  return `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
