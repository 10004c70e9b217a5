import { AuditService } from '@kakehashi/database';
import { tokyoToday } from '@kakehashi/mail';
import { utf8WithBom } from '../fixtures/import/supplier-files';
import {
  fixtureScore,
  insertCampaign,
  insertScoredAssessment,
  insertSupplier,
} from '../support/dashboard-factory';
import {
  appOrigin,
  createTestTenant,
  loginToken,
  startApi,
  TestApi,
  TestTenant,
} from '../support/test-app';
import {
  isolatedEnvironment,
  IsolatedEnvironment,
  startWorker,
  TestWorker,
} from '../support/test-worker';

function inDays(days: number): string {
  const today = new Date(`${tokyoToday()}T00:00:00Z`);
  return new Date(today.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** What a proxy in front of the app sends: the client, then whatever the client claimed before. */
const API_CLIENT = '203.0.113.77';
const CONSOLE_CLIENT = '192.0.2.44';
const forwardedFor = (client: string) => `198.51.100.1, ${client}`;

/**
 * Every audit event written while serving a request carries the client's IP, as `request.ip`
 * resolves it behind the configured proxy (TRUST_PROXY=1: the address the nearest proxy saw, not
 * what the client wrote into X-Forwarded-For), though none of these callers passes an IP; the
 * worker, which serves no request, records none. Real api, worker, Postgres and Redis.
 */
describe('the client IP on audit events (request context)', () => {
  let isolated: IsolatedEnvironment;
  let api: TestApi;
  let worker: TestWorker | undefined;
  let tenant: TestTenant;
  let bearer: string;
  let cookie: string;

  beforeAll(async () => {
    // Its own database and queue: the worker started below must not take other files' jobs.
    isolated = await isolatedEnvironment('audit-ip');
    api = await startApi({
      ...isolated.env,
      TRUST_PROXY: '1',
      LOGIN_ATTEMPTS_PER_MINUTE_PER_IP: '1000',
    });
    tenant = await createTestTenant(api.dataSource, 'audit-ip');
    const token = await loginToken(api, tenant.users.procurement.email);
    bearer = `Bearer ${token}`;
    cookie = `kk_session=${token}`;
  }, 90_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await isolated?.drop();
  });

  const call = (method: 'post' | 'patch' | 'delete', path: string, body?: object) => {
    const http = api.http();
    const request = http[method](`/api/v1${path}`)
      .set('authorization', bearer)
      .set('x-forwarded-for', forwardedFor(API_CLIENT));
    return body ? request.send(body) : request;
  };
  const submitForm = (path: string, fields: Record<string, string>) =>
    api
      .http()
      .post(path)
      .set('cookie', cookie)
      .set('origin', appOrigin(api))
      .set('x-forwarded-for', forwardedFor(CONSOLE_CLIENT))
      .type('form')
      .send(new URLSearchParams(fields).toString());

  /** The IPs recorded for the tenant's events of this action about this target. */
  async function ipsOf(action: string, targetId: string | null): Promise<(string | null)[]> {
    const rows = await api.dataSource.query<{ ip: string | null }[]>(
      `SELECT ip FROM audit_events
        WHERE organization_id = $1 AND action = $2 AND target_id IS NOT DISTINCT FROM $3
        ORDER BY id`,
      [tenant.organizationId, action, targetId],
    );
    return rows.map((r) => r.ip);
  }

  async function assessmentOf(campaignId: string, supplierId: string): Promise<string> {
    const [row] = await api.dataSource.query<{ id: string }[]>(
      'SELECT id FROM assessments WHERE campaign_id = $1 AND supplier_id = $2',
      [campaignId, supplierId],
    );
    return row.id;
  }

  async function markSubmitted(assessmentId: string): Promise<void> {
    await api.dataSource.query(
      `UPDATE assessments SET status = 'submitted', submission_count = 1, submitted_at = now()
        WHERE id = $1`,
      [assessmentId],
    );
  }

  it('records the IP on supplier, campaign, assessment and finding changes made through the API', async () => {
    const supplier = async (name: string, email: string) =>
      (
        await call('post', '/suppliers', { name, contacts: [{ name: '担当 一郎', email }] }).expect(
          201,
        )
      ).body.id as string;
    const first = await supplier('IP記録第一工業株式会社', 'ichiro@ip-first.example.jp');
    const second = await supplier('IP記録第二商事株式会社', 'jiro@ip-second.example.jp');
    await call('patch', `/suppliers/${first}`, { criticality: 3 }).expect(200);
    const imported = await call('post', '/suppliers/import')
      .attach(
        'file',
        utf8WithBom([
          ['会社名', '担当者名', 'メールアドレス'],
          ['IP記録取込株式会社', '取込 花子', 'hanako@ip-import.example.jp'],
        ]),
        'suppliers.csv',
      )
      .expect(200);
    expect(imported.body).toMatchObject({ created: 1 });

    const campaign = {
      catalogVersion: 'meti-v3.0+sa-3.1',
      dueDate: inDays(30),
      senderName: '調達部 山田',
    };
    const created = await call('post', '/campaigns', {
      ...campaign,
      name: 'IP記録 調査',
      supplierIds: [first],
    }).expect(201);
    const id = created.body.id as string;
    await call('patch', `/campaigns/${id}`, { name: 'IP記録 調査（改）' }).expect(200);
    await call('post', `/campaigns/${id}/suppliers`, { supplierIds: [second] }).expect(200);
    await call('post', `/campaigns/${id}/launch`).expect(200);

    const assessment = await assessmentOf(id, first);
    // The invitation went out (the worker's fan-out, not running here): a reminder may follow.
    await api.dataSource.query(
      `INSERT INTO mail_messages (organization_id, message_key, kind, status, to_email, locale,
                                  campaign_id, assessment_id, sent_at)
       VALUES ($1, 'invite:' || $2::text, 'invitation', 'sent', $3, 'ja', $4, $2::uuid, now())`,
      [tenant.organizationId, assessment, 'ichiro@ip-first.example.jp', id],
    );
    await call('post', `/assessments/${assessment}/remind`).expect(200);
    await call('post', `/assessments/${assessment}/links/revoke`).expect(200);
    await markSubmitted(assessment);
    await call('post', `/assessments/${assessment}/reopen`, {
      message: '追記をお願いします',
    }).expect(200);

    const scored = await insertScoredAssessment(api.dataSource, {
      organizationId: tenant.organizationId,
      campaignId: await insertCampaign(api.dataSource, tenant.organizationId, {
        dueDate: inDays(30),
        ownerId: tenant.users.procurement.id,
      }),
      supplierId: second,
      result: fixtureScore('smeNothing', 3),
    });
    expect(scored.findingIds.length).toBeGreaterThan(0);
    await call('patch', `/findings/${scored.findingIds[0]}`, { status: 'accepted' }).expect(200);

    await call('post', `/campaigns/${id}/close`).expect(200);
    const draft = await call('post', '/campaigns', {
      ...campaign,
      name: 'IP記録 下書き',
      supplierIds: [second],
    }).expect(201);
    await call('delete', `/campaigns/${draft.body.id}`).expect((r) => {
      expect([200, 204]).toContain(r.status);
    });

    const [{ importedId }] = await api.dataSource.query<{ importedId: string }[]>(
      `SELECT id AS "importedId" FROM suppliers WHERE organization_id = $1 AND name = $2`,
      [tenant.organizationId, 'IP記録取込株式会社'],
    );
    const recorded = {
      'supplier.create': [
        ...(await ipsOf('supplier.create', first)),
        ...(await ipsOf('supplier.create', second)),
      ],
      'supplier.update': await ipsOf('supplier.update', first),
      'supplier.import': await ipsOf('supplier.import', null),
      'campaign.created': await ipsOf('campaign.created', id),
      'campaign.updated': await ipsOf('campaign.updated', id),
      'campaign.suppliers_added': await ipsOf('campaign.suppliers_added', id),
      'campaign.launched': await ipsOf('campaign.launched', id),
      'assessment.reminded': await ipsOf('assessment.reminded', assessment),
      'assessment.links_revoked': await ipsOf('assessment.links_revoked', assessment),
      'assessment.reopened': await ipsOf('assessment.reopened', assessment),
      'finding.status_changed': await ipsOf('finding.status_changed', scored.findingIds[0]),
      'campaign.closed': await ipsOf('campaign.closed', id),
      'campaign.deleted': await ipsOf('campaign.deleted', draft.body.id as string),
    };
    expect(importedId).toEqual(expect.any(String));
    expect(recorded).toEqual({
      'supplier.create': [API_CLIENT, API_CLIENT],
      'supplier.update': [API_CLIENT],
      'supplier.import': [API_CLIENT],
      'campaign.created': [API_CLIENT],
      'campaign.updated': [API_CLIENT],
      'campaign.suppliers_added': [API_CLIENT],
      'campaign.launched': [API_CLIENT],
      'assessment.reminded': [API_CLIENT],
      'assessment.links_revoked': [API_CLIENT],
      'assessment.reopened': [API_CLIENT],
      'finding.status_changed': [API_CLIENT],
      'campaign.closed': [API_CLIENT],
      'campaign.deleted': [API_CLIENT],
    });

    // The audit page shows it (no longer 「—」).
    const auditor = `kk_session=${await loginToken(api, tenant.users.auditor.email)}`;
    const page = await api
      .http()
      .get(`/console/audit?targetType=campaign&targetId=${id}`)
      .set('cookie', auditor)
      .expect(200);
    const ips = [...page.text.matchAll(/<td class="audit-ip">([^<]*)<\/td>/g)].map((m) => m[1]);
    expect(ips).toHaveLength(5); // created, updated, suppliers added, launched, closed
    expect(new Set(ips)).toEqual(new Set([API_CLIENT]));
  });

  it('records the IP on what the console forms do', async () => {
    const registered = await submitForm('/console/suppliers/new', {
      name: 'IP記録画面登録株式会社',
      criticality: '2',
      contactName: '画面 太郎',
      contactEmail: 'taro@ip-console.example.jp',
    }).expect(303);
    expect(registered.headers.location).toEqual(expect.any(String));
    const [{ supplierId }] = await api.dataSource.query<{ supplierId: string }[]>(
      'SELECT id AS "supplierId" FROM suppliers WHERE organization_id = $1 AND name = $2',
      [tenant.organizationId, 'IP記録画面登録株式会社'],
    );

    const campaignId = await insertCampaign(api.dataSource, tenant.organizationId, {
      dueDate: inDays(30),
      ownerId: tenant.users.procurement.id,
    });
    await call('post', `/campaigns/${campaignId}/suppliers`, { supplierIds: [supplierId] }).expect(
      200,
    );
    const assessment = await assessmentOf(campaignId, supplierId);
    await submitForm(`/console/assessments/${assessment}/links/revoke`, { confirm: 'yes' }).expect(
      303,
    );
    await markSubmitted(assessment);
    await submitForm(`/console/assessments/${assessment}/reopen`, {
      message: '設問3の回答をご確認ください',
    }).expect(303);
    await submitForm(`/console/campaigns/${campaignId}/close`, { confirm: 'yes' }).expect(303);

    const draft = await call('post', '/campaigns', {
      name: 'IP記録 画面から削除',
      catalogVersion: 'meti-v3.0+sa-3.1',
      dueDate: inDays(30),
      supplierIds: [supplierId],
    }).expect(201);
    await submitForm(`/console/campaigns/${draft.body.id}/delete`, { confirm: 'yes' }).expect(303);

    expect({
      'supplier.create': await ipsOf('supplier.create', supplierId),
      'assessment.links_revoked': await ipsOf('assessment.links_revoked', assessment),
      'assessment.reopened': await ipsOf('assessment.reopened', assessment),
      'campaign.closed': await ipsOf('campaign.closed', campaignId),
      'campaign.deleted': await ipsOf('campaign.deleted', draft.body.id as string),
    }).toEqual({
      'supplier.create': [CONSOLE_CLIENT],
      'assessment.links_revoked': [CONSOLE_CLIENT],
      'assessment.reopened': [CONSOLE_CLIENT],
      'campaign.closed': [CONSOLE_CLIENT],
      'campaign.deleted': [CONSOLE_CLIENT],
    });
  });

  it('keeps an IP the caller gives, and records none outside a request (the worker)', async () => {
    // Login passes the IP itself; the context agrees with it.
    await api
      .http()
      .post('/api/v1/auth/login')
      .set('x-forwarded-for', forwardedFor('192.0.2.200'))
      .send({ email: tenant.users.ciso.email, password: 'Test-Password-2026!' })
      .expect(200);
    expect(await ipsOf('auth.login', tenant.users.ciso.id)).toEqual(['192.0.2.200']);

    worker = await startWorker(isolated.env);
    const inWorker = worker.app.get(AuditService);
    const inApi = api.app.get(AuditService);
    const supplierId = await insertSupplier(api.dataSource, tenant.organizationId, {
      name: 'IP記録同時変更株式会社',
      criticality: 2,
    });
    // While the api serves a client's request, what the worker and the api's own background code
    // record at the same moment (no request of theirs) has no IP; the request's event has it.
    await Promise.all([
      call('patch', `/suppliers/${supplierId}`, { criticality: 1 }).expect(200),
      inWorker.record({
        organizationId: tenant.organizationId,
        actorType: 'system',
        action: 'test.worker_event',
        targetType: 'organization',
        targetId: tenant.organizationId,
      }),
      inApi.record({
        organizationId: tenant.organizationId,
        actorType: 'system',
        action: 'test.background_event',
        targetType: 'organization',
        targetId: tenant.organizationId,
      }),
    ]);
    expect(await ipsOf('supplier.update', supplierId)).toEqual([API_CLIENT]);
    expect(await ipsOf('test.worker_event', tenant.organizationId)).toEqual([null]);
    expect(await ipsOf('test.background_event', tenant.organizationId)).toEqual([null]);
  });
});
