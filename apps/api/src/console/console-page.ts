import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthenticatedUser } from '@kakehashi/auth';
import type { UserRole } from '@kakehashi/database';
import { Locale, resolveLocale, urlWithLang } from './console-locale';
import { CONSOLE_TEXT, ConsoleText } from './console-text';

export type ConsoleSection =
  'dashboard' | 'suppliers' | 'campaigns' | 'users' | 'settings' | 'audit';

/**
 * The console's main navigation; other features add their pages at these paths. An entry with
 * `roles` is shown to those roles only (the page itself still enforces who may use it).
 */
export const CONSOLE_NAV: { section: ConsoleSection; href: string; roles?: UserRole[] }[] = [
  { section: 'dashboard', href: '/dashboard' },
  { section: 'suppliers', href: '/console/suppliers' },
  { section: 'campaigns', href: '/console/campaigns' },
  { section: 'users', href: '/console/users', roles: ['admin'] },
  { section: 'settings', href: '/console/settings', roles: ['admin'] },
  { section: 'audit', href: '/console/audit', roles: ['admin', 'auditor'] },
];

export const CONSOLE_LAYOUT = 'layouts/console';

/** The console page listing the signed-in user's notifications (linked from the header). */
export const NOTIFICATIONS_HREF = '/console/notifications';
/** The header shows at most this many unread notifications, then "99+". */
export const UNREAD_SHOWN_MAX = 99;

/** Counts the signed-in user's unread notifications (up to UNREAD_SHOWN_MAX + 1). */
export type UnreadCounter = () => Promise<number>;
const UNREAD_COUNTER = Symbol('kakehashi.console.unreadCounter');
type WithUnreadCounter = FastifyRequest & { [UNREAD_COUNTER]?: UnreadCounter };

/**
 * The notifications feature hands each signed-in request a counter for the header; it runs only
 * when a console page is rendered, so API calls never pay for it.
 */
export function provideUnreadCounter(request: FastifyRequest, counter: UnreadCounter): void {
  (request as WithUnreadCounter)[UNREAD_COUNTER] = counter;
}

export interface ConsolePage {
  /** View under apps/api/views, e.g. 'dashboard/index'. */
  view: string;
  title: string;
  section?: ConsoleSection;
  user?: AuthenticatedUser | null;
  /** Extra stylesheets and scripts (same origin, under /static). */
  styles?: string[];
  scripts?: string[];
  data?: Record<string, unknown>;
  status?: number;
}

/**
 * Renders a page inside the shared buyer console layout (header, nav, user, ja/en switch, main).
 * Handlers call `resolveLocale` first when their own text depends on the language.
 */
export async function renderConsolePage(
  request: FastifyRequest,
  reply: FastifyReply,
  page: ConsolePage & { locale?: Locale },
): Promise<void> {
  const locale = page.locale ?? resolveLocale(request, reply);
  const text = CONSOLE_TEXT[locale];
  const counter = page.user ? (request as WithUnreadCounter)[UNREAD_COUNTER] : undefined;
  const unread = counter ? await counter() : null;
  const role = page.user?.role;
  const shell = {
    lang: locale,
    title: page.title,
    text,
    nav: role
      ? CONSOLE_NAV.filter((n) => !n.roles || n.roles.includes(role)).map((n) => ({
          section: n.section,
          href: n.href,
          label: text.nav[n.section],
          active: n.section === page.section,
        }))
      : [],
    user: page.user ? { email: page.user.email, role: text.roles[page.user.role] } : null,
    notifications: unread === null ? null : headerNotifications(text, unread),
    switchTo:
      locale === 'ja'
        ? { label: 'English', href: urlWithLang(request, 'en') }
        : { label: '日本語', href: urlWithLang(request, 'ja') },
    styles: page.styles ?? [],
    scripts: page.scripts ?? [],
  };
  await reply
    .status(page.status ?? 200)
    .header('cache-control', 'no-store')
    // Same-origin form posts then carry a real Origin header (no-referrer would send "null").
    .header('referrer-policy', 'same-origin')
    .view(page.view, { ...(page.data ?? {}), shell }, { layout: CONSOLE_LAYOUT });
}

/** The header's link to the notifications page, with the unread count when there are any. */
function headerNotifications(text: ConsoleText, unread: number) {
  const badge = unread > UNREAD_SHOWN_MAX ? `${UNREAD_SHOWN_MAX}+` : String(unread);
  return {
    href: NOTIFICATIONS_HREF,
    count: unread,
    badge,
    label: unread > 0 ? text.notifications.unread(badge) : text.notifications.link,
  };
}
