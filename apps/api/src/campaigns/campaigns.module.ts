import { Module } from '@nestjs/common';
import { DatabaseModule } from '@kakehashi/database';
import { OutboxConsoleModule } from '../console/outbox-console.module';
import { SuppliersModule } from '../suppliers/suppliers.module';
import { AddCampaignSuppliersUseCase } from './add-campaign-suppliers.use-case';
import { CampaignQueriesService } from './campaign-queries.service';
import { CampaignSupplierChoicesService } from './campaign-supplier-choices.service';
import { CampaignsController } from './campaigns.controller';
import { CloseCampaignUseCase } from './close-campaign.use-case';
import { CreateCampaignUseCase } from './create-campaign.use-case';
import { LaunchCampaignUseCase } from './launch-campaign.use-case';
import { CampaignPagesController } from './pages/campaign-pages.controller';
import { CampaignSuppliersPageController } from './pages/campaign-suppliers-page.controller';
import { RemoveCampaignSupplierUseCase } from './remove-campaign-supplier.use-case';
import { UpdateCampaignUseCase } from './update-campaign.use-case';

@Module({
  // The development outbox page rides along here so console.module.ts stays its owner's file.
  imports: [DatabaseModule, OutboxConsoleModule, SuppliersModule],
  controllers: [CampaignsController, CampaignSuppliersPageController, CampaignPagesController],
  providers: [
    CreateCampaignUseCase,
    LaunchCampaignUseCase,
    AddCampaignSuppliersUseCase,
    CloseCampaignUseCase,
    UpdateCampaignUseCase,
    RemoveCampaignSupplierUseCase,
    CampaignQueriesService,
    CampaignSupplierChoicesService,
  ],
  exports: [LaunchCampaignUseCase, CampaignQueriesService],
})
export class CampaignsModule {}
