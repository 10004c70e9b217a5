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
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DataSource, FindOptionsWhere, In, IsNull } from 'typeorm';
import { AuthenticatedUser, CurrentUser, Roles } from '@kakehashi/auth';
import { Environment } from '@kakehashi/config';
import { User } from '@kakehashi/database';
import { tokyoToday } from '@kakehashi/mail';
import { Locale, resolveLocale } from '../../console/console-locale';
import { renderConsolePage } from '../../console/console-page';
import { PageAuthFilter } from '../../console/page-auth.filter';
import { isSameOrigin, requireSameOrigin } from '../../console/same-origin';
import {
  RemindAssessmentUseCase,
  type RemindRefusal,
} from '../../assessments/remind-assessment.use-case';
import { CampaignQueriesService } from '../campaign-queries.service';
import { CampaignSupplierChoicesService } from '../campaign-supplier-choices.service';
import { SUPPLIER_SET_PATTERN, supplierSetFingerprint } from '../campaign-suppliers';
import { CloseCampaignUseCase } from '../close-campaign.use-case';
import { CreateCampaignUseCase } from '../create-campaign.use-case';
import { DeleteDraftCampaignUseCase } from '../delete-draft-campaign.use-case';
import { UpdateCampaignDto } from '../dto/update-campaign.dto';
import { LaunchCampaignUseCase } from '../launch-campaign.use-case';
import { dueDateNoticeCount, UpdateCampaignUseCase } from '../update-campaign.use-case';
import {
  ASSESSMENTS_PAGE_SIZE,
  listQuery,
  PageRedirect,
  readAssessmentListState,
} from './assessment-list';
import { ASSESSMENT_LIST_TEXT } from './assessment-list-text';
import {
  CampaignFormErrors,
  CampaignFormValues,
  campaignSettingsForm,
  dueDateMessage,
  emptyCampaignForm,
  otherSiteErrors,
  readCampaignForm,
  serviceErrors,
  toCreateCampaignDto,
  toUpdateCampaignDto,
} from './campaign-form';
import { invitationPreviews } from './invitation-preview';
import {
  CampaignNotice,
  CampaignOwner,
  detailPageData,
  formPageData,
  listPageData,
  parsePage,
} from './campaign-pages.presenter';
import { CAMPAIGN_PAGES_TEXT, type CampaignPagesText } from './campaign-pages-text';

