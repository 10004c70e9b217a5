import { corporateNumber } from '../fixtures/import/supplier-files';
import { createTestTenant, loginToken, startApi, TestApi, TestTenant } from '../support/test-app';

describe('supplier registry (real app and database)', () => {
  let api: TestApi;
  let tenant: TestTenant;
  let other: TestTenant;
  const tokens: Record<string, string> = {};
  let otherToken: string;

  const as = (role: string) => `Bearer ${tokens[role]}`;

  beforeAll(async () => {
    api = await startApi({ LOGIN_ATTEMPTS_PER_MINUTE_PER_IP: '1000' });
    tenant = await createTestTenant(api.dataSource, 'suppliers');
    other = await createTestTenant(api.dataSource, 'suppliers-other');
    for (const role of ['admin', 'procurement', 'ciso', 'auditor'] as const) {
      tokens[role] = await loginToken(api, tenant.users[role].email);
    }
    otherToken = await loginToken(api, other.users.procurement.email);
  });
  afterAll(() => api.close());

  function create(body: Record<string, unknown>, role = 'procurement') {
    return api.http().post('/api/v1/suppliers').set('authorization', as(role)).send(body);
  }

  it('creates a supplier with contacts and reads it back with delivery state', async () => {
    const created = await create({
      name: '株式会社かけはし商事',
      nameRomaji: 'Kakehashi Shoji',
      corporateNumber: '7000012050002',
      sizeClass: 'sme',
      criticality: 3,
      handlesConfidentialData: true,
      outageImpact: false,
      networkAccess: null,
      category: '業務委託',
      tags: ['物流', 'tier1'],
      ownerId: tenant.users.procurement.id,
      contacts: [
        { name: '山田 太郎', email: 'yamada@kakehashi.example.jp', isPrimary: true },
        { name: 'Jane Doe', email: 'jane@kakehashi.example.jp', language: 'en', isPrimary: false },
      ],
    }).expect(201);
    expect(created.body).toMatchObject({
      name: '株式会社かけはし商事',
      nameRomaji: 'Kakehashi Shoji',
      corporateNumber: '7000012050002',
      sizeClass: 'sme',
      criticality: 3,
      handlesConfidentialData: true,
      outageImpact: false,
      networkAccess: null,
      tags: ['物流', 'tier1'],
      ownerId: tenant.users.procurement.id,
    });
    const read = await api
      .http()
      .get(`/api/v1/suppliers/${created.body.id}`)
      .set('authorization', as('auditor'))
      .expect(200);
    expect(read.body.contacts).toEqual([
      expect.objectContaining({
        name: '山田 太郎',
        email: 'yamada@kakehashi.example.jp',
        language: 'ja',
        isPrimary: true,
        undeliverable: false,
      }),
      expect.objectContaining({ name: 'Jane Doe', language: 'en', isPrimary: false }),
    ]);

    const events = await api
      .http()
      .get('/api/v1/audit-events?action=supplier.create')
      .set('authorization', as('auditor'))
      .expect(200);
    expect(events.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ targetId: created.body.id })]),
    );
  });

  it('names the field when the 法人番号 check digit is wrong, and rejects a duplicate with 409', async () => {
    const bad = await create({
      name: '検証株式会社',
      corporateNumber: '8000012050002',
      contacts: [{ name: '佐藤', email: 'sato@example.jp' }],
    }).expect(400);
    expect(bad.body.message).toMatch(/corporateNumber/);
    expect(bad.body.message).toMatch(/法人番号/);

    const duplicate = await create({
      name: '別名の会社',
      corporateNumber: '7000012050002',
      contacts: [{ name: '佐藤', email: 'sato@example.jp' }],
    }).expect(409);
    expect(duplicate.body.message).toMatch(/法人番号/);

    // Another tenant may register the same company.
    await api
      .http()
      .post('/api/v1/suppliers')
      .set('authorization', `Bearer ${otherToken}`)
      .send({
        name: '株式会社かけはし商事',
        corporateNumber: '7000012050002',
        contacts: [{ name: '山田', email: 'yamada@kakehashi.example.jp' }],
      })
      .expect(201);
  });

  it('requires exactly one primary contact and an active procurement or admin owner of the same tenant', async () => {
    const twoPrimaries = await create({
      name: '二重株式会社',
      contacts: [
        { name: 'A', email: 'a@example.jp', isPrimary: true },
        { name: 'B', email: 'b@example.jp', isPrimary: true },
      ],
    }).expect(400);
    expect(twoPrimaries.body.message).toMatch(/exactly one primary/);

    const noContacts = await create({ name: '連絡先なし株式会社', contacts: [] }).expect(400);
    expect(noContacts.body.message).toMatch(/contacts/);

    const badEmail = await create({
      name: 'メール不正株式会社',
      contacts: [{ name: 'A', email: 'not-an-email' }],
    }).expect(400);
    expect(badEmail.body.message).toMatch(/email/);

    const foreignOwner = await create({
      name: '所有者不正株式会社',
      ownerId: other.users.procurement.id,
      contacts: [{ name: 'A', email: 'a@example.jp' }],
    }).expect(400);
    expect(foreignOwner.body.message).toMatch(/ownerId/);

    const cisoOwner = await create({
      name: '所有者不正株式会社',
      ownerId: tenant.users.ciso.id,
      contacts: [{ name: 'A', email: 'a@example.jp' }],
    }).expect(400);
    // The message says what is accepted: an admin may own a supplier too.
    expect(cisoOwner.body).toMatchObject({
      message: 'ownerId must be an active procurement user or admin of this organization',
      field: 'ownerId',
    });
    const adminOwner = await create({
      name: '管理者担当株式会社',
      ownerId: tenant.users.admin.id,
      contacts: [{ name: 'A', email: 'a@admin-owner.example.jp' }],
    }).expect(201);
    expect(adminOwner.body.ownerId).toBe(tenant.users.admin.id);
  });

  it('refuses writes to auditors and CISOs; they can read', async () => {
    const body = { name: '読み取り専用株式会社', contacts: [{ name: 'A', email: 'a@example.jp' }] };
    await create(body, 'auditor').expect(403);
    await create(body, 'ciso').expect(403);
    await api.http().get('/api/v1/suppliers').set('authorization', as('ciso')).expect(200);
    await api.http().get('/api/v1/suppliers').expect(401);
  });

  it('updates fields and replaces contacts, keeping a kept address and its bounce state', async () => {
    const created = await create({
      name: '更新前株式会社',
      criticality: 1,
      contacts: [
        { name: '旧担当', email: 'old@update.example.jp', isPrimary: true },
        { name: '残る人', email: 'stays@update.example.jp', isPrimary: false },
      ],
    }).expect(201);
    const stays = created.body.contacts.find(
      (c: { email: string }) => c.email === 'stays@update.example.jp',
    );
    await api.dataSource.query(
      `UPDATE supplier_contacts SET undeliverable_at = now(), undeliverable_reason = '550 no such user' WHERE id = $1`,
      [stays.id],
    );

    const patched = await api
      .http()
      .patch(`/api/v1/suppliers/${created.body.id}`)
      .set('authorization', as('admin'))
      .send({
        name: '更新後株式会社',
        criticality: 3,
        corporateNumber: corporateNumber(424242),
        contacts: [
          { name: '残る人 (更新)', email: 'STAYS@update.example.jp', isPrimary: true },
          { name: '新担当', email: 'new@update.example.jp', language: 'en', isPrimary: false },
        ],
      })
      .expect(200);
    expect(patched.body).toMatchObject({
      name: '更新後株式会社',
      criticality: 3,
      corporateNumber: corporateNumber(424242),
    });
    expect(patched.body.contacts).toHaveLength(2);
    expect(patched.body.contacts[0]).toMatchObject({
      id: stays.id,
      name: '残る人 (更新)',
      isPrimary: true,
      undeliverable: true,
      undeliverableReason: '550 no such user',
    });
    expect(patched.body.contacts[1]).toMatchObject({
      email: 'new@update.example.jp',
      isPrimary: false,
    });

    const clash = await api
      .http()
      .patch(`/api/v1/suppliers/${created.body.id}`)
      .set('authorization', as('procurement'))
      .send({ corporateNumber: '7000012050002' })
      .expect(409);
    expect(clash.body.message).toMatch(/法人番号/);
    await api
      .http()
      .patch(`/api/v1/suppliers/${created.body.id}`)
      .set('authorization', as('procurement'))
      .send({ criticality: 4 })
      .expect(400);
    await api
      .http()
      .patch(`/api/v1/suppliers/${created.body.id}`)
      .set('authorization', as('auditor'))
      .send({ criticality: 2 })
      .expect(403);
  });

  it('keeps tenants apart: another tenant’s ids answer 404 and are never listed', async () => {
    const theirs = await api
      .http()
      .post('/api/v1/suppliers')
      .set('authorization', `Bearer ${otherToken}`)
      .send({
        name: '他社の取引先株式会社',
        contacts: [{ name: 'A', email: 'a@other.example.jp' }],
      })
      .expect(201);
    await api
      .http()
      .get(`/api/v1/suppliers/${theirs.body.id}`)
      .set('authorization', as('procurement'))
      .expect(404);
    await api
      .http()
      .patch(`/api/v1/suppliers/${theirs.body.id}`)
      .set('authorization', as('procurement'))
      .send({ name: '乗っ取り' })
      .expect(404);
    await api
      .http()
      .get('/api/v1/suppliers/not-a-uuid')
      .set('authorization', as('procurement'))
      .expect(404);
    const list = await api
      .http()
      .get('/api/v1/suppliers?pageSize=200&q=他社')
      .set('authorization', as('procurement'))
      .expect(200);
    expect(list.body.total).toBe(0);
    const all = await api
      .http()
      .get('/api/v1/suppliers?pageSize=200')
      .set('authorization', as('procurement'))
      .expect(200);
    expect(all.body.items.map((s: { id: string }) => s.id)).not.toContain(theirs.body.id);
    const still = await api
      .http()
      .get(`/api/v1/suppliers/${theirs.body.id}`)
      .set('authorization', `Bearer ${otherToken}`)
      .expect(200);
    expect(still.body.name).toBe('他社の取引先株式会社');
  });

  describe('search, filters and pages', () => {
    beforeAll(async () => {
      for (let i = 0; i < 7; i++) {
        await create({
          name: `検索テスト${i}株式会社`,
          nameRomaji: `Kensaku Test ${i}`,
          corporateNumber: corporateNumber(5550000 + i),
          sizeClass: i % 2 ? 'sme' : 'large',
          criticality: (i % 3) + 1,
          category: i < 3 ? 'クラウド' : '物流',
          tags: i === 6 ? ['special'] : [],
          // Explicitly none: without ownerId, procurement would own what it registers.
          ownerId: i === 5 ? tenant.users.procurement.id : null,
          contacts: [{ name: `担当${i}`, email: `search${i}@example.jp` }],
        }).expect(201);
      }
    });

    const list = (query: string) =>
      api
        .http()
        .get(`/api/v1/suppliers?${query}`)
        .set('authorization', as('procurement'))
        .expect(200)
        .then((r) => r.body);

    it('finds by Japanese name, romanised name and 法人番号', async () => {
      expect((await list(`q=${encodeURIComponent('検索テスト3')}`)).items).toEqual([
        expect.objectContaining({ name: '検索テスト3株式会社' }),
      ]);
      expect((await list('q=kensaku%20test%204')).items).toEqual([
        expect.objectContaining({ name: '検索テスト4株式会社' }),
      ]);
      const number = corporateNumber(5550002);
      const byNumber = await list(`q=${number}`);
      expect(byNumber.items).toEqual([expect.objectContaining({ corporateNumber: number })]);
      expect(byNumber.items[0].primaryContact).toEqual({
        name: '担当2',
        email: 'search2@example.jp',
        language: 'ja',
      });
    });

    it('finds a name stored in half-width katakana by its full-width spelling, and back', async () => {
      await create({
        name: 'ｼﾌﾄ商事株式会社',
        ownerId: null,
        contacts: [{ name: '担当', email: 'shift@example.jp' }],
      }).expect(201);
      for (const typed of ['シフト商事', 'ｼﾌﾄ商事']) {
        expect((await list(`q=${encodeURIComponent(typed)}`)).items).toEqual([
          expect.objectContaining({ name: 'ｼﾌﾄ商事株式会社' }),
        ]);
      }
    });

    it('filters by criticality, category, size, owner and tag', async () => {
      const q = `q=${encodeURIComponent('検索テスト')}`;
      expect((await list(`${q}&criticality=1`)).total).toBe(3);
      expect((await list(`${q}&category=${encodeURIComponent('クラウド')}`)).total).toBe(3);
      expect((await list(`${q}&sizeClass=sme`)).total).toBe(3);
      expect((await list(`${q}&ownerId=${tenant.users.procurement.id}`)).items).toEqual([
        expect.objectContaining({ name: '検索テスト5株式会社' }),
      ]);
      expect((await list(`${q}&tag=special`)).items).toEqual([
        expect.objectContaining({ name: '検索テスト6株式会社' }),
      ]);
      await api
        .http()
        .get('/api/v1/suppliers?criticality=9')
        .set('authorization', as('procurement'))
        .expect(400);
    });

    it('sorts and pages', async () => {
      const q = `q=${encodeURIComponent('検索テスト')}`;
      const first = await list(`${q}&sort=-name&page=1&pageSize=3`);
      const second = await list(`${q}&sort=-name&page=2&pageSize=3`);
      const third = await list(`${q}&sort=-name&page=3&pageSize=3`);
      expect(first).toMatchObject({ total: 7, page: 1, pageSize: 3 });
      expect(first.items.map((s: { name: string }) => s.name)).toEqual([
        '検索テスト6株式会社',
        '検索テスト5株式会社',
        '検索テスト4株式会社',
      ]);
      expect(second.items.map((s: { name: string }) => s.name)).toEqual([
        '検索テスト3株式会社',
        '検索テスト2株式会社',
        '検索テスト1株式会社',
      ]);
      expect(third.items.map((s: { name: string }) => s.name)).toEqual(['検索テスト0株式会社']);
      const byCriticality = await list(`${q}&sort=-criticality&pageSize=50`);
      const levels = byCriticality.items.map((s: { criticality: number }) => s.criticality);
      expect(levels).toEqual([...levels].sort((a: number, b: number) => b - a));
    });
  });
});
