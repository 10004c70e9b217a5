import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthenticatedUser } from '@kakehashi/auth';
import { AuditService, Campaign } from '@kakehashi/database';
import { lockCampaign } from './campaign-suppliers';
import { UpdateCampaignDto } from './dto/update-campaign.dto';

/**
 * Renames a campaign or gives it another owner (who then gets its alerts, escalations and
 * overdue digests). A closed campaign is a record and is not changed.
 */
@Injectable()
export class UpdateCampaignUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  execute(user: AuthenticatedUser, campaignId: string, dto: UpdateCampaignDto): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      const campaign = await lockCampaign(manager, user.organizationId, campaignId);
      if (campaign.status === 'closed') {
        throw new ConflictException(
          `The campaign "${campaign.name}" is closed and cannot be changed`,
        );
      }
      if (dto.ownerId !== undefined && dto.ownerId !== campaign.ownerId) {
        const [owner] = await manager.query<unknown[]>(
          `SELECT 1 FROM users WHERE organization_id = $1 AND id = $2
              AND deactivated_at IS NULL AND role IN ('procurement', 'admin') FOR KEY SHARE`,
          [user.organizationId, dto.ownerId],
        );
        if (!owner) {
          throw new BadRequestException({
            message: 'ownerId must be an active procurement user or admin of this organization',
            field: 'ownerId',
          });
        }
      }
      const changes: Record<string, { from: string; to: string }> = {};
      if (dto.name !== undefined && dto.name !== campaign.name) {
        changes.name = { from: campaign.name, to: dto.name };
      }
      if (dto.ownerId !== undefined && dto.ownerId !== campaign.ownerId) {
        changes.ownerId = { from: campaign.ownerId, to: dto.ownerId };
      }
      if (Object.keys(changes).length > 0) {
        await manager
          .getRepository(Campaign)
          .update(
            { id: campaign.id },
            { name: dto.name ?? campaign.name, ownerId: dto.ownerId ?? campaign.ownerId },
          );
        await this.audit.record(
          {
            organizationId: user.organizationId,
            actorType: 'user',
            actorId: user.id,
            action: 'campaign.updated',
            targetType: 'campaign',
            targetId: campaign.id,
            details: { changes },
          },
          manager,
        );
      }
    });
  }
}
