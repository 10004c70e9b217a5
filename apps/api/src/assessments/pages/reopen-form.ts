import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { ReopenAssessmentDto } from '../dto/reopen-assessment.dto';
import type { AssessmentPageText } from './assessment-page-text';

/** ReopenAssessmentDto's limit, for the textarea and the refusal's wording (the DTO decides). */
export const REOPEN_MESSAGE_MAX = 2000;

/** The reopen form as entered, and what the page says about it when refused. */
export interface ReopenFormState {
  message: string;
  error: string | null;
}

/** The form's one field; surrounding blanks are dropped, so only spaces count as empty. */
export function readReopenMessage(body: unknown): string {
  const raw = (body ?? {}) as Record<string, unknown>;
  return typeof raw.message === 'string' ? raw.message.trim() : '';
}

/**
 * The same DTO and rules as POST /api/v1/assessments/:id/reopen, so the page accepts what the
 * API accepts; a refusal is told in the page's words (null when the message is fine).
 */
export async function reopenMessageProblem(
  message: string,
  text: AssessmentPageText,
): Promise<string | null> {
  const dto = plainToInstance(ReopenAssessmentDto, { message });
  const failures = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (failures.length === 0) return null;
  return message === '' ? text.errors.required : text.errors.tooLong(REOPEN_MESSAGE_MAX);
}
