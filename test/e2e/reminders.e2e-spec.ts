import { getQueueToken } from '@nestjs/bullmq';
import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@kakehashi/database';
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

/** Rows for the mail processor are queued, then sent (or failed) by it as the test runs. */
const held = (status: string): string => (status === 'skipped' ? 'skipped' : 'for-sending');

/** 10:00 in Tokyo on a calendar date (01:00 UTC). */
const tokyoMorning = (date: string): Date => new Date(`${date}T01:00:00Z`);
/** Saturday 23:00 in Tokyo: outside every tenant's sending window, no sweep writes anything. */
const quietNight = '2030-06-22T14:00:00Z';

describe('reminders and escalation', () => {
  const queues = ownQueuePrefix('reminders');
  const clock = new FakeClock(tokyoMorning('2030-06-04'));
  let scratch: ScratchDatabase;
  let db: DataSource;
  let worker: INestApplicationContext;
  let sweep: ReminderSweepService;
  let smtp: SmtpSink;

  beforeAll(async () => {
    scratch = await createScratchDatabase('reminders');
    db = await new DataSource(dataSourceOptions(scratch.url, { poolSize: 3 })).initialize();
    smtp = await startSmtpSink();
    worker = await startWorkerWithClock(
      {
        DATABASE_URL: scratch.url,
        QUEUE_PREFIX: queues.prefix,
        OUTBOX_POLL_INTERVAL_MS: '50',
        REMINDER_SWEEP_INTERVAL_MS: '1000',
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

  const mailsOf = async (organizationId: string) =>
    (
      (await db.query(
        `SELECT m.message_key AS key, m.kind, m.status, m.to_email AS "to",
                (SELECT count(*)::int FROM outbox o
                  WHERE o.job_id = 'mail.' || replace(m.message_key, ':', '.')) AS outbox
           FROM mail_messages m WHERE m.organization_id = $1 ORDER BY m.created_at, m.message_key`,
        [organizationId],
      )) as { key: string; kind: string; status: string; to: string; outbox: number }[]
    ).map((m) => `${m.key} ${m.kind} ${held(m.status)} ${m.to} outbox=${m.outbox}`);

  it('walks a campaign from T-7 to overdue+6: one reminder per step, one digest, none after submit', async () => {
    // Due Friday 2030-06-14, launched ten days before; every walked day is a weekday.
    const tenant = await createWorkerTenant(db, 'remind');
    const campaignId = await createCampaign(db, tenant, {
      dueDate: '2030-06-14',
      launchedAt: tokyoMorning('2030-06-04'),
    });
    const [late] = await seedAssessments(db, { tenant, campaignId, count: 1 });
    const [bounced] = await seedAssessments(db, {
      tenant,
      campaignId,
      count: 1,
      undeliverable: true,
    });
    const [punctual] = await seedAssessments(db, { tenant, campaignId, count: 1 });
    const expected: string[] = [];
    const step = (a: { id: string; contactEmail: string }, name: string, status = 'for-sending') =>
      `remind:${a.id}:${name} reminder ${status} ${a.contactEmail} outbox=${status === 'skipped' ? 0 : 1}`;

    const walk = async (date: string, added: string[]) => {
      clock.set(tokyoMorning(date));
      await sweep.run();
      expected.push(...added);
      expect(new Set(await mailsOf(tenant.organizationId))).toEqual(new Set(expected));
    };

    const received = () =>
      smtp.messages
        .flatMap((m) => (Array.isArray(m.to) ? m.to : m.to ? [m.to] : []))
        .flatMap((to) => to.value.map((v) => v.address));
    const count = (email: string) => received().filter((to) => to === email).length;

    await walk('2030-06-06', []); // T-8: nothing yet
    const all = (name: string, who = [late, punctual]) => [
      ...who.map((a) => step(a, name)),
      step(bounced, name, 'skipped'),
    ];
    await walk('2030-06-07', all('before-7'));
    await walk('2030-06-11', all('before-3'));
    // The punctual supplier submits once its two reminders have arrived; its reminders stop at
    // once (a reminder still queued at submission would be skipped, not sent).
    await waitUntil(async () => count(punctual.contactEmail) >= 2, {
      timeoutMs: 20_000,
      what: 'the punctual supplier receiving its first two reminders',
    });
    await db.query(
      `UPDATE assessments SET status = 'submitted', submission_count = 1 WHERE id = $1`,
      [punctual.id],
    );
    await walk('2030-06-13', all('before-1', [late]));
    await walk('2030-06-14', []); // due day: nothing
    await walk('2030-06-17', all('overdue-1', [late]));
    const digest = `escalate:${tenant.ownerId}:2030-06-20 escalation for-sending ${tenant.ownerEmail} outbox=1`;
    await walk('2030-06-20', [...all('overdue-2', [late]), digest]);
    // A second sweep the same day, and the day after: nothing new (each step sends once).
    await walk('2030-06-20', []);
    await walk('2030-06-21', []);

    const [row] = await db.query(
      `SELECT last_error, campaign_id, user_id FROM mail_messages WHERE message_key = $1`,
      [`remind:${bounced.id}:before-7`],
    );
    expect(row.last_error).toContain('undeliverable');

    // What the suppliers received over SMTP: five reminders for the late one, two for the one
    // who submitted after T-3, none for the undeliverable address.
    await waitUntil(async () => count(late.contactEmail) + count(punctual.contactEmail) >= 7, {
      timeoutMs: 20_000,
      what: 'the reminder mails over SMTP',
    });
    expect(count(late.contactEmail)).toBe(5);
    expect(count(punctual.contactEmail)).toBe(2);
    expect(count(bounced.contactEmail)).toBe(0);
  });

  it('neither reminds nor escalates an assessment reopened after the due date; a silent supplier still gets both', async () => {
    // Due Friday 2030-06-14; one supplier answered on time and is reopened 66 days after the due
    // date (Monday 2030-08-19), the other never answered. The scheduled sweep runs meanwhile:
    // a Saturday night keeps it from writing anything while the test sets up.
    clock.set(quietNight);
    const tenant = await createWorkerTenant(db, 'reopen');
    const campaignId = await createCampaign(db, tenant, {
      dueDate: '2030-06-14',
      launchedAt: tokyoMorning('2030-06-04'),
    });
    const [silent] = await seedAssessments(db, { tenant, campaignId, count: 1 });
    const [answered] = await seedAssessments(db, { tenant, campaignId, count: 1 });
    // A tenant whose only open assessment is a reopened one: no mail at all, not even a digest.
    const alone = await createWorkerTenant(db, 'reopen-alone');
    const aloneCampaignId = await createCampaign(db, alone, {
      dueDate: '2030-06-14',
      launchedAt: tokyoMorning('2030-06-04'),
    });
    const [aloneAnswered] = await seedAssessments(db, {
      tenant: alone,
      campaignId: aloneCampaignId,
      count: 1,
    });
    const reopen = (id: string) =>
      db.query(
        `UPDATE assessments SET status = 'in_progress', submission_count = 1,
                submitted_at = '2030-06-10T01:00:00Z', reopen_message = '指示7の証跡を添付してください。'
          WHERE id = $1`,
        [id],
      );
    await reopen(answered.id);
    await reopen(aloneAnswered.id);

    clock.set(tokyoMorning('2030-08-19'));
    await sweep.run();
    await sweep.run(); // a second sweep the same day changes nothing
    const digest = `escalate:${tenant.ownerId}:2030-08-19 escalation for-sending ${tenant.ownerEmail} outbox=1`;
    expect(new Set(await mailsOf(tenant.organizationId))).toEqual(
      new Set([
        `remind:${silent.id}:overdue-22 reminder for-sending ${silent.contactEmail} outbox=1`,
        digest,
      ]),
    );
    expect(await mailsOf(alone.organizationId)).toEqual([]);

    // The owner's digest lists the silent supplier only.
    const names = new Map<string, string>(
      (
        await db.query<{ id: string; name: string }[]>(
          `SELECT a.id, s.name FROM assessments a JOIN suppliers s ON s.id = a.supplier_id
            WHERE a.id = ANY($1::uuid[])`,
          [[silent.id, answered.id]],
        )
      ).map((row) => [row.id, row.name]),
    );
    const toOwner = () =>
      smtp.messages.find((m) =>
        [m.to ?? []].flat().some((to) => to.value.some((v) => v.address === tenant.ownerEmail)),
      );
    await waitUntil(async () => Boolean(toOwner()), {
      timeoutMs: 20_000,
      what: 'the escalation digest over SMTP',
    });
    const sent = toOwner()!;
    expect(sent.subject).toContain('【要対応】未回答のサプライヤー 1社');
    expect(sent.text).toContain(`${names.get(silent.id)}(期限超過 66日)`);
    expect(sent.text).not.toContain(names.get(answered.id));

    // The reopen mail itself (as the reopen writes it) names no due date 66 days past.
    const [reopenMail] = await db.query<{ id: string; message_key: string }[]>(
      `INSERT INTO mail_messages (organization_id, message_key, kind, to_email, to_name, locale,
              contact_id, campaign_id, assessment_id)
       SELECT a.organization_id, 'reopen:' || a.id || ':1', 'reopened', ct.email, ct.name, 'ja',
              ct.id, a.campaign_id, a.id
         FROM assessments a
         JOIN supplier_contacts ct ON ct.supplier_id = a.supplier_id AND ct.is_primary
        WHERE a.id = $1
       RETURNING id, message_key`,
      [answered.id],
    );
    await db.query(
      `INSERT INTO outbox (organization_id, queue, job_name, job_id, payload)
       VALUES ($1::uuid, 'mail', 'send-mail', $2,
               jsonb_build_object('organizationId', $1::text, 'mailMessageId', $3::text))`,
      [tenant.organizationId, JobIds.sendMail(reopenMail.message_key), reopenMail.id],
    );
    const toAnswered = () =>
      smtp.messages.find((m) =>
        [m.to ?? []].flat().some((to) => to.value.some((v) => v.address === answered.contactEmail)),
      );
    await waitUntil(async () => Boolean(toAnswered()), {
      timeoutMs: 20_000,
      what: 'the reopen mail over SMTP',
    });
    const reopenText = toAnswered()!.text ?? '';
    expect(toAnswered()!.subject).toContain('【確認のお願い】ご回答内容について');
    expect(reopenText).toContain('指示7の証跡を添付してください。');
    expect(reopenText).toContain('以下のリンクから回答を修正し、再度提出してください。');
    expect(reopenText).not.toMatch(/期限|2030年6月14日/);
    // Only the reopen mail reached the reopened supplier, no reminder.
    expect(
      smtp.messages.filter((m) =>
        [m.to ?? []].flat().some((to) => to.value.some((v) => v.address === answered.contactEmail)),
      ),
    ).toHaveLength(1);
    clock.set(quietNight);
  });

  it('sends a deactivated owner’s escalation digest to the organization’s admin', async () => {
    const tenant = await createWorkerTenant(db, 'remind-off');
    const [admin] = await db.query<{ email: string }[]>(
      `INSERT INTO users (organization_id, email, display_name, role, password_hash)
       VALUES ($1, $2, '管理 花子', 'admin', 'not-a-login') RETURNING email`,
      [tenant.organizationId, `admin-${tenant.ownerId.slice(0, 8)}@remind-off.example`],
    );
    await db.query('UPDATE users SET deactivated_at = now() WHERE id = $1', [tenant.ownerId]);
    const campaignId = await createCampaign(db, tenant, {
      dueDate: '2030-06-14',
      launchedAt: tokyoMorning('2030-06-04'),
    });
    await seedAssessments(db, { tenant, campaignId, count: 1 });
    for (const date of ['2030-06-17', '2030-06-20']) {
      clock.set(tokyoMorning(date));
      await sweep.run();
    }
    const digests = await db.query(
      `SELECT to_email, user_id FROM mail_messages WHERE organization_id = $1 AND kind = 'escalation'`,
      [tenant.organizationId],
    );
    expect(digests).toEqual([{ to_email: admin.email, user_id: tenant.ownerId }]);
  });

  it('holds reminders back outside 09:00-18:00 Tokyo on weekdays and then sends only the latest step', async () => {
    const tenant = await createWorkerTenant(db, 'quiet');
    // Due Tuesday 2030-06-25; launched three weeks before, so every step is due by Monday.
    const campaignId = await createCampaign(db, tenant, {
      dueDate: '2030-06-25',
      launchedAt: tokyoMorning('2030-06-03'),
    });
    const [open] = await seedAssessments(db, { tenant, campaignId, count: 1 });
    clock.set('2030-06-22T03:00:00Z'); // Saturday 12:00 Tokyo
    await sweep.run();
    clock.set('2030-06-23T23:59:00Z'); // Monday 08:59 Tokyo
    await sweep.run();
    clock.set('2030-06-21T10:00:00Z'); // Friday 19:00 Tokyo
    await sweep.run();
    expect(await mailsOf(tenant.organizationId)).toEqual([]);

    clock.set('2030-06-24T00:00:00Z'); // Monday 09:00 Tokyo: before-7 and before-3 are stale
    await sweep.run();
    expect(await mailsOf(tenant.organizationId)).toEqual([
      `remind:${open.id}:before-1 reminder for-sending ${open.contactEmail} outbox=1`,
    ]);
  });

  it('runs the sweep from a BullMQ job scheduler, with no one calling it', async () => {
    const queue = worker.get<Queue>(getQueueToken('reminders'), { strict: false });
    await waitUntil(async () => (await queue.getJobSchedulers()).length > 0, {
      timeoutMs: 30_000,
      what: 'the reminder scheduler',
    });
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers).toEqual([
      expect.objectContaining({ key: 'reminder-sweep', name: 'sweep', every: 1000 }),
    ]);
    const tenant = await createWorkerTenant(db, 'sched');
    const campaignId = await createCampaign(db, tenant, {
      dueDate: '2030-07-05',
      launchedAt: tokyoMorning('2030-06-20'),
    });
    const [open] = await seedAssessments(db, { tenant, campaignId, count: 1 });
    clock.set(tokyoMorning('2030-07-02')); // Tuesday, T-3
    await waitUntil(async () => (await mailsOf(tenant.organizationId)).length > 0, {
      timeoutMs: 30_000,
      what: 'a scheduled sweep',
    });
    expect(await mailsOf(tenant.organizationId)).toEqual([
      `remind:${open.id}:before-3 reminder for-sending ${open.contactEmail} outbox=1`,
    ]);
  });
});
