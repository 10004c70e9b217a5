import { passwordWeakness } from '@kakehashi/auth';

/** The longest password the login accepts: a longer one could be set but never used. */
export const MAX_PASSWORD_LENGTH = 1024;

export type PasswordProblem =
  'tooShort' | 'tooPlain' | 'tooRepetitive' | 'tooLong' | 'weak' | 'mismatch';

/**
 * The create-tenant CLI's strength rule (libs/auth passwordWeakness), as a reason the page can
 * say in its own language, plus the confirmation and the login's length limit.
 */
export function passwordProblem(password: string, confirmation: string): PasswordProblem | null {
  if (password.length > MAX_PASSWORD_LENGTH) return 'tooLong';
  const weakness = passwordWeakness(password);
  if (weakness) {
    if (weakness.startsWith('password must be at least')) return 'tooShort';
    if (weakness.startsWith('password must mix')) return 'tooPlain';
    if (weakness.startsWith('password repeats')) return 'tooRepetitive';
    return 'weak';
  }
  return password === confirmation ? null : 'mismatch';
}
