import { INestApplicationContext } from '@nestjs/common';
import { AddressObject, ParsedMail } from 'mailparser';
import { Clock } from '@kakehashi/queue';
import { ReminderSweepService } from '../../apps/worker/src/reminders/reminder-sweep.service';
import { FakeClock, startWorkerWithClock } from '../support/faults/in-process-worker';
import { waitUntil } from '../support/faults/worker-process';
import { createCampaign, seedAssessments, WorkerTenant } from '../support/scoring-factory';
import { SmtpSink, startSmtpSink } from '../support/smtp-sink';
import { appOrigin, createTestTenant, loginToken, startApi, TestApi } from '../support/test-app';
import { isolatedEnvironment, IsolatedEnvironment } from '../support/test-worker';

jest.setTimeout(120_000);

/** A time in Tokyo on a calendar date (Japan is UTC+9 all year). */
const tokyo = (date: string, time = '10:00'): Date => new Date(`${date}T${time}:00+09:00`);
/** Saturday 23:00 in Tokyo: outside every sending window, a scheduled sweep writes nothing. */
const quietNight = tokyo('2030-06-22', '23:00');

const recipient = (mail: ParsedMail) => (mail.to as AddressObject).value[0].address!.toLowerCase();
const isReminder = (mail: ParsedMail) => /【リマインド】|【期限超過】/.test(mail.subject ?? '');

/**
 * 「今すぐ催促」 and the reminder schedule on the same Tokyo day: the supplier gets one reminder
 * that day. Real api and worker (its clock moved by hand, the api's remind use case reading the
 * same clock), database and SMTP.
 */
