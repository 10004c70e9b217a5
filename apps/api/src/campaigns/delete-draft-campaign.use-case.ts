import { ConflictException, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuthenticatedUser } from '@kakehashi/auth';
import { AuditService, Campaign } from '@kakehashi/database';
import { lockCampaign } from './campaign-suppliers';

/** Why a campaign cannot be deleted (the 409's `reason`). */
export type DeleteRefusal = 'campaign_launched' | 'closed_after_launch';

/**
 * Deletes a campaign made by mistake: a draft, or a campaign closed before it was ever launched
 * (closing a draft is allowed). Neither mailed anything nor has assessments (a draft's chosen
 * suppliers are a list on the row itself). A launched campaign has invited suppliers and keeps
 * its history, closed or not: it can only be closed. The audit event keeps the campaign's name,
 * due date, status and how many suppliers it had chosen.
 */
@Injectable()
export class DeleteDraftCampaignUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  execute(
    user: AuthenticatedUser,
    campaignId: string,
  ): Promise<{ id: string; name: string; status: 'draft' | 'closed' }> {
    return this.dataSource.transaction(async (manager) => {
      // Locked: a launch clicked at the same moment either wins (we answer 409) or waits and
      // then finds no campaign (404).
      const campaign = await lockCampaign(manager, user.organizationId, campaignId);
      if (campaign.status === 'launched') {
        throw new ConflictException({
          message:
            'Only a draft, or a campaign closed before it was launched, can be deleted; this ' +
            'campaign is launched: close it instead',
          campaignStatus: campaign.status,
          reason: 'campaign_launched' satisfies DeleteRefusal,
        });
      }
      if (campaign.status === 'closed' && (await wasLaunched(manager, campaign))) {
        throw new ConflictException({
          message:
            'This campaign was launched before it was closed: its invitations and answers are ' +
            'kept, so it cannot be deleted',
          campaignStatus: campaign.status,
          reason: 'closed_after_launch' satisfies DeleteRefusal,
        });
      }
      const status = campaign.status;
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
            status,
            chosenSuppliers: campaign.draftSupplierIds.length,
          },
        },
        manager,
      );
      return { id: campaign.id, name: campaign.name, status };
    });
  }
}

/**
 * A closed campaign that was launched: a launch time, or anything a launch creates (assessments,
 * mail about the campaign). Closing a draft records none of these.
 */
async function wasLaunched(manager: EntityManager, campaign: Campaign): Promise<boolean> {
  if (campaign.launchedAt !== null) return true;
  const [row] = await manager.query<{ launched: boolean }[]>(
    `SELECT EXISTS (SELECT 1 FROM assessments WHERE campaign_id = $1 AND organization_id = $2)
         OR EXISTS (SELECT 1 FROM mail_messages WHERE campaign_id = $1 AND organization_id = $2)
         AS launched`,
    [campaign.id, campaign.organizationId],
  );
  return row.launched;
}
