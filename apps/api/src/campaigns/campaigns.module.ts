import { Module } from '@nestjs/common';
import { DatabaseModule } from '@kakehashi/database';
import { OutboxConsoleModule } from '../console/outbox-console.module';
import { AddCampaignSuppliersUseCase } from './add-campaign-suppliers.use-case';
import { CampaignQueriesService } from './campaign-queries.service';
import { CampaignsController } from './campaigns.controller';
import { CloseCampaignUseCase } from './close-campaign.use-case';
import { CreateCampaignUseCase } from './create-campaign.use-case';
import { LaunchCampaignUseCase } from './launch-campaign.use-case';
import { CampaignPagesController } from './pages/campaign-pages.controller';
import { UpdateCampaignUseCase } from './update-campaign.use-case';

@Module({
  // The development outbox page rides along here so console.module.ts stays its owner's file.
  imports: [DatabaseModule, OutboxConsoleModule],
  controllers: [CampaignsController, CampaignPagesController],
  providers: [
    CreateCampaignUseCase,
    LaunchCampaignUseCase,
    AddCampaignSuppliersUseCase,
    CloseCampaignUseCase,
    UpdateCampaignUseCase,
    CampaignQueriesService,
  ],
  exports: [LaunchCampaignUseCase, CampaignQueriesService],
})
export class CampaignsModule {}
