import { corporateNumber } from '../fixtures/import/supplier-files';
import { createTestTenant, loginToken, startApi, TestApi, TestTenant } from '../support/test-app';

/** What the supplier API makes of untidy input: blanks, repeats, dashes, missing owners. */
describe('supplier input through the REST API (real app and database)', () => {
  let api: TestApi;
  let tenant: TestTenant;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    api = await startApi({ LOGIN_ATTEMPTS_PER_MINUTE_PER_IP: '1000' });
    tenant = await createTestTenant(api.dataSource, 'supplier-input');
    for (const role of ['admin', 'procurement'] as const) {
      tokens[role] = await loginToken(api, tenant.users[role].email);
    }
  });
  afterAll(() => api.close());

  const create = (body: Record<string, unknown>, role: 'admin' | 'procurement' = 'procurement') =>
    api.http().post('/api/v1/suppliers').set('authorization', `Bearer ${tokens[role]}`).send(body);
  const patch = (id: string, body: Record<string, unknown>) =>
    api
      .http()
      .patch(`/api/v1/suppliers/${id}`)
      .set('authorization', `Bearer ${tokens.procurement}`)
      .send(body);
  const contact = (email: string) => [{ name: '担当', email }];
  let seq = 0;
  const valid = () => {
    seq += 1;
    return { name: `入力検証${seq}株式会社`, contacts: contact(`input${seq}@example.jp`) };
  };

  describe('blank names', () => {
    it('refuses a supplier name of spaces (ASCII or ideographic) and names the field', async () => {
      for (const name of ['   ', '\u3000\u3000', '']) {
        const response = await create({ ...valid(), name }).expect(400);
        expect(response.body.message).toBe('name should not be empty');
      }
    });

    it('refuses a contact name of spaces, naming the contact', async () => {
      const response = await create({
        ...valid(),
        contacts: [{ name: '   ', email: 'blank-contact@example.jp' }],
      }).expect(400);
      expect(response.body.message).toBe('contacts.0.name should not be empty');
    });

    it('refuses a PATCH renaming a supplier to spaces and keeps the name', async () => {
      const created = await create(valid()).expect(201);
      const response = await patch(created.body.id, { name: '   ' }).expect(400);
      expect(response.body.message).toBe('name should not be empty');
      const contacts = await patch(created.body.id, {
        contacts: [{ name: ' ', email: 'x@example.jp' }],
      }).expect(400);
      expect(contacts.body.message).toBe('contacts.0.name should not be empty');
      const read = await api
        .http()
        .get(`/api/v1/suppliers/${created.body.id}`)
        .set('authorization', `Bearer ${tokens.procurement}`)
        .expect(200);
      expect(read.body.name).toBe(created.body.name);
    });

    it('stores names trimmed, on create and on PATCH', async () => {
      const created = await create({
        name: '  前後空白株式会社\u3000',
        nameRomaji: '  Zengo Kuhaku  ',
        category: '   ',
        contacts: [{ name: '  山田 太郎  ', email: '  trim@example.jp  ' }],
      }).expect(201);
      expect(created.body).toMatchObject({
        name: '前後空白株式会社',
        nameRomaji: 'Zengo Kuhaku',
        category: null,
      });
      expect(created.body.contacts[0]).toMatchObject({
        name: '山田 太郎',
        email: 'trim@example.jp',
      });
      const patched = await patch(created.body.id, { name: '  改名後株式会社  ' }).expect(200);
      expect(patched.body.name).toBe('改名後株式会社');
    });
  });

  it('trims tags and drops blank and repeated ones', async () => {
    const created = await create({
      ...valid(),
      tags: ['a', 'a', ' ', ' a ', ' 物流 ', '', '物流', 'tier1'],
    }).expect(201);
    expect(created.body.tags).toEqual(['a', '物流', 'tier1']);
    const patched = await patch(created.body.id, { tags: ['  ', 'x', 'x '] }).expect(200);
    expect(patched.body.tags).toEqual(['x']);
    const notText = await patch(created.body.id, { tags: ['ok', 3] }).expect(400);
    expect(notText.body.message).toMatch(/tags/);
  });

  describe('contact messages', () => {
    it('names a bad address by its position, once', async () => {
      const first = await create({
        ...valid(),
        contacts: [{ name: 'A', email: 'not-an-email' }],
      }).expect(400);
      expect(first.body.message).toBe('contacts.0.email must be an email address');
      const second = await create({
        ...valid(),
        contacts: [
          { name: 'A', email: 'a@example.jp', isPrimary: true },
          { name: 'B', email: 'b@', isPrimary: false },
        ],
      }).expect(400);
      expect(second.body.message).toBe('contacts.1.email must be an email address');
    });

    it('says which contact is not an object', async () => {
      const one = await create({ ...valid(), contacts: [null] }).expect(400);
      expect(one.body.message).toBe('contacts.0 must be an object with name and email');
      const two = await create({
        ...valid(),
        contacts: [{ name: 'A', email: 'a@example.jp' }, 'b@example.jp', null],
      }).expect(400);
      expect(two.body.message).toBe('contacts.1, contacts.2 must be objects with name and email');
      expect(two.body.message).not.toMatch(/each value|nested property/);
    });

    it('folds an address typed in full-width characters', async () => {
      const created = await create({
        ...valid(),
        contacts: [{ name: '全角', email: 'ｚｅｎｋａｋｕ＠example.jp' }],
      }).expect(201);
      expect(created.body.contacts[0].email).toBe('zenkaku@example.jp');
    });
  });

  describe('法人番号 as people type it', () => {
    it('accepts the minus sign, dashes and full-width digits on create, stores the digits', async () => {
      const minus = await create({
        ...valid(),
        corporateNumber: '7000\u221201\u2212205\u22120002',
      }).expect(201);
      expect(minus.body.corporateNumber).toBe('7000012050002');
      const number = corporateNumber(31415926);
      const fullWidth = `${number.slice(0, 4)}ー${number.slice(4)}`.replace(/\d/g, (d) =>
        String.fromCharCode(0xff10 + Number(d)),
      );
      const dashed = await create({ ...valid(), corporateNumber: fullWidth }).expect(201);
      expect(dashed.body.corporateNumber).toBe(number);
    });

    it('accepts hyphens on PATCH, still checks the check digit, and a blank clears it', async () => {
      const created = await create(valid()).expect(201);
      const number = corporateNumber(27182818);
      const hyphenated = `${number.slice(0, 4)}-${number.slice(4, 6)}-${number.slice(6, 9)}-${number.slice(9)}`;
      const patched = await patch(created.body.id, { corporateNumber: hyphenated }).expect(200);
      expect(patched.body.corporateNumber).toBe(number);
      const wrong = `${(Number(number[0]) % 9) + 1}-${number.slice(1)}`;
      const refused = await patch(created.body.id, { corporateNumber: wrong }).expect(400);
      expect(refused.body.message).toMatch(/corporateNumber \(法人番号\) must be 13 digits/);
      const cleared = await patch(created.body.id, { corporateNumber: ' ' }).expect(200);
      expect(cleared.body.corporateNumber).toBeNull();
    });

    it('finds a supplier by its number typed with the minus sign', async () => {
      const number = corporateNumber(16180339);
      const created = await create({ ...valid(), corporateNumber: number }).expect(201);
      const typed = `${number.slice(0, 4)}\u2212${number.slice(4)}`;
      const list = await api
        .http()
        .get(`/api/v1/suppliers?q=${encodeURIComponent(typed)}`)
        .set('authorization', `Bearer ${tokens.procurement}`)
        .expect(200);
      expect(list.body.items.map((s: { id: string }) => s.id)).toEqual([created.body.id]);
    });

    it('refuses a number registered twice with a message naming the supplier', async () => {
      const number = corporateNumber(14142135);
      await create({ ...valid(), name: '先に登録株式会社', corporateNumber: number }).expect(201);
      const clash = await create({ ...valid(), corporateNumber: `${number} ` }).expect(409);
      expect(clash.body.message).toBe(
        `法人番号 (corporateNumber) ${number} is already registered for the supplier "先に登録株式会社"`,
      );
      expect(clash.body.existingSupplier).toMatchObject({ name: '先に登録株式会社' });
    });
  });

  describe('owner of a new supplier', () => {
    const dashboardIds = async () => {
      const response = await api
        .http()
        .get('/api/v1/dashboard/suppliers?pageSize=200')
        .set('authorization', `Bearer ${tokens.procurement}`)
        .expect(200);
      return response.body.items.map((s: { supplierId: string }) => s.supplierId) as string[];
    };

    it('is the procurement user who registers it, so it shows on that user’s dashboard', async () => {
      const created = await create(valid()).expect(201);
      expect(created.body.ownerId).toBe(tenant.users.procurement.id);
      expect(await dashboardIds()).toContain(created.body.id);
    });

    it('is whoever the request names, or nobody for an explicit null', async () => {
      const none = await create({ ...valid(), ownerId: null }).expect(201);
      expect(none.body.ownerId).toBeNull();
      const admin = await create({ ...valid(), ownerId: tenant.users.admin.id }).expect(201);
      expect(admin.body.ownerId).toBe(tenant.users.admin.id);
      const ids = await dashboardIds();
      expect(ids).not.toContain(none.body.id);
      expect(ids).not.toContain(admin.body.id);
    });

    it('is nobody when an admin registers it without one', async () => {
      const created = await create(valid(), 'admin').expect(201);
      expect(created.body.ownerId).toBeNull();
    });

    it('is not changed by a PATCH that does not mention it', async () => {
      const created = await create(valid()).expect(201);
      const patched = await patch(created.body.id, { criticality: 3 }).expect(200);
      expect(patched.body.ownerId).toBe(tenant.users.procurement.id);
    });
  });
});
