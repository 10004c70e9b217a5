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

  describe('concurrent edits, change audit and body checks', () => {
    const patch = (id: string, body: unknown, ifMatch?: string) => {
      const request = api
        .http()
        .patch(`/api/v1/suppliers/${id}`)
        .set('authorization', as('procurement'))
        .set('content-type', 'application/json');
      if (ifMatch !== undefined) request.set('if-match', ifMatch);
      return request.send(JSON.stringify(body));
    };
    const updateEvents = (id: string) =>
      api.dataSource.query<{ details: Record<string, unknown> }[]>(
        `SELECT details FROM audit_events WHERE action = 'supplier.update' AND target_id = $1 ORDER BY id`,
        [id],
      );

    it('sends an ETag; a PATCH with a stale If-Match is 409 and saves nothing, the current one saves', async () => {
      const created = await create({
        name: '同時編集株式会社',
        criticality: 1,
        contacts: [{ name: '旧担当', email: 'old@etag.example.jp' }],
      }).expect(201);
      const id = created.body.id as string;
      const read = await api
        .http()
        .get(`/api/v1/suppliers/${id}`)
        .set('authorization', as('procurement'))
        .expect(200);
      const etag = read.headers.etag as string;
      expect(etag).toMatch(/^"\d+"$/);

      // A colleague saves first, with the ETag both read.
      const first = await patch(
        id,
        { contacts: [{ name: '新担当', email: 'new@etag.example.jp' }] },
        etag,
      ).expect(200);
      expect(first.headers.etag).toMatch(/^"\d+"$/);
      expect(first.headers.etag).not.toBe(etag);

      // The second save still names the old version: refused, nothing written.
      const stale = await patch(id, { criticality: 3 }, etag).expect(409);
      expect(stale.body).toMatchObject({ reason: 'stale-version' });
      expect(stale.body.message).toMatch(/changed by someone else/);
      const after = await api
        .http()
        .get(`/api/v1/suppliers/${id}`)
        .set('authorization', as('procurement'))
        .expect(200);
      expect(after.body).toMatchObject({ criticality: 1 });
      expect(after.body.contacts.map((c: { email: string }) => c.email)).toEqual([
        'new@etag.example.jp',
      ]);
      expect(after.headers.etag).toBe(first.headers.etag);

      // With the current ETag (weak form accepted too) it saves; without If-Match, no check.
      await patch(id, { criticality: 3 }, `W/${after.headers.etag}`).expect(200);
      await patch(id, { criticality: 2 }).expect(200);
    });

    it('documents the ETag, If-Match and the 409 of a stale PATCH in the OpenAPI document', async () => {
      const doc = (await api.http().get('/api/docs-json').expect(200)).body;
      const path = doc.paths['/api/v1/suppliers/{id}'];
      expect(Object.keys(path.get.responses['200'].headers)).toEqual(['ETag']);
      expect(path.patch.parameters).toEqual(
        expect.arrayContaining([expect.objectContaining({ name: 'If-Match', in: 'header' })]),
      );
      expect(path.patch.responses['409'].description).toMatch(/If-Match/);
    });

    it('audits only the fields that changed, with from and to; a PATCH changing nothing writes nothing', async () => {
      const created = await create({
        name: '監査差分株式会社',
        criticality: 1,
        category: '物流',
        contacts: [
          { name: '主', email: 'main@diff.example.jp', isPrimary: true },
          { name: '副', email: 'sub@diff.example.jp', isPrimary: false },
        ],
      }).expect(201);
      const id = created.body.id as string;

      await patch(id, {}).expect(200);
      await patch(id, { criticality: 1, category: '物流', name: '監査差分株式会社' }).expect(200);
      await patch(id, {
        contacts: [
          { name: '主', email: 'main@diff.example.jp', isPrimary: true },
          { name: '副', email: 'sub@diff.example.jp', isPrimary: false },
        ],
      }).expect(200);
      expect(await updateEvents(id)).toEqual([]);
      const unchanged = await api
        .http()
        .get(`/api/v1/suppliers/${id}`)
        .set('authorization', as('procurement'))
        .expect(200);
      expect(unchanged.body.updatedAt).toBe(created.body.updatedAt);

      await patch(id, { criticality: 3, category: '物流', name: '監査差分株式会社' }).expect(200);
      await patch(id, {
        contacts: [
          { name: '副', email: 'sub@diff.example.jp', isPrimary: true },
          { name: '新', email: 'new@diff.example.jp', isPrimary: false },
        ],
      }).expect(200);
      const events = await updateEvents(id);
      expect(events).toHaveLength(2);
      expect(events[0].details).toEqual({
        fields: ['criticality'],
        changes: { criticality: { from: 1, to: 3 } },
      });
      expect(events[1].details).toMatchObject({
        fields: ['contacts'],
        contacts: {
          added: ['new@diff.example.jp'],
          removed: ['main@diff.example.jp'],
          updated: [],
          primary: { from: 'main@diff.example.jp', to: 'sub@diff.example.jp' },
        },
        removedContacts: 1,
      });
      expect(events[1].details.changes).toBeUndefined();
    });

    it('refuses a JSON null body with 400 naming the body, and writes nothing', async () => {
      const created = await create({
        name: '空本文株式会社',
        contacts: [{ name: 'A', email: 'a@null-body.example.jp' }],
      }).expect(201);
      const refused = await patch(created.body.id, null).expect(400);
      expect(refused.body.message).toMatch(/request body must be a JSON object/);
      expect(await updateEvents(created.body.id)).toEqual([]);
    });

    it('folds full-width category and tags (ＩＴ is IT) on create and update, so one filter finds both', async () => {
      const wide = await create({
        name: '全角区分株式会社',
        category: ' ＩＴ ',
        tags: ['ｔｉｅｒ１', 'tier1', 'ｸﾗｳﾄﾞ'],
        contacts: [{ name: 'A', email: 'a@wide-category.example.jp' }],
      }).expect(201);
      expect(wide.body).toMatchObject({ category: 'IT', tags: ['tier1', 'クラウド'] });
      const narrow = await create({
        name: '半角区分株式会社',
        category: '物流',
        contacts: [{ name: 'A', email: 'a@narrow-category.example.jp' }],
      }).expect(201);
      const patched = await patch(narrow.body.id, { category: 'ＩＴ' }).expect(200);
      expect(patched.body.category).toBe('IT');
      for (const category of ['IT', 'ＩＴ']) {
        const found = await api
          .http()
          .get('/api/v1/suppliers')
          .query({ category, q: '区分株式会社' })
          .set('authorization', as('procurement'))
          .expect(200);
        expect(found.body.items.map((s: { name: string }) => s.name).sort()).toEqual([
          '全角区分株式会社',
          '半角区分株式会社',
        ]);
      }
    });
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
