import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthenticatedUser } from '@kakehashi/auth';
import { Locale, resolveLocale, urlWithLang } from './console-locale';
import { CONSOLE_TEXT } from './console-text';

export type ConsoleSection = 'dashboard' | 'suppliers' | 'campaigns';

/** The console's main navigation; other features add their pages at these paths. */
export const CONSOLE_NAV: { section: ConsoleSection; href: string }[] = [
  { section: 'dashboard', href: '/dashboard' },
  { section: 'suppliers', href: '/console/suppliers' },
  { section: 'campaigns', href: '/console/campaigns' },
];

export const CONSOLE_LAYOUT = 'layouts/console';

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
  const shell = {
    lang: locale,
    title: page.title,
    text,
    nav: page.user
      ? CONSOLE_NAV.map((n) => ({
          ...n,
          label: text.nav[n.section],
          active: n.section === page.section,
        }))
      : [],
    user: page.user ? { email: page.user.email, role: text.roles[page.user.role] } : null,
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
