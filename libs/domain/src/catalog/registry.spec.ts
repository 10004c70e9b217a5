import { CATALOG_VERSIONS, DEFAULT_CATALOG_VERSION, getCatalog, listCatalogs } from './registry';

describe('catalog registry', () => {
  it('publishes meti-v3.0+sa-3.1 as the default version', () => {
    expect(DEFAULT_CATALOG_VERSION).toBe('meti-v3.0+sa-3.1');
    expect(CATALOG_VERSIONS).toContain(DEFAULT_CATALOG_VERSION);
    expect(listCatalogs()).toEqual([
      expect.objectContaining({ version: 'meti-v3.0+sa-3.1', publishedOn: '2026-11-30' }),
    ]);
  });

  it('returns undefined for an unknown version (the API answers 404)', () => {
    expect(getCatalog('meti-v9')).toBeUndefined();
    expect(getCatalog('__proto__')).toBeUndefined();
  });

  it('returns the same frozen catalog every time', () => {
    const c = getCatalog(DEFAULT_CATALOG_VERSION)!;
    expect(getCatalog(DEFAULT_CATALOG_VERSION)).toBe(c);
    expect(Object.isFrozen(c.sections[0].items[0])).toBe(true);
    expect(() => {
      (c.sections[0].items[0] as { required: boolean }).required = false;
    }).toThrow(TypeError);
  });

  it('has the sections the questionnaire needs, with official directive titles', () => {
    const c = getCatalog(DEFAULT_CATALOG_VERSION)!;
    const directives = c.sections.filter((s) => s.directive);
    expect(directives.map((s) => s.directive)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(directives[6].title.ja).toBe('指示7 インシデント発生時の緊急対応体制の整備');
    for (const s of directives) {
      const practices = s.items.filter((i) => i.kind === 'single');
      expect(practices.length).toBeGreaterThanOrEqual(3);
      expect(practices.length).toBeLessThanOrEqual(4);
      expect(s.items.filter((i) => i.kind === 'maturity')).toHaveLength(1);
    }
    const ids = c.sections.map((s) => s.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'profile',
        'security-action',
        'self-check',
        'otasuketai',
        'audited-services',
        'iot',
        'incident-readiness',
      ]),
    );
    expect(
      c.sections.find((s) => s.id === 'self-check')!.items.filter((i) => i.kind === 'single'),
    ).toHaveLength(25);
  });

  it('says the maturity scale is "based on", not the official tool', () => {
    const c = getCatalog(DEFAULT_CATALOG_VERSION)!;
    expect(c.sections.find((s) => s.directive === 1)!.description!.ja).toContain(
      '公式設問ではありません',
    );
    expect(c.maturityLevels.map((l) => l.label.ja)).toEqual([
      '未実施・場当たり的',
      '属人的に実施',
      '規程化・組織的に実施',
      '定期的に評価・管理',
      '継続的改善・最適化',
    ]);
  });
});
