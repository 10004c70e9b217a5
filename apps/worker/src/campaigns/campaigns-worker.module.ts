import { Module } from '@nestjs/common';
import { FanOutProcessor } from './fan-out.processor';
import { InvitationFanOutService } from './invitation-fan-out.service';

@Module({
  providers: [InvitationFanOutService, FanOutProcessor],
})
export class CampaignsWorkerModule {}
