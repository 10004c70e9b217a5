import { AnswerValue, Answers, CatalogSection } from '@kakehashi/domain';

/** The value of the multi-choice box that means "none of these" (an empty selection). */
export const NONE_CODE = '__none';

type FormBody = Record<string, unknown>;

function values(body: FormBody, name: string): string[] {
  const raw = body[name];
  if (raw === undefined || raw === null) return [];
  return (Array.isArray(raw) ? raw : [raw]).map(String);
}

/**
 * Reads one section's form (plain POST without JavaScript) into a partial answer map. Every
 * item rendered in the form is included, so clearing a field clears the answer; files are
 * uploaded by their own form and left alone. Values that do not parse are passed through as
 * given, so validateAnswers rejects them naming the item.
 */
export function answersFromForm(section: CatalogSection, body: FormBody): Answers {
  const answers: Answers = {};
  for (const item of section.items) {
    if (item.kind === 'file') continue;
    const given = values(body, item.id);
    const first = given[0]?.trim() ?? '';
    let value: AnswerValue;
    switch (item.kind) {
      case 'multi':
        // "None of these" is an explicit empty answer; nothing ticked at all clears it.
        if (given.includes(NONE_CODE)) value = given.filter((code) => code !== NONE_CODE);
        else value = given.length > 0 ? given : null;
        break;
      case 'maturity':
        value = first === '' ? null : /^\d+$/.test(first) ? Number(first) : first;
        break;
      case 'number':
        value = first === '' ? null : Number.isFinite(Number(first)) ? Number(first) : first;
        break;
      case 'yesno':
        value = first === 'true' ? true : first === 'false' ? false : first === '' ? null : first;
        break;
      default:
        value = first === '' ? null : given[0];
    }
    answers[item.id] = value;
  }
  return answers;
}

/** The hidden field that carries an item's value as the page rendered it. */
export function renderedFieldName(itemId: string): string {
  return `_orig[${itemId}]`;
}

/**
 * Hidden fields carrying each item's value as the page was rendered with it (the answers at the
 * form's `_version`), written as the item's own inputs would post it. A conflict then lists only
 * what this person changed, not every value a stale page happens to post. An unanswered item gets
 * one empty field, so "nothing" is known too.
 */
export function renderedFields(
  section: CatalogSection,
  answers: Answers,
): { name: string; value: string }[] {
  return section.items
    .filter((item) => item.kind !== 'file')
    .flatMap((item) => {
      const name = renderedFieldName(item.id);
      const value = answers[item.id];
      if (value === null || value === undefined) return [{ name, value: '' }];
      if (Array.isArray(value)) {
        return value.length === 0
          ? [{ name, value: NONE_CODE }]
          : value.map((code) => ({ name, value: code }));
      }
      return [{ name, value: String(value) }];
    });
}

/**
 * The values the page was rendered with, read back from its hidden fields like the form itself;
 * an item the form carried no such field for (a page rendered before they existed) is absent.
 */
export function renderedAnswersFromForm(section: CatalogSection, body: FormBody): Answers {
  const carried = section.items.filter(
    (item) => item.kind !== 'file' && body[renderedFieldName(item.id)] !== undefined,
  );
  const asPosted = Object.fromEntries(
    carried.map((item) => [
      item.id,
      values(body, renderedFieldName(item.id)).filter((value) => value !== ''),
    ]),
  );
  return answersFromForm({ ...section, items: carried }, asPosted);
}

/**
 * Whether two answers differ as a person would see it: a browser posts a text's line breaks as
 * CRLF, and a textarea drops a leading line break, so neither counts as a change.
 */
export function answersDiffer(a: AnswerValue | undefined, b: AnswerValue | undefined): boolean {
  const plain = (value: AnswerValue | undefined): unknown => {
    if (typeof value === 'string') return value.replace(/\r\n?/g, '\n').trim();
    return value ?? null;
  };
  return JSON.stringify(plain(a)) !== JSON.stringify(plain(b));
}
