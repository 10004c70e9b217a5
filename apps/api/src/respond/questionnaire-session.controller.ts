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
  UnauthorizedException,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '@kakehashi/auth';
import { Answers, ItemState, resolveItems } from '@kakehashi/domain';
import { SaveAnswersDto } from './dto/save-answers.dto';
import { RespondAccessService } from './respond-access.service';
import { RespondAnswersService } from './respond-answers.service';
import { RespondContext } from './respond-context';
import { RespondDocument, toRespondDocument } from './respond-document';
import { RESPOND_COOKIE, RespondSessionService } from './respond-session.service';

/**
 * The pages' autosave: JSON behind the session cookie, with the CSRF token in a header. The
 * assessment id in the path must be the session's own, so a tab left over from another
 * questionnaire can never save into this one.
 */
@ApiExcludeController()
@Public()
@Controller('q/s/a')
export class QuestionnaireSessionController {
  constructor(
    private readonly sessions: RespondSessionService,
    private readonly access: RespondAccessService,
    private readonly answers: RespondAnswersService,
  ) {}

  @Get(':assessmentId')
  async get(
    @Param('assessmentId') assessmentId: string,
    @Req() request: FastifyRequest,
  ): Promise<RespondDocument> {
    const ctx = await this.context(request, assessmentId);
    return toRespondDocument(await this.answers.load(ctx));
  }

  @Put(':assessmentId/answers')
  async save(
    @Param('assessmentId') assessmentId: string,
    @Body() body: SaveAnswersDto,
    @Headers('x-csrf-token') csrf: string | undefined,
    @Req() request: FastifyRequest,
  ): Promise<{ version: number; items: Record<string, ItemState> }> {
    const ctx = await this.context(request, assessmentId, csrf);
    const version = await this.answers.save(ctx, body);
    // Visibility after the save, so the page shows and hides conditional items at once.
    const { assessment, catalog } = await this.answers.load(ctx);
    return {
      version,
      items: Object.fromEntries(resolveItems(catalog, assessment.answers as Answers)),
    };
  }

  private async context(
    request: FastifyRequest,
    assessmentId: string,
    csrf?: string,
  ): Promise<RespondContext> {
    const session = this.sessions.decode(request.cookies?.[RESPOND_COOKIE]);
    if (!session)
      throw new UnauthorizedException('The questionnaire session has ended; open the link again');
    if (session.assessmentId !== assessmentId) throw new NotFoundException('Assessment not found');
    if (csrf !== undefined || request.method !== 'GET') {
      if (!this.sessions.checkCsrf(`session:${session.sid}`, csrf))
        throw new ForbiddenException('Missing or wrong CSRF token');
    }
    return this.access.bySession(session, request.ip ?? null);
  }
}
