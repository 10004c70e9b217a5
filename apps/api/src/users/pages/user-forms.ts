import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { USER_ROLES, type UserRole } from '@kakehashi/database';
import { FormErrorList, FormErrors } from '../../console/form-errors';
import { InviteUserDto } from '../dto/invite-user.dto';
import { UserConflict, UserConflictCode } from '../user-errors';
import type { UsersPageText } from './users-page-text';

/** What a form of the users page asks for; every form posts to the page itself. */
export type UserPageAction =
  'invite' | 'role' | 'deactivate' | 'reactivate' | 'resend' | 'handover';

export interface InviteFormValues {
  email: string;
  displayName: string;
  role: string;
  locale: string;
}

export type InviteField = keyof InviteFormValues;
export type InviteFormErrors = FormErrorList<InviteField>;

const INVITE_FIELDS: InviteField[] = ['email', 'displayName', 'role', 'locale'];
const ACTIONS: UserPageAction[] = [
  'invite',
  'role',
  'deactivate',
  'reactivate',
  'resend',
  'handover',
];

export interface UserPagePost {
  action: UserPageAction | null;
  /** The user a row's form acts on. */
  userId: string;
  role: UserRole | null;
  confirmed: boolean;
  /**
   * Who takes over the user's suppliers and open campaigns: required by the hand-over form,
   * optional in the role and deactivation forms ('' keeps them with the user).
   */
  toUserId: string;
  invite: InviteFormValues;
}

/**
 * The posted form. Row forms name their user (`userId`), so all forms share the page's path,
 * and a post that finds the session gone comes back to this page after login.
 */
export function readUserPagePost(body: unknown): UserPagePost {
  const raw = (body ?? {}) as Record<string, unknown>;
  // Bounded far above every field's own limit, so the validators refuse an over-long value.
  const text = (value: unknown) => (typeof value === 'string' ? value.slice(0, 2000) : '');
  const action = ACTIONS.find((a) => a === raw.action) ?? null;
  const role = USER_ROLES.find((r) => r === raw.role) ?? null;
  return {
    action,
    userId: text(raw.userId),
    role,
    confirmed: raw.confirm === 'yes',
    toUserId: text(raw.toUserId),
    invite: {
      email: text(raw.email),
      displayName: text(raw.displayName),
      role: text(raw.role),
      locale: text(raw.locale) || 'ja',
    },
  };
}

export const EMPTY_INVITE: InviteFormValues = {
  email: '',
  displayName: '',
  role: 'procurement',
  locale: 'ja',
};

/** The API's DTO and rules, so the page and POST /api/v1/users accept the same invitations. */
export async function toInviteDto(
  form: InviteFormValues,
  text: UsersPageText,
): Promise<{ ok: true; dto: InviteUserDto } | { ok: false; errors: InviteFormErrors }> {
  const dto = plainToInstance(InviteUserDto, { ...form });
  const failures = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (failures.length === 0) return { ok: true, dto };
  const errors = new FormErrors(INVITE_FIELDS);
  for (const failure of failures) {
    const field = failure.property as InviteField;
    errors.add(field, text.errors[field] ?? text.errors.invalid);
  }
  return { ok: false, errors: errors.result() };
}

/** A 409 of the users service, in the page's words. */
export function conflictMessage(
  code: UserConflictCode,
  input: {
    text: UsersPageText;
    email: string;
    /** The user acted on, the role asked for (its label) and the work they own (owns_work). */
    name: string;
    role: string;
    suppliers: number;
    campaigns: number;
  },
): string {
  const { text } = input;
  switch (code) {
    case UserConflict.EmailTaken:
      return text.errors.emailTaken(input.email);
    case UserConflict.LastAdmin:
      return text.errors.lastAdmin;
    case UserConflict.PasswordAlreadySet:
      return text.errors.passwordAlreadySet;
    case UserConflict.Deactivated:
      return text.errors.deactivated;
    case UserConflict.OwnsWork:
      return text.errors.ownsWork(input.name, input.role, input.suppliers, input.campaigns);
  }
}
