import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthenticatedUser } from '@kakehashi/auth';
import { AuditService, Campaign } from '@kakehashi/database';
import { lockCampaign } from './campaign-suppliers';

/** Closes a campaign: links stop opening and no more mail goes out. Closing twice is a no-op. */
@Injectable()
export class CloseCampaignUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  execute(user: AuthenticatedUser, campaignId: string): Promise<{ id: string; status: 'closed' }> {
    return this.dataSource.transaction(async (manager) => {
      const campaign = await lockCampaign(manager, user.organizationId, campaignId);
      if (campaign.status !== 'closed') {
        await manager.getRepository(Campaign).update(
          { id: campaign.id },
          {
            status: 'closed',
            closedAt: () => 'now()',
            draftSupplierIds: [],
          },
        );
        await this.audit.record(
          {
            organizationId: user.organizationId,
            actorType: 'user',
            actorId: user.id,
            action: 'campaign.closed',
            targetType: 'campaign',
            targetId: campaign.id,
          },
          manager,
        );
      }
      return { id: campaign.id, status: 'closed' as const };
    });
  }
}
