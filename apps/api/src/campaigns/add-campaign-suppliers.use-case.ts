import { ConflictException, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthenticatedUser } from '@kakehashi/auth';
import { AuditService, Campaign, CampaignStatus } from '@kakehashi/database';
import { OutboxService } from '@kakehashi/queue';
import {
  insertAssessments,
  lockCampaign,
  enqueueFanOut,
  requireTenantSuppliers,
} from './campaign-suppliers';

/**
 * Adds suppliers. A draft just remembers them; a launched campaign gets their assessments
 * and a new fan-out wave, which invites only those without an invitation yet.
 */
@Injectable()
export class AddCampaignSuppliersUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  /**
   * `expectedStatus`: what the person saw when choosing. A draft launched in the meantime is
   * refused (409) rather than mailing suppliers who were meant to wait for the launch.
   */
  execute(
    user: AuthenticatedUser,
    input: { campaignId: string; supplierIds: string[]; expectedStatus?: CampaignStatus },
  ): Promise<{ added: number }> {
    return this.dataSource.transaction(async (manager) => {
      const campaign = await lockCampaign(manager, user.organizationId, input.campaignId);
      if (campaign.status === 'closed') throw new ConflictException('campaign is closed');
      if (input.expectedStatus && input.expectedStatus !== campaign.status) {
        throw new ConflictException({
          message: `campaign is ${campaign.status}, not ${input.expectedStatus}`,
          status: campaign.status,
        });
      }
      const ids = await requireTenantSuppliers(manager, user.organizationId, input.supplierIds);
      let added: number;
      if (campaign.status === 'draft') {
        const current = campaign.draftSupplierIds;
        const merged = [...new Set([...current, ...ids])];
        added = merged.length - current.length;
        await manager
          .getRepository(Campaign)
          .update({ id: campaign.id }, { draftSupplierIds: merged });
      } else {
        added = await insertAssessments(manager, campaign, ids);
        if (added > 0) await enqueueFanOut(manager, this.outbox, campaign);
      }
      await this.audit.record(
        {
          organizationId: user.organizationId,
          actorType: 'user',
          actorId: user.id,
          action: 'campaign.suppliers_added',
          targetType: 'campaign',
          targetId: campaign.id,
          details: { added },
        },
        manager,
      );
      return { added };
    });
  }
}
