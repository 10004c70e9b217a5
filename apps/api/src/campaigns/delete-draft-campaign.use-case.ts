import { ConflictException, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthenticatedUser } from '@kakehashi/auth';
import { AuditService, Campaign } from '@kakehashi/database';
import { lockCampaign } from './campaign-suppliers';

/**
 * Deletes a draft made by mistake. Only a draft: nothing was mailed for it and it has no
 * assessments (its chosen suppliers are a list on the row itself). A launched campaign has
 * invited suppliers and keeps its history: it can only be closed. The audit event keeps the
 * draft's name, due date and how many suppliers it had chosen.
 */
@Injectable()
export class DeleteDraftCampaignUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  execute(user: AuthenticatedUser, campaignId: string): Promise<{ id: string; name: string }> {
    return this.dataSource.transaction(async (manager) => {
      // Locked: a launch clicked at the same moment either wins (we answer 409) or waits and
      // then finds no campaign (404).
      const campaign = await lockCampaign(manager, user.organizationId, campaignId);
      if (campaign.status !== 'draft') {
        throw new ConflictException({
          message: `Only a draft can be deleted; this campaign is ${campaign.status}`,
          campaignStatus: campaign.status,
        });
      }
      await manager
        .getRepository(Campaign)
        .delete({ id: campaign.id, organizationId: user.organizationId });
      await this.audit.record(
        {
          organizationId: user.organizationId,
          actorType: 'user',
          actorId: user.id,
          action: 'campaign.deleted',
          targetType: 'campaign',
          targetId: campaign.id,
          details: {
            name: campaign.name,
            catalogVersion: campaign.catalogVersion,
            dueDate: campaign.dueDate,
            chosenSuppliers: campaign.draftSupplierIds.length,
          },
        },
        manager,
      );
      return { id: campaign.id, name: campaign.name };
    });
  }
}
