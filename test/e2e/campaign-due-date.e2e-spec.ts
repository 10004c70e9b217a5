import { INestApplicationContext } from '@nestjs/common';
import { AddressObject, ParsedMail } from 'mailparser';
import { Environment } from '@kakehashi/config';
import { formatDueDate, tokyoToday } from '@kakehashi/mail';
import { ReminderSweepService } from '../../apps/worker/src/reminders/reminder-sweep.service';
import { FakeClock, startWorkerWithClock } from '../support/faults/in-process-worker';
import { waitUntil } from '../support/faults/worker-process';
import { pressStart, submitAnswers } from '../support/questionnaire-session';
import { createCampaign, seedAssessments, WorkerTenant } from '../support/scoring-factory';
import { startSmtpSink, SmtpSink } from '../support/smtp-sink';
import { createTestTenant, loginToken, startApi, TestApi, TestTenant } from '../support/test-app';
import { isolatedEnvironment, IsolatedEnvironment } from '../support/test-worker';

jest.setTimeout(120_000);

const recipient = (mail: ParsedMail) => (mail.to as AddressObject).value[0].address!.toLowerCase();
const tokenIn = (mail: ParsedMail) => /\/q\/([A-Za-z0-9_-]{20,100})/.exec(mail.text ?? '')![1];
const isNotice = (mail: ParsedMail) =>
  /回答期限変更のお知らせ|Due date changed/.test(mail.subject ?? '');

/** 10:00 in Tokyo on a calendar date (01:00 UTC). */
const tokyoMorning = (date: string): Date => new Date(`${date}T01:00:00Z`);

