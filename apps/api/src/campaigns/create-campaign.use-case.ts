import { BadRequestException, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthenticatedUser } from '@kakehashi/auth';
import { AuditService, Campaign, DEFAULT_REMINDER_POLICY } from '@kakehashi/database';
import { tokyoToday } from '@kakehashi/mail';
import { requireTenantSuppliers } from './campaign-suppliers';
import { CreateCampaignDto } from './dto/create-campaign.dto';

/** The latest due date accepted: one year from today in Asia/Tokyo (29 Feb gives 28 Feb). */
export function maxDueDate(now = new Date()): string {
  const [year, month, day] = tokyoToday(now).split('-');
  const next = `${Number(year) + 1}-${month}-${day}`;
  return month === '02' && day === '29' ? `${Number(year) + 1}-02-28` : next;
}

/**
 * What is wrong with a due date: not a real calendar date (2026-02-30), before today, or more
 * than a year ahead (its links would stay valid for as long).
 */
export function dueDateProblem(
  dueDate: string,
  now = new Date(),
): 'invalid' | 'past' | 'tooFar' | null {
  const parsed = new Date(`${dueDate}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== dueDate) {
    return 'invalid';
  }
  if (dueDate < tokyoToday(now)) return 'past';
  return dueDate > maxDueDate(now) ? 'tooFar' : null;
}

/** A real calendar date from today to a year ahead in Asia/Tokyo. */
export function checkDueDate(dueDate: string, now = new Date()): void {
  const problem = dueDateProblem(dueDate, now);
  if (problem === 'invalid') {
    throw new BadRequestException({
      message: 'dueDate must be a valid date YYYY-MM-DD',
      field: 'dueDate',
      reason: problem,
    });
  }
  if (problem === 'past') {
    throw new BadRequestException({
      message: 'dueDate must not be in the past (Asia/Tokyo)',
      field: 'dueDate',
      reason: problem,
    });
  }
  if (problem === 'tooFar') {
    const max = maxDueDate(now);
    throw new BadRequestException({
      message: `dueDate must be at most one year ahead (${max} or earlier, Asia/Tokyo)`,
      field: 'dueDate',
      reason: problem,
      max,
    });
  }
}

@Injectable()
export class CreateCampaignUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async execute(
    user: AuthenticatedUser,
    dto: CreateCampaignDto,
  ): Promise<{ id: string; status: 'draft' }> {
    checkDueDate(dto.dueDate);
    return this.dataSource.transaction(async (manager) => {
      const supplierIds = await requireTenantSuppliers(
        manager,
        user.organizationId,
        dto.supplierIds,
      );
      const inserted = await manager.getRepository(Campaign).insert({
        organizationId: user.organizationId,
        name: dto.name.trim(),
        catalogVersion: dto.catalogVersion,
        status: 'draft',
        dueDate: dto.dueDate,
        reminderPolicy: dto.reminderPolicy ?? DEFAULT_REMINDER_POLICY,
        draftSupplierIds: supplierIds,
        senderName: dto.senderName?.trim() || null,
        message: dto.message?.trim() || null,
        ownerId: user.id,
      });
      const id = (inserted.identifiers[0] as { id: string }).id;
      await this.audit.record(
        {
          organizationId: user.organizationId,
          actorType: 'user',
          actorId: user.id,
          action: 'campaign.created',
          targetType: 'campaign',
          targetId: id,
          details: { name: dto.name, suppliers: supplierIds.length },
        },
        manager,
      );
      return { id, status: 'draft' as const };
    });
  }
}