const PAGE_ID = new ParseUUIDPipe({ errorHttpStatusCode: 404 });
const READERS = ['procurement', 'ciso', 'auditor'] as const;
/** Campaigns per list page; their counts come from CampaignQueriesService.details. */
const LIST_PAGE_SIZE = 20;
/** A draft's page names this many of its chosen suppliers; the supplier page lists them all. */
const CHOSEN_SHOWN = 20;
const NOTICES: CampaignNotice[] = [
  'launched',
  'closed',
  'owner',
  'dueDateChanged',
  'dueDateAnnounced',
  'settingsChanged',
  'reminded',
  'remindedAlready',
];
/** An owner post that names the current owner changes nothing and says nothing. */
const UNCHANGED = Symbol('unchanged');

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
    private readonly updateCampaign: UpdateCampaignUseCase,
    private readonly choices: CampaignSupplierChoicesService,
    private readonly remindAssessment: RemindAssessmentUseCase,
    private readonly deleteDraftCampaign: DeleteDraftCampaignUseCase,
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
      data: {
        ...listPageData({ locale, page, details, canEdit: canEdit(user) }),
        notice: listNotice(locale, (request.query as Record<string, unknown>).done),
      },
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
    await this.renderForm(request, reply, { user, locale, form: emptyCampaignForm(tokyoToday()) });
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
      // The draft's supplier page: where its suppliers are chosen.
      await reply.redirect(`/console/campaigns/${created.id}/suppliers?done=created`, 303);
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
    const notice = NOTICES.find((n) => n === done) ?? null;
    await this.renderDetail(request, reply, { user, id, notice });
  }

  /**
   * Launching mails every chosen supplier and cannot be undone, so the form must carry its
   * confirmation tick, and the suppliers the tick stated (their number, and the fingerprint of
   * the exact set shown) must still be the draft's.
   */
  @Post(':id/launch')
  @Roles('procurement')
  async launch(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', PAGE_ID) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.runAction({ request, reply, user, id, done: 'launched' }, () => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      // A tick without the count and the set it stated (a tampered or outdated form) confirms
      // nothing.
      const raw = typeof body.suppliers === 'string' ? body.suppliers.trim() : '';
      const stated = raw === '' ? Number.NaN : Number(raw);
      const set = typeof body.supplierSet === 'string' ? body.supplierSet.trim() : '';
      if (
        body.confirm !== 'yes' ||
        !Number.isInteger(stated) ||
        stated < 0 ||
        !SUPPLIER_SET_PATTERN.test(set)
      ) {
        throw new BadRequestException(LAUNCH_UNCONFIRMED);
      }
      return this.launchCampaign.execute(user, id, {
        expectedSuppliers: stated,
        expectedSupplierSet: set,
      });
    });
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

  /**
   * Gives the campaign another owner, who then receives its alerts, escalations and overdue
   * digests: the API's DTO and use case (a closed campaign is refused).
   */
  @Post(':id/owner')
  @Roles('procurement')
  async changeOwner(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', PAGE_ID) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.runAction({ request, reply, user, id, done: 'owner' }, async () => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const ownerId = typeof body.ownerId === 'string' ? body.ownerId.slice(0, 100) : '';
      const dto = plainToInstance(UpdateCampaignDto, { ownerId });
      const failures = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
      if (failures.length > 0) {
        throw new BadRequestException({ message: 'ownerId must be a user id', field: 'ownerId' });
      }
      const before = await this.queries.requireCampaign(user.organizationId, id);
      await this.updateCampaign.execute(user, id, dto);
      return before.ownerId === dto.ownerId ? UNCHANGED : null;
    });
  }

  /**
   * Moves the due date: the API's DTO and use case (a real date, today or later in Tokyo; a
   * closed campaign is refused). On a launched campaign the suppliers still answering are mailed.
   */
  @Post(':id/due-date')
  @Roles('procurement')
  async changeDueDate(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', PAGE_ID) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const dueDate = typeof body.dueDate === 'string' ? body.dueDate.trim().slice(0, 20) : '';
    const before = await this.queries.requireCampaign(user.organizationId, id);
    const done = before.status === 'launched' ? 'dueDateAnnounced' : 'dueDateChanged';
    await this.runAction({ request, reply, user, id, done }, async () => {
      const text = CAMPAIGN_PAGES_TEXT[resolveLocale(request, reply)];
      const refuse = (message: string) =>
        new BadRequestException({ message, field: 'dueDate', value: dueDate });
      const dto = plainToInstance(UpdateCampaignDto, { dueDate });
      if ((await validate(dto, { whitelist: true, forbidNonWhitelisted: true })).length > 0) {
        throw refuse(
          dueDate === '' ? text.errors.required(text.fields.dueDate) : text.errors.dueDateFormat,
        );
      }
      // A launched campaign mails the suppliers still answering: the form states how many, and
      // its tick confirms that number (a tick without it, or a changed number, confirms nothing).
      let expectedNotified: number | undefined;
      if (before.status === 'launched' && before.dueDate !== dueDate) {
        const raw = typeof body.notified === 'string' ? body.notified.trim() : '';
        const stated = raw === '' ? Number.NaN : Number(raw);
        if (body.confirm !== 'yes' || !Number.isInteger(stated) || stated < 0) {
          throw refuse(text.errors.dueDateUnconfirmed);
        }
        expectedNotified = stated;
      }
      try {
        await this.updateCampaign.execute(user, id, dto, { expectedNotified });
      } catch (error) {
        const refusal =
          error instanceof BadRequestException || error instanceof ConflictException
            ? (error.getResponse() as { field?: unknown; reason?: unknown; notified?: unknown })
            : null;
        if (refusal?.field !== 'dueDate') throw error;
        if (refusal.reason === 'notified_changed') {
          throw refuse(
            text.errors.dueDateNotifiedChanged(Number(refusal.notified).toLocaleString('en-US')),
          );
        }
        const reason = refusal.reason;
        throw refuse(
          dueDateMessage(reason === 'past' || reason === 'tooFar' ? reason : 'invalid', text),
        );
      }
      return before.dueDate === dueDate ? UNCHANGED : null;
    });
  }

  /**
   * A draft's settings (name, questionnaire, reminder policy, sender name and note), posted to
   * the campaign's own page: the API's DTO and use case (refused once launched). A refused form
   * is shown again as typed.
   */
  @Post(':id')
  @Roles('procurement')
  async changeSettings(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', PAGE_ID) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const locale = resolveLocale(request, reply);
    const text = CAMPAIGN_PAGES_TEXT[locale];
    const before = await this.queries.requireCampaign(user.organizationId, id);
    const form = { ...readCampaignForm(request.body), dueDate: before.dueDate };
    if (!isSameOrigin(request, this.env.APP_URL)) {
      const errors = otherSiteErrors(text);
      await this.renderDetail(request, reply, {
        user,
        id,
        status: 403,
        settings: { form, errors },
      });
      return;
    }
    const result = await toUpdateCampaignDto(form, text);
    if (!result.ok) {
      const settings = { form, errors: result.errors };
      await this.renderDetail(request, reply, { user, id, status: 400, settings });
      return;
    }
    try {
      await this.updateCampaign.execute(user, id, result.dto);
    } catch (error) {
      const refusal = asPageError(error);
      const field = (
        error instanceof HttpException ? (error.getResponse() as { field?: unknown }) : {}
      ).field;
      const label =
        typeof field === 'string' && field in text.fields
          ? text.fields[field as keyof typeof text.fields]
          : null;
      const message =
        error instanceof ConflictException && label
          ? text.errors.draftOnly(label)
          : actionErrorText(error, refusal.message, text.errors);
      await this.renderDetail(request, reply, { user, id, status: refusal.status, message });
      return;
    }
    await reply.redirect(`/console/campaigns/${id}?done=settingsChanged`, 303);
  }

  /**
   * 「今すぐ催促」 from a row of the list: the API's use case (sent at once, once a Tokyo day),
   * then back to the same filter and page. A second press the same day (a double click) sends
   * nothing and says the supplier was already reminded.
   */
  @Post(':id/assessments/:assessmentId/remind')
  @Roles('procurement')
  async remind(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', PAGE_ID) id: string,
    @Param('assessmentId', PAGE_ID) assessmentId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const list = readAssessmentListState(request.query);
    await this.runAction({ request, reply, user, id, done: 'reminded' }, async () => {
      let done: CampaignNotice = 'reminded';
      try {
        await this.remindAssessment.execute(user, { assessmentId, campaignId: id });
      } catch (error) {
        if (remindRefusal(error) !== 'already_reminded_today') throw error;
        done = 'remindedAlready';
      }
      const query = listQuery(list, { done });
      return new PageRedirect(`/console/campaigns/${id}${query}#assessment-${assessmentId}`);
    });
  }

  /**
   * Deleting a draft, or a campaign closed before it was launched, cannot be undone, so the form
   * must carry its confirmation tick.
   */
  @Post(':id/delete')
  @Roles('procurement')
  async deleteDraft(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', PAGE_ID) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.runAction({ request, reply, user, id, done: 'deleted' }, async () => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      if (body.confirm !== 'yes') {
        const campaign = await this.queries.requireCampaign(user.organizationId, id);
        throw new BadRequestException(
          campaign.status === 'closed' ? DELETE_CLOSED_UNCONFIRMED : DELETE_UNCONFIRMED,
        );
      }
      const deleted = await this.deleteDraftCampaign.execute(user, id);
      const done = deleted.status === 'closed' ? 'deletedClosed' : 'deleted';
      return new PageRedirect(`/console/campaigns?done=${done}`);
    });
  }

  /** A form post: same-origin check, the use case, then back to the detail page. */
  private async runAction(
    input: {
      request: FastifyRequest;
      reply: FastifyReply;
      user: AuthenticatedUser;
      id: string;
      done: CampaignNotice;
    },
    action: () => Promise<unknown>,
  ): Promise<void> {
    const { request, reply, user, id, done } = input;
    try {
      requireSameOrigin(request, this.env.APP_URL);
      const result = await action();
      const query = result === UNCHANGED ? '' : `?done=${done}`;
      const target =
        result instanceof PageRedirect ? result.url : `/console/campaigns/${id}${query}`;
      await reply.redirect(target, 303);
    } catch (error) {
      const refusal = asPageError(error);
      const locale = resolveLocale(request, reply);
      const text = CAMPAIGN_PAGES_TEXT[locale].errors;
      const remindRefused = remindRefusal(error);
      await this.renderDetail(request, reply, {
        user,
        id,
        status: refusal.status,
        message: remindRefused
          ? ASSESSMENT_LIST_TEXT[locale].refusals[remindRefused]
          : actionErrorText(error, refusal.message, text),
        closeOpen: done === 'closed',
        launchRefused: done === 'launched',
        ownerInvalid: isOwnerRefusal(error),
        dueDateRefused: refusedDueDate(error),
        deleteRefused: done === 'deleted',
      });
    }
  }

  private async renderDetail(
    request: FastifyRequest,
    reply: FastifyReply,
    input: {
      user: AuthenticatedUser;
      id: string;
      notice?: CampaignNotice | null;
      status?: number;
      message?: string;
      closeOpen?: boolean;
      launchRefused?: boolean;
      ownerInvalid?: boolean;
      dueDateRefused?: string | null;
      deleteRefused?: boolean;
      /** The settings form as typed, and why it was refused. */
      settings?: { form: CampaignFormValues; errors: CampaignFormErrors };
    },
  ): Promise<void> {
    const locale = resolveLocale(request, reply);
    const { user, id } = input;
    const detail = await this.queries.detail(user.organizationId, id);
    // `?status=&page=` of the list; form posts carry them too, so a refusal shows the same part.
    const listState = readAssessmentListState(request.query);
    const assessments = await this.queries.assessments(user.organizationId, id, {
      page: listState.page,
      pageSize: ASSESSMENTS_PAGE_SIZE,
      ...(listState.status ? { status: listState.status } : {}),
      ...(listState.q ? { q: listState.q } : {}),
    });
    const reminded = await this.remindAssessment.remindedToday({
      organizationId: user.organizationId,
      ids: (assessments.items as { id: string }[]).map((row) => row.id),
    });
    const [owner, owners] = await Promise.all([
      this.owners(user.organizationId, { id: detail.ownerId }),
      canEdit(user) && detail.status !== 'closed'
        ? this.owners(user.organizationId, {
            role: In(['procurement', 'admin']),
            deactivatedAt: IsNull(),
          })
        : Promise.resolve([]),
    ]);
    // The names shown, the launch tick's count and its fingerprint all come from this one read,
    // so the tick confirms exactly the suppliers the page showed.
    const draft =
      detail.status === 'draft'
        ? await this.queries.requireCampaign(user.organizationId, id)
        : null;
    const chosen =
      draft?.status === 'draft'
        ? await this.choices.chosen(draft, {
            page: 1,
            pageSize: CHOSEN_SHOWN,
          })
        : null;
    const editable = canEdit(user) && detail.status === 'draft';
    const preview =
      detail.status === 'draft'
        ? invitationPreviews({
            pageLocale: locale,
            organizationName: await this.organizationName(user.organizationId),
            campaign: detail,
          })
        : null;
    const notified =
      canEdit(user) && detail.status === 'launched'
        ? await dueDateNoticeCount(this.dataSource, user.organizationId, id)
        : null;
    await renderConsolePage(request, reply, {
      view: 'campaigns/detail',
      title: detail.name,
      section: 'campaigns',
      user,
      locale,
      status: input.status,
      styles: ['/static/console/campaigns.css'],
      data: detailPageData({
        locale,
        detail,
        assessments,
        draftSuppliers: chosen?.items ?? [],
        draftChoice:
          draft?.status === 'draft'
            ? {
                count: draft.draftSupplierIds.length,
                supplierSet: supplierSetFingerprint(draft.draftSupplierIds),
              }
            : null,
        canEdit: canEdit(user),
        owner: owner[0] ?? null,
        owners,
        notice: input.notice,
        error: input.message,
        closeOpen: input.closeOpen,
        launchRefused: input.launchRefused,
        ownerInvalid: input.ownerInvalid,
        dueDateRefused: input.dueDateRefused,
        listState,
        remindedToday: reminded,
        deleteRefused: input.deleteRefused,
        settingsForm: editable
          ? {
              form: input.settings?.form ?? campaignSettingsForm(detail),
              errors: input.settings?.errors,
            }
          : null,
        preview,
        dueDateNotified: notified,
      }),
    });
  }

  private async organizationName(organizationId: string): Promise<string> {
    const [row] = await this.dataSource.query<{ name: string }[]>(
      'SELECT name FROM organizations WHERE id = $1',
      [organizationId],
    );
    return row?.name ?? '';
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
    await renderConsolePage(request, reply, {
      view: 'campaigns/form',
      title: CAMPAIGN_PAGES_TEXT[input.locale].newTitle,
      section: 'campaigns',
      user: input.user,
      locale: input.locale,
      status: input.status,
      styles: ['/static/console/campaigns.css'],
      data: formPageData({ locale: input.locale, form: input.form, errors: input.errors }),
    });
  }

  /** Users of the organization matching `where`, as the owner line and form show them. */
  private async owners(
    organizationId: string,
    where: FindOptionsWhere<User>,
  ): Promise<CampaignOwner[]> {
    const users = await this.dataSource.getRepository(User).find({
      select: { id: true, displayName: true, email: true, deactivatedAt: true },
      where: { ...where, organizationId },
      order: { displayName: 'ASC', email: 'ASC' },
    });
    return users.map((u) => ({
      id: u.id,
      displayName: u.displayName,
      email: u.email,
      deactivated: u.deactivatedAt !== null,
    }));
  }
}

