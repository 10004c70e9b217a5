import { getCatalog } from '../catalog/registry';
import type { Answers } from '../catalog/catalog.types';
import { ANSWER_FIXTURES } from '../fixtures/answer-fixtures';
import { AnswerValidationError } from './answer-validation.error';
import { missingRequired } from './missing-required';
import { resolveItems } from './resolve-items';
import { validateAnswers } from './validate-answers';

const catalog = getCatalog('meti-v3.0+sa-3.1')!;

function rejection(answers: Answers): AnswerValidationError {
  try {
    validateAnswers(catalog, answers);
  } catch (err) {
    expect(err).toBeInstanceOf(AnswerValidationError);
    return err as AnswerValidationError;
  }
  throw new Error('expected the answers to be rejected');
}

describe('resolveItems', () => {
  it('shows the お助け隊 details only when the supplier uses a service', () => {
    expect(resolveItems(catalog, { 'OT.USES': false }).get('OT.COVERS')).toEqual({
      visible: false,
      required: false,
    });
    expect(resolveItems(catalog, { 'OT.USES': true }).get('OT.COVERS')).toEqual({
      visible: true,
      required: true,
    });
    expect(resolveItems(catalog, {}).get('OT.SERVICE')!.visible).toBe(false);
  });

  it('shows the JC-STAR items only to suppliers that deliver IoT products, through the whole chain', () => {
    const noIot = resolveItems(catalog, { 'P.ROLES': ['onsite'], 'IOT.LEVEL': 'star1' });
    expect(noIot.get('IOT.LEVEL')!.visible).toBe(false);
    // IOT.LEVEL is answered but hidden, so the label items it gates stay hidden too.
    expect(noIot.get('IOT.EXPIRES')!.visible).toBe(false);
    const iot = resolveItems(catalog, { 'P.ROLES': ['onsite', 'iot'], 'IOT.LEVEL': 'star1' });
    expect(iot.get('IOT.LEVEL')).toEqual({ visible: true, required: true });
    expect(iot.get('IOT.EXPIRES')).toEqual({ visible: true, required: true });
    expect(iot.get('IOT.PLAN')!.visible).toBe(false);
  });

  it('shows the ★★ self-check only when the supplier claims ★★', () => {
    expect(resolveItems(catalog, { 'SA.LEVEL': 'star1' }).get('SC.01')!.visible).toBe(false);
    expect(resolveItems(catalog, { 'SA.LEVEL': 'star2' }).get('SC.25')).toEqual({
      visible: true,
      required: true,
    });
    expect(resolveItems(catalog, { 'SA.LEVEL': 'star1' }).get('SA.ID')!.visible).toBe(true);
  });

  it('covers every catalog item', () => {
    expect(resolveItems(catalog, {}).size).toBe(catalog.sections.flatMap((s) => s.items).length);
  });
});

describe('missingRequired', () => {
  it('lists required visible unanswered items in catalog order', () => {
    const answers = { ...ANSWER_FIXTURES.smeStarOtasuketai.answers };
    delete answers['D03.2'];
    delete answers['P.CAPITAL'];
    answers['OT.SERVICE'] = '   ';
    expect(missingRequired(catalog, answers)).toEqual(['P.CAPITAL', 'D03.2', 'OT.SERVICE']);
  });

  it('does not require items a condition hides, and counts an empty multi answer as "none of these"', () => {
    const answers = { ...ANSWER_FIXTURES.smeNothing.answers };
    expect(answers['IR.REPORT_TO']).toEqual([]);
    expect(missingRequired(catalog, answers)).toEqual([]);
    expect(missingRequired(catalog, { ...answers, 'OT.USES': true })).toEqual([
      'OT.SERVICE',
      'OT.CLASS',
      'OT.SINCE',
      'OT.COVERS',
    ]);
  });

  it('lists the 25 self-check items and their date once ★★ is claimed', () => {
    const missing = missingRequired(catalog, {
      ...ANSWER_FIXTURES.smeStarOtasuketai.answers,
      'SA.LEVEL': 'star2',
    });
    expect(missing).toHaveLength(26);
    expect(missing[0]).toBe('SC.DATE');
  });
});

