import type { FastifyReply, FastifyRequest } from 'fastify';

export type Locale = 'ja' | 'en';
export const LANG_COOKIE = 'kk_lang';

/**
 * Japanese first; `?lang=en` (or `ja`) switches and is remembered in a cookie, so links without the
 * parameter keep the choice.
 */
export function resolveLocale(request: FastifyRequest, reply: FastifyReply): Locale {
  const asked = (request.query as Record<string, unknown> | undefined)?.lang;
  if (asked === 'en' || asked === 'ja') {
    reply.setCookie(LANG_COOKIE, asked, { path: '/', sameSite: 'lax', maxAge: 365 * 24 * 3600 });
    return asked;
  }
  return request.cookies?.[LANG_COOKIE] === 'en' ? 'en' : 'ja';
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
