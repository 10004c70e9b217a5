import { Body, Controller, Get, HttpException, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@kakehashi/auth';
import { Answers, CatalogItem, CatalogSection, missingRequired } from '@kakehashi/domain';
import { readEvidenceForm } from './evidence-form';
import { EvidenceService, UploadProblem, attachmentHeader } from './evidence.service';
import { answersDiffer, answersFromForm, renderedAnswersFromForm } from './form-answers';
import { LinkRequestService } from './link-request.service';
import { PageSession, PortalRendererService } from './portal-renderer.service';
import { Lang, PORTAL_TEXT } from './portal-text';
import { LEGACY_BASE, describeAnswer, sessionBase, sectionHref } from './portal-view';
import { QuestionnairePagesService } from './questionnaire-pages.service';
import { RespondAccessService } from './respond-access.service';
import { RespondAnswersService } from './respond-answers.service';
import { LOCKED_STATUSES } from './respond-context';
import { RespondSessionService } from './respond-session.service';

type Form = Record<string, unknown>;
type Query = Record<string, unknown> | undefined;

/** Why an upload failed, as named in the redirect after it (POST-redirect-GET). */
type UploadError = UploadProblem | 'stale' | 'failed' | 'removeStale';
const UPLOAD_ERROR_TEXT: Record<
  Exclude<UploadError, 'locked'>,
  keyof (typeof PORTAL_TEXT)['ja']
> = {
  missing: 'uploadMissing',
  empty: 'uploadEmpty',
  type: 'uploadType',
  size: 'uploadSize',
  quota: 'uploadQuota',
  many: 'uploadMany',
  // The page's form always sends multipart; only another client meets these.
  multipart: 'uploadFailed',
  form: 'uploadFailed',
  stale: 'uploadStale',
  failed: 'uploadFailed',
  removeStale: 'removeStale',
};

/** What the status region of a section page says after a redirect (`?saved=1`, `?removed=1`). */
const STATUS_TEXT = { saved: 'saved', removed: 'attachmentRemoved' } as const;

/** Where a submitted questionnaire sends edits: the receipt, saying the change was not saved. */
const lockedRedirect = (page: PageSession) => `${page.base}/receipt?locked=1`;

/**
 * The questionnaire pages behind the session cookie; every form works without JavaScript. Each
 * session's pages live under `/q/s/<assessmentId>` (its cookie's path), so questionnaires open
 * side by side in one browser never act on each other; `/q/s/…` without the id serves sessions
 * whose cookie predates session paths (on `/q`).
 */
@ApiExcludeController()
@Public()
@Controller('q/s')
export class QuestionnairePagesController {
  constructor(
    private readonly renderer: PortalRendererService,
    private readonly pages: QuestionnairePagesService,
    private readonly answers: RespondAnswersService,
    private readonly evidence: EvidenceService,
    private readonly sessions: RespondSessionService,
    private readonly access: RespondAccessService,
    private readonly links: LinkRequestService,
  ) {}

  @Get(['sections/:sectionId', ':key/sections/:sectionId'])
  async section(
    @Param('key') key: string | undefined,
    @Param('sectionId') sectionId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const page = await this.renderer.pageSession(request, reply, key);
    if (!page) return;
    if (LOCKED_STATUSES.has(page.ctx.status))
      return void (await reply.redirect(`${page.base}/receipt`, 303));
    const loaded = await this.pages.load(page);
    const section = loaded.catalog.sections.find((s) => s.id === sectionId);
    if (!section) return void (await this.notFound(page, request, reply));
    const query = request.query as Query;
    const uploadError = this.uploadErrorOf(query, section, page.lang);
    const status = (Object.keys(STATUS_TEXT) as (keyof typeof STATUS_TEXT)[]).find(
      (name) => query?.[name] === '1',
    );
    await this.renderer.render(reply, {
      view: 'section',
      lang: page.lang,
      title: section.title[page.lang],
      data: await this.pages.section(page, loaded, section, {
        errors: uploadError ? new Map([uploadError]) : undefined,
        status: status && !uploadError ? PORTAL_TEXT[page.lang][STATUS_TEXT[status]] : undefined,
      }),
    });
  }

  @Post(['sections/:sectionId', ':key/sections/:sectionId'])
  async saveSection(
    @Param('key') key: string | undefined,
    @Param('sectionId') sectionId: string,
    @Body() body: Form,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const page = await this.renderer.pageSession(request, reply, key);
    if (!page) return;
    const csrfOk = this.renderer.checkCsrf(page, body?._csrf);
    if (csrfOk && LOCKED_STATUSES.has(page.ctx.status))
      return void (await reply.redirect(lockedRedirect(page), 303));
    const loaded = await this.pages.load(page);
    const section = loaded.catalog.sections.find((s) => s.id === sectionId);
    if (!section) {
      if (!csrfOk) return void (await this.forbidden(page, request, reply));
      return void (await this.notFound(page, request, reply));
    }
    const posted = answersFromForm(section, body);
    if (!csrfOk) {
      // The page's session was replaced (the same questionnaire opened again from its link):
      // nothing is saved, and what was typed stays on the page to be saved again.
      await this.renderer.render(reply, {
        view: 'section',
        lang: page.lang,
        status: 403,
        title: `${PORTAL_TEXT[page.lang].sessionReplacedTitle} - ${section.title[page.lang]}`,
        data: await this.pages.section(page, loaded, section, {
          shown: posted,
          refused: PORTAL_TEXT[page.lang].sessionReplaced,
        }),
      });
      return;
    }
    try {
      await this.answers.save(page.ctx, { version: Number(body._version), answers: posted });
    } catch (error) {
      if (!(error instanceof HttpException) || ![400, 409].includes(error.getStatus())) throw error;
      const response = error.getResponse() as {
        itemId?: string;
        messageJa?: string;
        messageEn?: string;
        message?: string;
        status?: string;
      };
      // Submitted meanwhile (another tab or a colleague).
      if (response.status === 'submitted' || response.status === 'scored')
        return void (await reply.redirect(lockedRedirect(page), 303));
      const fresh = await this.pages.load(page);
      const data =
        error.getStatus() === 400
          ? await this.pages.section(page, fresh, section, {
              shown: posted,
              errors: new Map([
                [
                  response.itemId ?? '',
                  (page.lang === 'ja' ? response.messageJa : response.messageEn) ??
                    String(response.message),
                ],
              ]),
            })
          : await this.pages.section(page, fresh, section, {
              conflict: this.unsaved(page, {
                catalog: fresh.catalog,
                items: section.items,
                posted,
                rendered: renderedAnswersFromForm(section, body),
                current: fresh.assessment.answers as Answers,
              }),
            });
      await this.renderer.render(reply, {
        view: 'section',
        lang: page.lang,
        status: error.getStatus(),
        title: section.title[page.lang],
        data,
      });
      return;
    }
    const data = await this.pages.section(page, await this.pages.load(page), section);
    const next = (data.next as { href: string } | null)?.href ?? `${page.base}/overview`;
    await reply.redirect(
      body._action === 'next' ? next : `${sectionHref(page.base, section.id)}?saved=1`,
      303,
    );
  }

  @Get(['overview', ':key/overview'])
  async overview(
    @Param('key') key: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const page = await this.renderer.pageSession(request, reply, key);
    if (!page) return;
    if (LOCKED_STATUSES.has(page.ctx.status))
      return void (await reply.redirect(`${page.base}/receipt`, 303));
    const loaded = await this.pages.load(page);
    // After a refused submit (POST-redirect-GET): the required items still unanswered.
    const missing =
      (request.query as Query)?.missing === '1'
        ? missingRequired(loaded.catalog, loaded.assessment.answers as Answers)
        : undefined;
    await this.renderer.render(reply, {
      view: 'overview',
      lang: page.lang,
      title: missing?.length
        ? `${PORTAL_TEXT[page.lang].missingTitle} - ${PORTAL_TEXT[page.lang].overview}`
        : PORTAL_TEXT[page.lang].overview,
      data: await this.pages.overview(page, loaded, missing),
    });
  }

  @Post(['submit', ':key/submit'])
  async submit(
    @Param('key') key: string | undefined,
    @Body() body: Form,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const page = await this.renderer.pageSession(request, reply, key);
    if (!page) return;
    if (!this.renderer.checkCsrf(page, body?._csrf))
      return void (await this.forbidden(page, request, reply));
    try {
      await this.answers.submit(page.ctx);
    } catch (error) {
      if (error instanceof HttpException && error.getStatus() === 409)
        return void (await reply.redirect(`${page.base}/receipt`, 303));
      if (!(error instanceof HttpException) || error.getStatus() !== 400) throw error;
      // Redirected, so reloading the list never posts the submit again.
      return void (await reply.redirect(`${page.base}/overview?missing=1`, 303));
    }
    await reply.redirect(`${page.base}/receipt`, 303);
  }

  @Get(['receipt', ':key/receipt'])
  async receipt(
    @Param('key') key: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const page = await this.renderer.pageSession(request, reply, key);
    if (!page) return;
    if (!LOCKED_STATUSES.has(page.ctx.status))
      return void (await reply.redirect(`${page.base}/overview`, 303));
    const loaded = await this.pages.load(page);
    await this.renderer.render(reply, {
      view: 'receipt',
      lang: page.lang,
      title: PORTAL_TEXT[page.lang].thankYouTitle,
      data: {
        ...(await this.pages.receipt(page, loaded)),
        lockedNotice:
          (request.query as Query)?.locked === '1' ? PORTAL_TEXT[page.lang].lockedNotice : null,
      },
    });
  }

  /**
   * Upload without JavaScript: the file form of one item; the answer then names the file. The
   * file is recorded and attached in one transaction, under the assessment's row lock, and only
   * if that item still holds what the page showed (`_current`; other items may have changed
   * meanwhile): a refused attach keeps nothing, neither the row nor the bytes.
   */
  @Post(['evidence/:itemId', ':key/evidence/:itemId'])
  async upload(
    @Param('key') key: string | undefined,
    @Param('itemId') itemId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const page = await this.renderer.pageSession(request, reply, key);
    if (!page) return;
    const form = await readEvidenceForm(request);
    if (!this.renderer.checkCsrf(page, form.fields._csrf))
      return void (await this.forbidden(page, request, reply));
    const catalog = this.answers.catalogOf(page.ctx);
    const section = catalog.sections.find((s) =>
      s.items.some((i) => i.id === itemId && i.kind === 'file'),
    );
    if (!section) return void (await this.notFound(page, request, reply));
    const current = form.fields._current;
    try {
      if (typeof current === 'string') {
        await this.evidence.upload(page.ctx, form, async (manager, stored) => {
          await this.answers.setFileItem(manager, page.ctx, {
            itemId,
            evidenceId: stored.id,
            expected: current === '' ? null : current,
          });
        });
      } else {
        // A form from before `_current` (a page open across a deploy): the whole form's version.
        const stored = await this.evidence.upload(page.ctx, form);
        await this.answers.save(page.ctx, {
          version: Number(form.fields._version),
          answers: { [itemId]: stored.id },
        });
      }
    } catch (error) {
      if (!(error instanceof HttpException) || error.getStatus() >= 500) throw error;
      const response = error.getResponse() as { code?: UploadProblem; status?: string };
      if (
        response.code === 'locked' ||
        response.status === 'submitted' ||
        response.status === 'scored'
      )
        return void (await reply.redirect(lockedRedirect(page), 303));
      // POST-redirect-GET: the section page names the problem, and a reload posts nothing.
      const problem: UploadError =
        response.code ?? (error.getStatus() === 409 ? 'stale' : 'failed');
      const query = `upload=${problem}&item=${encodeURIComponent(itemId)}`;
      return void (await reply.redirect(`${sectionHref(page.base, section.id)}?${query}`, 303));
    }
    await reply.redirect(`${sectionHref(page.base, section.id)}?saved=1`, 303);
  }

  /**
   * "Remove attachment": clears a file item, if it still names the file the page showed
   * (`_evidence`). The file stays stored with the questionnaire's evidence (its history).
   */
  @Post(['evidence/:itemId/remove', ':key/evidence/:itemId/remove'])
  async removeAttachment(
    @Param('key') key: string | undefined,
    @Param('itemId') itemId: string,
    @Body() body: Form,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const page = await this.renderer.pageSession(request, reply, key);
    if (!page) return;
    if (!this.renderer.checkCsrf(page, body?._csrf))
      return void (await this.forbidden(page, request, reply));
    const section = this.answers
      .catalogOf(page.ctx)
      .sections.find((s) => s.items.some((i) => i.id === itemId && i.kind === 'file'));
    if (!section || typeof body._evidence !== 'string' || body._evidence === '')
      return void (await this.notFound(page, request, reply));
    try {
      await this.answers.clearFileItem(page.ctx, { itemId, expected: body._evidence });
    } catch (error) {
      if (!(error instanceof HttpException) || error.getStatus() >= 500) throw error;
      const response = error.getResponse() as { status?: string };
      if (response.status === 'submitted' || response.status === 'scored')
        return void (await reply.redirect(lockedRedirect(page), 303));
      if (error.getStatus() !== 409) throw error;
      const query = `upload=removeStale&item=${encodeURIComponent(itemId)}`;
      return void (await reply.redirect(`${sectionHref(page.base, section.id)}?${query}`, 303));
    }
    await reply.redirect(`${sectionHref(page.base, section.id)}?removed=1`, 303);
  }

  /**
   * "Send me a fresh link" from a page met after the session's link was revoked or expired
   * mid-session, or after the session itself ended: the mail goes to the link's registered
   * contact, as from the emailed link.
   */
  @Post(['resend', ':key/resend'])
  async resend(
    @Param('key') key: string | undefined,
    @Body() body: Form,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const lang = this.renderer.lang(request, reply);
    const t = PORTAL_TEXT[lang];
    const base = key === undefined ? LEGACY_BASE : sessionBase(key);
    const langHref = this.renderer.langHref(request, lang, `${base}/overview`);
    const cookie = this.renderer.sessionCookie(request, key);
    const live = this.sessions.decode(cookie);
    // An ended session (the "session ended" page's form) still names the link to send anew.
    const session = live ?? this.sessions.ended(cookie);
    const found =
      session && this.sessions.checkCsrf(`session:${session.sid}`, body?._csrf)
        ? await this.access.sessionLink(session)
        : null;
    if (!found) {
      await this.renderer.renderSessionEnded(request, reply, {
        lang,
        status: session ? 403 : 401,
        key,
      });
      return;
    }
    // The link works again (e.g. extended meanwhile): carry on answering.
    if (!found.reason && live) return void (await reply.redirect(`${base}/overview`, 303));
    if (found.reason === 'closed') {
      await this.renderer.renderGone(reply, {
        lang,
        closed: true,
        assessment: found.link,
        langHref,
      });
      return;
    }
    const sent = await this.links.requestFromPage(found.link, request.ip ?? null);
    await this.renderer.render(reply, {
      view: 'message',
      lang,
      status: sent ? 200 : 429,
      title: sent ? t.linkSentTitle : t.tooManyTitle,
      data: { lead: sent ? t.linkSentLead : t.tooManyLead, langHref },
    });
  }

  @Get(['evidence/:evidenceId', ':key/evidence/:evidenceId'])
  async download(
    @Param('key') key: string | undefined,
    @Param('evidenceId') evidenceId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const page = await this.renderer.pageSession(request, reply, key);
    if (!page) return;
    try {
      const { file, stream } = await this.evidence.open(page.ctx, evidenceId);
      await reply
        .header('content-type', file.contentType)
        .header('content-disposition', attachmentHeader(file.filename))
        .header('cache-control', 'no-store')
        .send(stream);
    } catch (error) {
      if (error instanceof HttpException && error.getStatus() === 404)
        return void (await this.notFound(page, request, reply));
      throw error;
    }
  }

  /**
   * What this person changed that the conflict kept from being saved, so nothing is silently lost:
   * the form posts every value on the page, so an item counts only where the posted value differs
   * both from the one the page was rendered with (someone else's change must not show as theirs)
   * and from the one saved now. A form without the rendered values compares with the saved ones.
   */
  private unsaved(
    page: PageSession,
    input: {
      catalog: Parameters<typeof describeAnswer>[0]['catalog'];
      items: CatalogItem[];
      posted: Answers;
      rendered: Answers;
      current: Answers;
    },
  ) {
    const { posted, rendered, current } = input;
    return input.items
      .filter(
        (item) =>
          item.id in posted &&
          answersDiffer(posted[item.id], current[item.id]) &&
          (!(item.id in rendered) || answersDiffer(posted[item.id], rendered[item.id])),
      )
      .map((item) => ({
        text: item.text[page.lang],
        answer: describeAnswer({
          item,
          catalog: input.catalog,
          value: posted[item.id],
          lang: page.lang,
          evidence: new Map(),
        }),
      }));
  }

  /** The upload problem named by the redirect after a failed upload, for one of this section's items. */
  private uploadErrorOf(
    query: Query,
    section: CatalogSection,
    lang: Lang,
  ): [string, string] | undefined {
    const problem = query?.upload;
    const itemId = query?.item;
    if (typeof problem !== 'string' || !Object.hasOwn(UPLOAD_ERROR_TEXT, problem)) return;
    if (!section.items.some((i) => i.id === itemId && i.kind === 'file')) return;
    const key = UPLOAD_ERROR_TEXT[problem as keyof typeof UPLOAD_ERROR_TEXT];
    const { maxFiles, maxMb } = this.evidence.quota;
    const text = PORTAL_TEXT[lang][key]
      .replace('{files}', String(maxFiles))
      .replace('{mb}', String(maxMb));
    return [itemId as string, text];
  }

  private notFound(page: PageSession, request: FastifyRequest, reply: FastifyReply) {
    const t = PORTAL_TEXT[page.lang];
    return this.renderer.render(reply, {
      view: 'message',
      lang: page.lang,
      status: 404,
      title: t.notFoundTitle,
      data: {
        lead: t.notFoundLead,
        langHref: this.renderer.langHref(request, page.lang, `${page.base}/overview`),
      },
    });
  }

  /**
   * A post whose form token is not the session's: the page was opened under a session since
   * replaced (the questionnaire opened again from its link). The session itself is live, so this
   * never says it ended.
   */
  private forbidden(page: PageSession, request: FastifyRequest, reply: FastifyReply) {
    const t = PORTAL_TEXT[page.lang];
    return this.renderer.render(reply, {
      view: 'message',
      lang: page.lang,
      status: 403,
      title: t.sessionReplacedTitle,
      data: {
        lead: t.sessionReplacedLead,
        langHref: this.renderer.langHref(request, page.lang, `${page.base}/overview`),
      },
    });
  }
}
