import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Queue } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { OutboxMessage } from '@kakehashi/database';
import { QueueName } from './queue-names';

const BATCH = 500;
/** Rows deleted per purge statement: each is its own short transaction holding few row locks. */
export const PURGE_CHUNK = 5000;

/** BullMQ refuses integer-like ids and ids with ':' unless they have exactly three parts. */
export function isAcceptableJobId(jobId: string): boolean {
  if (/^\d+$/.test(jobId)) return false;
  return !jobId.includes(':') || jobId.split(':').length === 3;
}

/**
 * Moves outbox rows to BullMQ under their deterministic job ids (Postgres first, queue second),
 * re-enqueues rows whose job Redis lost before a processor marked them done, and deletes rows
 * done long ago.
 */
@Injectable()
export class OutboxRelayService {
  private readonly logger = new Logger(OutboxRelayService.name);
  private readonly queues = new Map<string, Queue>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** Relays one batch; returns how many rows went to Redis. */
  async relayOnce(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: OutboxMessage[] = await manager
        .getRepository(OutboxMessage)
        .createQueryBuilder('o')
        .where('o.relayed_at IS NULL AND o.available_at <= now()')
        .orderBy('o.id')
        .limit(BATCH)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      if (rows.length === 0) return 0;
      const accepted = await this.setAsideMalformed(manager, rows);
      await this.enqueue(accepted);
      if (accepted.length === 0) return rows.length;
      await manager
        .createQueryBuilder()
        .update(OutboxMessage)
        .set({ relayedAt: () => 'now()', relayCount: () => 'relay_count + 1' })
        .where('id = ANY(:ids)', { ids: accepted.map((row) => row.id) })
        .execute();
      return rows.length;
    });
  }

  /**
   * Finds rows relayed more than `olderThanMs` ago and not done, and enqueues again the ones
   * whose job Redis no longer has (restart without persistence, FLUSHALL, eviction).
   */
  async sweepOnce(olderThanMs: number): Promise<number> {
    const rows = await this.dataSource
      .getRepository(OutboxMessage)
      .createQueryBuilder('o')
      .where('o.relayed_at IS NOT NULL AND o.done_at IS NULL')
      .andWhere(`o.relayed_at < now() - make_interval(secs => :secs)`, { secs: olderThanMs / 1000 })
      .orderBy('o.id')
      .limit(5000)
      .getMany();
    const lost: OutboxMessage[] = [];
    for (const row of rows) {
      const job = await this.queue(row.queue).getJob(row.jobId);
      if (!job) lost.push(row);
    }
    if (lost.length === 0) return 0;
    this.logger.warn(`re-enqueueing ${lost.length} job(s) that Redis lost`);
    await this.enqueue(lost);
    await this.dataSource
      .createQueryBuilder()
      .update(OutboxMessage)
      .set({ relayedAt: () => 'now()', relayCount: () => 'relay_count + 1' })
      .where('id = ANY(:ids)', { ids: lost.map((row) => row.id) })
      .execute();
    return lost.length;
  }

  /**
   * Deletes rows done more than `retentionDays` ago, `chunk` rows per statement until fewer
   * remain (or `signal` aborts between statements); returns how many went. Rows not done stay,
   * whatever their age. No job id is reused after its row is gone: mail keys are unique,
   * submission numbers and fan-out waves (counted on the campaign) only grow, and a rescore
   * skips assessments already scored by the current engine. SKIP LOCKED lets two workers purge side by side without waiting on each other's chunk.
   * No index on done_at: the scan (about 0.25 s per statement at a million rows) runs off the
   * hot path, once an hour, where an index would add an entry to every row marked done.
   */
  async purgeDone(
    retentionDays: number,
    { chunk = PURGE_CHUNK, signal }: { chunk?: number; signal?: AbortSignal } = {},
  ): Promise<number> {
    let purged = 0;
    for (;;) {
      const result = await this.dataSource
        .createQueryBuilder()
        .delete()
        .from(OutboxMessage)
        .where(
          `id IN (SELECT id FROM outbox
                   WHERE done_at < now() - make_interval(days => :days)
                   LIMIT :chunk FOR UPDATE SKIP LOCKED)`,
          { days: retentionDays, chunk },
        )
        .execute();
      const deleted = result.affected ?? 0;
      purged += deleted;
      if (deleted < chunk || signal?.aborted) break;
    }
    if (purged > 0) {
      this.logger.log(`purged ${purged} outbox row(s) done more than ${retentionDays} day(s) ago`);
    }
    return purged;
  }

  /** Adds the rows' jobs with addBulk, grouped by queue. */
  private async enqueue(rows: OutboxMessage[]): Promise<void> {
    const byQueue = new Map<string, OutboxMessage[]>();
    for (const row of rows) byQueue.set(row.queue, [...(byQueue.get(row.queue) ?? []), row]);
    for (const [queueName, queued] of byQueue) {
      await this.queue(queueName).addBulk(
        queued.map((row) => ({ name: row.jobName, data: row.payload, opts: { jobId: row.jobId } })),
      );
    }
  }

  /**
   * Sets aside rows whose job id BullMQ would refuse, so one malformed row never blocks the
   * batch behind it: they are pushed back a day and logged for a developer to fix.
   */
  private async setAsideMalformed(
    manager: EntityManager,
    rows: OutboxMessage[],
  ): Promise<OutboxMessage[]> {
    const malformed = rows.filter((row) => !isAcceptableJobId(row.jobId));
    if (malformed.length === 0) return rows;
    for (const row of malformed) {
      this.logger.error(
        `outbox row ${row.id}: job id "${row.jobId}" is not accepted by BullMQ; set aside`,
      );
    }
    await manager
      .createQueryBuilder()
      .update(OutboxMessage)
      .set({ availableAt: () => "now() + interval '1 day'" })
      .whereInIds(malformed.map((row) => row.id))
      .execute();
    return rows.filter((row) => isAcceptableJobId(row.jobId));
  }

  private queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      if (!Object.values(QueueName).includes(name as QueueName)) {
        throw new Error(`outbox row names unknown queue "${name}"`);
      }
      queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      this.queues.set(name, queue);
    }
    return queue;
  }
}