function inDays(days: number): string {
  const today = new Date(`${tokyoToday()}T00:00:00Z`);
  return new Date(today.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The walk's calendar: day(0) is the first due date, 100 days from today (a due date is at most
 * a year ahead); the worker's clock is moved along it by the test.
 */
const day = (n: number): string => inDays(100 + n);

/** The latest due date accepted: the same day next year in Tokyo (29 Feb: 28 Feb). */
function yearAhead(): string {
  const [year, month, date] = tokyoToday().split('-');
  return `${Number(year) + 1}-${month}-${month === '02' && date === '29' ? '28' : date}`;
}
const dayAfter = (date: string): string =>
  new Date(new Date(`${date}T00:00:00Z`).getTime() + 86_400_000).toISOString().slice(0, 10);

/**
 * Procurement moves a campaign's due date (PATCH /api/v1/campaigns/:id dueDate): every supplier
 * still answering is told once, in their language, with their link; the reminders start over
 * from the new date. Real api, worker (its clock moved by the test), database and SMTP.
 */
describe('changing a campaign’s due date', () => {
  const clock = new FakeClock(tokyoMorning(day(-10)));
  let isolated: IsolatedEnvironment;
  let sink: SmtpSink;
  let api: TestApi;
  let worker: INestApplicationContext;
  let tenant: TestTenant;
  let procurement: string;

  beforeAll(async () => {
    isolated = await isolatedEnvironment('due-date');
    sink = await startSmtpSink({
      respond: ({ to }) =>
        to[0].startsWith('gone-') ? { code: 550, message: 'No such user here' } : null,
    });
    api = await startApi({ ...isolated.env, LOGIN_ATTEMPTS_PER_MINUTE_PER_IP: '1000' });
    worker = await startWorkerWithClock(
      {
        ...isolated.env,
        SMTP_URL: sink.url,
        OUTBOX_POLL_INTERVAL_MS: '50',
        MAIL_RATE_PER_SECOND: '1000',
        // The test runs each sweep itself, at the instants it sets on the clock.
        REMINDER_SWEEP_INTERVAL_MS: '3600000',
      },
      clock,
    );
    tenant = await createTestTenant(api.dataSource, 'due-date');
    procurement = await loginToken(api, tenant.users.procurement.email);
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await sink?.close();
    await isolated?.drop();
  });

  const call = (
    method: 'get' | 'post' | 'patch',
    path: string,
    body?: object,
    token = procurement,
  ) => api.http()[method](`/api/v1${path}`).set('authorization', `Bearer ${token}`).send(body);
  const mailTo = (email: string) => sink.messages.filter((m) => recipient(m) === email);
  const noticesTo = (email: string) => mailTo(email).filter(isNotice);
  const mailQueueDrained = async () => {
    const [row] = await api.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM outbox WHERE queue = 'mail' AND done_at IS NULL`,
    );
    return row.n === 0;
  };

  async function supplier(
    label: string,
    language: 'ja' | 'en',
  ): Promise<{ id: string; email: string }> {
    const email = `${label}-${Math.random().toString(36).slice(2, 8)}@supplier.example`;
    const created = await call('post', '/suppliers', {
      name: `期限変更 ${label} 株式会社`,
      contacts: [{ name: `担当 ${label}`, email, language }],
    }).expect(201);
    return { id: (created.body as { id: string }).id, email };
  }

  it('mails each supplier still answering one notice with the new date and their link; a repeated date mails nothing', async () => {
    const ja = await supplier('ja', 'ja');
    const en = await supplier('en', 'en');
    const opened = await supplier('opened', 'ja');
    const done = await supplier('done', 'ja');
    const gone = await supplier('gone', 'ja');
    const all = [ja, en, opened, done, gone];
    const created = await call('post', '/campaigns', {
      name: '2030年度 期限変更テスト',
      catalogVersion: 'meti-v3.0+sa-3.1',
      supplierIds: all.map((s) => s.id),
      dueDate: day(0),
    }).expect(201);
    const campaignId = (created.body as { id: string }).id;
    await call('post', `/campaigns/${campaignId}/launch`).expect(200);
    await waitUntil(async () => [ja, en, opened, done].every((s) => mailTo(s.email).length === 1), {
      timeoutMs: 30_000,
      what: 'the invitations',
    });
    await waitUntil(
      async () =>
        (
          await api.dataSource.query(
            `SELECT 1 FROM supplier_contacts WHERE email = $1 AND undeliverable_at IS NOT NULL`,
            [gone.email],
          )
        ).length === 1,
      { timeoutMs: 30_000, what: 'the bounced invitation' },
    );
    await pressStart(api, tokenIn(mailTo(opened.email)[0]));
    await submitAnswers(api, { token: tokenIn(mailTo(done.email)[0]) });

    const changed = await call('patch', `/campaigns/${campaignId}`, { dueDate: day(14) });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      id: campaignId,
      status: 'launched',
      dueDate: day(14),
    });
    await waitUntil(async () => [ja, en, opened].every((s) => noticesTo(s.email).length === 1), {
      timeoutMs: 30_000,
      what: 'the due date change notices',
    });

    // In the contact's language, with the new date formatted as in the invitation.
    const [jaNotice] = noticesTo(ja.email);
    expect(jaNotice.subject).toContain('回答期限変更のお知らせ');
    expect(jaNotice.text).toContain(`変更後の回答期限: ${formatDueDate(day(14), 'ja')}`);
    expect(mailTo(ja.email)[0].text).toContain(`回答期限: ${formatDueDate(day(0), 'ja')}`);
    const [enNotice] = noticesTo(en.email);
    expect(enNotice.subject).toContain('Due date changed');
    expect(enNotice.text).toContain(`New due date: ${formatDueDate(day(14), 'en')}`);
    expect(noticesTo(opened.email)).toHaveLength(1);

    // The notice's link opens the questionnaire, which shows the new date.
    const start = await api
      .http()
      .get(`/q/${tokenIn(jaNotice)}`)
      .expect(200);
    expect(start.text).toContain(formatDueDate(day(14), 'ja'));
    // So does the link of the invitation the supplier already had.
    const invitationLink = await api
      .http()
      .get(`/q/${tokenIn(mailTo(en.email)[0])}`)
      .expect(200);
    expect(invitationLink.text).toContain(formatDueDate(day(14), 'en'));

    // The same date again: nothing changes, nobody is mailed. A double click on another date:
    // one more notice each.
    await call('patch', `/campaigns/${campaignId}`, { dueDate: day(14) }).expect(200);
    const twice = await Promise.all([
      call('patch', `/campaigns/${campaignId}`, { dueDate: day(21) }),
      call('patch', `/campaigns/${campaignId}`, { dueDate: day(21) }),
    ]);
    expect(twice.map((r) => r.status)).toEqual([200, 200]);
    await waitUntil(async () => [ja, en, opened].every((s) => noticesTo(s.email).length >= 2), {
      timeoutMs: 30_000,
      what: 'the second change notices',
    });
    await waitUntil(mailQueueDrained, { timeoutMs: 30_000, what: 'the mail queue to drain' });
    for (const s of [ja, en, opened]) expect(noticesTo(s.email)).toHaveLength(2);
    expect(noticesTo(ja.email)[1].text).toContain(formatDueDate(day(21), 'ja'));
    expect(noticesTo(done.email)).toEqual([]);
    expect(mailTo(gone.email)).toEqual([]);

    const rows = await api.dataSource.query<
      { message_key: string; status: string; to_email: string }[]
    >(
      `SELECT message_key, status, to_email FROM mail_messages
        WHERE campaign_id = $1 AND kind = 'due_date_changed' ORDER BY to_email, message_key`,
      [campaignId],
    );
    expect(
      rows.map(
        (r) => `${r.to_email} ${r.message_key.replace(/:[0-9a-f-]{36}:/, ':<id>:')} ${r.status}`,
      ),
    ).toEqual(
      [en, gone, ja, opened]
        .map((s) => s.email)
        .sort()
        .flatMap((email) =>
          [1, 2].map(
            (n) => `${email} due-date:<id>:${n} ${email.startsWith('gone-') ? 'skipped' : 'sent'}`,
          ),
        ),
    );
    const events = await api.dataSource.query<{ details: object }[]>(
      `SELECT details FROM audit_events WHERE action = 'campaign.updated' AND target_id = $1
        ORDER BY id`,
      [campaignId],
    );
    expect(events.map((e) => e.details)).toEqual([
      { changes: { dueDate: { from: day(0), to: day(14) } }, notified: 3 },
      { changes: { dueDate: { from: day(14), to: day(21) } }, notified: 3 },
    ]);
    expect((await call('get', `/campaigns/${campaignId}`).expect(200)).body.dueDate).toBe(day(21));
  });

  it('refuses a due date that is not a real date, is past (Tokyo) or is more than a year ahead, naming dueDate; a draft mails nobody; a closed campaign is 409', async () => {
    const s = await supplier('draft', 'ja');
    const created = await call('post', '/campaigns', {
      name: '期限変更 下書き',
      catalogVersion: 'meti-v3.0+sa-3.1',
      supplierIds: [s.id],
      dueDate: inDays(10),
    }).expect(201);
    const id = (created.body as { id: string }).id;
    for (const dueDate of ['2030-02-30', inDays(-1), '2030/06/30', 'soon', null, 20300630]) {
      const refused = await call('patch', `/campaigns/${id}`, { dueDate });
      expect({ dueDate, status: refused.status }).toEqual({ dueDate, status: 400 });
      expect(JSON.stringify(refused.body.message)).toContain('dueDate');
    }
    // Links would live as long as the campaign runs: a due date is at most a year ahead, on
    // creation as on a change.
    for (const dueDate of [dayAfter(yearAhead()), '2099-12-31']) {
      const refused = await call('patch', `/campaigns/${id}`, { dueDate }).expect(400);
      expect(refused.body).toMatchObject({
        field: 'dueDate',
        message: `dueDate must be at most one year ahead (${yearAhead()} or earlier, Asia/Tokyo)`,
      });
      const farDraft = await call('post', '/campaigns', {
        name: '期限が先すぎる',
        catalogVersion: 'meti-v3.0+sa-3.1',
        supplierIds: [s.id],
        dueDate,
      }).expect(400);
      expect(farDraft.body).toMatchObject({ field: 'dueDate', max: yearAhead() });
    }
    await call('patch', `/campaigns/${id}`, { dueDate: yearAhead() }).expect(200);
    const today = await call('patch', `/campaigns/${id}`, { dueDate: inDays(0) }).expect(200);
    expect(today.body).toMatchObject({ status: 'draft', dueDate: inDays(0) });
    const [draft] = await api.dataSource.query(
      `SELECT due_date_revision AS revision,
              (SELECT count(*)::int FROM mail_messages m WHERE m.campaign_id = c.id) AS mails
         FROM campaigns c WHERE id = $1`,
      [id],
    );
    expect(draft).toEqual({ revision: 0, mails: 0 });

    await call('post', `/campaigns/${id}/close`).expect(200);
    await call('patch', `/campaigns/${id}`, { dueDate: inDays(20) }).expect(409);
    expect((await call('get', `/campaigns/${id}`).expect(200)).body.dueDate).toBe(inDays(0));
  });

  it('lets procurement change the due date from the campaign page, in words, and tells the suppliers', async () => {
    const s = await supplier('console', 'ja');
    const created = await call('post', '/campaigns', {
      name: '画面から期限変更',
      catalogVersion: 'meti-v3.0+sa-3.1',
      supplierIds: [s.id],
      dueDate: day(0),
    }).expect(201);
    const id = (created.body as { id: string }).id;
    await call('post', `/campaigns/${id}/launch`).expect(200);
    await waitUntil(async () => mailTo(s.email).length === 1, {
      timeoutMs: 30_000,
      what: 'the invitation',
    });
    const origin = new URL(api.app.get(Environment).APP_URL).origin;
    const cookie = (role: 'procurement' | 'auditor') =>
      loginToken(api, tenant.users[role].email).then((t) => `kk_session=${t}`);
    const procurementCookie = await cookie('procurement');
    const page = (who: string, query = '') =>
      api.http().get(`/console/campaigns/${id}${query}`).set('cookie', who).expect(200);
    // As the form sends it: the date, the stated number of suppliers told, and the tick.
    const post = (
      dueDate: string,
      who = procurementCookie,
      confirm: Record<string, string> = { notified: '1', confirm: 'yes' },
    ) =>
      api
        .http()
        .post(`/console/campaigns/${id}/due-date`)
        .set('cookie', who)
        .set('origin', origin)
        .type('form')
        .send(new URLSearchParams({ dueDate, ...confirm }).toString());
    const action = `action="/console/campaigns/${id}/due-date"`;

    // Only procurement and admins get the form, with the current date; readers see the date.
    const read = await page(await cookie('auditor'));
    // The due date in words, as on the other pages (not 2030-06-14).
    expect(read.text).toContain(
      `回答期限: <span data-testid="campaign-due-date">${formatDueDate(day(0), 'ja')}</span>`,
    );
    expect(read.text).not.toContain(action);
    const form = await page(procurementCookie);
    expect(form.text).toContain(action);
    expect(form.text).toMatch(/<label for="campaign-due-date-input">新しい回答期限<\/label>/);
    expect(form.text).toMatch(
      new RegExp(
        `<input type="date" id="campaign-due-date-input" name="dueDate" value="${day(0)}" min="${inDays(0)}" max="${yearAhead()}"[^>]*aria-describedby="due-date-help"`,
      ),
    );
    // Moving the date mails the suppliers still answering: the form says how many and needs a tick.
    expect(form.text).toContain(
      '<p id="due-date-notify" data-testid="campaign-due-date-notify">回答中の 1 社に新しい期限をメールでお知らせします。</p>',
    );
    expect(form.text).toContain('<input type="hidden" name="notified" value="1">');
    expect(form.text).toMatch(
      /<input type="checkbox" name="confirm" value="yes" required[^>]*data-testid="campaign-due-date-confirm"/,
    );
    const english = await page(`${procurementCookie}; kk_lang=en`);
    expect(english.text).toContain(
      'The 1 suppliers still answering will be mailed the new due date.',
    );
    expect(english.text).toContain(
      `Due date: <span data-testid="campaign-due-date">${formatDueDate(day(0), 'en')}</span>`,
    );

    // Refusals in the page's words, the typed date kept and marked; nothing changes.
    const past = await post(inDays(-1)).expect(400);
    expect(past.text).toContain('「回答期限」には今日以降の日付を指定してください（日本時間）。');
    expect(past.text).toMatch(new RegExp(`value="${inDays(-1)}"[^>]*aria-invalid="true"`));
    expect(past.text).toContain(
      '<details class="campaign-action" open data-testid="campaign-due-date-change">',
    );
    const invalid = await post('2030-02-30').expect(400);
    expect(invalid.text).toContain('「回答期限」は日付（YYYY-MM-DD）で入力してください。');
    const blank = await post('', `${procurementCookie}; kk_lang=en`).expect(400);
    expect(blank.text).toContain('Enter the due date.');
    // No tick, or a tick stating another number than the page showed: nothing changes.
    const unticked = await post(day(14), procurementCookie, { notified: '1' }).expect(400);
    expect(unticked.text).toContain(
      '回答期限を変更するには、お知らせメールの確認のチェックを入れてから「変更」を押してください。',
    );
    const stale = await post(day(14), procurementCookie, { notified: '4', confirm: 'yes' }).expect(
      400,
    );
    expect(stale.text).toContain(
      '確認の後にお知らせする相手の数が変わりました（現在 1 社）。もう一度確認してください。',
    );
    // At most a year ahead.
    const far = await post(dayAfter(yearAhead())).expect(400);
    expect(far.text).toContain(
      `「回答期限」は 1 年先まで（${formatDueDate(yearAhead(), 'ja')}まで）の日付を指定してください。`,
    );
    const farEn = await post('2099-12-31', `${procurementCookie}; kk_lang=en`).expect(400);
    expect(farEn.text).toContain(
      `The due date must be at most one year ahead (${formatDueDate(yearAhead(), 'en')} or earlier).`,
    );
    await post(day(14), await cookie('auditor')).expect(403);
    await post(day(14), procurementCookie).set('origin', 'https://evil.example').expect(403);
    expect((await call('get', `/campaigns/${id}`).expect(200)).body.dueDate).toBe(day(0));

    const moved = await post(day(14)).expect(303);
    expect(moved.headers.location).toBe(`/console/campaigns/${id}?done=dueDateAnnounced`);
    const after = await page(procurementCookie, '?done=dueDateAnnounced');
    expect(after.text).toContain(formatDueDate(day(14), 'ja'));
    expect(after.text).toContain(
      '回答期限を変更しました。回答がまだのサプライヤーに変更のお知らせを順次送信します。',
    );
    await waitUntil(async () => noticesTo(s.email).length === 1, {
      timeoutMs: 30_000,
      what: 'the change notice',
    });
    expect(noticesTo(s.email)[0].text).toContain(formatDueDate(day(14), 'ja'));
    // The same date again: back to the page, no notice, nobody mailed.
    const again = await post(day(14)).expect(303);
    expect(again.headers.location).toBe(`/console/campaigns/${id}`);

    await call('post', `/campaigns/${id}/close`).expect(200);
    expect((await page(procurementCookie)).text).not.toContain(action);
    const closed = await post(day(21)).expect(409);
    expect(closed.text).toContain('このキャンペーンはすでに終了しています。');
    await waitUntil(mailQueueDrained, { timeoutMs: 30_000, what: 'the mail queue to drain' });
    expect(noticesTo(s.email)).toHaveLength(1);
  });

  describe('reminders under the new date', () => {
    // A tenant of its own: the first tests' campaign would get reminders as the clock moves.
    let walker: TestTenant;
    let walkerToken: string;
    beforeAll(async () => {
      walker = await createTestTenant(api.dataSource, 'due-date-walk');
      walkerToken = await loginToken(api, walker.users.procurement.email);
      // The walk's days are counted from today (a due date is at most a year ahead), so they
      // fall on any day of the week: reminders go out every day for this tenant.
      await api.dataSource.query(
        `UPDATE organizations SET settings = jsonb_set(settings, '{quietHours}', $2::jsonb)
          WHERE id = $1`,
        [walker.organizationId, JSON.stringify({ startHour: 9, endHour: 18, weekdaysOnly: false })],
      );
    });
    const moveDueDate = async (campaignId: string, dueDate: string) => {
      await call('patch', `/campaigns/${campaignId}`, { dueDate }, walkerToken).expect(200);
      // The api ran on the real clock: the change happened when the test's clock says.
      await api.dataSource.query(`UPDATE campaigns SET due_date_changed_at = $2 WHERE id = $1`, [
        campaignId,
        clock.now(),
      ]);
    };
    const sweepAt = async (date: string) => {
      clock.set(tokyoMorning(date));
      await worker.get(ReminderSweepService).run();
    };
    const reminderKeys = async (organizationId: string) =>
      (
        await api.dataSource.query<{ key: string }[]>(
          `SELECT message_key AS key FROM mail_messages
            WHERE organization_id = $1 AND kind IN ('reminder', 'escalation')
            ORDER BY created_at, kind DESC, message_key`,
          [organizationId],
        )
      ).map((row) => row.key);

    it('sends T-3 again before the new date, none of the old date’s overdue steps, and escalates from the new date', async () => {
      const owner: WorkerTenant = {
        organizationId: walker.organizationId,
        ownerId: walker.users.procurement.id,
        ownerEmail: walker.users.procurement.email,
      };
      // Due day(0), launched ten days before (as in the reminder walk).
      const campaignId = await createCampaign(api.dataSource, owner, {
        dueDate: day(0),
        launchedAt: tokyoMorning(day(-10)),
      });
      const [late] = await seedAssessments(api.dataSource, { tenant: owner, campaignId, count: 1 });
      const key = (step: string) => `remind:${late.id}:${step}`;
      const expected: string[] = [];
      const walk = async (date: string, added: string[]) => {
        await sweepAt(date);
        expected.push(...added);
        expect(await reminderKeys(walker.organizationId)).toEqual(expected);
      };
      await walk(day(-7), [key('before-7')]);
      await walk(day(-3), [key('before-3')]);
      await waitUntil(async () => mailTo(late.contactEmail).length === 2, {
        timeoutMs: 30_000,
        what: 'the reminders of the old date',
      });

      // Two days before, the date moves two weeks on.
      clock.set(tokyoMorning(day(-2)));
      await moveDueDate(campaignId, day(14));
      await walk(day(-2), []);
      await walk(day(-1), []); // the old T-1
      await walk(day(3), []); // the old overdue-1
      await walk(day(6), []); // the old overdue-2 and escalation
      await walk(day(7), [`remind:${late.id}:r1:before-7`]);
      await walk(day(11), [`remind:${late.id}:r1:before-3`]);
      await walk(day(11), []); // a second sweep the same day sends nothing more
      await walk(day(13), [`remind:${late.id}:r1:before-1`]);
      await walk(day(14), []);
      await walk(day(17), [`remind:${late.id}:r1:overdue-1`]);
      await walk(day(20), [
        `remind:${late.id}:r1:overdue-2`,
        `escalate:${walker.users.procurement.id}:${day(20)}`,
      ]);
      await walk(day(20), []); // still one digest for the owner that day

      // What the supplier received: two reminders of the old date (sent before the change), then
      // five of the new one. (The mail processor words days left by the real clock, not the test's.)
      await waitUntil(async () => mailTo(late.contactEmail).length >= 7, {
        timeoutMs: 30_000,
        what: 'the reminder mails',
      });
      await waitUntil(mailQueueDrained, { timeoutMs: 30_000, what: 'the mail queue to drain' });
      const dated = (date: string) =>
        mailTo(late.contactEmail).filter((m) => m.text?.includes(formatDueDate(date, 'ja')));
      expect(mailTo(late.contactEmail)).toHaveLength(7);
      expect(dated(day(0))).toHaveLength(2);
      expect(dated(day(14))).toHaveLength(5);
    });

    it('leaves the steps already due on the day of the change to the change notice', async () => {
      const owner: WorkerTenant = {
        organizationId: walker.organizationId,
        ownerId: walker.users.admin.id,
        ownerEmail: walker.users.admin.email,
      };
      const campaignId = await createCampaign(api.dataSource, owner, {
        dueDate: day(0),
        launchedAt: tokyoMorning(day(-10)),
      });
      const [open] = await seedAssessments(api.dataSource, { tenant: owner, campaignId, count: 1 });
      await sweepAt(day(-7));
      // Moved two days before to three days after: its T-7 is already past that day.
      clock.set(tokyoMorning(day(-2)));
      await moveDueDate(campaignId, day(3));
      const keys = async () =>
        (
          await api.dataSource.query<{ key: string }[]>(
            `SELECT message_key AS key FROM mail_messages WHERE assessment_id = $1
              ORDER BY created_at`,
            [open.id],
          )
        ).map((row) => row.key);
      await sweepAt(day(-2));
      await sweepAt(day(-1));
      expect(await keys()).toEqual([`remind:${open.id}:before-7`]);
      await sweepAt(day(0)); // T-3 of the new date
      expect(await keys()).toEqual([`remind:${open.id}:before-7`, `remind:${open.id}:r1:before-3`]);
    });
  });
});
