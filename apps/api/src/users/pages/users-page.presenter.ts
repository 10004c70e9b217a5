import { formatTimestamp } from '@kakehashi/mail';
import { USER_ROLES } from '@kakehashi/database';
import type { Locale } from '../../console/console-locale';
import { CONSOLE_TEXT } from '../../console/console-text';
import type { UserView } from '../user.view';
import type { InviteFormErrors, InviteFormValues } from './user-forms';
import { USERS_PAGE_TEXT } from './users-page-text';

/** Why the page is shown after a redirect (`?done=` and the user concerned, `&user=`). */
export const USER_PAGE_NOTICES = [
  'invited',
  'role',
  'deactivated',
  'reactivated',
  'resent',
] as const;
export type UserPageNotice = (typeof USER_PAGE_NOTICES)[number];

/** Data for views/users/index. */
export function usersPageData(input: {
  locale: Locale;
  actorId: string;
  users: UserView[];
  invite: InviteFormValues;
  inviteErrors?: InviteFormErrors;
  errors?: string[];
  notice?: { kind: UserPageNotice; userId: string };
}) {
  const { locale, invite } = input;
  const t = USERS_PAGE_TEXT[locale];
  const roles = CONSOLE_TEXT[locale].roles;
  const when = (iso: string) => formatTimestamp(iso, locale);
  const noticeUser = input.notice && input.users.find((u) => u.id === input.notice?.userId);
  const roleChoices = (selected: string) =>
    USER_ROLES.map((role) => ({ value: role, label: roles[role], selected: role === selected }));
  const invalid = (field: keyof InviteFormValues) =>
    input.inviteErrors?.fields.includes(field) ?? false;
  return {
    t,
    notice:
      input.notice && noticeUser
        ? t.notices[input.notice.kind](
            locale === 'ja'
              ? `${noticeUser.displayName}（${noticeUser.email}）`
              : `${noticeUser.displayName} (${noticeUser.email})`,
          )
        : null,
    errors: [...(input.errors ?? []), ...(input.inviteErrors?.messages ?? [])],
    rows: input.users.map((user) => ({
      id: user.id,
      name: user.displayName,
      email: user.email,
      you: user.id === input.actorId,
      role: roles[user.role],
      roleChoices: roleChoices(user.role),
      roleOf: t.roleOf(user.displayName),
      language: user.locale === 'en' ? t.languages.en : t.languages.ja,
      status: user.status,
      statusLabel: t.status[user.status],
      lastLogin: user.lastLoginAt ? when(user.lastLoginAt) : t.neverLoggedIn,
      invitation: user.invitation
        ? user.invitation.expired
          ? t.invitationExpired(when(user.invitation.expiresAt))
          : t.invitationSent(when(user.invitation.createdAt), when(user.invitation.expiresAt))
        : null,
      canDeactivate: user.status !== 'deactivated',
      canReactivate: user.status === 'deactivated',
      canResend: user.status === 'invited',
      deactivateConfirm: t.deactivateConfirm(user.displayName),
      // What deactivation leaves behind: their alerts and digests go to an admin instead.
      ownedWork:
        user.ownedSuppliers + user.openCampaigns > 0
          ? t.ownedWork(user.ownedSuppliers, user.openCampaigns)
          : null,
    })),
    invite: {
      email: invite.email,
      displayName: invite.displayName,
      emailInvalid: invalid('email'),
      displayNameInvalid: invalid('displayName'),
      roleInvalid: invalid('role'),
      localeInvalid: invalid('locale'),
      roleChoices: roleChoices(invite.role),
      localeChoices: (['ja', 'en'] as const).map((value) => ({
        value,
        label: t.languages[value],
        selected: value === invite.locale,
      })),
    },
  };
}
