import { Body, Controller, Get, HttpException, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@kakehashi/auth';
import { Answers, CatalogItem } from '@kakehashi/domain';
import { EvidenceService, attachmentHeader } from './evidence.service';
import { answersFromForm } from './form-answers';
import { PageSession, PortalRendererService } from './portal-renderer.service';
import { PORTAL_TEXT } from './portal-text';
import { describeAnswer, sectionHref } from './portal-view';
import { QuestionnairePagesService } from './questionnaire-pages.service';
import { RespondAnswersService } from './respond-answers.service';
import { LOCKED_STATUSES } from './respond-context';

type Form = Record<string, unknown>;

/** The questionnaire pages behind the session cookie; every form works without JavaScript. */
@ApiExcludeController()
@Public()
@Controller('q/s')
export class QuestionnairePagesController {
  constructor(
    private readonly renderer: PortalRendererService,
    private readonly pages: QuestionnairePagesService,
    private readonly answers: RespondAnswersService,
    private readonly evidence: EvidenceService,
  ) {}

  @Get('sections/:sectionId')
  async section(
    @Param('sectionId') sectionId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const page = await this.renderer.pageSession(request, reply);
    if (!page) return;
    if (LOCKED_STATUSES.has(page.ctx.status))
      return void (await reply.redirect('/q/s/receipt', 303));
    const loaded = await this.pages.load(page);
    const section = loaded.catalog.sections.find((s) => s.id === sectionId);
    if (!section) return void (await this.notFound(page, reply));
    await this.renderer.render(reply, {
      view: 'section',
      lang: page.lang,
      title: section.title[page.lang],
      data: await this.pages.section(page, loaded, section),
    });
  }

  @Post('sections/:sectionId')
  async saveSection(
    @Param('sectionId') sectionId: string,
    @Body() body: Form,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const page = await this.renderer.pageSession(request, reply);
    if (!page) return;
    if (!this.renderer.checkCsrf(page, body?._csrf))
      return void (await this.forbidden(page, reply));
    if (LOCKED_STATUSES.has(page.ctx.status))
      return void (await reply.redirect('/q/s/receipt', 303));
    const loaded = await this.pages.load(page);
    const section = loaded.catalog.sections.find((s) => s.id === sectionId);
    if (!section) return void (await this.notFound(page, reply));
    const posted = answersFromForm(section, body);
    try {
      await this.answers.save(page.ctx, { version: Number(body._version), answers: posted });
    } catch (error) {
      if (!(error instanceof HttpException) || ![400, 409].includes(error.getStatus())) throw error;
      const response = error.getResponse() as {
        itemId?: string;
        messageJa?: string;
        message?: string;
      };
      const fresh = await this.pages.load(page);
      const data =
        error.getStatus() === 400
          ? await this.pages.section(page, fresh, section, {
              shown: posted,
              errors: new Map([
                [
                  response.itemId ?? '',
                  (page.lang === 'ja' ? response.messageJa : undefined) ?? String(response.message),
                ],
              ]),
            })
          : await this.pages.section(page, fresh, section, {
              conflict: this.unsaved(
                page,
                fresh.catalog,
                section.items,
                posted,
                fresh.assessment.answers as Answers,
              ),
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
    const next = (data.next as { href: string } | null)?.href ?? '/q/s/overview';
    await reply.redirect(
      body._action === 'next' ? next : `${sectionHref(section.id)}?saved=1`,
      303,
    );
  }

  @Get('overview')
  async overview(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const page = await this.renderer.pageSession(request, reply);
    if (!page) return;
    if (LOCKED_STATUSES.has(page.ctx.status))
      return void (await reply.redirect('/q/s/receipt', 303));
    const loaded = await this.pages.load(page);
    await this.renderer.render(reply, {
      view: 'overview',
      lang: page.lang,
      title: PORTAL_TEXT[page.lang].overview,
      data: this.pages.overview(page, loaded),
    });
  }

  @Post('submit')
  async submit(
    @Body() body: Form,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const page = await this.renderer.pageSession(request, reply);
    if (!page) return;
    if (!this.renderer.checkCsrf(page, body?._csrf))
      return void (await this.forbidden(page, reply));
    try {
      await this.answers.submit(page.ctx);
    } catch (error) {
      if (error instanceof HttpException && error.getStatus() === 409)
        return void (await reply.redirect('/q/s/receipt', 303));
      if (!(error instanceof HttpException) || error.getStatus() !== 400) throw error;
      const missing = (error.getResponse() as { missing?: string[] }).missing ?? [];
      const loaded = await this.pages.load(page);
      await this.renderer.render(reply, {
        view: 'overview',
        lang: page.lang,
        status: 400,
        title: PORTAL_TEXT[page.lang].missingTitle,
        data: this.pages.overview(page, loaded, missing),
      });
      return;
    }
    await reply.redirect('/q/s/receipt', 303);
  }

  @Get('receipt')
  async receipt(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const page = await this.renderer.pageSession(request, reply);
    if (!page) return;
    if (!LOCKED_STATUSES.has(page.ctx.status))
      return void (await reply.redirect('/q/s/overview', 303));
    const loaded = await this.pages.load(page);
    await this.renderer.render(reply, {
      view: 'receipt',
      lang: page.lang,
      title: PORTAL_TEXT[page.lang].thankYouTitle,
      data: await this.pages.receipt(page, loaded),
    });
  }

  /** Upload without JavaScript: the file form of one item; the answer then names the file. */
  @Post('evidence/:itemId')
  async upload(
    @Param('itemId') itemId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const page = await this.renderer.pageSession(request, reply);
    if (!page) return;
    const part = await request.file();
    const field = (name: string) => {
      const f = part?.fields[name] as { value?: unknown } | undefined;
      return f?.value;
    };
    if (!part || !this.renderer.checkCsrf(page, field('_csrf')))
      return void (await this.forbidden(page, reply));
    const catalog = this.answers.catalogOf(page.ctx);
    const section = catalog.sections.find((s) =>
      s.items.some((i) => i.id === itemId && i.kind === 'file'),
    );
    if (!section) return void (await this.notFound(page, reply));
    try {
      const stored = await this.evidence.upload(page.ctx, part);
      await this.answers.save(page.ctx, {
        version: Number(field('_version')),
        answers: { [itemId]: stored.id },
      });
    } catch (error) {
      if (!(error instanceof HttpException) || error.getStatus() >= 500) throw error;
      const loaded = await this.pages.load(page);
      const data = await this.pages.section(page, loaded, section, {
        errors: new Map([
          [itemId, String((error.getResponse() as { message?: string }).message ?? error.message)],
        ]),
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
    await reply.redirect(`${sectionHref(section.id)}?saved=1`, 303);
  }

  @Get('evidence/:evidenceId')
  async download(
    @Param('evidenceId') evidenceId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const page = await this.renderer.pageSession(request, reply);
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
        return void (await this.notFound(page, reply));
      throw error;
    }
  }

  /** What this person typed that the conflict kept from being saved, so nothing is silently lost. */
  private unsaved(
    page: PageSession,
    catalog: Parameters<typeof describeAnswer>[0]['catalog'],
    items: CatalogItem[],
    posted: Answers,
    current: Answers,
  ) {
    return items
      .filter(
        (item) =>
          item.id in posted &&
          JSON.stringify(posted[item.id] ?? null) !== JSON.stringify(current[item.id] ?? null),
      )
      .map((item) => ({
        text: item.text[page.lang],
        answer: describeAnswer({
          item,
          catalog,
          value: posted[item.id],
          lang: page.lang,
          evidence: new Map(),
        }),
      }));
  }

  private notFound(page: PageSession, reply: FastifyReply) {
    const t = PORTAL_TEXT[page.lang];
    return this.renderer.render(reply, {
      view: 'message',
      lang: page.lang,
      status: 404,
      title: t.notFoundTitle,
      data: { lead: t.notFoundLead },
    });
  }

  private forbidden(page: PageSession, reply: FastifyReply) {
    const t = PORTAL_TEXT[page.lang];
    return this.renderer.render(reply, {
      view: 'message',
      lang: page.lang,
      status: 403,
      title: t.sessionEndedTitle,
      data: { lead: t.sessionEndedLead },
    });
  }
}
