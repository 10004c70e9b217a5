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
  'handedOver',
] as const;
export type UserPageNotice = (typeof USER_PAGE_NOTICES)[number];

/** What a hand-over moved and to whom (`&to=&suppliers=&campaigns=` of the redirect). */
export interface HandOverNotice {
  toUserId: string;
  suppliers: number;
  campaigns: number;
}

export interface UserPageNoticeInput {
  kind: UserPageNotice;
  userId: string;
  handOver?: HandOverNotice;
}

/** Who may take over someone's suppliers and open campaigns (the service checks it again). */
const canInherit = (user: UserView) =>
  (user.role === 'procurement' || user.role === 'admin') && user.status !== 'deactivated';

/** Data for views/users/index. */
export function usersPageData(input: {
  locale: Locale;
  actorId: string;
  users: UserView[];
  invite: InviteFormValues;
  inviteErrors?: InviteFormErrors;
  errors?: string[];
  notice?: UserPageNoticeInput;
}) {
  const { locale, invite } = input;
  const t = USERS_PAGE_TEXT[locale];
  const roles = CONSOLE_TEXT[locale].roles;
  const when = (iso: string) => formatTimestamp(iso, locale);
  const heirs = input.users.filter(canInherit);
  const roleChoices = (selected: string) =>
    USER_ROLES.map((role) => ({ value: role, label: roles[role], selected: role === selected }));
  const invalid = (field: keyof InviteFormValues) =>
    input.inviteErrors?.fields.includes(field) ?? false;
  return {
    t,
    notice: input.notice ? noticeText(t, locale, input.users, input.notice) : null,
    errors: [...(input.errors ?? []), ...(input.inviteErrors?.messages ?? [])],
    rows: input.users.map((user) => {
      const owns = user.ownedSuppliers + user.openCampaigns > 0;
      const heirChoices = owns
        ? heirs
            .filter((heir) => heir.id !== user.id)
            .map((heir) => ({
              value: heir.id,
              label: `${heir.displayName} <${heir.email}>${heir.status === 'invited' ? t.handOver.invited : ''}`,
            }))
        : [];
      const canDeactivate = user.status !== 'deactivated';
      return {
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
        // Taking admin away (from oneself too) asks for a tick: it closes this page to them.
        adminRoleHelp:
          user.role === 'admin'
            ? t.roleAdminHelp(user.displayName, user.id === input.actorId)
            : null,
        // CISO and auditor cannot own work: the role form offers to hand it over with the change.
        roleWork: !owns
          ? null
          : heirChoices.length > 0
            ? t.roleWorkHandOver(user.ownedSuppliers, user.openCampaigns)
            : t.roleWork(user.ownedSuppliers, user.openCampaigns),
        roleHeirs: heirChoices.length > 0 ? heirChoices : null,
        canDeactivate,
        canReactivate: user.status === 'deactivated',
        canResend: user.status === 'invited',
        deactivateConfirm: t.deactivateConfirm(user.displayName),
        // What deactivation leaves behind unless handed over: their alerts go to an admin instead.
        ownedWork: !owns
          ? null
          : heirChoices.length > 0
            ? t.ownedWorkHandOver(user.ownedSuppliers, user.openCampaigns)
            : t.ownedWork(user.ownedSuppliers, user.openCampaigns),
        handOver:
          heirChoices.length > 0
            ? {
                help: t.handOver.help(user.displayName, user.ownedSuppliers, user.openCampaigns),
                heirs: heirChoices,
              }
            : null,
        deactivateHeirs: canDeactivate && heirChoices.length > 0 ? heirChoices : null,
      };
    }),
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

function noticeText(
  t: (typeof USERS_PAGE_TEXT)[Locale],
  locale: Locale,
  users: UserView[],
  notice: UserPageNoticeInput,
): string | null {
  const user = users.find((u) => u.id === notice.userId);
  if (!user) return null;
  const heir = notice.handOver && users.find((u) => u.id === notice.handOver?.toUserId);
  if (notice.kind === 'handedOver') {
    if (!notice.handOver || !heir) return null;
    const { suppliers, campaigns } = notice.handOver;
    return t.notices.handedOver(user.displayName, heir.displayName, suppliers, campaigns);
  }
  const who =
    locale === 'ja'
      ? `${user.displayName}（${user.email}）`
      : `${user.displayName} (${user.email})`;
  const text = t.notices[notice.kind](who);
  const withHandOver = notice.kind === 'deactivated' || notice.kind === 'role';
  if (!withHandOver || !notice.handOver || !heir) return text;
  const { suppliers, campaigns } = notice.handOver;
  const also = t.notices.alsoHandedOver(heir.displayName, suppliers, campaigns);
  return locale === 'ja' ? `${text}${also}` : `${text} ${also}`;
}
