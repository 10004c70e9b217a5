import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { AddressObject, ParsedMail } from 'mailparser';
import { DataSource } from 'typeorm';
import { FileOutboxTransport, outboxDirectory, tokyoToday } from '@kakehashi/mail';
import { JobIds } from '@kakehashi/queue';
import { waitUntil } from '../support/faults/worker-process';
import { startSmtpSink, SmtpSink } from '../support/smtp-sink';
import { createTestTenant, loginToken, startApi, TestApi, TestTenant } from '../support/test-app';
import {
  isolatedEnvironment,
  IsolatedEnvironment,
  startWorker,
  TestWorker,
} from '../support/test-worker';

jest.setTimeout(90_000);

async function seedSuppliers(
  dataSource: DataSource,
  organizationId: string,
  emails: string[],
): Promise<{ id: string; email: string; contactId: string }[]> {
  const created = [];
  for (const [i, email] of emails.entries()) {
    const [supplier] = await dataSource.query<{ id: string }[]>(
      `INSERT INTO suppliers (organization_id, name) VALUES ($1, $2) RETURNING id`,
      [organizationId, `配送テスト${i + 1} <株式会社>`],
    );
    const [contact] = await dataSource.query<{ id: string }[]>(
      `INSERT INTO supplier_contacts (organization_id, supplier_id, name, email, language, is_primary)
       VALUES ($1, $2, $3, $4, 'ja', true) RETURNING id`,
      [organizationId, supplier.id, `担当 ${i + 1}`, email],
    );
    created.push({ id: supplier.id, email, contactId: contact.id });
  }
  return created;
}

