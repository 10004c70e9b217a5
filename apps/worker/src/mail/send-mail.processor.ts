import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { describeMailError, isPermanentMailError, MailSender } from '@kakehashi/mail';
import { JobPayload, QueueName } from '@kakehashi/queue';
import { MailContextLoader } from './mail-context.loader';
import { MailDeliveryRecorder } from './mail-delivery.recorder';
import { MailRowLoader } from './mail-row.loader';

type SendMailJob = Job<JobPayload<typeof QueueName.Mail, 'send-mail'>>;

/**
 * Jobs in flight; the SMTP pool (5 connections) and its rate limit do the real pacing. Each job
 * waits on a few batched statements (row, link, delivery record) besides SMTP, so enough must be
 * in flight to keep the pool's queue full: 100 left it idle between waves of batches
 * (`npm run bench -- fanout`: 10,000 invitations in 10 s; 300 took 7.6–7.9 s, 1,000 no better).
 */
export const MAIL_CONCURRENCY = 300;

/**
 * Mail queue: sends one recorded mail_messages row. Temporary failures (4xx, lost
 * connections, timeouts) throw so BullMQ retries with backoff; a 5xx is final: the row fails
 * and the contact is marked undeliverable.
 */
@Processor(QueueName.Mail, { concurrency: MAIL_CONCURRENCY })
export class SendMailProcessor extends WorkerHost {
  static readonly handles = ['send-mail'] as const;
  private readonly logger = new Logger(SendMailProcessor.name);

  constructor(
    private readonly rows: MailRowLoader,
    private readonly contexts: MailContextLoader,
    private readonly sender: MailSender,
    private readonly recorder: MailDeliveryRecorder,
  ) {
    super();
  }

  async process(job: SendMailJob): Promise<string> {
    if (job.name !== 'send-mail') throw new Error(`mail queue: unknown job ${job.name}`);
    const jobId = job.id ?? '';
    const loaded = await this.rows.load(job.data.mailMessageId);
    const row = loaded?.organizationId === job.data.organizationId ? loaded : undefined;
    // A job whose retries ran out runs again only when an operator retries it (Bull Board):
    // its row goes back to queued and is sent. A row the server refused (5xx) stays failed.
    if (row?.status === 'failed' && (await this.recorder.reopenGaveUp(row.id))) {
      row.status = 'queued';
    }
    if (!row || row.status !== 'queued') {
      await this.recorder.markDone(jobId);
      return row ? `already ${row.status}` : 'no such message';
    }
    const context = await this.contexts.load(row);
    if (!context.send) {
      await this.recorder.markSkipped({ id: row.id, jobId, reason: context.reason });
      return `skipped: ${context.reason}`;
    }
    try {
      const result = await this.sender.send({
        mail: context.mail,
        to: { name: row.toName, address: row.toEmail },
        fromName: context.fromName,
        replyTo: context.replyTo,
        messageKey: row.messageKey,
      });
      await this.recorder.markSent({ id: row.id, jobId, ...result });
      return 'sent';
    } catch (error) {
      const reason = describeMailError(error);
      if (isPermanentMailError(error)) {
        await this.recorder.markRejected({ id: row.id, jobId, reason });
        this.logger.warn(`mail ${row.messageKey} rejected for good: ${reason}`);
        return `rejected: ${reason}`;
      }
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
        await this.recorder.markGaveUp({ id: row.id, jobId, reason });
        throw error;
      }
      await this.recorder.recordTemporaryFailure({ id: row.id, reason });
      throw error;
    }
  }
}
