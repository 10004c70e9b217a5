import { CATALOG_VERSIONS, DEFAULT_CATALOG_VERSION, FIVE_RULE_IDS, ITEM } from '@kakehashi/domain';
import { createTestAssessment } from '../support/assessment-factory';
import { createTestTenant, loginToken, startApi, TestApi, TestTenant } from '../support/test-app';

type Role = 'admin' | 'procurement' | 'ciso' | 'auditor';
type Text = { ja: string; en: string };

interface VersionBody {
  version: string;
  default: boolean;
  title: Text;
  publishedOn: string;
  editions: { framework: string; edition: string }[];
  sections: number;
  items: number;
}

interface ItemBody {
  id: string;
  kind: string;
  required: boolean;
  text: Text;
  help?: Text;
  options?: Record<string, unknown>[];
  levels?: { level: number; label: Text }[];
  visibleWhen?: { itemId: string; anyOf: (string | boolean)[] }[];
  visible?: boolean;
}

interface SectionBody {
  id: string;
  title: Text;
  directive?: number;
  items: ItemBody[];
}

interface CatalogBody {
  version: string;
  default: boolean;
  title: Text;
  sections: SectionBody[];
}

/** The answer kinds of PUT /respond/:token/answers (the REST contract). */
const ANSWER_KINDS = ['maturity', 'single', 'multi', 'yesno', 'date', 'number', 'text', 'file'];

