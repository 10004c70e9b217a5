import { JobIds } from '@kakehashi/queue';
import { DEMO_PASSWORD, seedDemoTenantIfEmpty } from '../../apps/api/src/organizations/demo-seed';
import { loginToken, startApi, TestApi } from '../support/test-app';
import { isolatedEnvironment, IsolatedEnvironment } from '../support/test-worker';

describe('demo tenant (npm start): its campaign keeps inviting suppliers added later', () => {
  let isolated: IsolatedEnvironment;
  let api: TestApi;

  beforeAll(async () => {
    // A database of its own: the demo seed runs only on an empty one.
    isolated = await isolatedEnvironment('demo_seed');
    api = await startApi(isolated.env);
  });
  afterAll(async () => {
    await api?.close();
    await isolated?.drop();
  });

  it('gives a supplier added to the launched demo campaign a fan-out wave of its own', async () => {
    expect(await seedDemoTenantIfEmpty(api.dataSource)).toBe(true);
    const token = await loginToken(api, 'procurement@demo.kakehashi.example', DEMO_PASSWORD);
    const auth = `Bearer ${token}`;
    const [campaign] = await api.dataSource.query<{ id: string }[]>(
      `SELECT id FROM campaigns WHERE status = 'launched'`,
    );
    const supplier = await api
      .http()
      .post('/api/v1/suppliers')
      .set('authorization', auth)
      .send({
        name: '追加の取引先株式会社',
        contacts: [{ name: '担当', email: 'new@added.example' }],
      })
      .expect(201);

    await api
      .http()
      .post(`/api/v1/campaigns/${campaign.id}/suppliers`)
      .set('authorization', auth)
      .send({ supplierIds: [supplier.body.id] })
      .expect(200, { added: 1 });

    // Wave 1 is the demo's launch; the added supplier's invitation job is wave 2, not a
    // repeat of wave 1 that the outbox would drop as a duplicate.
    const waves = await api.dataSource.query<{ job_id: string }[]>(
      `SELECT job_id FROM outbox WHERE job_name = 'fan-out' ORDER BY created_at, job_id`,
    );
    expect(waves.map((w) => w.job_id)).toEqual([
      JobIds.fanOut(campaign.id, 1),
      JobIds.fanOut(campaign.id, 2),
    ]);
  });
});
