import { DEFAULT_CATALOG_VERSION, getCatalog, validateAnswers } from '@kakehashi/domain';
import {
  answersDiffer,
  answersFromForm,
  NONE_CODE,
  renderedAnswersFromForm,
  renderedFields,
} from './form-answers';

const catalog = getCatalog(DEFAULT_CATALOG_VERSION)!;
const section = (id: string) => catalog.sections.find((s) => s.id === id)!;

describe('answersFromForm (section saved without JavaScript)', () => {
  it('reads every kind into the value the catalog expects', () => {
    const profile = answersFromForm(section('profile'), {
      'P.INDUSTRY': 'services',
      'P.CAPITAL': '3000',
      'P.EMPLOYEES': '',
      'P.ROLES': ['onsite', 'software'],
    });
    expect(profile).toEqual({
      'P.INDUSTRY': 'services',
      'P.CAPITAL': 3000,
      'P.EMPLOYEES': null,
      'P.SIZE': null,
      'P.ROLES': ['onsite', 'software'],
    });
    const readiness = answersFromForm(section('incident-readiness'), {
      'IR.CONTACT': 'true',
      'IR.EXERCISED': 'false',
      'IR.CONTACT_NAME': '<b>総務部</b>',
      'IR.EXERCISE_DATE': '2026-03-01',
    });
    expect(readiness).toMatchObject({
      'IR.CONTACT': true,
      'IR.EXERCISED': false,
      'IR.CONTACT_NAME': '<b>総務部</b>',
      'IR.EXERCISE_DATE': '2026-03-01',
    });
    expect(() => validateAnswers(catalog, { ...profile, ...readiness })).not.toThrow();
    expect(answersFromForm(section('csm-d01'), { 'D01.M': '4' })['D01.M']).toBe(4);
  });

  it('treats "none of these" as an empty answer and nothing ticked as cleared', () => {
    const services = section('audited-services');
    expect(answersFromForm(services, { 'SS.KINDS': NONE_CODE })['SS.KINDS']).toEqual([]);
    expect(answersFromForm(services, { 'SS.KINDS': [NONE_CODE, 'audit'] })['SS.KINDS']).toEqual([
      'audit',
    ]);
    expect(answersFromForm(services, {})['SS.KINDS']).toBeNull();
    // Files are uploaded by their own form and never cleared by a section save.
    expect('SS.REPORT' in answersFromForm(services, {})).toBe(false);
  });

  it('passes values that do not parse through, so validation names the item', () => {
    const answers = answersFromForm(section('profile'), { 'P.CAPITAL': 'lots' });
    expect(() => validateAnswers(catalog, answers)).toThrow(/P\.CAPITAL/);
  });

  it('reads back the values a page was rendered with from its hidden fields, as the form posts them', () => {
    const profile = section('profile');
    const saved = {
      'P.INDUSTRY': 'services',
      'P.CAPITAL': 3000,
      'P.ROLES': ['onsite', 'software'],
    };
    // As a browser posts the fields: one value per field, repeated names as an array.
    const body: Record<string, string | string[]> = {};
    for (const { name, value } of renderedFields(profile, saved)) {
      const before = body[name];
      body[name] = before === undefined ? value : [before, value].flat();
    }
    expect(renderedAnswersFromForm(profile, body)).toEqual({
      ...saved,
      'P.EMPLOYEES': null,
      'P.SIZE': null,
    });
    const services = section('audited-services');
    const none = Object.fromEntries(
      renderedFields(services, { 'SS.KINDS': [], 'SS.LISTED': false }).map((f) => [
        f.name,
        f.value,
      ]),
    );
    expect(renderedAnswersFromForm(services, none)).toEqual({
      'SS.KINDS': [],
      'SS.LISTED': false,
      'SS.LAST': null,
    });
    // A page rendered without the fields: nothing is known of what it started from.
    expect(renderedAnswersFromForm(profile, { 'P.INDUSTRY': 'services' })).toEqual({});
  });

  it('counts no change for line breaks a browser posts as CRLF', () => {
    expect(answersDiffer('総務部\r\n内線 12', '総務部\n内線 12')).toBe(false);
    expect(answersDiffer('総務部', '経理部')).toBe(true);
    expect(answersDiffer(null, undefined)).toBe(false);
    expect(answersDiffer([], null)).toBe(true);
    expect(answersDiffer(['a', 'b'], ['a', 'b'])).toBe(false);
  });
});
