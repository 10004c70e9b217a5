import {
  ConflictException,
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Post,
  Req,
  Res,
  UseFilters,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthenticatedUser, CurrentUser, Roles } from '@kakehashi/auth';
import { Environment } from '@kakehashi/config';
import { Locale, resolveLocale } from '../../console/console-locale';
import { renderConsolePage } from '../../console/console-page';
import { PageAuthFilter } from '../../console/page-auth.filter';
import { isSameOrigin } from '../../console/same-origin';
import { AssessmentsService } from '../assessments.service';
import { RevokeAssessmentLinksUseCase } from '../revoke-assessment-links.use-case';
import { AssessmentPageData, AssessmentPageQuery } from './assessment-page.query';
import { assessmentPageData } from './assessment-page.presenter';
import { ASSESSMENT_PAGE_TEXT, AssessmentPageText } from './assessment-page-text';
import { readReopenMessage, ReopenFormState, reopenMessageProblem } from './reopen-form';

const PAGE_ID = new ParseUUIDPipe({ errorHttpStatusCode: 404 });
const READERS = ['procurement', 'ciso', 'auditor'] as const;
const assessmentPagePath = (id: string) => `/console/assessments/${id}`;

/**
 * One supplier's answers, evidence and latest score for every buyer role of the tenant; the
 * reopen and withdraw-links forms (procurement and admins) run the API's use cases. Form posts are refused from
 * other sites (Origin/Referer check; the session cookie is SameSite=Lax).
 */
@ApiExcludeController()
@UseFilters(PageAuthFilter)
@Controller('console/assessments')
export class AssessmentPageController {
  constructor(
    private readonly query: AssessmentPageQuery,
    private readonly assessments: AssessmentsService,
    private readonly revokeLinks: RevokeAssessmentLinksUseCase,
    private readonly env: Environment,
  ) {}

  @Get(':id')
  @Roles(...READERS)
  async show(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', PAGE_ID) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const locale = resolveLocale(request, reply);
    const query = request.query as Record<string, unknown>;
    const data = await this.query.run(user.organizationId, id);
    await this.render(request, reply, {
      user,
      locale,
      data,
      notice: query.done === 'reopened' ? 'reopened' : null,
      revokedLinks: query.done === 'links-revoked' ? revokedCount(query.revoked) : null,
    });
  }

  @Post(':id/reopen')
  @Roles('procurement')
  async reopen(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', PAGE_ID) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const locale = resolveLocale(request, reply);
    const text = ASSESSMENT_PAGE_TEXT[locale];
    const message = readReopenMessage(request.body);
    const refuse = async (status: number, error: string, data?: AssessmentPageData) => {
      const current = data ?? (await this.query.run(user.organizationId, id));
      const form: ReopenFormState = { message, error };
      await this.render(request, reply, { user, locale, data: current, form, status });
    };
    if (!isSameOrigin(request, this.env.APP_URL)) return refuse(403, text.errors.otherSite);
    const problem = await reopenMessageProblem(message, text);
    if (problem) return refuse(400, problem);
    try {
      await this.assessments.reopen(user, id, message);
    } catch (error) {
      if (!(error instanceof ConflictException)) throw error;
      // Said from what is true now (the campaign closed, or someone else reopened it first).
      const data = await this.query.run(user.organizationId, id);
      return refuse(409, conflictText(data, text), data);
    }
    await reply.redirect(`${assessmentPagePath(id)}?done=reopened`, 303);
  }

  /**
   * Withdraws the assessment's links (the API's use case); the form must carry its confirmation
   * tick. The page then says how many stopped working.
   */
  @Post(':id/links/revoke')
  @Roles('procurement')
  async revoke(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', PAGE_ID) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const locale = resolveLocale(request, reply);
    const text = ASSESSMENT_PAGE_TEXT[locale];
    const refuse = async (status: number, error: string) => {
      const data = await this.query.run(user.organizationId, id);
      await this.render(request, reply, { user, locale, data, revokeError: error, status });
    };
    if (!isSameOrigin(request, this.env.APP_URL)) return refuse(403, text.errors.otherSite);
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (body.confirm !== 'yes') return refuse(400, text.errors.revokeUnconfirmed);
    let revoked: number;
    try {
      ({ revoked } = await this.revokeLinks.execute(user, id));
    } catch (error) {
      if (!(error instanceof ConflictException)) throw error;
      return refuse(409, text.errors.revokeClosed);
    }
    await reply.redirect(`${assessmentPagePath(id)}?done=links-revoked&revoked=${revoked}`, 303);
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    input: {
      user: AuthenticatedUser;
      locale: Locale;
      data: AssessmentPageData;
      notice?: 'reopened' | null;
      form?: ReopenFormState;
      revokedLinks?: number | null;
      revokeError?: string;
      status?: number;
    },
  ): Promise<void> {
    const { user, locale, data } = input;
    await renderConsolePage(request, reply, {
      view: 'assessments/detail',
      title: ASSESSMENT_PAGE_TEXT[locale].title(data.supplier.name),
      section: 'campaigns',
      user,
      locale,
      status: input.status,
      styles: ['/static/console/dashboard.css'],
      data: assessmentPageData({
        locale,
        data,
        role: user.role,
        notice: input.notice,
        form: input.form,
        revokedLinks: input.revokedLinks,
        revokeError: input.revokeError,
      }),
    });
  }
}

/** The count carried by the redirect after a withdrawal; anything else shows no notice. */
function revokedCount(value: unknown): number | null {
  return typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : null;
}

function conflictText(data: AssessmentPageData, text: AssessmentPageText): string {
  if (data.campaign.status === 'closed') return text.errors.closed;
  const status = data.assessment.status;
  return text.errors.notSubmitted(text.statuses[status] ?? status);
}
