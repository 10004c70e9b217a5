import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthenticatedUser } from '@kakehashi/auth';
import { AuditService, Campaign } from '@kakehashi/database';
import { OutboxService } from '@kakehashi/queue';
import {
  enqueueFanOut,
  insertAssessments,
  lockCampaign,
  supplierSetFingerprint,
} from './campaign-suppliers';

export interface LaunchResult {
  id: string;
  status: 'launched';
  invited: number;
  /** false when the campaign was already launched: nothing was done the second time. */
  launchedNow: boolean;
}

/**
 * One transaction: campaign launched, one assessment per supplier, the fan-out outbox row.
 * The row lock makes a double click wait for the first launch and then find it launched: it
 * answers 200 with the same state and changes nothing.
 */
@Injectable()
export class LaunchCampaignUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  /**
   * `expectedSuppliers`: the number of suppliers the person confirmed inviting (the console's
   * launch tick states it); `expectedSupplierSet`: the fingerprint of the exact set they were
   * shown (`supplierSetFingerprint`). A draft whose choice changed since is refused with 409
   * (`change`: `count`, or `suppliers` when others were swapped in at the same count), so
   * nobody mails more, or other, suppliers than they confirmed.
   */
  execute(
    user: AuthenticatedUser,
    campaignId: string,
    options: { expectedSuppliers?: number; expectedSupplierSet?: string } = {},
  ): Promise<LaunchResult> {
    return this.dataSource.transaction(async (manager) => {
      const campaign = await lockCampaign(manager, user.organizationId, campaignId);
      if (campaign.status === 'closed') throw new ConflictException('campaign is closed');
      if (campaign.status === 'launched') {
        const invited = await manager.query<{ n: string }[]>(
          'SELECT count(*) AS n FROM assessments WHERE campaign_id = $1',
          [campaign.id],
        );
        return {
          id: campaign.id,
          status: 'launched',
          invited: Number(invited[0].n),
          launchedNow: false,
        };
      }
      const supplierIds = campaign.draftSupplierIds;
      if (supplierIds.length === 0) {
        throw new BadRequestException(
          'supplierIds: a campaign needs at least one supplier to launch',
        );
      }
      const expected = options.expectedSuppliers;
      if (expected !== undefined && expected !== supplierIds.length) {
        throw new ConflictException({
          message: `the draft now has ${supplierIds.length} suppliers, not the ${expected} confirmed`,
          suppliers: supplierIds.length,
          change: 'count',
        });
      }
      const expectedSet = options.expectedSupplierSet;
      if (expectedSet !== undefined && expectedSet !== supplierSetFingerprint(supplierIds)) {
        throw new ConflictException({
          message:
            `the draft's suppliers changed since they were confirmed: still ${supplierIds.length}, ` +
            'but not the same suppliers',
          suppliers: supplierIds.length,
          change: 'suppliers',
        });
      }
      const invited = await insertAssessments(manager, campaign, supplierIds);
      await manager.getRepository(Campaign).update(
        { id: campaign.id },
        {
          status: 'launched',
          launchedAt: () => 'now()',
          draftSupplierIds: [],
        },
      );
      await enqueueFanOut(manager, this.outbox, campaign);
      await this.audit.record(
        {
          organizationId: user.organizationId,
          actorType: 'user',
          actorId: user.id,
          action: 'campaign.launched',
          targetType: 'campaign',
          targetId: campaign.id,
          details: { invited },
        },
        manager,
      );
      return { id: campaign.id, status: 'launched', invited, launchedNow: true };
    });
  }
}