describe('validateAnswers', () => {
  it('accepts every fixture and null (cleared) values', () => {
    for (const f of Object.values(ANSWER_FIXTURES))
      expect(() => validateAnswers(catalog, f.answers)).not.toThrow();
    expect(() => validateAnswers(catalog, { 'D01.1': null, 'SA.LEVEL': null })).not.toThrow();
  });

  it('keeps answers to hidden items (the supplier may flip the condition back)', () => {
    expect(() =>
      validateAnswers(catalog, { 'OT.USES': false, 'OT.COVERS': ['helpdesk'] }),
    ).not.toThrow();
  });

  it('rejects an unknown item id, naming it in both languages', () => {
    const err = rejection({ 'D01.1': 'done', 'D99.9': 'done' });
    expect(err.itemId).toBe('D99.9');
    expect(err.message).toBe('Unknown item "D99.9": catalog meti-v3.0+sa-3.1 has no such item');
    expect(err.messageJa).toContain('D99.9');
  });

  it.each([
    ['D05.M', 6, 'must be an integer level 1-5, got number 6'],
    ['D05.M', 2.5, 'must be an integer level 1-5'],
    ['D05.M', '3', 'must be an integer level 1-5, got "3"'],
    [
      'D01.1',
      'maybe',
      'has unknown option code "maybe" (allowed: done, partial, not_done, unknown)',
    ],
    ['D01.1', true, 'must be an option code string, got boolean true'],
    ['OT.COVERS', 'helpdesk', 'must be an array of option codes'],
    ['OT.COVERS', ['helpdesk', 'tea'], 'has unknown option code "tea"'],
    ['OT.COVERS', ['helpdesk', 'helpdesk'], 'lists an option code twice'],
    ['OT.USES', 'yes', 'must be true or false, got "yes"'],
    ['SA.DATE', '2026-02-30', 'must be a date YYYY-MM-DD, got "2026-02-30"'],
    ['SA.DATE', '2026/04/01', 'must be a date YYYY-MM-DD'],
    ['P.EMPLOYEES', -3, 'must be at least 0, got -3'],
    ['P.EMPLOYEES', Number.NaN, 'must be a finite number'],
    ['P.EMPLOYEES', '45', 'must be a finite number, got "45"'],
    ['SA.ID', 'x'.repeat(21), 'is longer than 20 characters'],
    ['SA.POLICY_URL', 'javascript:alert(1)', 'must be an http(s) URL'],
    ['SS.REPORT', 42, 'must be an evidence id string, got number 42'],
  ])('rejects %s = %p', (itemId, value, expected) => {
    const err = rejection({ [itemId]: value as never }) as AnswerValidationError;
    const item = catalog.sections.flatMap((s) => s.items).find((i) => i.id === itemId)!;
    expect(err.itemId).toBe(itemId);
    expect(err.message).toContain(`item "${itemId}"`);
    expect(err.message).toContain(expected);
    expect(err.messageEn).toContain(`"${item.text.en}"`);
    expect(err.messageEn).toContain(expected);
    expect(err.messageJa).toContain(`「${item.text.ja}」`);
  });

  it('names the item by its text for people in each language, never by its internal id', () => {
    const err = rejection({ 'P.EMPLOYEES': -7 }) as AnswerValidationError;
    expect(err.itemId).toBe('P.EMPLOYEES');
    expect(err.messageJa).toBe('「常時使用する従業員数」：0 以上で回答してください（-7）');
    expect(err.messageEn).toBe(
      'Answer to "Number of regular employees" must be at least 0, got -7',
    );
    const url = rejection({ 'SA.POLICY_URL': 'www.example.co.jp/policy' }) as AnswerValidationError;
    expect(url.messageJa).toBe(
      '「基本方針を公表している URL」：http(s) で始まる URL を入力してください（"www.example.co.jp/policy"）',
    );
    expect(`${url.messageEn} ${url.messageJa}`).not.toContain('SA.POLICY_URL');
  });

  it('rejects a value that is not an answers object', () => {
    expect(() => validateAnswers(catalog, [] as unknown as Answers)).toThrow(AnswerValidationError);
  });
});
