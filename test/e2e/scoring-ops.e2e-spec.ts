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
