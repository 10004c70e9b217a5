import { HttpException, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Environment } from '@kakehashi/config';
import { Lang, PORTAL_TEXT, acceptedLang, toLang } from './portal-text';
import { RespondAccessService, goneOf } from './respond-access.service';
import { LEGACY_BASE, cookiePathOf, sessionBase } from './portal-view';
import { RespondContext } from './respond-context';
import {
  RESPOND_COOKIE,
  RESPOND_COOKIE_SECONDS,
  RespondSession,
  RespondSessionService,
} from './respond-session.service';
import { Requester, StartInfoService } from './start-info.service';

export const LANG_COOKIE = 'kk_lang';

export interface PageSession {
  session: RespondSession;
  /** Where this session's pages live (sessionBase, or LEGACY_BASE); every link starts here. */
  base: string;
  ctx: RespondContext;
  lang: Lang;
  csrf: string;
}

/** Renders portal pages in the portal layout and carries the session and language cookies. */
@Injectable()
export class PortalRendererService {
  private readonly secure: boolean;

  constructor(
    env: Environment,
    private readonly sessions: RespondSessionService,
    private readonly access: RespondAccessService,
    private readonly startInfo: StartInfoService,
  ) {
    this.secure = env.APP_URL.startsWith('https://');
  }

  /**
   * ?lang= wins and is remembered; then the cookie; then the given default (the contact's
   * language where known); then the browser's Accept-Language; then Japanese.
   */
  lang(request: FastifyRequest, reply: FastifyReply, fallback?: Lang): Lang {
    const asked = toLang((request.query as Record<string, unknown> | undefined)?.lang);
    if (asked) {
      this.setLang(reply, asked);
      return asked;
    }
    return (
      toLang(request.cookies?.[LANG_COOKIE]) ??
      fallback ??
      acceptedLang(request.headers['accept-language']) ??
      'ja'
    );
  }

  /**
   * The language switch of a page: this same address in the other language for a GET; after a
   * POST (whose address cannot be fetched) the `fallbackPath` page, which shows the same state.
   */
  langHref(request: FastifyRequest, lang: Lang, fallbackPath = `${LEGACY_BASE}/overview`): string {
    const other = lang === 'ja' ? 'en' : 'ja';
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return `${fallbackPath}?lang=${other}`;
    const url = new URL(request.url, 'http://portal.invalid');
    url.searchParams.set('lang', other);
    return `${url.pathname}${url.search}`;
  }

  setLang(reply: FastifyReply, lang: Lang): void {
    reply.setCookie(LANG_COOKIE, lang, {
      path: '/q',
      sameSite: 'strict',
      httpOnly: true,
      secure: this.secure,
      maxAge: 365 * 24 * 3600,
    });
  }

  /**
   * The session ends with its signed `exp`; the cookie outlives it (RESPOND_COOKIE_SECONDS). The
   * cookie lives on the session's own path (sessionBase), so another questionnaire started in the
   * same browser never replaces it; `base` is LEGACY_BASE only to refresh a pre-existing `/q` one.
   */
  startSession(
    reply: FastifyReply,
    session: RespondSession,
    base = sessionBase(session.assessmentId),
  ): void {
    reply.setCookie(RESPOND_COOKIE, this.sessions.encode(session), {
      path: cookiePathOf(base),
      sameSite: 'strict',
      httpOnly: true,
      secure: this.secure,
      maxAge: RESPOND_COOKIE_SECONDS,
    });
  }

  /**
   * The signed session cookie sent with a request to the pages of `key` (an assessment id, from
   * the address), live or ended; a session of another questionnaire counts as none. Without a key
   * (the addresses of sessions started before session paths) whatever session the cookie holds.
   */
  sessionCookie(request: FastifyRequest, key: string | undefined): string | undefined {
    const cookie = request.cookies?.[RESPOND_COOKIE];
    if (key === undefined) return cookie;
    const session = this.sessions.decode(cookie) ?? this.sessions.ended(cookie);
    return session?.assessmentId === key ? cookie : undefined;
  }

