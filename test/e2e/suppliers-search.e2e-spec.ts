import { tokyoToday } from '@kakehashi/mail';
import { corporateNumber } from '../fixtures/import/supplier-files';
import { createTestTenant, loginToken, startApi, TestApi, TestTenant } from '../support/test-app';

/** Names spelled with 異体字 or with their common form. */
const VARIANT_NAMES = [
  '髙橋電機株式会社',
  '高橋商事株式会社',
  '齋藤工業株式会社',
  '斎藤商事株式会社',
  '山﨑製作所',
  '渡邊運輸株式会社',
  '渡邉電設株式会社',
  '澤田工務店',
  '濱田精機株式会社',
  '櫻井食品株式会社',
  '廣田印刷株式会社',
  '德永商店',
  '國光産業株式会社',
  '国際物流株式会社',
];

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
      // 異体字: each spelled one way, found by the other (no digits here, no 法人番号).
      ...VARIANT_NAMES.map((name) => ({ name, corporateNumber: null })),
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

  it('finds a name spelled with 異体字 by its common form, and back', async () => {
    const sorted = async (q: string) => (await search(q)).sort();
    expect(await sorted('高橋')).toEqual(['高橋商事株式会社', '髙橋電機株式会社']);
    expect(await sorted('髙橋')).toEqual(['高橋商事株式会社', '髙橋電機株式会社']);
    for (const q of ['斉藤', '斎藤', '齋藤']) {
      expect({ q, found: await sorted(q) }).toEqual({
        q,
        found: ['斎藤商事株式会社', '齋藤工業株式会社'],
      });
    }
    expect(await search('山崎')).toEqual(['山﨑製作所']);
    for (const q of ['渡辺', '渡邊', '渡邉']) {
      expect({ q, found: await sorted(q) }).toEqual({
        q,
        found: ['渡邉電設株式会社', '渡邊運輸株式会社'],
      });
    }
    const byCommonForm: [string, string][] = [
      ['沢田', '澤田工務店'],
      ['浜田精機', '濱田精機株式会社'],
      ['桜井', '櫻井食品株式会社'],
      ['広田', '廣田印刷株式会社'],
      ['徳永', '德永商店'],
      ['国光', '國光産業株式会社'],
      // The other way: the old form typed finds the name stored in the common one.
      ['國際', '国際物流株式会社'],
    ];
    for (const [q, name] of byCommonForm) {
      expect({ q, found: await search(q) }).toEqual({ q, found: [name] });
    }
    // Stored and shown as registered: only the search folds.
    const one = await api
      .http()
      .get(`/api/v1/suppliers?q=${encodeURIComponent('髙橋電機')}`)
      .set('authorization', `Bearer ${token}`)
      .expect(200);
    expect(one.body.items.map((s: { name: string }) => s.name)).toEqual(['髙橋電機株式会社']);
  });

  it('the console search box and the campaign supplier picker fold 異体字 too', async () => {
    const registry = await api
      .http()
      .get(`/console/suppliers?q=${encodeURIComponent('斉藤')}`)
      .set('cookie', `kk_session=${token}`)
      .expect(200);
    expect(registry.text).toContain('齋藤工業株式会社');
    expect(registry.text).toContain('斎藤商事株式会社');
    expect(registry.text).toMatch(/data-testid="supplier-total">2 件</);

    const campaign = await api
      .http()
      .post('/api/v1/campaigns')
      .set('authorization', `Bearer ${token}`)
      .send({
        name: '異体字の点検',
        catalogVersion: 'meti-v3.0+sa-3.1',
        supplierIds: [],
        dueDate: tokyoToday(),
      })
      .expect(201);
    const picker = await api
      .http()
      .get(`/console/campaigns/${campaign.body.id}/suppliers?q=${encodeURIComponent('高橋')}`)
      .set('cookie', `kk_session=${token}`)
      .expect(200);
    const rows = [...picker.text.matchAll(/data-testid="picker-row"[\s\S]*?<\/tr>/g)].map(
      (m) => m[0],
    );
    expect(rows).toHaveLength(2);
    expect(rows.join('')).toContain('髙橋電機株式会社');
    expect(rows.join('')).toContain('高橋商事株式会社');
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
