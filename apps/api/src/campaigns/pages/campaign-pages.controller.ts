import {
  Controller,
  Get,
  BadRequestException,
  ConflictException,
  ForbiddenException,
  HttpException,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  Req,
  Res,
  UseFilters,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource, In } from 'typeorm';
import { AuthenticatedUser, CurrentUser, Roles } from '@kakehashi/auth';
import { Environment } from '@kakehashi/config';
import { Supplier } from '@kakehashi/database';
import { tokyoToday } from '@kakehashi/mail';
import { Locale, resolveLocale } from '../../console/console-locale';
import { renderConsolePage } from '../../console/console-page';
import { PageAuthFilter } from '../../console/page-auth.filter';
import { isSameOrigin, requireSameOrigin } from '../../console/same-origin';
import { CampaignQueriesService } from '../campaign-queries.service';
import { CloseCampaignUseCase } from '../close-campaign.use-case';
import { CreateCampaignUseCase } from '../create-campaign.use-case';
import { LaunchCampaignUseCase } from '../launch-campaign.use-case';
import {
  CampaignFormErrors,
  CampaignFormValues,
  otherSiteErrors,
  readCampaignForm,
  serviceErrors,
  toCreateCampaignDto,
} from './campaign-form';
import { detailPageData, formPageData, listPageData, parsePage } from './campaign-pages.presenter';
import { CAMPAIGN_PAGES_TEXT, type CampaignPagesText } from './campaign-pages-text';

const PAGE_ID = new ParseUUIDPipe({ errorHttpStatusCode: 404 });
const READERS = ['procurement', 'ciso', 'auditor'] as const;
/** Campaigns per list page; their counts come from CampaignQueriesService.details. */
const LIST_PAGE_SIZE = 20;
/** The detail page shows this many assessments (the API's maximum page). */
const ASSESSMENTS_SHOWN = 500;
const SUPPLIER_CHOICES = 2000;

/**
 * Buyer console pages for campaigns: the same queries and use cases as the JSON API. Form posts
 * are refused from other sites (Origin/Referer check; the session cookie is SameSite=Lax).
 */
@ApiExcludeController()
@UseFilters(PageAuthFilter)
@Controller('console/campaigns')
export class CampaignPagesController {
  constructor(
    private readonly queries: CampaignQueriesService,
    private readonly launchCampaign: LaunchCampaignUseCase,
    private readonly closeCampaign: CloseCampaignUseCase,
    private readonly createCampaign: CreateCampaignUseCase,
    private readonly dataSource: DataSource,
    private readonly env: Environment,
  ) {}

  @Get()
  @Roles(...READERS)
  async list(
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const locale = resolveLocale(request, reply);
    const page = await this.queries.list(user.organizationId, {
      page: parsePage(request.query),
      pageSize: LIST_PAGE_SIZE,
    });
    const details = await this.queries.details(
      user.organizationId,
      (page.items as { id: string }[]).map((c) => c.id),
    );
    await renderConsolePage(request, reply, {
      view: 'campaigns/index',
      title: CAMPAIGN_PAGES_TEXT[locale].title,
      section: 'campaigns',
      user,
      locale,
      data: listPageData({ locale, page, details, canEdit: canEdit(user) }),
    });
  }

  @Get('new')
  @Roles('procurement')
  async newForm(
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const locale = resolveLocale(request, reply);
    const form = { name: '', dueDate: tokyoToday(), supplierIds: [] };
    await this.renderForm(request, reply, { user, locale, form });
  }

  @Post('new')
  @Roles('procurement')
  async create(
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const locale = resolveLocale(request, reply);
    const text = CAMPAIGN_PAGES_TEXT[locale];
    const form = readCampaignForm(request.body);
    if (!isSameOrigin(request, this.env.APP_URL)) {
      const errors = otherSiteErrors(text);
      await this.renderForm(request, reply, { user, locale, form, errors, status: 403 });
      return;
    }
    const result = await toCreateCampaignDto(form, text);
    if (!result.ok) {
      const errors = result.errors;
      await this.renderForm(request, reply, { user, locale, form, errors, status: 400 });
      return;
    }
    try {
      const created = await this.createCampaign.execute(user, result.dto);
      await reply.redirect(`/console/campaigns/${created.id}`, 303);
    } catch (error) {
      const errors = serviceErrors(error, text);
      const status = (error as HttpException).getStatus();
      await this.renderForm(request, reply, { user, locale, form, errors, status });
    }
  }

  @Get(':id')
  @Roles(...READERS)
  async detail(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', PAGE_ID) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const done = (request.query as Record<string, unknown>).done;
    const notice = done === 'launched' || done === 'closed' ? done : null;
    await this.renderDetail(request, reply, { user, id, notice });
  }

