import { Module } from '@nestjs/common';
import { DatabaseModule } from '@kakehashi/database';
import { ChartAsset } from './chart-asset';
import { DashboardOptionsQuery } from './dashboard-options.query';
import { DashboardExportService } from './dashboard-export.service';
import { DashboardPagesController } from './dashboard-pages.controller';
import { DashboardSummaryQuery } from './dashboard-summary.query';
import { DashboardTrendsQuery } from './dashboard-trends.query';
import { DashboardController } from './dashboard.controller';
import { FindingsController } from './findings.controller';
import { SupplierListQuery } from './supplier-list.query';
import { SupplierRiskDetailQuery } from './supplier-risk-detail.query';
import { SupplierRiskController } from './supplier-risk.controller';
import { UpdateFindingStatusUseCase } from './update-finding-status.use-case';

@Module({
  imports: [DatabaseModule],
  controllers: [
    DashboardController,
    SupplierRiskController,
    FindingsController,
    DashboardPagesController,
  ],
  providers: [
    ChartAsset,
    DashboardSummaryQuery,
    SupplierListQuery,
    DashboardTrendsQuery,
    SupplierRiskDetailQuery,
    DashboardExportService,
    DashboardOptionsQuery,
    UpdateFindingStatusUseCase,
  ],
})
export class DashboardModule {}
