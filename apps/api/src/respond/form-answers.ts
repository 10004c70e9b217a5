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
