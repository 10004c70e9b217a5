import type { FastifyReply, FastifyRequest } from 'fastify';

export type Locale = 'ja' | 'en';
export const LANG_COOKIE = 'kk_lang';

/**
 * Japanese first; `?lang=en` (or `ja`) switches and is remembered in a cookie, so links without the
 * parameter keep the choice.
 */
export function resolveLocale(request: FastifyRequest, reply: FastifyReply): Locale {
  const asked = askedLocale(request);
  if (asked) {
    rememberLocale(reply, asked);
    return asked;
  }
  return request.cookies?.[LANG_COOKIE] === 'en' ? 'en' : 'ja';
}

/**
 * At sign-in, the console takes the user's own language (the one their mail is in), unless this
 * browser already chose one: `?lang` or an existing language cookie still wins.
 */
export function rememberUserLocale(
  request: FastifyRequest,
  reply: FastifyReply,
  userLocale: string,
): void {
  const asked = askedLocale(request);
  if (asked) return rememberLocale(reply, asked);
  if (isLocale(request.cookies?.[LANG_COOKIE])) return;
  if (isLocale(userLocale)) rememberLocale(reply, userLocale);
}

function isLocale(value: unknown): value is Locale {
  return value === 'en' || value === 'ja';
}

function askedLocale(request: FastifyRequest): Locale | null {
  const asked = (request.query as Record<string, unknown> | undefined)?.lang;
  return isLocale(asked) ? asked : null;
}

function rememberLocale(reply: FastifyReply, locale: Locale): void {
  reply.setCookie(LANG_COOKIE, locale, { path: '/', sameSite: 'lax', maxAge: 365 * 24 * 3600 });
}

/** The current URL with `lang` set, for the language switch. */
export function urlWithLang(request: FastifyRequest, lang: Locale): string {
  const url = new URL(request.url, 'http://console.invalid');
  url.searchParams.set('lang', lang);
  return url.pathname + url.search;
}

/** A same-site relative path to return to after login; anything else falls back to the dashboard. */
export function safeNext(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[^\s]*$/.test(value) ? value : '/dashboard';
}
