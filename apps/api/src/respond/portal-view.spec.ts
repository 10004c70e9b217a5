import { DEFAULT_CATALOG_VERSION, getCatalog, type CatalogItem } from '@kakehashi/domain';
import { describeAnswer } from './portal-view';

describe('describeAnswer (the receipt and conflict notes)', () => {
  const catalog = getCatalog(DEFAULT_CATALOG_VERSION)!;
  const item = (id: string): CatalogItem =>
    catalog.sections.flatMap((s) => s.items).find((i) => i.id === id)!;
  const say = (id: string, value: number | string, lang: 'ja' | 'en' = 'ja') =>
    describeAnswer({ item: item(id), catalog, value, lang, evidence: new Map() });

  it('shows numbers with separators and every decimal the supplier typed', () => {
    expect(say('P.CAPITAL', 300000)).toBe('300,000');
    expect(say('P.CAPITAL', 1.23456)).toBe('1.23456');
    expect(say('P.CAPITAL', 0.0004, 'en')).toBe('0.0004');
  });

  it('shows dates as the mails do, in the reader language', () => {
    expect(say('SA.DATE', '2026-04-20')).toBe('2026年4月20日(月)');
    expect(say('SA.DATE', '2026-04-20', 'en')).toBe('Mon, 20 Apr 2026');
  });
});