describe('questionnaire catalog API (real app)', () => {
  let api: TestApi;
  let tenant: TestTenant;
  const tokens = new Map<Role, string>();

  beforeAll(async () => {
    api = await startApi({ LOGIN_ATTEMPTS_PER_MINUTE_PER_IP: '1000' });
    tenant = await createTestTenant(api.dataSource, 'catalog');
    for (const role of ['admin', 'procurement', 'ciso', 'auditor'] as Role[]) {
      tokens.set(role, await loginToken(api, tenant.users[role].email));
    }
  });
  afterAll(() => api.close());

  const get = (path: string, role: Role = 'procurement') =>
    api
      .http()
      .get(path)
      .set('authorization', `Bearer ${tokens.get(role)}`);
  const detail = async (version = DEFAULT_CATALOG_VERSION) =>
    (await get(`/api/v1/catalog/${encodeURIComponent(version)}`).expect(200)).body as CatalogBody;

  it('lists every published version, naming the default, with its size and editions', async () => {
    const response = await get('/api/v1/catalog').expect(200);
    expect(response.headers['cache-control']).toBe('private, max-age=3600');
    const versions = response.body as VersionBody[];
    expect(versions.map((v) => v.version)).toEqual(CATALOG_VERSIONS);
    expect(versions.filter((v) => v.default).map((v) => v.version)).toEqual([
      DEFAULT_CATALOG_VERSION,
    ]);
    const current = versions.find((v) => v.version === DEFAULT_CATALOG_VERSION)!;
    expect(current.title.ja).toContain('サイバーセキュリティ経営ガイドライン Ver3.0');
    expect(current.title.en).toContain('CSM Guidelines Ver3.0');
    expect(current.publishedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(current.editions).toEqual(
      expect.arrayContaining([
        { framework: 'meti-csm', edition: '3.0' },
        { framework: 'ipa-sme-guideline', edition: '3.1' },
      ]),
    );
    const full = await detail();
    expect(current.sections).toBe(full.sections.length);
    expect(current.items).toBe(full.sections.flatMap((s) => s.items).length);
  });

  it('gives the default version with the 10 METI directives and SECURITY ACTION in ja and en', async () => {
    const response = await get(
      `/api/v1/catalog/${encodeURIComponent(DEFAULT_CATALOG_VERSION)}`,
    ).expect(200);
    expect(response.headers['cache-control']).toBe('private, max-age=3600');
    const catalog = response.body as CatalogBody;
    expect(catalog.version).toBe(DEFAULT_CATALOG_VERSION);
    expect(catalog.default).toBe(true);

    const directives = catalog.sections.filter((s) => s.directive !== undefined);
    expect(directives.map((s) => s.directive)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(directives[0].title).toEqual({
      ja: '指示1 サイバーセキュリティリスクの認識、組織全体での対応方針の策定',
      en: 'Directive 1: Recognise cyber risk and set an organisation-wide policy',
    });
    expect(directives[8].title.ja).toBe(
      '指示9 ビジネスパートナーや委託先等を含めたサプライチェーン全体の状況把握及び対策',
    );
    for (const section of directives) {
      const code = `D${String(section.directive).padStart(2, '0')}`;
      const practices = section.items.filter((i) => i.kind === 'single');
      expect(practices.length).toBeGreaterThan(0);
      expect(practices[0].options?.map((o) => o.code)).toEqual(
        expect.arrayContaining(['done', 'partial', 'not_done', 'unknown']),
      );
      const rating = section.items.find((i) => i.id === `${code}.M`);
      expect(rating).toMatchObject({
        kind: 'maturity',
        required: true,
        text: { en: 'Rate your overall maturity for this directive (5 levels)' },
      });
      expect(rating?.levels?.map((l) => l.level)).toEqual([1, 2, 3, 4, 5]);
    }

    const items = new Map(catalog.sections.flatMap((s) => s.items).map((i) => [i.id, i]));
    const level = items.get(ITEM.saLevel)!;
    expect(level).toMatchObject({
      kind: 'single',
      required: true,
      text: { ja: 'SECURITY ACTION の宣言状況', en: 'SECURITY ACTION declaration' },
    });
    expect(level.options).toEqual([
      { code: 'none', label: { ja: '宣言していない', en: 'Not declared' } },
      { code: 'star1', label: { ja: '★一つ星を宣言した', en: 'Declared ★ (one star)' } },
      { code: 'star2', label: { ja: '★★二つ星を宣言した', en: 'Declared ★★ (two stars)' } },
    ]);
    expect(items.get(FIVE_RULE_IDS[2])?.text).toEqual({
      ja: '5か条 その3：パスワードを強化しよう！',
      en: 'Basic rule 3: Strengthen passwords',
    });
    // The self-declaration ID is asked only of suppliers that declared a star.
    expect(items.get(ITEM.saId)).toMatchObject({
      kind: 'text',
      required: true,
      text: { ja: '自己宣言ID', en: 'Self-declaration ID' },
      visibleWhen: [{ itemId: ITEM.saLevel, anyOf: ['star1', 'star2'] }],
    });
    expect(level.visibleWhen).toBeUndefined();
  });

  it('names every item once, with a kind suppliers can answer, texts in both languages and no scoring', async () => {
    const catalog = await detail();
    const all = catalog.sections.flatMap((s) => s.items);
    expect(all.length).toBeGreaterThan(50);
    expect(new Set(all.map((i) => i.id)).size).toBe(all.length);
    expect(new Set(catalog.sections.map((s) => s.id)).size).toBe(catalog.sections.length);
    const position = new Map(all.map((item, i) => [item.id, i]));
    for (const [i, item] of all.entries()) {
      expect(ANSWER_KINDS).toContain(item.kind);
      expect(item.text.ja.length).toBeGreaterThan(0);
      expect(item.text.en.length).toBeGreaterThan(0);
      if (item.kind === 'single' || item.kind === 'multi')
        expect(item.options?.length).toBeTruthy();
      for (const option of item.options ?? []) {
        expect(Object.keys(option).sort()).toEqual(['code', 'label']);
      }
      // A condition names an earlier item of the catalog.
      for (const condition of item.visibleWhen ?? []) {
        expect(position.get(condition.itemId)).toBeLessThan(i);
      }
    }
    expect(all.some((i) => i.visibleWhen)).toBe(true);
  });

  it('has the item shape of the supplier API: the same ids, kinds, texts and options', async () => {
    const catalog = await detail();
    const link = await createTestAssessment(api.dataSource, {
      organizationId: tenant.organizationId,
      ownerId: tenant.users.procurement.id,
    });
    const respond = (await api.http().get(`/api/v1/respond/${link.token}`).expect(200)).body as {
      catalogVersion: string;
      sections: SectionBody[];
    };
    expect(respond.catalogVersion).toBe(DEFAULT_CATALOG_VERSION);
    expect(respond.sections.map((s) => [s.id, s.title])).toEqual(
      catalog.sections.map((s) => [s.id, s.title]),
    );
    const shown = respond.sections.flatMap((s) => s.items);
    const listed = catalog.sections.flatMap((s) => s.items);
    expect(shown.map(({ id, kind, text, options }) => ({ id, kind, text, options }))).toEqual(
      listed.map(({ id, kind, text, options }) => ({ id, kind, text, options })),
    );
    // With nothing answered, exactly the items without a condition are shown.
    listed.forEach((item, i) => {
      expect(shown[i].visible).toBe(!item.visibleWhen);
      expect(shown[i].required).toBe(item.required && !item.visibleWhen);
    });
  });

  it('answers an unknown version with 404 Catalog version not found', async () => {
    const response = await get('/api/v1/catalog/meti-v9.9').expect(404);
    expect(response.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'Catalog version not found',
    });
    expect(response.headers['cache-control']).not.toBe('private, max-age=3600');
  });

  it('refuses a caller who is not signed in with 401', async () => {
    for (const path of ['/api/v1/catalog', `/api/v1/catalog/${DEFAULT_CATALOG_VERSION}`]) {
      const response = await api.http().get(path).expect(401);
      expect(response.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    }
  });

  it('is readable by every buyer role, auditors included, the same for every tenant', async () => {
    const other = await createTestTenant(api.dataSource, 'catalog-other');
    const otherToken = await loginToken(api, other.users.auditor.email);
    const expected = await detail();
    for (const role of ['admin', 'procurement', 'ciso', 'auditor'] as Role[]) {
      await get('/api/v1/catalog', role).expect(200);
      expect(
        (await get(`/api/v1/catalog/${DEFAULT_CATALOG_VERSION}`, role).expect(200)).body,
      ).toEqual(expected);
    }
    const fromOther = await api
      .http()
      .get(`/api/v1/catalog/${DEFAULT_CATALOG_VERSION}`)
      .set('authorization', `Bearer ${otherToken}`)
      .expect(200);
    expect(fromOther.body).toEqual(expected);
  });
});
