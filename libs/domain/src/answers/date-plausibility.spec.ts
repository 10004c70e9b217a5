import { getCatalog } from '../catalog/registry';
import type { Answers, Catalog, CatalogItem } from '../catalog/catalog.types';
import { CatalogValidationError } from '../catalog/catalog-validation.error';
import { validateCatalog } from '../catalog/validate-catalog';
import { ANSWER_FIXTURES } from '../fixtures/answer-fixtures';
import { score } from '../scoring/score';
import { AnswerValidationError } from './answer-validation.error';
import { validateAnswers } from './validate-answers';

const catalog = getCatalog('meti-v3.0+sa-3.1')!;
const items = catalog.sections.flatMap((s) => s.items);
const TODAY = '2026-12-01';

function rejection(answers: Answers, today = TODAY): AnswerValidationError {
  try {
    validateAnswers(catalog, answers, { today });
  } catch (err) {
    expect(err).toBeInstanceOf(AnswerValidationError);
    return err as AnswerValidationError;
  }
  throw new Error('expected the answers to be rejected');
}

describe('dates of things already done cannot lie in the future', () => {
  it('marks the dates of declarations, audits, exercises, self-checks and services in use', () => {
    const marked = items.filter((i) => i.notAfter === 'today').map((i) => i.id);
    expect(marked.sort()).toEqual(
      ['IR.EXERCISE_DATE', 'OT.SINCE', 'SA.DATE', 'SC.DATE', 'SS.LAST'].sort(),
    );
    // An expiry date and a plan look ahead.
    expect(items.find((i) => i.id === 'IOT.EXPIRES')!.notAfter).toBeUndefined();
    expect(items.find((i) => i.id === 'IOT.PLAN')!.notAfter).toBeUndefined();
  });

  it('rejects a SECURITY ACTION declaration dated in the future, naming the item in both languages', () => {
    const error = rejection({ 'SA.DATE': '2099-01-01' });
    expect(error.itemId).toBe('SA.DATE');
    expect(error.message).toContain('"SA.DATE"');
    expect(error.messageJa).toBe('「宣言日」：未来の日付は入力できません（2099-01-01）');
    expect(error.messageEn).toContain('A future date cannot be entered');
    expect(error.messageEn).toContain('"Declaration date"');
  });

  it('rejects an audit dated tomorrow and accepts one dated today or earlier', () => {
    expect(rejection({ 'SS.LAST': '2099-12-31' }).itemId).toBe('SS.LAST');
    expect(rejection({ 'SS.LAST': '2026-12-02' }).messageJa).toContain(
      '未来の日付は入力できません',
    );
    for (const day of ['2026-12-01', '2026-11-30', '2019-04-01']) {
      expect(() =>
        validateAnswers(catalog, { 'SS.LAST': day, 'SA.DATE': day }, { today: TODAY }),
      ).not.toThrow();
    }
  });

  it('takes "today" from the caller (the Tokyo date), so the same answer passes a day later', () => {
    expect(rejection({ 'SA.DATE': '2027-01-01' }, '2026-12-31').itemId).toBe('SA.DATE');
    expect(() =>
      validateAnswers(catalog, { 'SA.DATE': '2027-01-01' }, { today: '2027-01-01' }),
    ).not.toThrow();
    expect(() => validateAnswers(catalog, {}, { today: '2026-13-01' })).toThrow(TypeError);
  });

  it('leaves dates that look ahead alone', () => {
    expect(() =>
      validateAnswers(
        catalog,
        { 'IOT.EXPIRES': '2099-01-01', 'IOT.PLAN': '2099-01-01' },
        { today: TODAY },
      ),
    ).not.toThrow();
  });

  it('does not change scoring: the engine checks no clock and scores stored future dates as before', () => {
    const answers = { ...ANSWER_FIXTURES.smeStarOtasuketai.answers, 'SA.DATE': '2099-01-01' };
    expect(() => validateAnswers(catalog, answers)).not.toThrow();
    expect(score(catalog, answers, { criticality: 2, asOf: TODAY }).status).toBe('scored');
  });

  it('accepts notAfter on date items only', () => {
    const broken: Catalog = structuredClone(catalog);
    const text = broken.sections.flatMap((s) => s.items).find((i) => i.id === 'SA.ID')!;
    (text as CatalogItem).notAfter = 'today';
    try {
      validateCatalog(broken);
      throw new Error('expected the catalog to be rejected');
    } catch (err) {
      expect(err).toBeInstanceOf(CatalogValidationError);
      expect((err as CatalogValidationError).problems).toContain(
        'item "SA.ID": notAfter "today" applies to date items only',
      );
    }
  });
});