/** The list page's notice after a deletion (`?done=`), else null. */
function listNotice(locale: Locale, done: unknown): string | null {
  const text = CAMPAIGN_PAGES_TEXT[locale];
  if (done === 'deleted') return text.deleted;
  if (done === 'deletedClosed') return text.deletedClosed;
  return null;
}

function canEdit(user: AuthenticatedUser): boolean {
  return user.role === 'procurement' || user.role === 'admin';
}

const CLOSE_UNCONFIRMED = 'confirm: tick the confirmation to close the campaign';
const DELETE_UNCONFIRMED = 'confirm: tick the confirmation to delete the draft';
const DELETE_CLOSED_UNCONFIRMED = 'confirm: tick the confirmation to delete the campaign';
const LAUNCH_UNCONFIRMED = 'confirm: tick the confirmation to launch the campaign';

/** A launch/close refusal in the page's language (the use cases speak English to API clients). */
function actionErrorText(
  error: unknown,
  message: string,
  text: CampaignPagesText['errors'],
): string {
  if (error instanceof ForbiddenException) return text.otherSite;
  if (message === CLOSE_UNCONFIRMED) return text.closeUnconfirmed;
  if (message === DELETE_UNCONFIRMED) return text.deleteUnconfirmed;
  if (message === DELETE_CLOSED_UNCONFIRMED) return text.deleteClosedUnconfirmed;
  if (error instanceof ConflictException && 'campaignStatus' in Object(error.getResponse())) {
    const reason = (error.getResponse() as { reason?: unknown }).reason;
    return reason === 'closed_after_launch' ? text.deleteClosedAfterLaunch : text.deleteNotDraft;
  }
  if (message === LAUNCH_UNCONFIRMED) return text.launchUnconfirmed;
  const changed = launchChoiceChanged(error);
  if (changed !== null) {
    const n = changed.suppliers.toLocaleString('en-US');
    return changed.swapped ? text.launchSuppliersSwapped(n) : text.launchCountChanged(n);
  }
  if (error instanceof ConflictException && /closed/.test(message)) return text.alreadyClosed;
  if (message.startsWith('supplierIds:')) return text.noSuppliersToLaunch;
  if (isOwnerRefusal(error)) return text.owner;
  return message;
}

