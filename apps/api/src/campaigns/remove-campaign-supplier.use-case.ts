import { ConflictException, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthenticatedUser } from '@kakehashi/auth';
import { AuditService, Campaign } from '@kakehashi/database';
import { lockCampaign } from './campaign-suppliers';

/**
 * Takes a supplier off a draft's choice. Only a draft: once launched, the supplier has been
 * invited (its link is out), and closing the campaign is the way to stop answers.
 */
@Injectable()
export class RemoveCampaignSupplierUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** `removed` is false when the supplier was not chosen (nothing changed). */
  execute(
    user: AuthenticatedUser,
    input: { campaignId: string; supplierId: string },
  ): Promise<{ removed: boolean; remaining: number }> {
    return this.dataSource.transaction(async (manager) => {
      const campaign = await lockCampaign(manager, user.organizationId, input.campaignId);
      if (campaign.status !== 'draft') {
        throw new ConflictException(
          `suppliers can be removed from a draft only; this campaign is ${campaign.status}`,
        );
      }
      const current = campaign.draftSupplierIds;
      const remaining = current.filter((id) => id !== input.supplierId);
      if (remaining.length === current.length) return { removed: false, remaining: current.length };
      await manager
        .getRepository(Campaign)
        .update({ id: campaign.id }, { draftSupplierIds: remaining });
      await this.audit.record(
        {
          organizationId: user.organizationId,
          actorType: 'user',
          actorId: user.id,
          action: 'campaign.supplier_removed',
          targetType: 'campaign',
          targetId: campaign.id,
          details: { supplierId: input.supplierId },
        },
        manager,
      );
      return { removed: true, remaining: remaining.length };
    });
  }
}