  /**
   * The session and its context for a page at `/q/s/<key>/…` (key undefined: `/q/s/…`, a session
   * from before session paths); renders the right page itself and returns null if none.
   */
  async pageSession(
    request: FastifyRequest,
    reply: FastifyReply,
    key?: string,
  ): Promise<PageSession | null> {
    const lang = this.lang(request, reply);
    const base = key === undefined ? LEGACY_BASE : sessionBase(key);
    const session = this.sessions.decode(this.sessionCookie(request, key));
    if (!session) {
      await this.renderSessionEnded(request, reply, { lang, status: 401, key });
      return null;
    }
    const csrf = this.sessions.csrfFor(`session:${session.sid}`);
    try {
      const ctx = await this.access.bySession(session, request.ip ?? null);
      // Sliding expiry: every page view extends the session.
      this.startSession(reply, this.sessions.refresh(session), base);
      return { session, base, ctx, lang, csrf };
    } catch (error) {
      if (!(error instanceof HttpException)) throw error;
      const gone = goneOf(error);
      if (gone) {
        // The same page as the emailed link shows: a fresh link can be requested from here.
        await this.renderGone(reply, {
          lang,
          closed: gone.reason === 'closed',
          assessment: session,
          requester: gone.requester,
          langHref: this.langHref(request, lang, `${base}/overview`),
          resend: { action: `${base}/resend`, csrf },
        });
        return null;
      }
      await this.renderSessionEnded(request, reply, { lang, status: error.getStatus() });
      return null;
    }
  }

  /**
   * The page for a session that is over (idle too long, or no cookie): what may not have been
   * saved, and a way back. An ended session still names its link, so the page offers a fresh
   * link to the link's contact; without one (cookie gone) it points to the latest mail and the
   * requester. While the (signed) session still names its assessment, the page names the buyer
   * organization and whom to contact, as the page of a dead link does.
   */
  async renderSessionEnded(
    request: FastifyRequest,
    reply: FastifyReply,
    { lang, status, key }: { lang: Lang; status: number; key?: string },
  ): Promise<FastifyReply> {
    const cookie = this.sessionCookie(request, key);
    const base = key === undefined ? LEGACY_BASE : sessionBase(key);
    const ended = this.sessions.ended(cookie);
    const known = ended ?? this.sessions.decode(cookie);
    return this.render(reply, {
      view: 'session-ended',
      lang,
      status,
      title: PORTAL_TEXT[lang].sessionEndedTitle,
      data: {
        langHref: this.langHref(request, lang, `${base}/overview`),
        resend: ended
          ? { action: `${base}/resend`, csrf: this.sessions.csrfFor(`session:${ended.sid}`) }
          : null,
        requester: known ? await this.startInfo.requester(known) : null,
      },
    });
  }

  /**
   * The page of a link that no longer opens its assessment: expired or withdrawn (with the form
   * for a fresh link, when given), or its campaign closed. It names the buyer organization and
   * the campaign owner to contact, the link being known to be a real one.
   */
  async renderGone(
    reply: FastifyReply,
    input: {
      lang: Lang;
      closed: boolean;
      assessment: { organizationId: string; assessmentId: string };
      /** Already looked up (the 410 that led here names it); otherwise read for the page. */
      requester?: Requester | null;
      langHref: string;
      resend?: { action: string; csrf: string };
    },
  ): Promise<FastifyReply> {
    const t = PORTAL_TEXT[input.lang];
    return this.render(reply, {
      view: 'gone',
      lang: input.lang,
      status: 410,
      title: input.closed ? t.closedTitle : t.goneTitle,
      data: {
        closed: input.closed,
        action: input.resend?.action,
        csrf: input.resend?.csrf,
        langHref: input.langHref,
        requester:
          input.requester !== undefined
            ? input.requester
            : await this.startInfo.requester(input.assessment),
      },
    });
  }

  checkCsrf(page: PageSession, token: unknown): boolean {
    return this.sessions.checkCsrf(`session:${page.session.sid}`, token);
  }

  async render(
    reply: FastifyReply,
    input: {
      view: string;
      lang: Lang;
      status?: number;
      title: string;
      data?: Record<string, unknown>;
    },
  ): Promise<FastifyReply> {
    const t = PORTAL_TEXT[input.lang];
    const html = await reply.viewAsync(
      `respond/${input.view}`,
      {
        ...input.data,
        t,
        lang: input.lang,
        title: input.title,
        otherLang: input.lang === 'ja' ? 'en' : 'ja',
      },
      { layout: 'layouts/portal' },
    );
    return reply
      .status(input.status ?? 200)
      .header('cache-control', 'no-store')
      .header('content-type', 'text/html; charset=utf-8')
      .send(html);
  }
}
