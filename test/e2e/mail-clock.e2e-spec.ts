import { INestApplicationContext } from '@nestjs/common';
import { AddressObject, ParsedMail } from 'mailparser';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@kakehashi/database';
import { formatDateTime } from '@kakehashi/mail';
import { JobIds } from '@kakehashi/queue';
import { ReminderSweepService } from '../../apps/worker/src/reminders/reminder-sweep.service';
import {
  FakeClock,
  ownQueuePrefix,
  startWorkerWithClock,
} from '../support/faults/in-process-worker';
import { createScratchDatabase, ScratchDatabase } from '../support/faults/scratch-database';
import { waitUntil } from '../support/faults/worker-process';
import { createCampaign, createWorkerTenant, seedAssessments } from '../support/scoring-factory';
import { SmtpSink, startSmtpSink } from '../support/smtp-sink';

jest.setTimeout(60_000);

/** A time in Tokyo on a calendar date (Japan is UTC+9 all year). */
const tokyo = (date: string, time = '10:00'): Date => new Date(`${date}T${time}:00+09:00`);
/** Saturday 23:00 in Tokyo: outside every sending window, a scheduled sweep writes nothing. */
const quietNight = tokyo('2030-06-22', '23:00');

const recipient = (mail: ParsedMail) => (mail.to as AddressObject).value[0].address!.toLowerCase();

/**
 * What the mails say about time is read from the worker's Clock, as the sweep that writes them
 * does: on a clock years ahead of the real one, a T-3 reminder says 3 days, not ~1,500.
 */
describe('mail wording on the worker clock (real worker, database and SMTP, clock moved by hand)', () => {
  const queues = ownQueuePrefix('mailclock');
  const clock = new FakeClock(quietNight);
  let scratch: ScratchDatabase;
  let db: DataSource;
  let worker: INestApplicationContext;
  let sweep: ReminderSweepService;
  let smtp: SmtpSink;

  beforeAll(async () => {
    scratch = await createScratchDatabase('mailclock');
    db = await new DataSource(dataSourceOptions(scratch.url, { poolSize: 3 })).initialize();
    smtp = await startSmtpSink();
    worker = await startWorkerWithClock(
      {
        DATABASE_URL: scratch.url,
        QUEUE_PREFIX: queues.prefix,
        OUTBOX_POLL_INTERVAL_MS: '50',
        REMINDER_SWEEP_INTERVAL_MS: '3600000',
        SMTP_URL: smtp.url,
      },
      clock,
    );
    sweep = worker.get(ReminderSweepService);
  });

  afterAll(async () => {
    await worker?.close();
    await smtp?.close();
    await db?.destroy();
    await scratch?.drop();
    await queues.cleanup();
  });

  const mailsTo = (email: string) => smtp.messages.filter((m) => recipient(m) === email);

  it('counts the days of a reminder on the clock: 3 days left at T-3, 3 days overdue, in ja and en', async () => {
    // Due Friday 2030-06-14, launched ten days before; one contact reads English.
    const tenant = await createWorkerTenant(db, 'mailclock');
    const campaignId = await createCampaign(db, tenant, {
      dueDate: '2030-06-14',
      launchedAt: tokyo('2030-06-04'),
    });
    const [ja, en] = await seedAssessments(db, { tenant, campaignId, count: 2 });
    await db.query(`UPDATE supplier_contacts SET language = 'en' WHERE email = $1`, [
      en.contactEmail,
    ]);
    const received = (count: number, what: string) =>
      waitUntil(
        async () =>
          mailsTo(ja.contactEmail).length >= count && mailsTo(en.contactEmail).length >= count,
        { timeoutMs: 20_000, what },
      );

    clock.set(tokyo('2030-06-11')); // Tuesday, T-3
    await sweep.run();
    await received(1, 'the T-3 reminders over SMTP');
    const [jaBefore] = mailsTo(ja.contactEmail);
    expect(jaBefore.subject).toContain('【リマインド】回答期限まであと3日');
    expect(jaBefore.text).toContain('回答期限(2030年6月14日(金))まであと3日です。');
    const [enBefore] = mailsTo(en.contactEmail);
    expect(enBefore.subject).toContain('Reminder: 3 day(s) left');
    expect(enBefore.text).toContain('The due date (Fri, 14 Jun 2030) is in 3 day(s).');

    clock.set(tokyo('2030-06-17')); // Monday, three calendar days after the due date
    await sweep.run();
    await received(2, 'the overdue reminders over SMTP');
    const jaOverdue = mailsTo(ja.contactEmail)[1];
    expect(jaOverdue.subject).toContain('【期限超過】回答期限を3日過ぎています');
    expect(jaOverdue.text).toContain('を3日過ぎています。至急ご回答をお願いいたします。');
    const enOverdue = mailsTo(en.contactEmail)[1];
    expect(enOverdue.subject).toContain('Overdue by 3 day(s)');
    expect(enOverdue.text).toContain('passed 3 day(s) ago');
    clock.set(quietNight);
  });

  it('dates a password reset link an hour after the clock’s now, in the mail and in the database', async () => {
    const tenant = await createWorkerTenant(db, 'mailclock-reset');
    const sentAt = tokyo('2030-06-11', '10:00');
    clock.set(sentAt);
    const [link] = await db.query<{ id: string }[]>(
      `INSERT INTO user_invitations (organization_id, user_id, purpose, expires_at)
       VALUES ($1, $2, 'password_reset', now() + interval '1 hour') RETURNING id`,
      [tenant.organizationId, tenant.ownerId],
    );
    const messageKey = `password-reset:${link.id}`;
    const [mail] = await db.query<{ id: string }[]>(
      `INSERT INTO mail_messages (organization_id, message_key, kind, to_email, locale, user_id)
       VALUES ($1, $2, 'password_reset', $3, 'ja', $4) RETURNING id`,
      [tenant.organizationId, messageKey, tenant.ownerEmail, tenant.ownerId],
    );
    await db.query(
      `INSERT INTO outbox (organization_id, queue, job_name, job_id, payload)
       VALUES ($1::uuid, 'mail', 'send-mail', $2,
               jsonb_build_object('organizationId', $1::text, 'mailMessageId', $3::text))`,
      [tenant.organizationId, JobIds.sendMail(messageKey), mail.id],
    );
    await waitUntil(async () => mailsTo(tenant.ownerEmail).length > 0, {
      timeoutMs: 20_000,
      what: 'the password reset mail over SMTP',
    });
    const expiresAt = new Date(sentAt.getTime() + 3600_000);
    expect(mailsTo(tenant.ownerEmail)[0].text).toContain(
      `有効期限: ${formatDateTime(expiresAt, 'ja')}（1時間）`,
    );
    const [row] = await db.query<{ expires_at: Date }[]>(
      'SELECT expires_at FROM user_invitations WHERE id = $1',
      [link.id],
    );
    expect(row.expires_at.toISOString()).toBe(expiresAt.toISOString());
    clock.set(quietNight);
  });
});
