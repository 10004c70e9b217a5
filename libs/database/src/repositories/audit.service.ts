import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { AuditActorType, AuditEvent } from '../entities/audit-event.entity';

export interface AuditRecord {
  organizationId: string | null;
  actorType: AuditActorType;
  actorId?: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  details?: Record<string, unknown>;
  ip?: string | null;
}

@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEvent) private readonly events: Repository<AuditEvent>) {}

  /** Records an event; pass the transaction's manager to commit it with the change it describes. */
  async record(event: AuditRecord, manager?: EntityManager): Promise<void> {
    const repository = manager ? manager.getRepository(AuditEvent) : this.events;
    await repository.insert({
      organizationId: event.organizationId,
      actorType: event.actorType,
      actorId: event.actorId ?? null,
      action: event.action,
      targetType: event.targetType ?? null,
      targetId: event.targetId ?? null,
      details: event.details ?? {},
      ip: event.ip ?? null,
    });
  }

  /**
   * One page of the organization's events, newest first (the order of its created_at index),
   * and how many match in all.
   */
  async pageForOrganization(
    organizationId: string,
    query: { action?: string; page: number; pageSize: number },
  ): Promise<{ events: AuditEvent[]; total: number }> {
    const [events, total] = await this.events.findAndCount({
      where: { organizationId, ...(query.action ? { action: query.action } : {}) },
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    return { events, total };
  }
}
