import { createTestTenant, loginToken, startApi, TestApi, TestTenant } from '../support/test-app';

jest.setTimeout(60_000);

describe('operations: queue board and metrics', () => {
  let api: TestApi;
  let tenant: TestTenant;
  beforeAll(async () => {
    api = await startApi({ METRICS_TOKEN: 'metrics-token-for-the-e2e-test' });
    tenant = await createTestTenant(api.dataSource, 'ops');
  });
  afterAll(() => api?.close());

  it('shows Bull Board at /admin/queues to admins only', async () => {
    await api.http().get('/admin/queues').expect(401);
    await api.http().get('/admin/queues/api/queues').expect(401);
    const procurement = await loginToken(api, tenant.users.procurement.email);
    await api.http().get('/admin/queues').set('Authorization', `Bearer ${procurement}`).expect(403);
    const admin = await loginToken(api, tenant.users.admin.email);
    const page = await api.http().get('/admin/queues').set('Authorization', `Bearer ${admin}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html');
    const queues = await api
      .http()
      .get('/admin/queues/api/queues')
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    const names = (queues.body.queues as { name: string }[]).map((q) => q.name).sort();
    expect(names).toEqual(['campaigns', 'mail', 'reminders', 'scoring']);

    // A stale cookie beside a valid Bearer token: the token decides, as on the API.
    await api
      .http()
      .get('/admin/queues/api/queues')
      .set('Authorization', `Bearer ${admin}`)
      .set('cookie', 'kk_session=stale')
      .expect(200);

    // A signed-out admin's token opens nothing, by header or by cookie.
    await api
      .http()
      .post('/api/v1/auth/logout')
      .set('Authorization', `Bearer ${admin}`)
      .expect(204);
    await api.http().get('/admin/queues').set('Authorization', `Bearer ${admin}`).expect(401);
    await api
      .http()
      .get('/admin/queues/api/queues')
      .set('cookie', `kk_session=${admin}`)
      .expect(401);
  });

  it('refuses percent-encoded paths to the board without a session', async () => {
    await api.http().get('/admin/queue%73/api/queues').expect(401);
    await api.http().get('/%61dmin/queues/api/queues').expect(401);
    await api.http().put('/admin/queue%73/api/queues/mail/retry/failed').expect(401);
  });

  it('keeps the board and the mail outbox to admins of the operating organization', async () => {
    const other = await createTestTenant(api.dataSource, 'ops-other');
    const operated = await startApi({ OPERATOR_ORGANIZATION_IDS: tenant.organizationId });
    try {
      const operator = await loginToken(operated, tenant.users.admin.email);
      const tenantAdmin = await loginToken(operated, other.users.admin.email);
      const as = (token: string) => ({ Authorization: `Bearer ${token}` });
      await operated.http().get('/admin/queues/api/queues').set(as(operator)).expect(200);
      const refused = await operated
        .http()
        .get('/admin/queues/api/queues')
        .set(as(tenantAdmin))
        .expect(403);
      expect(refused.body.message).toContain('operating organization');
      await operated.http().get('/api/v1/admin/outbox').set(as(operator)).expect(200);
      await operated.http().get('/api/v1/admin/outbox').set(as(tenantAdmin)).expect(403);
    } finally {
      await operated.close();
    }
  });

  it('serves Prometheus metrics at /metrics behind the METRICS_TOKEN bearer', async () => {
    await api.http().get('/metrics').expect(401);
    const metrics = await api
      .http()
      .get('/metrics')
      .set('Authorization', 'Bearer metrics-token-for-the-e2e-test')
      .expect(200);
    expect(metrics.text).toMatch(/kakehashi_queue_jobs\{queue="scoring",state="waiting"\} \d+/);
    expect(metrics.text).toMatch(/kakehashi_queue_jobs\{queue="mail",state="failed"\} \d+/);
    expect(metrics.text).toContain('# TYPE kakehashi_mail_messages gauge');
  });
});
