import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OutboxMessage } from '@kakehashi/database';
import { JobIds } from './job-types';
import { QueueName } from './queue-names';

export interface OutboxEntry {
  organizationId: string | null;
  queue: QueueName;
  jobName: string;
  /** Deterministic: the same cause always gives the same id, so it is enqueued once. */
  jobId: string;
  payload: Record<string, unknown>;
  availableAt?: Date;
}

/** The job that sends a written mail row (`mail_messages`), keyed by its message key. */
export function sendMailEntry(
  organizationId: string,
  mail: { id: string; message_key: string },
): OutboxEntry {
  return {
    organizationId,
    queue: QueueName.Mail,
    jobName: 'send-mail',
    jobId: JobIds.sendMail(mail.message_key),
    payload: { organizationId, mailMessageId: mail.id },
  };
}

/** Writes jobs that must happen into the outbox, inside the caller's transaction. */
@Injectable()
export class OutboxService {
  async add(manager: EntityManager, entries: OutboxEntry[]): Promise<void> {
    if (entries.length === 0) return;
    for (let i = 0; i < entries.length; i += 1000) {
      await manager
        .createQueryBuilder()
        .insert()
        .into(OutboxMessage)
        .values(
          entries.slice(i, i + 1000).map((entry) => ({
            organizationId: entry.organizationId,
            queue: entry.queue,
            jobName: entry.jobName,
            jobId: entry.jobId,
            payload: entry.payload,
            ...(entry.availableAt ? { availableAt: entry.availableAt } : {}),
          })),
        )
        .orIgnore()
        .execute();
    }
  }

  /** Processors call this in the transaction of their own write, so the sweep leaves the job be. */
  async markDone(manager: EntityManager, jobId: string): Promise<void> {
    await manager.query('UPDATE outbox SET done_at = now() WHERE job_id = $1 AND done_at IS NULL', [
      jobId,
    ]);
  }
}
