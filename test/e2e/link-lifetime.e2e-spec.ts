import { INestApplicationContext } from '@nestjs/common';
import { AddressObject, ParsedMail } from 'mailparser';
import { dueDateGraceEnd, hashLinkToken } from '@kakehashi/auth';
import { tokyoToday } from '@kakehashi/mail';
import { FakeClock, startWorkerWithClock } from '../support/faults/in-process-worker';
import { waitUntil } from '../support/faults/worker-process';
import { csrfOf, pressStart, submitAnswers } from '../support/questionnaire-session';
import { startSmtpSink, SmtpSink } from '../support/smtp-sink';
import { createTestTenant, loginToken, startApi, TestApi, TestTenant } from '../support/test-app';
import { isolatedEnvironment, IsolatedEnvironment } from '../support/test-worker';

jest.setTimeout(120_000);

const DAY_MS = 86_400_000;
const recipient = (mail: ParsedMail) => (mail.to as AddressObject).value[0].address!.toLowerCase();
const keyOf = (mail: ParsedMail) => String(mail.headers.get('x-kakehashi-message-key') ?? '');
const tokenIn = (mail: ParsedMail) => /\/q\/([A-Za-z0-9_-]{20,100})/.exec(mail.text ?? '')![1];

/** A Tokyo calendar date `days` from today (negative: in the past). */
function inDays(days: number): string {
  const today = new Date(`${tokyoToday()}T00:00:00Z`);
  return new Date(today.getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

/** 10:00 in Tokyo on a calendar date (01:00 UTC). */
const tokyoMorning = (date: string): Date => new Date(`${date}T01:00:00Z`);

/**
 * A link mailed long after the due date (a fresh link asked for, a reopen request) must open:
 * it lives at least two weeks from the moment it is minted. A link minted before the due date
 * still ends with the due date's grace period (due + 30 days). Real api, worker (its clock set by
 * the test), database and SMTP; links are checked against the real time.
 */
describe('lifetime of a supplier link', () => {
  const dueDate = inDays(-66);
  const clock = new FakeClock(tokyoMorning(inDays(-76)));
  let isolated: IsolatedEnvironment;
  let sink: SmtpSink;
  let api: TestApi;
  let worker: INestApplicationContext;
  let tenant: TestTenant;
  let procurement: string;

  beforeAll(async () => {
    isolated = await isolatedEnvironment('link-lifetime');
    sink = await startSmtpSink();
    api = await startApi({ ...isolated.env, LOGIN_ATTEMPTS_PER_MINUTE_PER_IP: '1000' });
    worker = await startWorkerWithClock(
      {
        ...isolated.env,
        SMTP_URL: sink.url,
        OUTBOX_POLL_INTERVAL_MS: '50',
        MAIL_RATE_PER_SECOND: '1000',
        // No reminder sweep during the test: only the mails it asks for are sent.
        REMINDER_SWEEP_INTERVAL_MS: '3600000',
      },
      clock,
    );
    tenant = await createTestTenant(api.dataSource, 'link-lifetime');
    procurement = await loginToken(api, tenant.users.procurement.email);
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await sink?.close();
    await isolated?.drop();
  });

  const call = (method: 'post' | 'get', path: string, body?: object) =>
    api.http()[method](`/api/v1${path}`).set('authorization', `Bearer ${procurement}`).send(body);
  const mailFor = async (email: string, key: RegExp): Promise<ParsedMail> => {
    let found: ParsedMail | undefined;
    await waitUntil(
      async () => {
        found = sink.messages.find((m) => recipient(m) === email && key.test(keyOf(m)));
        return found !== undefined;
      },
      { timeoutMs: 30_000, what: `the mail ${key} to ${email}` },
    );
    return found!;
  };
  const expiryOf = async (token: string): Promise<Date> => {
    const [row] = await api.dataSource.query<{ expires_at: Date }[]>(
      'SELECT expires_at FROM assessment_links WHERE token_hash = $1',
      [hashLinkToken(token)],
    );
    return new Date(row.expires_at);
  };

  it('opens a link mailed 66 days after the due date; the one minted before the due date stays expired', async () => {
    const email = `late-${Math.random().toString(36).slice(2, 8)}@supplier.example`;
    const supplier = await call('post', '/suppliers', {
      name: '期限後リンク 株式会社',
      contacts: [{ name: '担当 遅延', email, language: 'ja' }],
    }).expect(201);
    const created = await call('post', '/campaigns', {
      name: '期限後リンクの調査',
      catalogVersion: 'meti-v3.0+sa-3.1',
      supplierIds: [(supplier.body as { id: string }).id],
      dueDate: inDays(10),
    }).expect(201);
    const campaignId = (created.body as { id: string }).id;
    // The campaign was due 66 days ago; the invitation goes out ten days before that.
    await api.dataSource.query('UPDATE campaigns SET due_date = $2 WHERE id = $1', [
      campaignId,
      dueDate,
    ]);
    await call('post', `/campaigns/${campaignId}/launch`).expect(200);
    const invitation = tokenIn(await mailFor(email, /^invite:/));
    expect(await expiryOf(invitation)).toEqual(dueDateGraceEnd(dueDate));
    const gone = await api.http().get(`/q/${invitation}`).expect(410);
    expect((await api.http().get(`/api/v1/respond/${invitation}`).expect(410)).body).toMatchObject({
      reason: 'expired',
    });

    // Today, 66 days after the due date, the supplier asks for a fresh link from the dead one.
    const today = new Date();
    clock.set(today);
    await api
      .http()
      .post(`/q/${invitation}/resend`)
      .type('form')
      .send({ _csrf: csrfOf(gone.text) })
      .expect(200);
    const fresh = tokenIn(await mailFor(email, /^link:/));
    expect((await expiryOf(fresh)).getTime()).toBe(today.getTime() + 14 * DAY_MS);
    const start = await api.http().get(`/q/${fresh}`).expect(200);
    expect(start.text).not.toContain('新しいリンクを送る');
    await api.http().get(`/api/v1/respond/${fresh}`).expect(200);
    await pressStart(api, fresh);
    await submitAnswers(api, { token: fresh, version: 0 });

    // Procurement reopens the late answer: the supplier can open it and correct it.
    const assessmentId = (
      await api.dataSource.query<{ id: string }[]>(
        'SELECT id FROM assessments WHERE campaign_id = $1',
        [campaignId],
      )
    )[0].id;
    await call('post', `/assessments/${assessmentId}/reopen`, {
      message: '指示8のバックアップについて見直してください',
    }).expect(200);
    const reopened = tokenIn(await mailFor(email, /^reopen:/));
    expect((await expiryOf(reopened)).getTime()).toBe(today.getTime() + 14 * DAY_MS);
    const document = await api.http().get(`/api/v1/respond/${reopened}`).expect(200);
    expect(document.body).toMatchObject({ status: 'in_progress' });
    await api
      .http()
      .put(`/api/v1/respond/${reopened}/answers`)
      .send({
        version: (document.body as { version: number }).version,
        answers: { 'P.EMPLOYEES': 40 },
      })
      .expect(200);
    await api.http().post(`/api/v1/respond/${reopened}/submit`).expect(200);
    // The first link was not brought back to life by the later ones.
    await api.http().get(`/q/${invitation}`).expect(410);
  });
});
