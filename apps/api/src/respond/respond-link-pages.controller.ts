import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { hashLinkToken, LinkResolution, Public } from '@kakehashi/auth';
import { formatDueDate } from '@kakehashi/mail';
import { LinkRequestService } from './link-request.service';
import { PortalRendererService } from './portal-renderer.service';
import { Lang, PORTAL_TEXT, formatDateTime, toLang } from './portal-text';
import { sessionBase, sectionHref } from './portal-view';
import { RespondAccessService } from './respond-access.service';
import { RespondAnswersService } from './respond-answers.service';
import { LOCKED_STATUSES } from './respond-context';
import { RespondSessionService } from './respond-session.service';
import { StartInfoService } from './start-info.service';

/**
 * The emailed link. GET and HEAD only show a page (mail scanners fetch links first); a person
 * presses Start, a POST, which opens the assessment and swaps the token for a session cookie.
 */
@ApiExcludeController()
@Public()
@Controller('q')
export class RespondLinkPagesController {
  constructor(
    private readonly access: RespondAccessService,
    private readonly answers: RespondAnswersService,
    private readonly sessions: RespondSessionService,
    private readonly renderer: PortalRendererService,
    private readonly links: LinkRequestService,
    private readonly startInfo: StartInfoService,
  ) {}

  @Get(':token')
  async show(
    @Param('token') token: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const resolution = await this.access.resolve(token);
    await this.showResolution({ token, resolution, request, reply });
  }

  @Post(':token/start')
  async start(
    @Param('token') token: string,
    @Body() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const resolution = await this.access.resolve(token);
    if (
      !resolution.ok ||
      LOCKED_STATUSES.has(resolution.assessment.status) ||
      !this.csrfOk(token, body)
    ) {
      await this.showResolution({
        token,
        resolution,
        request,
        reply,
        status: resolution.ok ? 403 : undefined,
      });
      return;
    }
    const ctx = await this.access.byToken(token, request.ip ?? null);
    await this.answers.open(ctx);
    const info = await this.startInfo.load(resolution);
    const lang = toLang(request.cookies?.kk_lang) ?? info.contactLang;
    this.renderer.setLang(reply, lang);
    this.renderer.startSession(
      reply,
      this.sessions.create({
        organizationId: ctx.organizationId,
        assessmentId: ctx.assessmentId,
        linkId: ctx.linkId,
        contactId: ctx.contactId,
      }),
    );
    const first = this.answers.catalogOf(ctx).sections[0];
    await reply
      .header('cache-control', 'no-store')
      .redirect(sectionHref(sessionBase(ctx.assessmentId), first.id), 303);
  }

  @Post(':token/resend')
  async resend(
    @Param('token') token: string,
    @Body() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const resolution = await this.access.resolve(token);
    if (
      resolution.ok ||
      resolution.reason === 'unknown' ||
      resolution.reason === 'closed' ||
      !this.csrfOk(token, body)
    ) {
      await this.showResolution({ token, resolution, request, reply });
      return;
    }
    const lang = this.renderer.lang(
      request,
      reply,
      await this.startInfo.contactLangOf(resolution.link),
    );
    const langHref = `/q/${encodeURIComponent(token)}?lang=${lang === 'ja' ? 'en' : 'ja'}`;
    if (!(await this.links.requestFromPage(resolution.link, request.ip ?? null))) {
      await this.renderer.render(reply, {
        view: 'message',
        lang,
        status: 429,
        title: PORTAL_TEXT[lang].tooManyTitle,
        data: { lead: PORTAL_TEXT[lang].tooManyLead, langHref },
      });
      return;
    }
    await this.renderer.render(reply, {
      view: 'message',
      lang,
      title: PORTAL_TEXT[lang].linkSentTitle,
      data: { lead: PORTAL_TEXT[lang].linkSentLead, langHref },
    });
  }

  private csrfOk(token: string, body: Record<string, unknown> | undefined): boolean {
    return this.sessions.checkCsrf(`link:${hashLinkToken(token)}`, body?._csrf);
  }

  private async showResolution(input: {
    token: string;
    resolution: LinkResolution;
    request: FastifyRequest;
    reply: FastifyReply;
    status?: number;
  }): Promise<void> {
    const { resolution, request, reply } = input;
    const csrf = this.sessions.csrfFor(`link:${hashLinkToken(input.token)}`);
    const action = `/q/${encodeURIComponent(input.token)}`;
    const langHrefFor = (lang: Lang) => `${action}?lang=${lang === 'ja' ? 'en' : 'ja'}`;
    if (!resolution.ok) {
      if (resolution.reason === 'unknown') {
        // No contact to ask: the browser's language.
        const lang = this.renderer.lang(request, reply);
        const t = PORTAL_TEXT[lang];
        await this.renderer.render(reply, {
          view: 'message',
          lang,
          status: 404,
          title: t.notFoundTitle,
          data: { lead: t.notFoundLead, langHref: langHrefFor(lang) },
        });
        return;
      }
      const lang = this.renderer.lang(
        request,
        reply,
        await this.startInfo.contactLangOf(resolution.link),
      );
      await this.renderer.renderGone(reply, {
        lang,
        closed: resolution.reason === 'closed',
        assessment: resolution.link,
        langHref: langHrefFor(lang),
        resend: { action: `${action}/resend`, csrf },
      });
      return;
    }
    const info = await this.startInfo.load(resolution);
    const lang: Lang = this.renderer.lang(request, reply, info.contactLang);
    const t = PORTAL_TEXT[lang];
    const submitted = LOCKED_STATUSES.has(resolution.assessment.status);
    await this.renderer.render(reply, {
      view: 'start',
      lang,
      status: input.status ?? 200,
      title: submitted ? t.submittedTitle : t.startTitle,
      data: {
        submitted,
        csrf,
        action: `${action}/start`,
        langHref: langHrefFor(lang),
        supplierName: info.supplierName,
        buyerContact: await this.startInfo.buyerContact(resolution),
        organizationName: info.organizationName,
        campaignName: resolution.campaign.name,
        campaignMessage: resolution.campaign.message,
        dueDate: formatDueDate(resolution.campaign.dueDate, lang),
        reopenMessage:
          resolution.assessment.status === 'in_progress'
            ? resolution.assessment.reopenMessage
            : null,
        submittedAt: resolution.assessment.submittedAt
          ? formatDateTime(resolution.assessment.submittedAt, lang)
          : null,
      },
    });
  }
}