describe('a manual and a scheduled reminder on the same day', () => {
  const clock = new FakeClock(quietNight);
  let isolated: IsolatedEnvironment;
  let smtp: SmtpSink;
  let api: TestApi;
  let worker: INestApplicationContext;
  let sweep: ReminderSweepService;

  beforeAll(async () => {
    isolated = await isolatedEnvironment('sameday');
    smtp = await startSmtpSink();
    api = await startApi(isolated.env);
    jest.spyOn(api.app.get(Clock), 'now').mockImplementation(() => clock.now());
    worker = await startWorkerWithClock(
      {
        ...isolated.env,
        SMTP_URL: smtp.url,
        OUTBOX_POLL_INTERVAL_MS: '50',
        MAIL_RATE_PER_SECOND: '1000',
        REMINDER_SWEEP_INTERVAL_MS: '3600000',
      },
      clock,
    );
    sweep = worker.get(ReminderSweepService);
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await smtp?.close();
    await isolated?.drop();
  });

  /** A tenant whose procurement user owns a campaign due Friday 2030-06-14, launched 06-04. */
  async function setUp(label: string, count: number) {
    const tenant = await createTestTenant(api.dataSource, label);
    const owner: WorkerTenant = {
      organizationId: tenant.organizationId,
      ownerId: tenant.users.procurement.id,
      ownerEmail: tenant.users.procurement.email,
    };
    const campaignId = await createCampaign(api.dataSource, owner, {
      dueDate: '2030-06-14',
      launchedAt: tokyo('2030-06-04'),
    });
    const seeded = await seedAssessments(api.dataSource, { tenant: owner, campaignId, count });
    // Their invitations went out (a manual reminder waits for the invitation).
    await api.dataSource.query(
      `INSERT INTO mail_messages (organization_id, message_key, kind, status, to_email, locale,
              campaign_id, assessment_id, sent_at)
       SELECT $1, 'invite:' || x.id, 'invitation', 'sent', x.email, 'ja', $2, x.id, $3
         FROM unnest($4::uuid[], $5::text[]) AS x(id, email)`,
      [
        tenant.organizationId,
        campaignId,
        tokyo('2030-06-04'),
        seeded.map((a) => a.id),
        seeded.map((a) => a.contactEmail),
      ],
    );
    const bearer = await loginToken(api, tenant.users.procurement.email);
    const remind = (assessmentId: string) =>
      api
        .http()
        .post(`/api/v1/assessments/${assessmentId}/remind`)
        .set('authorization', `Bearer ${bearer}`);
    return { tenant, owner, campaignId, seeded, bearer, remind };
  }

  const remindersTo = (email: string) =>
    smtp.messages.filter((m) => recipient(m) === email.toLowerCase() && isReminder(m));
  const reminderRows = async (assessmentId: string) =>
    (
      await api.dataSource.query<{ key: string; status: string; last_error: string | null }[]>(
        `SELECT message_key AS key, status, last_error FROM mail_messages
          WHERE assessment_id = $1 AND kind = 'reminder' ORDER BY message_key`,
        [assessmentId],
      )
    ).map(
      (m) =>
        `${m.key.replace(assessmentId, 'A')} ${m.status}${m.last_error ? ` (${m.last_error})` : ''}`,
    );
  /** Every written mail has been through the mail processor (sent or failed, none queued). */
  const nothingQueued = async (organizationId: string) =>
    (
      await api.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM mail_messages WHERE organization_id = $1 AND status = 'queued'`,
        [organizationId],
      )
    )[0].n === 0;
  /**
   * The clock moved to `instant`, then a sweep (or a manual reminder), and everything it wrote
   * sent before the clock moves on (the mail is written as of the clock when it is sent).
   */
  const at = async (instant: Date, organizationId: string, act: () => Promise<unknown>) => {
    clock.set(instant);
    await act();
    await waitUntil(async () => nothingQueued(organizationId), {
      timeoutMs: 20_000,
      what: 'the mail written going out',
    });
  };

  it('does not mail a scheduled step the day a manual reminder went out, and keeps the later steps and the escalation', async () => {
    const { tenant, owner, seeded, remind } = await setUp('sameday-hand', 2);
    const [chased, control] = seeded;

    const org = tenant.organizationId;
    const sweepAt = (instant: Date) => at(instant, org, () => sweep.run());
    const remindAt = (instant: Date) =>
      at(instant, org, async () => {
        const manual = await remind(chased.id).expect(200);
        expect(manual.body.messageKey).toBe(
          `remind-now:${chased.id}:${instant.toISOString().slice(0, 10)}`,
        );
      });
    await sweepAt(tokyo('2030-06-07')); // T-7
    // T-3: procurement reminds the first supplier by hand at 09:30, before the 10:00 sweep.
    await remindAt(tokyo('2030-06-11', '09:30'));
    await sweepAt(tokyo('2030-06-11'));
    await sweepAt(tokyo('2030-06-13')); // T-1
    await sweepAt(tokyo('2030-06-17')); // overdue 1
    // Overdue 2, the escalation's day: reminded by hand again before the sweep.
    await remindAt(tokyo('2030-06-20', '09:30'));
    await sweepAt(tokyo('2030-06-20'));
    await sweepAt(tokyo('2030-06-20', '15:00')); // a later sweep the same day changes nothing

    // The covered steps are recorded, not mailed; every other step is as for the other supplier.
    const covered = 'skipped (covered by a manual reminder the same day)';
    expect(await reminderRows(chased.id)).toEqual([
      'remind-now:A:2030-06-11 sent',
      'remind-now:A:2030-06-20 sent',
      'remind:A:before-1 sent',
      `remind:A:before-3 ${covered}`,
      'remind:A:before-7 sent',
      'remind:A:overdue-1 sent',
      `remind:A:overdue-2 ${covered}`,
    ]);
    expect(await reminderRows(control.id)).toEqual([
      'remind:A:before-1 sent',
      'remind:A:before-3 sent',
      'remind:A:before-7 sent',
      'remind:A:overdue-1 sent',
      'remind:A:overdue-2 sent',
    ]);

    // What the suppliers received: five reminders each, one a day (the chased one's on the two
    // days it was reminded by hand being the manual ones).
    await waitUntil(
      async () =>
        remindersTo(chased.contactEmail).length >= 5 &&
        remindersTo(control.contactEmail).length >= 5,
      { timeoutMs: 20_000, what: 'the reminders over SMTP' },
    );
    expect(remindersTo(chased.contactEmail)).toHaveLength(5);
    expect(remindersTo(control.contactEmail)).toHaveLength(5);

    // The escalation is the policy's, on the same day: both suppliers are in the owner's digest.
    const digest = () => smtp.messages.find((m) => recipient(m) === owner.ownerEmail.toLowerCase());
    await waitUntil(async () => Boolean(digest()), {
      timeoutMs: 20_000,
      what: 'the escalation digest',
    });
    const names = await api.dataSource.query<{ name: string }[]>(
      `SELECT s.name FROM assessments a JOIN suppliers s ON s.id = a.supplier_id
        WHERE a.id = ANY($1::uuid[]) ORDER BY s.name`,
      [[chased.id, control.id]],
    );
    expect(digest()!.subject).toContain('未回答のサプライヤー 2社');
    for (const { name } of names) expect(digest()!.text).toContain(`${name}(期限超過 6日)`);
    expect(
      await api.dataSource.query(
        `SELECT message_key FROM mail_messages WHERE organization_id = $1 AND kind = 'escalation'`,
        [tenant.organizationId],
      ),
    ).toEqual([{ message_key: `escalate:${owner.ownerId}:2030-06-20` }]);
    clock.set(quietNight);
  });

  it('refuses a manual reminder after the scheduled one the same day, saying so, and allows it the next day', async () => {
    const { tenant, campaignId, seeded, bearer, remind } = await setUp('sameday-sched', 1);
    const [late] = seeded;
    // T-3: the scheduled reminder at 10:00.
    await at(tokyo('2030-06-11'), tenant.organizationId, () => sweep.run());
    await waitUntil(async () => remindersTo(late.contactEmail).length === 1, {
      timeoutMs: 20_000,
      what: 'the scheduled reminder over SMTP',
    });

    clock.set(tokyo('2030-06-11', '15:00'));
    const refused = await remind(late.id).expect(409);
    expect(refused.body).toMatchObject({
      reason: 'already_reminded_today',
      remindedBy: 'schedule',
      message: expect.stringContaining(
        'A scheduled reminder already went out to this supplier today',
      ),
      remindedAt: tokyo('2030-06-11').toISOString(),
    });
    // The campaign page shows the row as reminded today, with no button; a forged press says so.
    const cookie = `kk_session=${bearer}`;
    const shown = await api.http().get(`/console/campaigns/${campaignId}`).set('cookie', cookie);
    expect(shown.status).toBe(200);
    const row = shown.text.split('data-testid="assessment-row"')[1];
    expect(row).toContain('本日催促済み');
    expect(row).not.toContain('data-testid="assessment-remind"');
    const pressed = await api
      .http()
      .post(`/console/campaigns/${campaignId}/assessments/${late.id}/remind`)
      .set('cookie', cookie)
      .set('origin', appOrigin(api))
      .type('form')
      .send('')
      .expect(303);
    expect(pressed.headers.location).toContain('done=remindedAlready');
    const told = await api
      .http()
      .get(pressed.headers.location.replace(/#.*/, ''))
      .set('cookie', cookie)
      .expect(200);
    expect(told.text).toContain('このサプライヤーには本日すでに催促しています');
    expect(await reminderRows(late.id)).toEqual(['remind:A:before-3 sent']);

    // The next morning a manual reminder goes out.
    await at(tokyo('2030-06-12', '09:00'), tenant.organizationId, () =>
      remind(late.id).expect(200),
    );
    await waitUntil(async () => remindersTo(late.contactEmail).length === 2, {
      timeoutMs: 20_000,
      what: 'the next day’s manual reminder over SMTP',
    });
    expect(await reminderRows(late.id)).toEqual([
      'remind-now:A:2030-06-12 sent',
      'remind:A:before-3 sent',
    ]);
    clock.set(quietNight);
  });
});
