import { ConflictException } from '@nestjs/common';

/**
 * Why a change to users was refused (409): `code` travels in the JSON body beside the message,
 * so the console page can say it in the person's language.
 */
export const UserConflict = {
  /** The address is already a user of this organization. */
  EmailTaken: 'email_taken',
  /** The change would leave the organization without an active admin. */
  LastAdmin: 'last_admin',
  /** An invitation for someone who has already set a password. */
  PasswordAlreadySet: 'password_already_set',
  /** An invitation for a deactivated user. */
  Deactivated: 'deactivated',
  /**
   * A new role that cannot own suppliers or campaigns for someone who still owns some; the body
   * carries `suppliers` and `campaigns` (open ones), the counts to hand over first.
   */
  OwnsWork: 'owns_work',
} as const;
export type UserConflictCode = (typeof UserConflict)[keyof typeof UserConflict];

export function userConflict(
  code: UserConflictCode,
  message: string,
  details: Record<string, unknown> = {},
): ConflictException {
  return new ConflictException({ ...details, message, code });
}

/** The code of a refusal made by userConflict, if it is one. */
export function userConflictCode(error: unknown): UserConflictCode | null {
  if (!(error instanceof ConflictException)) return null;
  const code = (error.getResponse() as { code?: unknown }).code;
  return Object.values(UserConflict).includes(code as UserConflictCode)
    ? (code as UserConflictCode)
    : null;
}
