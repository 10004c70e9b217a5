import { Module } from '@nestjs/common';
import { DatabaseModule } from '@kakehashi/database';
import { AssessmentsModule } from '../assessments/assessments.module';
import { OutboxConsoleModule } from '../console/outbox-console.module';
import { SuppliersModule } from '../suppliers/suppliers.module';
import { AddCampaignSuppliersUseCase } from './add-campaign-suppliers.use-case';
import { CampaignQueriesService } from './campaign-queries.service';
import { CampaignSupplierChoicesService } from './campaign-supplier-choices.service';
import { CampaignsController } from './campaigns.controller';
import { CloseCampaignUseCase } from './close-campaign.use-case';
import { CreateCampaignUseCase } from './create-campaign.use-case';
import { DeleteDraftCampaignUseCase } from './delete-draft-campaign.use-case';
import { CampaignExportsController } from './export/campaign-exports.controller';
import { UnansweredExportService } from './export/unanswered-export.service';
import { LaunchCampaignUseCase } from './launch-campaign.use-case';
import { CampaignPagesController } from './pages/campaign-pages.controller';
import { CampaignSuppliersPageController } from './pages/campaign-suppliers-page.controller';
import { RemoveCampaignSupplierUseCase } from './remove-campaign-supplier.use-case';
import { UpdateCampaignUseCase } from './update-campaign.use-case';

@Module({
  // The development outbox page rides along here so console.module.ts stays its owner's file.
  // AssessmentsModule: the campaign page reminds a supplier now (its RemindAssessmentUseCase).
  imports: [DatabaseModule, OutboxConsoleModule, SuppliersModule, AssessmentsModule],
  controllers: [
    CampaignsController,
    CampaignExportsController,
    CampaignSuppliersPageController,
    CampaignPagesController,
  ],
  providers: [
    CreateCampaignUseCase,
    LaunchCampaignUseCase,
    AddCampaignSuppliersUseCase,
    CloseCampaignUseCase,
    UpdateCampaignUseCase,
    RemoveCampaignSupplierUseCase,
    DeleteDraftCampaignUseCase,
    UnansweredExportService,
    CampaignQueriesService,
    CampaignSupplierChoicesService,
  ],
  exports: [LaunchCampaignUseCase, CampaignQueriesService],
})
export class CampaignsModule {}
