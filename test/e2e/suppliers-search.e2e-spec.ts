import { corporateNumber } from '../fixtures/import/supplier-files';
import { createTestTenant, loginToken, startApi, TestApi, TestTenant } from '../support/test-app';

describe('supplier search: names with circled digits, 法人番号 as typed (real app and database)', () => {
  let api: TestApi;
  let tenant: TestTenant;
  let token: string;

  beforeAll(async () => {
    api = await startApi({ LOGIN_ATTEMPTS_PER_MINUTE_PER_IP: '1000' });
    tenant = await createTestTenant(api.dataSource, 'supplier-search');
    token = await loginToken(api, tenant.users.procurement.email);
    const suppliers = [
      { name: '株式会社①テック', corporateNumber: null },
      { name: '一番商事株式会社', corporateNumber: corporateNumber(1) },
      // 法人番号 full of 1s under names without any digit: none of them is about ①.
      ...Array.from({ length: 12 }, (_, i) => ({
        name: `サンプル物流${'アイウエオカキクケコサシ'[i]}株式会社`,
        corporateNumber: corporateNumber(111_111_100_000 + i),
      })),
    ];
    for (const [i, supplier] of suppliers.entries()) {
      await api
        .http()
        .post('/api/v1/suppliers')
        .set('authorization', `Bearer ${token}`)
        .send({ ...supplier, contacts: [{ name: '担当', email: `c${i}@search.example.jp` }] })
        .expect(201);
    }
  });
  afterAll(() => api.close());

  const search = async (q: string) => {
    const response = await api
      .http()
      .get(`/api/v1/suppliers?q=${encodeURIComponent(q)}&pageSize=50`)
      .set('authorization', `Bearer ${token}`)
      .expect(200);
    return (response.body.items as { name: string }[]).map((s) => s.name);
  };

  it('finds 「株式会社①テック」 by ①, without turning ① into a 法人番号 search', async () => {
    expect(await search('①')).toEqual(['株式会社①テック']);
    expect(await search('株式会社①テック')).toEqual(['株式会社①テック']);
    // Folded the same way on both sides: the name typed with 1 still finds it.
    expect(await search('株式会社1テック')).toEqual(['株式会社①テック']);
  });

  it('still searches 法人番号 typed in ASCII or full-width digits with dashes', async () => {
    const number = corporateNumber(111_111_100_003);
    expect(await search(number)).toEqual(['サンプル物流エ株式会社']);
    const fullWidth = number.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    const dashed = `${fullWidth.slice(0, 4)}－${fullWidth.slice(4, 8)}ー${fullWidth.slice(8)}`;
    expect(await search(dashed)).toEqual(['サンプル物流エ株式会社']);
    // A part of a number matches every number holding it, and ① appears in none of these.
    expect((await search('1111')).length).toBe(12);
  });

  it('the console search box finds it too', async () => {
    const page = await api
      .http()
      .get(`/console/suppliers?q=${encodeURIComponent('①')}`)
      .set('cookie', `kk_session=${token}`)
      .expect(200);
    expect(page.text).toContain('株式会社①テック');
    expect(page.text).toMatch(/data-testid="supplier-total">1 件</);
    expect(page.text).not.toContain('サンプル物流');
  });
});
