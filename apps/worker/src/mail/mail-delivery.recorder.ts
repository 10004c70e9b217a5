import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OutboxService } from '@kakehashi/queue';
import { MicroBatcher } from './micro-batcher';

export interface SentRecord {
  id: string;
  jobId: string;
  subject: string;
  response: string;
  messageId: string;
}

/**
 * Records what happened to one mail row, always together with the outbox row of its job.
 * Every update is conditional on `status = 'queued'`, so a message is never recorded sent twice.
 */
@Injectable()
export class MailDeliveryRecorder {
  private readonly sent = new MicroBatcher<SentRecord, void>((records) =>
    this.markSentMany(records),
  );

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
  ) {}

  /** Records a delivery; deliveries finishing together share one transaction. */
  markSent(input: SentRecord): Promise<void> {
    return this.sent.add(input);
  }

  private markSentMany(records: SentRecord[]): Promise<void[]> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE mail_messages m
            SET status = 'sent', subject = u.subject, smtp_response = u.response,
                smtp_message_id = u.message_id, sent_at = now(), attempts = m.attempts + 1,
                last_error = NULL
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[])
                AS u(id, subject, response, message_id)
          WHERE m.id = u.id AND m.status = 'queued'`,
        [
          records.map((r) => r.id),
          records.map((r) => r.subject),
          records.map((r) => r.response),
          records.map((r) => r.messageId),
        ],
      );
      await manager.query(
        'UPDATE outbox SET done_at = now() WHERE job_id = ANY($1::text[]) AND done_at IS NULL',
        [records.map((r) => r.jobId)],
      );
      return records.map(() => undefined);
    });
  }

  /** A 5xx: the row fails, its contact becomes undeliverable, and nothing is retried. */
  markRejected(input: { id: string; jobId: string; reason: string }): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      // TypeORM answers an UPDATE ... RETURNING with [rows, affected].
      const [updated] = await manager.query<[{ contact_id: string | null }[], number]>(
        `UPDATE mail_messages
            SET status = 'failed', smtp_response = $2, last_error = $2, attempts = attempts + 1
          WHERE id = $1 AND status = 'queued'
        RETURNING contact_id`,
        [input.id, input.reason],
      );
      const contactId = updated[0]?.contact_id;
      if (contactId) {
        await manager.query(
          `UPDATE supplier_contacts SET undeliverable_at = now(), undeliverable_reason = $2
            WHERE id = $1 AND undeliverable_at IS NULL`,
          [contactId, input.reason],
        );
      }
      await this.outbox.markDone(manager, input.jobId);
    });
  }

  /** Retries exhausted on temporary errors: the row fails, the contact stays reachable. */
  markGaveUp(input: { id: string; jobId: string; reason: string }): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE mail_messages SET status = 'failed', last_error = $2, attempts = attempts + 1
          WHERE id = $1 AND status = 'queued'`,
        [input.id, input.reason],
      );
      await this.outbox.markDone(manager, input.jobId);
    });
  }

  /**
   * Puts a row whose retries ran out back in the queue, for an operator's retry of its job.
   * Only a give-up qualifies: a refused message (5xx) has its `smtp_response` and stays failed.
   * Returns whether the row was reopened.
   */
  async reopenGaveUp(id: string): Promise<boolean> {
    const [, reopened] = await this.dataSource.query<[unknown[], number]>(
      `UPDATE mail_messages SET status = 'queued'
        WHERE id = $1 AND status = 'failed' AND smtp_response IS NULL
      RETURNING id`,
      [id],
    );
    return reopened > 0;
  }

  markSkipped(input: { id: string; jobId: string; reason: string }): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE mail_messages SET status = 'skipped', last_error = $2
          WHERE id = $1 AND status = 'queued'`,
        [input.id, input.reason],
      );
      await this.outbox.markDone(manager, input.jobId);
    });
  }

  async recordTemporaryFailure(input: { id: string; reason: string }): Promise<void> {
    await this.dataSource.query(
      `UPDATE mail_messages SET attempts = attempts + 1, last_error = $2
        WHERE id = $1 AND status = 'queued'`,
      [input.id, input.reason],
    );
  }

  markDone(jobId: string): Promise<void> {
    return this.dataSource.transaction((manager) => this.outbox.markDone(manager, jobId));
  }
}