const recipient = (mail: ParsedMail) => (mail.to as AddressObject).value[0].address!.toLowerCase();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function inDays(days: number): string {
  const today = new Date(`${tokyoToday()}T00:00:00Z`);
  return new Date(today.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

describe('mail delivery: retries, bounces and the development outbox', () => {
  let isolated: IsolatedEnvironment;
  let sink: SmtpSink;
  let api: TestApi;
  let worker: TestWorker;
  let tenant: TestTenant;
  const tries = new Map<string, number>();
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    isolated = await isolatedEnvironment('mail');
    sink = await startSmtpSink({
      respond: ({ to, attempt }) => {
        tries.set(to[0], attempt);
        if (to[0].startsWith('busy-') && attempt <= 2) {
          return { code: 421, message: 'Try again later' };
        }
        if (to[0].startsWith('gone-')) return { code: 550, message: 'No such user here' };
        return null;
      },
    });
    api = await startApi({ ...isolated.env, LOGIN_ATTEMPTS_PER_MINUTE_PER_IP: '1000' });
    worker = await startWorker({
      ...isolated.env,
      SMTP_URL: sink.url,
      OUTBOX_POLL_INTERVAL_MS: '50',
      MAIL_RATE_PER_SECOND: '1000',
    });
    tenant = await createTestTenant(api.dataSource, 'mail');
    for (const role of ['admin', 'procurement'] as const) {
      tokens[role] = await loginToken(api, tenant.users[role].email);
    }
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await sink?.close();
    await isolated?.drop();
  });

  const post = (path: string, body: object = {}) =>
    api
      .http()
      .post(`/api/v1${path}`)
      .set('authorization', `Bearer ${tokens.procurement}`)
      .send(body);
  const get = (path: string, role = 'procurement') =>
    api.http().get(`/api/v1${path}`).set('authorization', `Bearer ${tokens[role]}`);

  async function launch(supplierIds: string[], name: string): Promise<string> {
    const { body } = await post('/campaigns', {
      name,
      catalogVersion: 'meti-v3.0+sa-3.1',
      supplierIds,
      dueDate: inDays(14),
    }).expect(201);
    await post(`/campaigns/${body.id}/launch`).expect(200);
    return body.id as string;
  }

  it('delivers every message exactly once through 421s and stops at a 550', async () => {
    const emails = [
      ...Array.from({ length: 10 }, (_, i) => `busy-${i}@retry.example.jp`),
      'ok-1@retry.example.jp',
      'gone-1@retry.example.jp',
    ];
    const suppliers = await seedSuppliers(api.dataSource, tenant.organizationId, emails);
    const id = await launch(
      suppliers.map((s) => s.id),
      '再送テスト',
    );

    await sink.waitFor(11, 45000);
    // The worker records each outcome after the SMTP server's answer: wait for all twelve, then a
    // little longer, in which a message sent twice would arrive.
    await waitUntil(
      async () => {
        const { delivery } = (await get(`/campaigns/${id}`).expect(200)).body;
        return delivery.sent + delivery.failed >= 12;
      },
      { timeoutMs: 30_000, what: 'the outcome of all twelve messages' },
    );
    await sleep(1500);
    expect(sink.accepted).toBe(11);
    expect(sink.messages.map(recipient).sort()).toEqual(
      emails.filter((e) => !e.startsWith('gone-')).sort(),
    );
    for (let i = 0; i < 10; i++) expect(tries.get(`busy-${i}@retry.example.jp`)).toBe(3);
    // A permanent refusal is not retried.
    expect(tries.get('gone-1@retry.example.jp')).toBe(1);

    const detail = await get(`/campaigns/${id}`).expect(200);
    expect(detail.body.delivery).toMatchObject({ queued: 0, sent: 11, failed: 1 });
    const gone = suppliers.find((s) => s.email.startsWith('gone-'))!;
    expect(detail.body.undeliverable).toEqual([
      {
        supplierId: gone.id,
        supplierName: '配送テスト12 <株式会社>',
        contactEmail: 'gone-1@retry.example.jp',
        reason: expect.stringContaining('550'),
      },
    ]);
    const rows = await api.dataSource.query<
      { to_email: string; status: string; attempts: number; sent: boolean }[]
    >(
      `SELECT to_email, status, attempts, smtp_message_id IS NOT NULL AS sent
         FROM mail_messages WHERE campaign_id = $1`,
      [id],
    );
    for (const row of rows) {
      if (row.to_email.startsWith('busy-'))
        expect(row).toMatchObject({ status: 'sent', attempts: 3, sent: true });
      if (row.to_email.startsWith('gone-'))
        expect(row).toMatchObject({ status: 'failed', attempts: 1, sent: false });
    }
    // Its job run again (as an operator's retry from the board does) sends nothing: a message
    // the server refused stays failed; only one whose retries ran out is sent on a retry.
    const [refused] = await api.dataSource.query<{ id: string }[]>(
      `SELECT id FROM mail_messages WHERE campaign_id = $1 AND to_email = 'gone-1@retry.example.jp'`,
      [id],
    );
    const mailQueue = worker.app.get<Queue>(getQueueToken('mail'), { strict: false });
    const rerun = await mailQueue.add(
      'send-mail',
      { organizationId: tenant.organizationId, mailMessageId: refused.id },
      { jobId: `rerun-${refused.id}` },
    );
    await waitUntil(async () => (await rerun.getState()) === 'completed', {
      timeoutMs: 30_000,
      what: 'the re-run of the refused mail',
    });
    expect((await mailQueue.getJob(rerun.id!))?.returnvalue).toBe('already failed');
    expect(tries.get('gone-1@retry.example.jp')).toBe(1);
    expect(sink.accepted).toBe(11);
    const [still] = await api.dataSource.query<{ status: string }[]>(
      'SELECT status FROM mail_messages WHERE id = $1',
      [refused.id],
    );
    expect(still.status).toBe('failed');

    const assessments = await get(`/campaigns/${id}/assessments`).expect(200);
    const goneRow = assessments.body.items.find(
      (a: { supplierId: string }) => a.supplierId === gone.id,
    );
    expect(goneRow).toMatchObject({
      delivery: 'failed',
      undeliverableReason: expect.stringContaining('550'),
    });

    // No more mail to the undeliverable contact: a later campaign records it as skipped.
    const before = tries.get('gone-1@retry.example.jp');
    const next = await launch([gone.id], '二回目');
    // The worker's fan-out records the skip.
    await waitUntil(
      async () => (await get(`/campaigns/${next}`).expect(200)).body.delivery.skipped > 0,
      { timeoutMs: 30_000, what: 'the skipped invitation' },
    );
    const second = await get(`/campaigns/${next}`).expect(200);
    expect(second.body.delivery).toMatchObject({ queued: 0, sent: 0, failed: 0, skipped: 1 });
    expect(second.body.undeliverable).toHaveLength(1);
    await sleep(500);
    expect(tries.get('gone-1@retry.example.jp')).toBe(before);
  });

  it('renders other kinds recorded by other features (reminder, escalation) from the row alone', async () => {
    const [supplier] = await seedSuppliers(api.dataSource, tenant.organizationId, [
      'remind@kinds.example.jp',
    ]);
    const id = await launch([supplier.id], 'リマインド対象');
    // Its invitation arrives first, so that the next mail to the address is the reminder.
    await waitUntil(
      async () => sink.messages.some((m) => recipient(m) === 'remind@kinds.example.jp'),
      { timeoutMs: 30_000, what: 'the invitation to remind@kinds.example.jp' },
    );
    const [assessment] = await api.dataSource.query<{ id: string }[]>(
      'SELECT id FROM assessments WHERE campaign_id = $1',
      [id],
    );
    const before = sink.accepted;
    const rows = await api.dataSource.query<{ id: string; message_key: string }[]>(
      `INSERT INTO mail_messages (organization_id, message_key, kind, to_email, to_name, locale, contact_id, user_id, campaign_id, assessment_id)
       VALUES ($1, $2, 'reminder', 'remind@kinds.example.jp', '担当 1', 'ja', $3, NULL, $4, $5),
              ($1, $6, 'escalation', $7, NULL, 'en', NULL, $8, $4, NULL)
       RETURNING id, message_key`,
      [
        tenant.organizationId,
        `remind:${assessment.id}:before-3`,
        supplier.contactId,
        id,
        assessment.id,
        `escalate:${id}:${tokyoToday()}`,
        tenant.users.procurement.email,
        tenant.users.procurement.id,
      ],
    );
    await api.dataSource.query(
      `INSERT INTO outbox (organization_id, queue, job_name, job_id, payload)
       SELECT $1::uuid, 'mail', 'send-mail', r.job_id, jsonb_build_object('organizationId', $1::text, 'mailMessageId', r.id)
         FROM unnest($2::uuid[], $3::text[]) AS r(id, job_id)`,
      [
        tenant.organizationId,
        rows.map((r) => r.id),
        rows.map((r) => JobIds.sendMail(r.message_key)),
      ],
    );
    await sink.waitFor(before + 1, 30_000);
    const reminder = sink.messages
      .slice(before)
      .find((m) => recipient(m) === 'remind@kinds.example.jp')!;
    expect(reminder.subject).toBe('【リマインド】回答期限まであと14日(リマインド対象)');
    expect(reminder.text).toMatch(/\/q\/[A-Za-z0-9_-]{40,}/);
    expect(reminder.html).toContain('配送テスト1 &lt;株式会社&gt;');
    // Nothing is overdue yet: the escalation digest has nothing to say and is skipped.
    const escalation = rows.find((r) => r.message_key.startsWith('escalate:'))!;
    const escalationStatus = async () =>
      (
        await api.dataSource.query<{ status: string }[]>(
          'SELECT status FROM mail_messages WHERE id = $1',
          [escalation.id],
        )
      )[0].status;
    await waitUntil(async () => (await escalationStatus()) !== 'queued', {
      timeoutMs: 30_000,
      what: 'the escalation job',
    });
    expect(await escalationStatus()).toBe('skipped');
  });

  it('lets suppliers reply to the campaign owner: Reply-To names them, encoded for any mail reader', async () => {
    await api.dataSource.query(`UPDATE users SET display_name = $1 WHERE id = $2`, [
      '調達部 山田 花子',
      tenant.users.procurement.id,
    ]);
    const [supplier] = await seedSuppliers(api.dataSource, tenant.organizationId, [
      'reply@owner.example.jp',
    ]);
    const before = sink.accepted;
    await launch([supplier.id], '返信先テスト');
    await sink.waitFor(before + 1, 30_000);
    const invitation = sink.messages
      .slice(before)
      .find((m) => recipient(m) === 'reply@owner.example.jp')!;
    expect(invitation.replyTo!.value).toEqual([
      { name: '調達部 山田 花子', address: tenant.users.procurement.email },
    ]);
    // The raw header is an RFC 2047 encoded word: plain ASCII any mail reader decodes.
    const raw = invitation.headerLines.find((h) => h.key === 'reply-to')!.line;
    expect(raw).toMatch(/^Reply-To: =\?UTF-8\?[BQ]\?/i);
    expect(raw).toMatch(/^[\x20-\x7e\r\n\t]*$/);
    expect(raw).toContain(`<${tenant.users.procurement.email}>`);
    // The sender stays the no-reply address; only replies go to the owner.
    expect((invitation.from as AddressObject).value[0].address).not.toBe(
      tenant.users.procurement.email,
    );
  });

  it('lists the development file outbox to admins only', async () => {
    const directory = outboxDirectory(isolated.env.DATA_DIR);
    await new FileOutboxTransport(directory).send({
      from: { name: '調達部', address: 'no-reply@kakehashi.example' },
      to: { address: 'dev@outbox.example.jp' },
      subject: '開発用の確認メール',
      text: 'テキスト',
      html: '<p>本文</p>',
    });
    const { body } = await get('/admin/outbox', 'admin').expect(200);
    expect(body.items[0]).toMatchObject({
      to: 'dev@outbox.example.jp',
      subject: '開発用の確認メール',
      html: '<p>本文</p>',
    });
    await get('/admin/outbox', 'procurement').expect(403);
  });
});
