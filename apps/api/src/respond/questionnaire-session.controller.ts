import {
  Body,
  Controller,
  ForbiddenException,
  Get,
  Headers,
  NotFoundException,
  Param,
  Put,
  Req,
  Res,
  UnauthorizedException,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@kakehashi/auth';
import { Answers, ItemState, resolveItems } from '@kakehashi/domain';
import { SaveAnswersDto } from './dto/save-answers.dto';
import { PortalRendererService } from './portal-renderer.service';
import { LEGACY_BASE, sessionBase } from './portal-view';
import { RespondAccessService } from './respond-access.service';
import { RespondAnswersService } from './respond-answers.service';
import { RespondContext } from './respond-context';
import { RespondDocument, toRespondDocument } from './respond-document';
import { RESPOND_COOKIE, RespondSessionService } from './respond-session.service';

/**
 * The pages' autosave: JSON behind the session cookie, with the CSRF token in a header, at
 * `/q/s/<assessmentId>/answers` (under the session's own cookie path, see sessionBase), or at
 * `/q/s/a/<assessmentId>/answers` for a session whose cookie predates session paths. The
 * assessment id in the path must be the session's own, so a tab left over from another
 * questionnaire can never save into this one. Errors carry `messageJa` beside `message`; every
 * successful call extends the session as a page view does, so someone filling one long page is
 * not logged out mid-page.
 */
@ApiExcludeController()
@Public()
@Controller('q/s')
export class QuestionnaireSessionController {
  constructor(
    private readonly sessions: RespondSessionService,
    private readonly access: RespondAccessService,
    private readonly answers: RespondAnswersService,
    private readonly renderer: PortalRendererService,
  ) {}

  @Get(['a/:assessmentId', ':assessmentId/answers'])
  async get(
    @Param('assessmentId') assessmentId: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RespondDocument> {
    const ctx = await this.context({ request, reply, assessmentId });
    return toRespondDocument(await this.answers.load(ctx));
  }

  @Put(['a/:assessmentId/answers', ':assessmentId/answers'])
  async save(
    @Param('assessmentId') assessmentId: string,
    @Body() body: SaveAnswersDto,
    @Headers('x-csrf-token') csrf: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ version: number; items: Record<string, ItemState> }> {
    const ctx = await this.context({ request, reply, assessmentId, csrf });
    const version = await this.answers.save(ctx, body);
    // Visibility after the save, so the page shows and hides conditional items at once.
    const { assessment, catalog } = await this.answers.load(ctx);
    return {
      version,
      items: Object.fromEntries(resolveItems(catalog, assessment.answers as Answers)),
    };
  }

  private async context(input: {
    request: FastifyRequest;
    reply: FastifyReply;
    assessmentId: string;
    csrf?: string;
  }): Promise<RespondContext> {
    const { request, csrf } = input;
    const legacy = request.url.startsWith(`${LEGACY_BASE}/a/`);
    const session = this.sessions.decode(request.cookies?.[RESPOND_COOKIE]);
    if (!session) {
      throw new UnauthorizedException({
        message: 'The questionnaire session has ended; open the link again',
        messageJa:
          'セッションの有効期限が切れました。メールに記載されたリンクからもう一度開いてください',
      });
    }
    if (session.assessmentId !== input.assessmentId) {
      throw new NotFoundException({
        message: 'Assessment not found',
        messageJa: 'この画面は別の調査票のセッションになっています。再読み込みしてください',
      });
    }
    if (csrf !== undefined || request.method !== 'GET') {
      if (!this.sessions.checkCsrf(`session:${session.sid}`, csrf)) {
        throw new ForbiddenException({
          message: 'Missing or wrong CSRF token',
          messageJa: 'セッションが切り替わったため保存できませんでした。再読み込みしてください',
        });
      }
    }
    const ctx = await this.access.bySession(session, request.ip ?? null);
    // Sliding expiry, as for page views.
    this.renderer.startSession(
      input.reply,
      this.sessions.refresh(session),
      legacy ? LEGACY_BASE : sessionBase(session.assessmentId),
    );
    return ctx;
  }
}
