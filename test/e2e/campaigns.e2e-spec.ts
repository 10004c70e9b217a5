import { AddressObject, ParsedMail } from 'mailparser';
import { DataSource } from 'typeorm';
import { resolveAssessmentLink } from '@kakehashi/auth';
import { tokyoToday } from '@kakehashi/mail';
import { startSmtpSink, SmtpSink } from '../support/smtp-sink';
import { createTestTenant, loginToken, startApi, TestApi, TestTenant } from '../support/test-app';
import {
  isolatedEnvironment,
  IsolatedEnvironment,
  startWorker,
  TestWorker,
} from '../support/test-worker';

interface SeededSupplier {
  id: string;
  name: string;
  email: string;
  language: 'ja' | 'en';
}

/** Suppliers with one primary contact each, in two statements (fast for hundreds). */
async function seedSuppliers(
  dataSource: DataSource,
  organizationId: string,
  input: { count: number; tag: string; enEvery?: number },
): Promise<SeededSupplier[]> {
  const specs = Array.from({ length: input.count }, (_, i) => ({
    name: `${input.tag} サプライヤー${i + 1} 株式会社`,
    email: `contact-${i + 1}@${input.tag}.example.jp`,
    language: input.enEvery && i % input.enEvery === 0 ? ('en' as const) : ('ja' as const),
  }));
  const suppliers = await dataSource.query<{ id: string; name: string }[]>(
    `INSERT INTO suppliers (organization_id, name) SELECT $1, unnest($2::text[]) RETURNING id, name`,
    [organizationId, specs.map((s) => s.name)],
  );
  const idByName = new Map(suppliers.map((s) => [s.name, s.id]));
  const seeded = specs.map((s) => ({ ...s, id: idByName.get(s.name)! }));
  await dataSource.query(
    `INSERT INTO supplier_contacts (organization_id, supplier_id, name, email, language, is_primary)
     SELECT $1, unnest($2::uuid[]), unnest($3::text[]), unnest($4::text[]), unnest($5::text[]), true`,
    [
      organizationId,
      seeded.map((s) => s.id),
      seeded.map((_, i) => `担当者 ${i + 1}`),
      seeded.map((s) => s.email),
      seeded.map((s) => s.language),
    ],
  );
  return seeded;
}

function recipient(mail: ParsedMail): string {
  return (mail.to as AddressObject).value[0].address!.toLowerCase();
}

