import { METI_V3_SA_3_1 } from './meti-v3-sa-3-1';
import type { Catalog, CatalogItem } from './catalog.types';
import { CatalogValidationError } from './catalog-validation.error';
import { validateCatalog } from './validate-catalog';

/** A mutable deep copy of the shipped catalog to break in one place. */
const copy = (): Catalog => structuredClone(METI_V3_SA_3_1);
const item = (c: Catalog, id: string): CatalogItem => {
  const found = c.sections.flatMap((s) => s.items).find((i) => i.id === id);
  if (!found) throw new Error(`no item ${id}`);
  return found;
};
const problemsOf = (c: Catalog): string[] => {
  try {
    validateCatalog(c);
  } catch (err) {
    expect(err).toBeInstanceOf(CatalogValidationError);
    return (err as CatalogValidationError).problems;
  }
  throw new Error('expected the catalog to be rejected');
};

describe('validateCatalog', () => {
  it('accepts the shipped catalog', () => {
    expect(() => validateCatalog(copy())).not.toThrow();
  });

  it('rejects a duplicate item id and names it', () => {
    const c = copy();
    item(c, 'D02.1').id = 'D01.1';
    expect(problemsOf(c)).toContain('duplicate item id "D01.1"');
  });

  it('rejects a condition pointing at an item that comes later', () => {
    const c = copy();
    item(c, 'OT.SERVICE').conditions = [{ itemId: 'IR.CONTACT', anyOf: [true] }];
    expect(problemsOf(c)).toContain(
      'item "OT.SERVICE": condition refers to "IR.CONTACT", which does not exist earlier in the catalog',
    );
  });

  it('rejects a condition pointing at a missing item or an impossible value', () => {
    const c = copy();
    item(c, 'OT.SERVICE').conditions = [{ itemId: 'OT.NOPE', anyOf: [true] }];
    item(c, 'OT.SINCE').conditions = [{ itemId: 'OT.USES', anyOf: ['yes'] }];
    const problems = problemsOf(c);
    expect(problems).toContain(
      'item "OT.SERVICE": condition refers to "OT.NOPE", which does not exist earlier in the catalog',
    );
    expect(problems).toContain(
      'item "OT.SINCE": condition on "OT.USES" uses value "yes", which that item cannot take',
    );
  });

  it('rejects duplicate option codes', () => {
    const c = copy();
    const level = item(c, 'SA.LEVEL');
    level.options = [
      ...(level.options ?? []),
      { code: 'star1', label: { ja: '重複', en: 'dup' }, score: 1 },
    ];
    expect(problemsOf(c)).toContain('item "SA.LEVEL": duplicate option code "star1"');
  });

  it('rejects scores out of range, allowing −1 only on わからない', () => {
    const c = copy();
    item(c, 'D01.1').options = [
      { code: 'done', label: { ja: '済', en: 'done' }, score: 7 },
      { code: 'not_done', label: { ja: '未', en: 'not done' }, score: -1 },
    ];
    const problems = problemsOf(c);
    expect(problems).toContain('item "D01.1": option "done" score 7 is outside 0..4');
    expect(problems).toContain('item "D01.1": option "not_done" score -1 is outside 0..4');
  });

  it('rejects malformed required flags, missing text and maturity items without levels', () => {
    const c = copy();
    (item(c, 'P.EMPLOYEES') as { required: unknown }).required = 'yes';
    item(c, 'P.CAPITAL').text = { ja: '', en: 'Capital' };
    item(c, 'D03.M').levels = [];
    const problems = problemsOf(c);
    expect(problems).toContain('item "P.EMPLOYEES": required must be true or false');
    expect(problems).toContain('item "P.CAPITAL": needs ja and en text');
    expect(problems).toContain('item "D03.M": maturity item needs level definitions 1..5');
  });

  it('rejects a directive without its maturity item', () => {
    const c = copy();
    const section = c.sections.find((s) => s.directive === 7);
    section!.items = section!.items.filter((i) => i.kind !== 'maturity');
    expect(problemsOf(c)).toContain('directive 7 needs exactly one maturity item (found 0)');
  });

  it('rejects risk weights that do not sum to 1, naming the size class', () => {
    const c = copy();
    c.scoring.weights.sme.testing = 0.5;
    expect(problemsOf(c)).toContain('scoring: weights for sme must sum to 1');
  });

  it('puts every problem in the error message', () => {
    const c = copy();
    item(c, 'D02.1').id = 'D01.1';
    c.publishedOn = '2026-13-01';
    expect(() => validateCatalog(c)).toThrow(
      /duplicate item id "D01.1".*publishedOn "2026-13-01"|publishedOn "2026-13-01".*duplicate item id "D01.1"/,
    );
  });
});
