import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository, SelectQueryBuilder } from 'typeorm';
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

/** Which of an organization's events to read; every condition given must hold. */
export interface AuditEventFilter {
  action?: string;
  actorType?: AuditActorType;
  actorId?: string;
  targetType?: string;
  /** Events at or after this instant. */
  since?: Date;
  /** Events strictly before this instant. */
  before?: Date;
}

/** Where the next batch of an export starts: just after the last event of the previous one. */
export interface AuditEventCursor {
  /** created_at as PostgreSQL prints it (microseconds kept, which a Date would lose). */
  createdAt: string;
  id: string;
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
   * One page of the organization's events that match the filter, newest first (the order of its
   * created_at index), and how many match in all.
   */
  async pageForOrganization(
    organizationId: string,
    query: AuditEventFilter & { page: number; pageSize: number },
  ): Promise<{ events: AuditEvent[]; total: number }> {
    const [events, total] = await this.filtered(organizationId, query)
      .offset((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .getManyAndCount();
    return { events, total };
  }

  /**
   * The next `size` matching events after `after` (from the newest when absent), in the order of
   * the list: an export walks the whole trail this way without holding it in memory, and events
   * recorded meanwhile do not shift it.
   */
  async batchForOrganization(
    organizationId: string,
    input: { filter: AuditEventFilter; after?: AuditEventCursor; size: number },
  ): Promise<{ events: AuditEvent[]; next: AuditEventCursor | null }> {
    const query = this.filtered(organizationId, input.filter)
      .addSelect('e.created_at::text', 'cursor_created_at')
      .limit(input.size);
    if (input.after) {
      query.andWhere(
        '(e.created_at, e.id) < (CAST(:afterAt AS timestamptz), CAST(:afterId AS bigint))',
        {
          afterAt: input.after.createdAt,
          afterId: input.after.id,
        },
      );
    }
    const { entities, raw } = await query.getRawAndEntities<{ cursor_created_at: string }>();
    const last = entities.at(-1);
    const next =
      last && entities.length === input.size
        ? { createdAt: raw[raw.length - 1].cursor_created_at, id: last.id }
        : null;
    return { events: entities, next };
  }

  private filtered(
    organizationId: string,
    filter: AuditEventFilter,
  ): SelectQueryBuilder<AuditEvent> {
    const query = this.events
      .createQueryBuilder('e')
      .where('e.organization_id = :organizationId', { organizationId });
    if (filter.action) query.andWhere('e.action = :action', { action: filter.action });
    if (filter.actorType)
      query.andWhere('e.actor_type = :actorType', { actorType: filter.actorType });
    if (filter.actorId) query.andWhere('e.actor_id = :actorId', { actorId: filter.actorId });
    if (filter.targetType) {
      query.andWhere('e.target_type = :targetType', { targetType: filter.targetType });
    }
    if (filter.since) query.andWhere('e.created_at >= :since', { since: filter.since });
    if (filter.before) query.andWhere('e.created_at < :before', { before: filter.before });
    return query.orderBy('e.created_at', 'DESC').addOrderBy('e.id', 'DESC');
  }
}