function inDays(days: number): string {
  const today = new Date(`${tokyoToday()}T00:00:00Z`);
  return new Date(today.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

async function eventually<T>(
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  timeoutMs = 30000,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() - started > timeoutMs) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

jest.setTimeout(90_000);

describe('campaigns: launch and invitation fan-out (real api, worker, Postgres, Redis, SMTP)', () => {
  let isolated: IsolatedEnvironment;
  let sink: SmtpSink;
  let api: TestApi;
  let worker: TestWorker;
  let tenant: TestTenant;
  let other: TestTenant;
  const tokens: Record<string, string> = {};
  const as = (role: string) => `Bearer ${tokens[role]}`;

  beforeAll(async () => {
    isolated = await isolatedEnvironment('campaigns');
    sink = await startSmtpSink();
    api = await startApi({ ...isolated.env, LOGIN_ATTEMPTS_PER_MINUTE_PER_IP: '1000' });
    worker = await startWorker({
      ...isolated.env,
      SMTP_URL: sink.url,
      OUTBOX_POLL_INTERVAL_MS: '50',
      MAIL_RATE_PER_SECOND: '2000',
      APP_URL: 'https://kakehashi.test',
    });
    tenant = await createTestTenant(api.dataSource, 'campaigns');
    other = await createTestTenant(api.dataSource, 'campaigns-other');
    for (const role of ['admin', 'procurement', 'ciso', 'auditor'] as const) {
      tokens[role] = await loginToken(api, tenant.users[role].email);
    }
    tokens.other = await loginToken(api, other.users.procurement.email);
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await sink?.close();
    await isolated?.drop();
  });

  const post = (path: string, body: object = {}, role = 'procurement') =>
    api.http().post(`/api/v1${path}`).set('authorization', as(role)).send(body);
  const get = (path: string, role = 'procurement') =>
    api.http().get(`/api/v1${path}`).set('authorization', as(role));

  it('invites 200 suppliers once each, in their language, with links to their own assessment', async () => {
    const suppliers = await seedSuppliers(api.dataSource, tenant.organizationId, {
      count: 200,
      tag: 'fanout',
      enEvery: 4,
    });
    const created = await post('/campaigns', {
      name: '2026年度 取引先セキュリティ調査',
      catalogVersion: 'meti-v3.0+sa-3.1',
      supplierIds: suppliers.map((s) => s.id),
      dueDate: inDays(30),
      senderName: '調達部 山田',
      message: 'ご協力をお願いします <script>alert(1)</script> & よろしく',
    }).expect(201);
    expect(created.body).toEqual({ id: expect.any(String), status: 'draft' });
    const id = created.body.id as string;

    const launched = await post(`/campaigns/${id}/launch`).expect(200);
    expect(launched.body).toMatchObject({
      id,
      status: 'launched',
      invited: 200,
      launchedNow: true,
    });

    await sink.waitFor(200, 45000);
    const detail = await eventually(
      () => get(`/campaigns/${id}`).then((r) => r.body),
      (body) => body.delivery.sent === 200,
    );
    expect(detail).toMatchObject({
      id,
      status: 'launched',
      catalogVersion: 'meti-v3.0+sa-3.1',
      counts: { invited: 200, opened: 0, in_progress: 0, submitted: 0, scored: 0, overdue: 0 },
      delivery: { queued: 0, sent: 200, failed: 0 },
      undeliverable: [],
    });

    const byAddress = new Map<string, ParsedMail[]>();
    for (const mail of sink.messages) {
      byAddress.set(recipient(mail), [...(byAddress.get(recipient(mail)) ?? []), mail]);
    }
    expect(byAddress.size).toBe(200);
    for (const supplier of suppliers) {
      const mails = byAddress.get(supplier.email) ?? [];
      expect(mails).toHaveLength(1);
      const [mail] = mails;
      expect(mail.from?.value[0]).toEqual({
        name: '調達部 山田',
        address: 'no-reply@kakehashi.example',
      });
      if (supplier.language === 'ja') {
        expect(mail.subject).toBe(
          '【調達部 山田】セキュリティ対策状況アンケートのご依頼(2026年度 取引先セキュリティ調査)',
        );
        expect(mail.text).toContain(`${supplier.name}\n担当者`);
        expect(mail.text).toContain('回答期限:');
      } else {
        expect(mail.subject).toBe(
          '[調達部 山田] Security questionnaire request: 2026年度 取引先セキュリティ調査',
        );
        expect(mail.text).toContain('Due date:');
      }
      expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; よろしく');
      expect(mail.html).not.toContain('<script>');
      expect(mail.headers.has('list-unsubscribe')).toBe(false);
      const token = /https:\/\/kakehashi\.test\/q\/([A-Za-z0-9_-]+)/.exec(mail.text ?? '')?.[1];
      expect(token).toBeDefined();
      const resolved = await resolveAssessmentLink(api.dataSource.manager, token!);
      expect(resolved.ok).toBe(true);
      if (resolved.ok) {
        expect(resolved.assessment.supplierId).toBe(supplier.id);
        expect(resolved.campaign.id).toBe(id);
      }
    }

    const page = await get(`/campaigns/${id}/assessments?pageSize=500`).expect(200);
    expect(page.body.total).toBe(200);
    expect(page.body.items[0]).toMatchObject({ status: 'invited', delivery: 'sent' });
    expect(page.body.items[0].supplierName).toContain('サプライヤー');

    // A second launch (a double click) changes nothing and sends nothing.
    const again = await post(`/campaigns/${id}/launch`).expect(200);
    expect(again.body).toMatchObject({ id, status: 'launched', invited: 200, launchedNow: false });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(sink.accepted).toBe(200);

    // Added suppliers (one already in the campaign) get invitations; nobody else does.
    const extra = await seedSuppliers(api.dataSource, tenant.organizationId, {
      count: 3,
      tag: 'added',
    });
    const added = await post(`/campaigns/${id}/suppliers`, {
      supplierIds: [...extra.map((s) => s.id), suppliers[0].id],
    }).expect(200);
    expect(added.body).toEqual({ added: 3 });
    await sink.waitFor(203, 20000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(sink.messages.slice(200).map(recipient).sort()).toEqual(
      extra.map((s) => s.email).sort(),
    );
    const after = await eventually(
      () => get(`/campaigns/${id}`).then((r) => r.body),
      (body) => body.delivery.sent === 203,
    );
    expect(after.counts.invited).toBe(203);
    expect(after.delivery).toMatchObject({ queued: 0, sent: 203, failed: 0 });
  });

  it('launches two concurrent clicks once', async () => {
    const suppliers = await seedSuppliers(api.dataSource, tenant.organizationId, {
      count: 5,
      tag: 'twice',
    });
    const before = sink.accepted;
    const { body } = await post('/campaigns', {
      name: 'ダブルクリック',
      catalogVersion: 'meti-v3.0+sa-3.1',
      supplierIds: suppliers.map((s) => s.id),
      dueDate: inDays(10),
    }).expect(201);
    const [a, b] = await Promise.all([
      post(`/campaigns/${body.id}/launch`),
      post(`/campaigns/${body.id}/launch`),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect([a.body.launchedNow, b.body.launchedNow].sort()).toEqual([false, true]);
    await sink.waitFor(before + 5, 20000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(sink.accepted).toBe(before + 5);
    const detail = await get(`/campaigns/${body.id}`).expect(200);
    expect(detail.body.counts.invited).toBe(5);
  });

  it('validates input, keeps roles and tenants apart', async () => {
    const [supplier] = await seedSuppliers(api.dataSource, tenant.organizationId, {
      count: 1,
      tag: 'rules',
    });
    const [foreign] = await seedSuppliers(api.dataSource, other.organizationId, {
      count: 1,
      tag: 'foreign',
    });
    const valid = {
      name: '権限テスト',
      catalogVersion: 'meti-v3.0+sa-3.1',
      supplierIds: [supplier.id],
      dueDate: inDays(5),
    };
    const yesterday = await post('/campaigns', { ...valid, dueDate: inDays(-1) }).expect(400);
    expect(yesterday.body.message).toContain('dueDate');
    const version = await post('/campaigns', { ...valid, catalogVersion: 'meti-v9' }).expect(400);
    expect(JSON.stringify(version.body.message)).toContain('catalogVersion');
    const notOurs = await post('/campaigns', { ...valid, supplierIds: [foreign.id] }).expect(400);
    expect(notOurs.body.unknownSupplierIds).toEqual([foreign.id]);
    await post('/campaigns', valid, 'ciso').expect(403);
    await post('/campaigns', valid, 'auditor').expect(403);

    const { body } = await post(
      '/campaigns',
      { ...valid, reminderPolicy: undefined },
      'admin',
    ).expect(201);
    const detail = await get(`/campaigns/${body.id}`, 'ciso').expect(200);
    expect(detail.body).toMatchObject({
      status: 'draft',
      dueDate: valid.dueDate,
      draftSupplierCount: 1,
      reminderPolicy: { beforeDays: [7, 3, 1], overdueEveryDays: 3, escalateAfterOverdue: 2 },
    });
    const list = await get('/campaigns', 'auditor').expect(200);
    expect(list.body.items.map((c: { id: string }) => c.id)).toContain(body.id);

    await post(`/campaigns/${body.id}/launch`, {}, 'ciso').expect(403);
    await api
      .http()
      .get(`/api/v1/campaigns/${body.id}`)
      .set('authorization', `Bearer ${tokens.other}`)
      .expect(404);
    await api
      .http()
      .post(`/api/v1/campaigns/${body.id}/launch`)
      .set('authorization', `Bearer ${tokens.other}`)
      .expect(404);
    const otherList = await api
      .http()
      .get('/api/v1/campaigns')
      .set('authorization', `Bearer ${tokens.other}`)
      .expect(200);
    expect(otherList.body.items.map((c: { id: string }) => c.id)).not.toContain(body.id);

    await post(`/campaigns/${body.id}/close`).expect(200, { id: body.id, status: 'closed' });
    await post(`/campaigns/${body.id}/launch`).expect(409);
    await post(`/campaigns/${body.id}/suppliers`, { supplierIds: [supplier.id] }).expect(409);
  });
});