  @Post(':id/launch')
  @Roles('procurement')
  async launch(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', PAGE_ID) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.runAction({ request, reply, user, id, done: 'launched' }, () =>
      this.launchCampaign.execute(user, id),
    );
  }

  /** Closing cannot be undone, so the form must carry its confirmation tick. */
  @Post(':id/close')
  @Roles('procurement')
  async close(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', PAGE_ID) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.runAction({ request, reply, user, id, done: 'closed' }, () => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      if (body.confirm !== 'yes') throw new BadRequestException(CLOSE_UNCONFIRMED);
      return this.closeCampaign.execute(user, id);
    });
  }

  /** A launch/close form post: same-origin check, the use case, then back to the detail page. */
  private async runAction(
    input: {
      request: FastifyRequest;
      reply: FastifyReply;
      user: AuthenticatedUser;
      id: string;
      done: 'launched' | 'closed';
    },
    action: () => Promise<unknown>,
  ): Promise<void> {
    const { request, reply, user, id, done } = input;
    try {
      requireSameOrigin(request, this.env.APP_URL);
      await action();
      await reply.redirect(`/console/campaigns/${id}?done=${done}`, 303);
    } catch (error) {
      const refusal = asPageError(error);
      const text = CAMPAIGN_PAGES_TEXT[resolveLocale(request, reply)].errors;
      await this.renderDetail(request, reply, {
        user,
        id,
        status: refusal.status,
        message: actionErrorText(error, refusal.message, text),
        closeOpen: done === 'closed',
      });
    }
  }

  private async renderDetail(
    request: FastifyRequest,
    reply: FastifyReply,
    input: {
      user: AuthenticatedUser;
      id: string;
      notice?: 'launched' | 'closed' | null;
      status?: number;
      message?: string;
      closeOpen?: boolean;
    },
  ): Promise<void> {
    const locale = resolveLocale(request, reply);
    const { user, id } = input;
    const detail = await this.queries.detail(user.organizationId, id);
    const assessments = await this.queries.assessments(user.organizationId, id, {
      page: 1,
      pageSize: ASSESSMENTS_SHOWN,
    });
    const draftIds =
      detail.status === 'draft'
        ? (await this.queries.requireCampaign(user.organizationId, id)).draftSupplierIds
        : [];
    await renderConsolePage(request, reply, {
      view: 'campaigns/detail',
      title: detail.name,
      section: 'campaigns',
      user,
      locale,
      status: input.status,
      data: detailPageData({
        locale,
        detail,
        assessments,
        draftSuppliers: await this.supplierNames(user.organizationId, draftIds),
        canEdit: canEdit(user),
        notice: input.notice,
        error: input.message,
        closeOpen: input.closeOpen,
      }),
    });
  }

  private async renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    input: {
      user: AuthenticatedUser;
      locale: Locale;
      form: CampaignFormValues;
      status?: number;
      errors?: CampaignFormErrors;
    },
  ): Promise<void> {
    const suppliers = await this.dataSource.getRepository(Supplier).find({
      select: { id: true, name: true },
      where: { organizationId: input.user.organizationId },
      order: { name: 'ASC' },
      take: SUPPLIER_CHOICES,
    });
    await renderConsolePage(request, reply, {
      view: 'campaigns/form',
      title: CAMPAIGN_PAGES_TEXT[input.locale].newTitle,
      section: 'campaigns',
      user: input.user,
      locale: input.locale,
      status: input.status,
      data: formPageData({
        locale: input.locale,
        form: input.form,
        suppliers,
        errors: input.errors,
      }),
    });
  }

  /** Names of a draft's chosen suppliers (the assessments list is empty until launch). */
  private async supplierNames(
    organizationId: string,
    ids: string[],
  ): Promise<{ id: string; name: string }[]> {
    if (ids.length === 0) return [];
    return this.dataSource.getRepository(Supplier).find({
      select: { id: true, name: true },
      where: { organizationId, id: In(ids) },
      order: { name: 'ASC' },
    });
  }
}

function canEdit(user: AuthenticatedUser): boolean {
  return user.role === 'procurement' || user.role === 'admin';
}

const CLOSE_UNCONFIRMED = 'confirm: tick the confirmation to close the campaign';

/** A launch/close refusal in the page's language (the use cases speak English to API clients). */
function actionErrorText(
  error: unknown,
  message: string,
  text: CampaignPagesText['errors'],
): string {
  if (error instanceof ForbiddenException) return text.otherSite;
  if (message === CLOSE_UNCONFIRMED) return text.closeUnconfirmed;
  if (error instanceof ConflictException && /closed/.test(message)) return text.alreadyClosed;
  if (message.startsWith('supplierIds:')) return text.noSuppliersToLaunch;
  return message;
}

/**
 * Refusals the person can act on (bad input, a closed campaign, another site) are shown on the
 * page; an unknown or other tenant's campaign stays a 404 and anything else a real error.
 */
function asPageError(error: unknown): { status: number; message: string } {
  if (
    error instanceof HttpException &&
    error.getStatus() < 500 &&
    !(error instanceof NotFoundException)
  ) {
    const response = error.getResponse();
    const message =
      typeof response === 'string'
        ? response
        : String((response as { message?: unknown }).message ?? error.message);
    return { status: error.getStatus(), message };
  }
  throw error;
}
