import { Inject, Injectable, Optional } from '@nestjs/common';
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
  /** The client's address; when absent (or null), that of the HTTP request being served, if any. */
  ip?: string | null;
}

/**
 * Gives the client IP of the HTTP request being served, or null outside one. The api provides it
 * (from its request context); the worker does not, so what it records has no IP.
 */
export type AuditRequestIp = () => string | null;
export const AUDIT_REQUEST_IP = Symbol.for('kakehashi.audit-request-ip');

/** Which of an organization's events to read; every condition given must hold. */
export interface AuditEventFilter {
  action?: string;
  actorType?: AuditActorType;
  actorId?: string;
  targetType?: string;
  /** Events about this one target (its id as recorded: a supplier's, a campaign's…). */
  targetId?: string;
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
  constructor(
    @InjectRepository(AuditEvent) private readonly events: Repository<AuditEvent>,
    @Optional() @Inject(AUDIT_REQUEST_IP) private readonly requestIp?: AuditRequestIp,
  ) {}

  /** Records an event; pass the transaction's manager to commit it with the change it describes. */
  async record(event: AuditRecord, manager?: EntityManager): Promise<void> {
    await this.recordAt(event, manager);
  }

  /** Records an event as `record` does, and says where it sits in the trail (for a cursor). */
  async recordAt(event: AuditRecord, manager?: EntityManager): Promise<AuditEventCursor> {
    const repository = manager ? manager.getRepository(AuditEvent) : this.events;
    const inserted = await repository
      .createQueryBuilder()
      .insert()
      .into(AuditEvent)
      .values({
        organizationId: event.organizationId,
        actorType: event.actorType,
        actorId: event.actorId ?? null,
        action: event.action,
        targetType: event.targetType ?? null,
        targetId: event.targetId ?? null,
        details: event.details ?? {},
        ip: event.ip ?? this.requestIp?.() ?? null,
      })
      .returning('id::text AS id, created_at::text AS "createdAt"')
      .updateEntity(false)
      .execute();
    const [row] = inserted.raw as AuditEventCursor[];
    return { id: row.id, createdAt: row.createdAt };
  }

  /** How many of the organization's events match the filter; in the manager's transaction if given. */
  async countForOrganization(
    organizationId: string,
    input: { filter: AuditEventFilter; manager?: EntityManager },
  ): Promise<number> {
    return this.filtered(organizationId, input.filter, input.manager).getCount();
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
    if (input.after) this.startAfter(query, input.after);
    const { entities, raw } = await query.getRawAndEntities<{ cursor_created_at: string }>();
    const last = entities.at(-1);
    const next =
      last && entities.length === input.size
        ? { createdAt: raw[raw.length - 1].cursor_created_at, id: last.id }
        : null;
    return { events: entities, next };
  }

  /** Only events older than the cursor's (in the list's order: after it). */
  private startAfter(query: SelectQueryBuilder<AuditEvent>, cursor: AuditEventCursor): void {
    query.andWhere(
      '(e.created_at, e.id) < (CAST(:afterAt AS timestamptz), CAST(:afterId AS bigint))',
      { afterAt: cursor.createdAt, afterId: cursor.id },
    );
  }

  private filtered(
    organizationId: string,
    filter: AuditEventFilter,
    manager?: EntityManager,
  ): SelectQueryBuilder<AuditEvent> {
    const query = (manager ? manager.getRepository(AuditEvent) : this.events)
      .createQueryBuilder('e')
      .where('e.organization_id = :organizationId', { organizationId });
    if (filter.action) query.andWhere('e.action = :action', { action: filter.action });
    if (filter.actorType)
      query.andWhere('e.actor_type = :actorType', { actorType: filter.actorType });
    if (filter.actorId) query.andWhere('e.actor_id = :actorId', { actorId: filter.actorId });
    if (filter.targetType) {
      query.andWhere('e.target_type = :targetType', { targetType: filter.targetType });
    }
    if (filter.targetId) query.andWhere('e.target_id = :targetId', { targetId: filter.targetId });
    if (filter.since) query.andWhere('e.created_at >= :since', { since: filter.since });
    if (filter.before) query.andWhere('e.created_at < :before', { before: filter.before });
    return query.orderBy('e.created_at', 'DESC').addOrderBy('e.id', 'DESC');
  }
}
