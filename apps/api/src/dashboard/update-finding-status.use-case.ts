import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@kakehashi/auth';
import { AuditService } from '@kakehashi/database';
import type { UpdateFindingDto } from './dto/update-finding.dto';

/**
 * Sets a finding's status and keeps the supplier's open-findings count in the roll-up true, in
 * one transaction with its audit event (which keeps the optional note). Any procurement user or
 * CISO of the tenant may: supplier ownership is a view filter, not access control.
 */
@Injectable()
export class UpdateFindingStatusUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async execute(input: {
    user: AuthenticatedUser;
    findingId: string;
    body: UpdateFindingDto;
  }): Promise<{ id: string; status: string; supplierId: string; note: string | null }> {
    const organizationId = input.user.organizationId;
    const note = input.body.note?.trim() || null;
    return this.db.transaction(async (manager) => {
      const [finding] = await manager.query<{ id: string; status: string; supplier_id: string }[]>(
        `SELECT f.id, f.status, f.supplier_id FROM findings f
         JOIN suppliers s ON s.id = f.supplier_id AND s.organization_id = f.organization_id
         WHERE f.organization_id = $1 AND f.id = $2
         FOR UPDATE OF f`,
        [organizationId, input.findingId],
      );
      if (!finding) throw new NotFoundException('Finding not found');
      await manager.query(`UPDATE findings SET status = $2 WHERE id = $1`, [
        finding.id,
        input.body.status,
      ]);
      await manager.query(
        `UPDATE supplier_risk r SET open_findings = (
           SELECT count(*) FROM findings f WHERE f.score_id = r.score_id AND f.status = 'open')
         WHERE r.supplier_id = $1 AND r.organization_id = $2`,
        [finding.supplier_id, organizationId],
      );
      await this.audit.record(
        {
          organizationId,
          actorType: 'user',
          actorId: input.user.id,
          action: 'finding.status_changed',
          targetType: 'finding',
          targetId: finding.id,
          details: {
            from: finding.status,
            to: input.body.status,
            supplierId: finding.supplier_id,
            ...(note ? { note } : {}),
          },
        },
        manager,
      );
      return { id: finding.id, status: input.body.status, supplierId: finding.supplier_id, note };
    });
  }
}

/** The supplier a finding of the tenant belongs to (for the page that posted about it). */
export async function supplierOfFinding(
  db: DataSource,
  organizationId: string,
  findingId: string,
): Promise<string | null> {
  const [row] = await db.query<{ supplier_id: string }[]>(
    `SELECT supplier_id FROM findings WHERE organization_id = $1 AND id = $2`,
    [organizationId, findingId],
  );
  return row?.supplier_id ?? null;
}
