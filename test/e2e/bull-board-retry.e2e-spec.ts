import { DataSource } from 'typeorm';
import { AddressObject, ParsedMail } from 'mailparser';
import { dataSourceOptions } from '@kakehashi/database';
import { tokyoToday } from '@kakehashi/mail';
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

// Eight failed tries of two jobs, then two retries, through a worker on a loaded machine.
jest.setTimeout(120_000);

const BOARD_API = '/admin/queues/api/queues';

interface BoardJob {
  id: string;
  attempts: number;
  failedReason?: string;
  stacktrace: string[];
  data: { organizationId: string; mailMessageId: string };
}

interface MailRow {
  id: string;
  message_key: string;
  to_email: string;
  status: string;
  attempts: number;
  last_error: string | null;
  smtp_message_id: string | null;
}

const recipient = (mail: ParsedMail) => (mail.to as AddressObject).value[0].address!.toLowerCase();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function inDays(days: number): string {
  const today = new Date(`${tokyoToday()}T00:00:00Z`);
  return new Date(today.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

describe('queue board: a mail job that failed for good keeps its error and is retried from the board', () => {
  let isolated: IsolatedEnvironment;
  let sink: SmtpSink;
  let api: TestApi;
  let worker: TestWorker;
  /** Runs the platform: its admins operate the board. */
  let operator: TestTenant;
  /** A customer whose invitations fail. */
  let customer: TestTenant;
  const tokens: Record<'operator' | 'customerAdmin' | 'procurement', string> = {
    operator: '',
    customerAdmin: '',
    procurement: '',
  };
  /** Until the mail provider is fixed, it answers every try with a temporary 421. */
  let providerDown = true;

  beforeAll(async () => {
    isolated = await isolatedEnvironment('board');
    // The operating organization has to exist before the api reads OPERATOR_ORGANIZATION_IDS.
    const db = await new DataSource(
      dataSourceOptions(isolated.env.DATABASE_URL, { poolSize: 2 }),
    ).initialize();
    try {
      operator = await createTestTenant(db, 'board-operator');
      customer = await createTestTenant(db, 'board-customer');
    } finally {
      await db.destroy();
    }
    sink = await startSmtpSink({
      respond: () =>
        providerDown ? { code: 421, message: 'Service not available, try later' } : null,
    });
    api = await startApi({
      ...isolated.env,
      OPERATOR_ORGANIZATION_IDS: operator.organizationId,
      LOGIN_ATTEMPTS_PER_MINUTE_PER_IP: '1000',
    });
    worker = await startWorker({
      ...isolated.env,
      SMTP_URL: sink.url,
      OUTBOX_POLL_INTERVAL_MS: '50',
      MAIL_RATE_PER_SECOND: '1000',
    });
    tokens.operator = await loginToken(api, operator.users.admin.email);
    tokens.customerAdmin = await loginToken(api, customer.users.admin.email);
    tokens.procurement = await loginToken(api, customer.users.procurement.email);
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await sink?.close();
    await isolated?.drop();
  });

  const as = (who: keyof typeof tokens) => ({ Authorization: `Bearer ${tokens[who]}` });

  /** The board's listing of one status of the mail queue, as its page requests it. */
  async function boardJobs(status: 'failed' | 'delayed' | 'completed'): Promise<BoardJob[]> {
    const { body } = await api
      .http()
      .get(BOARD_API)
      .query({ activeQueue: 'mail', status, page: '1', jobsPerPage: '50' })
      .set(as('operator'))
      .expect(200);
    const mail = (body.queues as { name: string; jobs: BoardJob[] }[]).find(
      (q) => q.name === 'mail',
    );
    return mail!.jobs;
  }

  async function jobState(jobId: string): Promise<string> {
    const { body } = await api
      .http()
      .get(`${BOARD_API}/mail/${encodeURIComponent(jobId)}`)
      .set(as('operator'))
      .expect(200);
    return body.status as string;
  }

  const mailRows = async (campaignId: string): Promise<MailRow[]> =>
    api.dataSource.query(
      `SELECT id, message_key, to_email, status, attempts, last_error, smtp_message_id
         FROM mail_messages WHERE campaign_id = $1 ORDER BY to_email`,
      [campaignId],
    );

  it('shows the SMTP error, refuses other users, and delivers once when an operator retries', async () => {
    // A customer invites two suppliers while the mail provider is down.
    const emails = ['sales@ichiban-buhin.example.jp', 'soumu@niban-kako.example.jp'];
    const supplierIds: string[] = [];
    for (const [i, email] of emails.entries()) {
      const [supplier] = await api.dataSource.query<{ id: string }[]>(
        `INSERT INTO suppliers (organization_id, name) VALUES ($1, $2) RETURNING id`,
        [customer.organizationId, `再送部品${i + 1} 株式会社`],
      );
      await api.dataSource.query(
        `INSERT INTO supplier_contacts (organization_id, supplier_id, name, email, language, is_primary)
         VALUES ($1, $2, $3, $4, 'ja', true)`,
        [customer.organizationId, supplier.id, `担当 ${i + 1}`, email],
      );
      supplierIds.push(supplier.id);
    }
    const procurement = (path: string, body: object = {}) =>
      api.http().post(`/api/v1${path}`).set(as('procurement')).send(body);
    const { body: campaign } = await procurement('/campaigns', {
      name: 'メール障害中の調査',
      catalogVersion: 'meti-v3.0+sa-3.1',
      supplierIds,
      dueDate: inDays(14),
    }).expect(201);
    await procurement(`/campaigns/${campaign.id}/launch`).expect(200);

    let rows: MailRow[] = [];
    await waitUntil(async () => (rows = await mailRows(campaign.id)).length === 2, {
      timeoutMs: 30_000,
      what: 'the two invitation rows',
    });
    const jobIds = rows.map((row) => JobIds.sendMail(row.message_key));

    // Every try gets a 421 and is retried with backoff (8 tries over about two minutes); the
    // operator promotes the waiting retries from the board instead of waiting them out.
    await waitUntil(
      async () => {
        const failed = (await boardJobs('failed')).map((job) => job.id);
        if (jobIds.every((id) => failed.includes(id))) return true;
        await api.http().put(`${BOARD_API}/mail/promote`).set(as('operator')).expect(200);
        return false;
      },
      { timeoutMs: 45_000, what: 'both mail jobs failed for good' },
    );
    expect(sink.accepted).toBe(0);

    // The board keeps what went wrong: the SMTP server's answer, on the job and in its trace.
    const failed = (await boardJobs('failed')).filter((job) => jobIds.includes(job.id));
    expect(failed).toHaveLength(2);
    for (const job of failed) {
      expect(job.attempts).toBe(8);
      expect(job.failedReason).toContain('421');
      expect(job.failedReason).toContain('Service not available');
      expect(job.stacktrace[0]).toContain('421');
      expect(job.data.organizationId).toBe(customer.organizationId);
    }
    rows = await mailRows(campaign.id);
    for (const row of rows) {
      expect(row).toMatchObject({ status: 'failed', attempts: 8, smtp_message_id: null });
      expect(row.last_error).toContain('421');
    }

    // Nobody but an administrator of the operating organization may press Retry.
    const [first, second] = jobIds;
    const retryOne = `${BOARD_API}/mail/${encodeURIComponent(first)}/retry`;
    const retryAll = `${BOARD_API}/mail/retry/failed`;
    await api.http().put(retryOne).expect(401);
    await api.http().put(retryOne).set(as('procurement')).expect(403);
    await api.http().put(retryOne).set(as('customerAdmin')).expect(403);
    await api.http().put(retryAll).set(as('customerAdmin')).expect(403);
    await sleep(500);
    expect(await jobState(first)).toBe('failed');
    expect(await jobState(second)).toBe('failed');
    expect(sink.accepted).toBe(0);

    // The provider is fixed; the operator retries one job, then every failed one.
    providerDown = false;
    await api.http().put(retryOne).set(as('operator')).expect(204);
    await sink.waitFor(1, 30_000);
    await waitUntil(async () => (await jobState(first)) === 'completed', {
      timeoutMs: 30_000,
      what: 'the retried job to complete',
    });
    expect(await jobState(second)).toBe('failed');

    const all = await api.http().put(retryAll).set(as('operator')).expect(200);
    expect(all.body).toEqual({ retried: 1, skipped: 0 });
    await sink.waitFor(2, 30_000);
    await waitUntil(async () => (await jobState(second)) === 'completed', {
      timeoutMs: 30_000,
      what: 'the job retried with the others to complete',
    });

    // Each supplier gets its invitation exactly once, and the rows say so.
    await sleep(1000);
    expect(sink.accepted).toBe(2);
    expect(sink.messages.map(recipient).sort()).toEqual([...emails].sort());
    rows = await mailRows(campaign.id);
    for (const row of rows) {
      expect(row.status).toBe('sent');
      expect(row.smtp_message_id).not.toBeNull();
    }
    const { body: detail } = await api
      .http()
      .get(`/api/v1/campaigns/${campaign.id}`)
      .set(as('procurement'))
      .expect(200);
    expect(detail.delivery).toMatchObject({ queued: 0, sent: 2, failed: 0 });
  });
});
