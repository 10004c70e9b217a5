import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateEnvironment } from '@kakehashi/config';
import { JobIds } from '@kakehashi/queue';
import {
  DEMO_ORGANIZATION_ID,
  DEMO_PASSWORD,
  seedDemoTenantIfEmpty,
} from '../../apps/api/src/organizations/demo-seed';
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

  it('is the operator organization docker-compose names, so the demo admin opens Bull Board there', async () => {
    // The first test seeded this database.
    const [demo] = await api.dataSource.query<{ id: string }[]>(
      `SELECT o.id FROM organizations o JOIN users u ON u.organization_id = o.id
        WHERE u.email = 'admin@demo.kakehashi.example'`,
    );
    expect(demo.id).toBe(DEMO_ORGANIZATION_ID);
    const compose = readFileSync(join(__dirname, '..', '..', 'docker-compose.yml'), 'utf8');
    const named = /OPERATOR_ORGANIZATION_IDS:\s*(\S+)/.exec(compose)?.[1];
    const env = validateEnvironment({
      NODE_ENV: 'production',
      JWT_SECRET: 'compose-only-secret-change-me-0123456789abcdef',
      SMTP_URL: 'smtp://mail:1025',
      OPERATOR_ORGANIZATION_IDS: named,
    });
    expect(env.isOperatorOrganization(demo.id)).toBe(true);
    expect(env.isOperatorOrganization('00000000-0000-4000-8000-000000000000')).toBe(false);
  });
});