/**
 * The draft's number of suppliers when its choice no longer is the one the launch tick stated,
 * and whether the number stayed the same (suppliers swapped for others).
 */
function launchChoiceChanged(error: unknown): { suppliers: number; swapped: boolean } | null {
  if (!(error instanceof ConflictException)) return null;
  const response = error.getResponse() as { suppliers?: unknown; change?: unknown };
  if (typeof response.suppliers !== 'number') return null;
  return { suppliers: response.suppliers, swapped: response.change === 'suppliers' };
}

/** Why 「今すぐ催促」 was refused (the use case's 409 `reason`), else null. */
function remindRefusal(error: unknown): RemindRefusal | null {
  if (!(error instanceof ConflictException)) return null;
  const reason = (error.getResponse() as { reason?: unknown }).reason;
  return typeof reason === 'string' && reason in ASSESSMENT_LIST_TEXT.ja.refusals
    ? (reason as RemindRefusal)
    : null;
}

/** What was typed into the due date form when it was refused, else null. */
function refusedDueDate(error: unknown): string | null {
  if (!(error instanceof BadRequestException)) return null;
  const response = error.getResponse() as { field?: unknown; value?: unknown };
  return response.field === 'dueDate' && typeof response.value === 'string' ? response.value : null;
}

/** The owner form's choice was refused (not a user who may own campaigns here). */
function isOwnerRefusal(error: unknown): boolean {
  return (
    error instanceof BadRequestException &&
    (error.getResponse() as { field?: unknown }).field === 'ownerId'
  );
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
