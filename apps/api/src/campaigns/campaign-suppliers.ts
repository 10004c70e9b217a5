import { createHash } from 'node:crypto';
import { BadRequestException, NotFoundException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Campaign } from '@kakehashi/database';
import { JobIds, OutboxService, QueueName } from '@kakehashi/queue';

/** 400 naming the ids that are not suppliers of this tenant (another tenant's included). */
export async function requireTenantSuppliers(
  manager: EntityManager,
  organizationId: string,
  supplierIds: string[],
): Promise<string[]> {
  const unique = [...new Set(supplierIds)];
  if (unique.length === 0) return [];
  const found = await manager.query<{ id: string }[]>(
    'SELECT id FROM suppliers WHERE organization_id = $1 AND id = ANY($2::uuid[])',
    [organizationId, unique],
  );
  if (found.length !== unique.length) {
    const known = new Set(found.map((row) => row.id));
    const unknownSupplierIds = unique.filter((id) => !known.has(id));
    throw new BadRequestException({
      message: `supplierIds: ${unknownSupplierIds.length} unknown supplier id(s)`,
      unknownSupplierIds,
    });
  }
  return unique;
}

/** Shape of a supplier set fingerprint: hex SHA-256. */
export const SUPPLIER_SET_PATTERN = /^[0-9a-f]{64}$/;

/**
 * Fingerprint of a draft's exact set of chosen suppliers (order and repeats ignored): what a
 * launch confirmation carries, so that suppliers swapped for others (same count) are noticed.
 */
export function supplierSetFingerprint(supplierIds: readonly string[]): string {
  const sorted = [...new Set(supplierIds.map((id) => id.toLowerCase()))].sort();
  return createHash('sha256').update(sorted.join(',')).digest('hex');
}

/** The campaign row locked for this transaction; 404 for another tenant's or unknown id. */
export async function lockCampaign(
  manager: EntityManager,
  organizationId: string,
  campaignId: string,
): Promise<Campaign> {
  const campaign = await manager
    .getRepository(Campaign)
    .createQueryBuilder('c')
    .where('c.id = :campaignId AND c.organization_id = :organizationId', {
      campaignId,
      organizationId,
    })
    .setLock('pessimistic_write')
    .getOne();
  if (!campaign) throw new NotFoundException('Campaign not found');
  return campaign;
}

/** Creates the missing assessments (status invited) and returns how many were new. */
export async function insertAssessments(
  manager: EntityManager,
  campaign: Campaign,
  supplierIds: string[],
): Promise<number> {
  if (supplierIds.length === 0) return 0;
  const rows = await manager.query<{ id: string }[]>(
    `INSERT INTO assessments (organization_id, campaign_id, supplier_id, catalog_version, status)
     SELECT $1, $2, s.id, $3, 'invited' FROM suppliers s
      WHERE s.organization_id = $1 AND s.id = ANY($4::uuid[])
     ON CONFLICT (campaign_id, supplier_id) DO NOTHING
     RETURNING id`,
    [campaign.organizationId, campaign.id, campaign.catalogVersion, supplierIds],
  );
  return rows.length;
}

/**
 * Writes the next fan-out wave's outbox row in the caller's transaction: the worker then
 * invites the campaign's assessments that have no invitation yet.
 */
export async function enqueueFanOut(
  manager: EntityManager,
  outbox: OutboxService,
  campaign: Campaign,
): Promise<void> {
  const wave = await nextFanOutWave(manager, campaign.id);
  await outbox.add(manager, [
    {
      organizationId: campaign.organizationId,
      queue: QueueName.Campaigns,
      jobName: 'fan-out',
      jobId: JobIds.fanOut(campaign.id, wave),
      payload: { organizationId: campaign.organizationId, campaignId: campaign.id },
    },
  ]);
}

/**
 * Next fan-out wave number: 1 for the launch, then one per batch of added suppliers. Counted on
 * the campaign row (the update locks it until the caller commits), so it never depends on which
 * outbox rows the retention purge has removed.
 */
async function nextFanOutWave(manager: EntityManager, campaignId: string): Promise<number> {
  // TypeORM answers an UPDATE ... RETURNING with [rows, affected].
  const [rows] = await manager.query<[{ fan_out_waves: number }[], number]>(
    `UPDATE campaigns SET fan_out_waves = fan_out_waves + 1 WHERE id = $1 RETURNING fan_out_waves`,
    [campaignId],
  );
  if (rows.length === 0) throw new Error(`campaign ${campaignId} not found`);
  return rows[0].fan_out_waves;
}
