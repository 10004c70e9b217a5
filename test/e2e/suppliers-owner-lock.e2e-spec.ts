import type { QueryRunner } from 'typeorm';
import { JA_HEADER, utf8WithBom } from '../fixtures/import/supplier-files';
import { createTestTenant, loginToken, startApi, TestApi, TestTenant } from '../support/test-app';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A supplier written while its owner's role changes to one that cannot own work (CISO). The role
 * change is held open here as PATCH /api/v1/users/:id runs it (the user's row locked FOR UPDATE,
 * the role written, not yet committed), so the supplier write is sure to fall inside it.
 */
describe('supplier owner checked under a lock on the owner’s row (real app and database)', () => {
  let api: TestApi;
  let tenant: TestTenant;
  let admin: string;
  let procurement: string;

  beforeAll(async () => {
    api = await startApi({ LOGIN_ATTEMPTS_PER_MINUTE_PER_IP: '1000' });
    tenant = await createTestTenant(api.dataSource, 'supplier-owner-lock');
    admin = `Bearer ${await loginToken(api, tenant.users.admin.email)}`;
    procurement = `Bearer ${await loginToken(api, tenant.users.procurement.email)}`;
  });
  afterAll(() => api.close());

  // Every case leaves the procurement user as it found them: procurement, owning nothing.
  afterEach(async () => {
    await api.dataSource.query(`DELETE FROM suppliers WHERE organization_id = $1`, [
      tenant.organizationId,
    ]);
    await api.dataSource.query(`UPDATE users SET role = 'procurement' WHERE id = $1`, [
      tenant.users.procurement.id,
    ]);
  });

  /** Opens the role change of the procurement user to CISO, locked and not yet committed. */
  async function openRoleChange(): Promise<{ runner: QueryRunner; pid: number }> {
    const runner = api.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    const [{ pid }] = (await runner.query('SELECT pg_backend_pid() AS pid')) as { pid: number }[];
    await runner.query('SELECT id FROM users WHERE organization_id = $1 AND id = $2 FOR UPDATE', [
      tenant.organizationId,
      tenant.users.procurement.id,
    ]);
    await runner.query(`UPDATE users SET role = 'ciso' WHERE id = $1`, [
      tenant.users.procurement.id,
    ]);
    return { runner, pid };
  }

  /** Waits until a request's transaction waits for the held role change. */
  async function waitUntilBlockedBy(pid: number): Promise<void> {
    for (let waited = 0; waited < 30_000; waited += 20) {
      const [row] = await api.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))`,
        [pid],
      );
      if (row.n > 0) return;
      await sleep(20);
    }
    throw new Error('the supplier write never waited for the role change');
  }

  /** Sends the request while the role change is open, then commits the change. */
  async function duringRoleChange<T>(send: () => Promise<T>): Promise<T> {
    const { runner, pid } = await openRoleChange();
    try {
      const response = send();
      await waitUntilBlockedBy(pid);
      await runner.commitTransaction();
      return await response;
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
  }

  /** What the admin sees afterwards: the user is a CISO and owns no supplier. */
  async function expectCisoOwningNothing(): Promise<void> {
    const user = await api
      .http()
      .get(`/api/v1/users/${tenant.users.procurement.id}`)
      .set('authorization', admin)
      .expect(200);
    expect(user.body.role).toBe('ciso');
    const owned = await api
      .http()
      .get(`/api/v1/suppliers?ownerId=${tenant.users.procurement.id}`)
      .set('authorization', admin)
      .expect(200);
    expect(owned.body.items).toEqual([]);
  }

  const contacts = [{ name: '担当', email: 'tanto@owner-lock.example.jp' }];

  it('refuses a supplier registered for that user as they become a CISO', async () => {
    const response = await duringRoleChange(() =>
      api
        .http()
        .post('/api/v1/suppliers')
        .set('authorization', admin)
        .send({ name: '同時登録株式会社', ownerId: tenant.users.procurement.id, contacts })
        .then((r) => r),
    );
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      message: 'ownerId must be an active procurement user or admin of this organization',
      field: 'ownerId',
    });
    await expectCisoOwningNothing();
  });

  it('refuses a supplier reassigned to that user as they become a CISO', async () => {
    const created = await api
      .http()
      .post('/api/v1/suppliers')
      .set('authorization', admin)
      .send({ name: '同時変更株式会社', ownerId: null, contacts })
      .expect(201);
    const response = await duringRoleChange(() =>
      api
        .http()
        .patch(`/api/v1/suppliers/${created.body.id}`)
        .set('authorization', admin)
        .send({ ownerId: tenant.users.procurement.id })
        .then((r) => r),
    );
    expect(response.status).toBe(400);
    expect(response.body.field).toBe('ownerId');
    await expectCisoOwningNothing();
    const supplier = await api
      .http()
      .get(`/api/v1/suppliers/${created.body.id}`)
      .set('authorization', admin)
      .expect(200);
    expect(supplier.body.ownerId).toBeNull();
  });

  it('refuses what that user registers as its own owner while becoming a CISO', async () => {
    const response = await duringRoleChange(() =>
      api
        .http()
        .post('/api/v1/suppliers')
        .set('authorization', procurement)
        .send({ name: '本人登録株式会社', contacts })
        .then((r) => r),
    );
    expect(response.status).toBe(403);
    expect(response.body.message).toMatch(/active procurement user.*nothing was registered/);
    await expectCisoOwningNothing();
  });

  it('imports nothing that user would own once they have become a CISO', async () => {
    const file = utf8WithBom([
      JA_HEADER,
      [
        '同時取込株式会社',
        '',
        '',
        '',
        '',
        '担当 太郎',
        'import@owner-lock.example.jp',
        '',
        '',
        '',
        '',
      ],
    ]);
    const response = await duringRoleChange(() =>
      api
        .http()
        .post('/api/v1/suppliers/import')
        .set('authorization', procurement)
        .attach('file', file, 'suppliers.csv')
        .then((r) => r),
    );
    expect(response.status).toBe(403);
    expect(response.body.message).toMatch(/nothing was imported/);
    await expectCisoOwningNothing();
    const [{ n }] = await api.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM suppliers WHERE organization_id = $1`,
      [tenant.organizationId],
    );
    expect(n).toBe(0);
  });

  it('still lets an admin own a supplier, and a procurement user own an import', async () => {
    const byAdmin = await api
      .http()
      .post('/api/v1/suppliers')
      .set('authorization', admin)
      .send({ name: '管理者担当株式会社', ownerId: tenant.users.admin.id, contacts })
      .expect(201);
    expect(byAdmin.body.ownerId).toBe(tenant.users.admin.id);
    const file = utf8WithBom([
      JA_HEADER,
      [
        '取込担当株式会社',
        '',
        '',
        '',
        '',
        '担当 花子',
        'own@owner-lock.example.jp',
        '',
        '',
        '',
        '',
      ],
    ]);
    await api
      .http()
      .post('/api/v1/suppliers/import')
      .set('authorization', procurement)
      .attach('file', file, 'suppliers.csv')
      .expect(200);
    const owned = await api
      .http()
      .get(`/api/v1/suppliers?ownerId=${tenant.users.procurement.id}`)
      .set('authorization', admin)
      .expect(200);
    expect(owned.body.items.map((s: { name: string }) => s.name)).toEqual(['取込担当株式会社']);
  });
});
