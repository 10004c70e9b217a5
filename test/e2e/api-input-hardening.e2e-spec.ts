import { createTestAssessment } from '../support/assessment-factory';
import {
  appOrigin,
  createTestTenant,
  loginToken,
  startApi,
  TestApi,
  TestTenant,
} from '../support/test-app';

const NUL = '\u0000';
const nulMessage = (field: string) => `${field} must not contain the NUL character (U+0000)`;

/** `{"email":[[[…1…]]],"password":"x"}` nested `levels` deep: about 6 KB for 3000 levels. */
function deepBody(field: string, levels: number, rest: Record<string, unknown> = {}): string {
  const nested = `${'['.repeat(levels)}1${']'.repeat(levels)}`;
  const others = Object.entries(rest)
    .map(([key, value]) => `,${JSON.stringify(key)}:${JSON.stringify(value)}`)
    .join('');
  return `{${JSON.stringify(field)}:${nested}${others}}`;
}

describe('API input the database cannot hold (real app and database)', () => {
  let api: TestApi;
  let tenant: TestTenant;
  let other: TestTenant;
  const tokens: Record<string, string> = {};
  let supplierId: string;
  let campaignId: string;

  const auth = (role = 'procurement') => `Bearer ${tokens[role]}`;
  const count = async (sql: string, params: unknown[]): Promise<number> =>
    ((await api.dataSource.query(sql, params)) as { n: number }[])[0].n;
  const suppliersOf = (organizationId: string) =>
    count('SELECT count(*)::int AS n FROM suppliers WHERE organization_id = $1', [organizationId]);

  beforeAll(async () => {
    api = await startApi({ LOGIN_ATTEMPTS_PER_MINUTE_PER_IP: '1000' });
    tenant = await createTestTenant(api.dataSource, 'input-hardening');
    other = await createTestTenant(api.dataSource, 'input-hardening-other');
    for (const role of ['admin', 'procurement', 'ciso', 'auditor'] as const) {
      tokens[role] = await loginToken(api, tenant.users[role].email);
    }
    tokens.other = await loginToken(api, other.users.admin.email);
    const supplier = await api
      .http()
      .post('/api/v1/suppliers')
      .set('authorization', auth())
      .send({
        name: '入力検証株式会社',
        contacts: [{ name: '検証 花子', email: 'k@kensho.example' }],
      })
      .expect(201);
    supplierId = supplier.body.id;
    const campaign = await api
      .http()
      .post('/api/v1/campaigns')
      .set('authorization', auth())
      .send({
        name: '入力検証キャンペーン',
        catalogVersion: 'meti-v3.0+sa-3.1',
        supplierIds: [supplierId],
        dueDate: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
      })
      .expect(201);
    campaignId = campaign.body.id;
  });
  afterAll(() => api.close());

  describe('a NUL character (U+0000) is a 400 naming the field, and nothing is written', () => {
    it('in a supplier body, at the top or nested, or in a property name', async () => {
      const before = await suppliersOf(tenant.organizationId);
      const post = (body: object) =>
        api.http().post('/api/v1/suppliers').set('authorization', auth()).send(body);

      const top = await post({
        name: `nul${NUL}co`,
        contacts: [{ name: 'A', email: 'a@nul.example' }],
      }).expect(400);
      expect(top.body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: nulMessage('name'),
      });
      const nested = await post({
        name: 'ヌル商事',
        contacts: [{ name: `A${NUL}`, email: 'a@nul.example' }],
      }).expect(400);
      expect(nested.body.message).toBe(nulMessage('contacts.0.name'));
      const key = await post({ name: 'ヌル商事', [`x${NUL}`]: 1 }).expect(400);
      expect(key.body.message).toBe(
        'the body has a property name that contains the NUL character (U+0000)',
      );

      expect(await suppliersOf(tenant.organizationId)).toBe(before);
    });

    it('in a campaign name', async () => {
      const before = await count(
        'SELECT count(*)::int AS n FROM campaigns WHERE organization_id = $1',
        [tenant.organizationId],
      );
      const refused = await api
        .http()
        .post('/api/v1/campaigns')
        .set('authorization', auth())
        .send({
          name: `調査${NUL}`,
          catalogVersion: 'meti-v3.0+sa-3.1',
          supplierIds: [supplierId],
          dueDate: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
        })
        .expect(400);
      expect(refused.body.message).toBe(nulMessage('name'));
      expect(
        await count('SELECT count(*)::int AS n FROM campaigns WHERE organization_id = $1', [
          tenant.organizationId,
        ]),
      ).toBe(before);
    });

    it("in a supplier's text answer, leaving the answers and their version as they were", async () => {
      const link = await createTestAssessment(api.dataSource, {
        organizationId: tenant.organizationId,
        ownerId: tenant.users.procurement.id,
      });
      const refused = await api
        .http()
        .put(`/api/v1/respond/${link.token}/answers`)
        .send({ version: 0, answers: { 'OT.SERVICE': `x${NUL}y` } })
        .expect(400);
      expect(refused.body.message).toBe(nulMessage('answers.OT.SERVICE'));
      const [row] = (await api.dataSource.query(
        'SELECT answers, version, status FROM assessments WHERE id = $1',
        [link.assessmentId],
      )) as { answers: Record<string, unknown>; version: number; status: string }[];
      expect(row).toMatchObject({ answers: {}, version: 0, status: 'invited' });
      // The same answer without the NUL is saved.
      await api
        .http()
        .put(`/api/v1/respond/${link.token}/answers`)
        .send({ version: 0, answers: { 'OT.SERVICE': 'xy' } })
        .expect(200, { version: 1 });
    });

    it('in a query string, on every list that filters by text', async () => {
      const cases: [string, string, string][] = [
        ['/api/v1/suppliers?q=%00', 'procurement', 'q'],
        ['/api/v1/suppliers?tag=ok&tag=a%00', 'procurement', 'tag.1'],
        ['/api/v1/dashboard/suppliers?category=%00', 'ciso', 'category'],
        ['/api/v1/dashboard/summary?category=%00', 'ciso', 'category'],
        ['/api/v1/audit-events?action=%00', 'auditor', 'action'],
      ];
      for (const [url, role, field] of cases) {
        const refused = await api.http().get(url).set('authorization', auth(role));
        expect({ url, status: refused.status, body: refused.body }).toEqual({
          url,
          status: 400,
          body: { statusCode: 400, error: 'Bad Request', message: nulMessage(field) },
        });
      }
      // Signed out, the session still comes first: a 401, as for any other request.
      await api.http().get('/api/v1/suppliers?q=%00').expect(401);
    });

    it('in the login body: a 400, not a database error', async () => {
      const refused = await api
        .http()
        .post('/api/v1/auth/login')
        .send({ email: `${tenant.users.admin.email}${NUL}`, password: 'x' })
        .expect(400);
      expect(refused.body.message).toBe(nulMessage('email'));
    });

    it('in the supplier console form: the page answers 400 in its language and writes nothing', async () => {
      const before = await suppliersOf(tenant.organizationId);
      const cookie = `kk_session=${tokens.procurement}`;
      const form = new URLSearchParams({
        name: `画面${NUL}株式会社`,
        criticality: '2',
        contactName: '画面 太郎',
        contactEmail: 'gamen@nul.example',
      }).toString();
      const ja = await api
        .http()
        .post('/console/suppliers/new')
        .set('cookie', cookie)
        .set('origin', appOrigin(api))
        .type('form')
        .send(form)
        .expect(400);
      expect(ja.headers['content-type']).toMatch(/text\/html/);
      expect(ja.text).toContain('送信された内容を保存できません');
      expect(ja.text).toContain('U+0000');
      const en = await api
        .http()
        .post('/console/suppliers/new?lang=en')
        .set('cookie', cookie)
        .set('origin', appOrigin(api))
        .type('form')
        .send(form)
        .expect(400);
      expect(en.text).toContain('The form could not be saved');
      expect(await suppliersOf(tenant.organizationId)).toBe(before);

      // In the address of a console list, it is the page's usual bad-address answer.
      const list = await api
        .http()
        .get('/console/suppliers?q=%00')
        .set('cookie', cookie)
        .expect(400);
      expect(list.text).toContain('ページのアドレスに誤りがあります');
    });
  });

  describe('a page past 100000 is refused on every list', () => {
    const lists = (): [string, string][] => [
      ['/api/v1/suppliers', 'procurement'],
      ['/api/v1/campaigns', 'procurement'],
      [`/api/v1/campaigns/${campaignId}/assessments`, 'procurement'],
      ['/api/v1/dashboard/suppliers', 'ciso'],
      ['/api/v1/users', 'admin'],
      ['/api/v1/audit-events', 'auditor'],
      ['/api/v1/notifications', 'procurement'],
    ];

    it('answers 400 "page must be at most 100000" instead of overflowing the database', async () => {
      for (const [path, role] of lists()) {
        const far = await api
          .http()
          .get(`${path}?page=999999999999999999`)
          .set('authorization', auth(role));
        expect({ path, status: far.status, body: far.body }).toEqual({
          path,
          status: 400,
          body: { statusCode: 400, error: 'Bad Request', message: 'page must be at most 100000' },
        });
      }
    });

    it('still serves page 100000 (empty)', async () => {
      for (const [path, role] of lists()) {
        const last = await api.http().get(`${path}?page=100000`).set('authorization', auth(role));
        expect({ path, status: last.status, items: last.body.items }).toEqual({
          path,
          status: 200,
          items: [],
        });
      }
    });
  });

  describe('a JSON body nested too deeply', () => {
    it('is a 400 before validation, on the login and on a signed-in write', async () => {
      const login = deepBody('email', 3000, { password: 'x' });
      expect(login.length).toBeGreaterThan(6000);
      const refused = await api
        .http()
        .post('/api/v1/auth/login')
        .set('content-type', 'application/json')
        .send(login)
        .expect(400);
      expect(refused.body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: expect.stringContaining('the JSON body is nested too deeply'),
      });

      const before = await suppliersOf(tenant.organizationId);
      const supplier = await api
        .http()
        .post('/api/v1/suppliers')
        .set('authorization', auth())
        .set('content-type', 'application/json')
        .send(deepBody('name', 3000))
        .expect(400);
      expect(supplier.body.message).toContain('the JSON body is nested too deeply');
      expect(await suppliersOf(tenant.organizationId)).toBe(before);
    });

    it('within the bound, the usual validation answers and names the field', async () => {
      const shallow = await api
        .http()
        .post('/api/v1/suppliers')
        .set('authorization', auth())
        .set('content-type', 'application/json')
        .send(deepBody('name', 20))
        .expect(400);
      expect(shallow.body.message).toContain('name');
      expect(shallow.body.message).not.toContain('nested too deeply');
    });
  });

  describe('GET /api/v1/audit-events is a paged list', () => {
    let scratch: TestTenant;
    let admin: string;

    beforeAll(async () => {
      scratch = await createTestTenant(api.dataSource, 'input-hardening-audit');
      admin = await loginToken(api, scratch.users.admin.email);
      // 120 events one second apart, n = 0 the oldest; plus the logins the tenant already has.
      await api.dataSource.query(
        `INSERT INTO audit_events (organization_id, actor_type, action, target_type, target_id, details, created_at)
         SELECT $1, 'system', 'test.paging', 'test', n::text, jsonb_build_object('n', n),
                now() - (120 - n) * interval '1 second'
           FROM generate_series(0, 119) AS n`,
        [scratch.organizationId],
      );
    });

    const list = (query: string, token = admin) =>
      api.http().get(`/api/v1/audit-events${query}`).set('authorization', `Bearer ${token}`);

    it('serves page 2 of 50, newest first, with the number of matching events', async () => {
      const page = await list('?action=test.paging&page=2&pageSize=50').expect(200);
      expect(page.body).toMatchObject({ total: 120, page: 2, pageSize: 50 });
      const numbers = (page.body.items as { details: { n: number } }[]).map((e) => e.details.n);
      expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => 69 - i));

      const last = await list('?action=test.paging&page=3&pageSize=50').expect(200);
      expect(last.body.items).toHaveLength(20);
      expect(last.body.items[19].details.n).toBe(0);

      const all = await list('').expect(200);
      const [{ n }] = (await api.dataSource.query(
        'SELECT count(*)::int AS n FROM audit_events WHERE organization_id = $1',
        [scratch.organizationId],
      )) as { n: number }[];
      expect(n).toBeGreaterThan(120);
      expect(all.body).toMatchObject({ total: n, page: 1, pageSize: 50 });
      expect(all.body.items).toHaveLength(50);
    });

    it("counts and lists only the caller's organization", async () => {
      const theirs = await list('?action=test.paging', tokens.other).expect(200);
      expect(theirs.body).toMatchObject({ total: 0, items: [] });
    });

    it('refuses an unknown parameter and a bad page size like every other list', async () => {
      const unknown = await list('?actor=someone').expect(400);
      expect(unknown.body.message).toBe('property actor should not exist');
      const size = await list('?pageSize=201').expect(400);
      expect(size.body.message).toContain('pageSize');
      const twice = await list('?action=a&action=b').expect(400);
      expect(twice.body.message).toContain('action');
    });
  });
});
