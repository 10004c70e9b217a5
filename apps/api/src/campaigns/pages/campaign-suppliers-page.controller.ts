import {
  BadRequestException,
  ConflictException,
  Controller,
  ForbiddenException,
  Get,
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
import { AuthenticatedUser, CurrentUser, Roles } from '@kakehashi/auth';
import { Environment } from '@kakehashi/config';
import type { Campaign } from '@kakehashi/database';
import { Locale, resolveLocale } from '../../console/console-locale';
import { renderConsolePage } from '../../console/console-page';
import { PageAuthFilter } from '../../console/page-auth.filter';
import { requireSameOrigin } from '../../console/same-origin';
import { AddCampaignSuppliersUseCase } from '../add-campaign-suppliers.use-case';
import { CampaignQueriesService } from '../campaign-queries.service';
import { CampaignSupplierChoicesService } from '../campaign-supplier-choices.service';
import { MAX_CAMPAIGN_SUPPLIERS } from '../dto/create-campaign.dto';
import { RemoveCampaignSupplierUseCase } from '../remove-campaign-supplier.use-case';
import {
  isUuid,
  pickerHref,
  readPickerQuery,
  readSupplierIds,
  SupplierPickerQuery,
} from './campaign-supplier-filters';
import { parsePage } from './campaign-pages.presenter';
import { CAMPAIGN_SUPPLIERS_TEXT, CampaignSuppliersText } from './campaign-suppliers-page-text';
import {
  CHOSEN_PAGE_SIZE,
  PICKER_PAGE_SIZE,
  supplierPickerData,
} from './campaign-suppliers-page.presenter';

const PAGE_ID = new ParseUUIDPipe({ errorHttpStatusCode: 404 });
const NOTICES = ['created', 'added', 'removed'] as const;

/** A refusal already in the page's words, with its status. */
function pageRefusal(status: number, message: string): HttpException {
  return new HttpException({ message, inPageWords: true }, status);
}

/**
 * A campaign's supplier page: the registry under its own filters, each supplier marked when
 * already in the campaign, with two ways to add (the ticked ones, or every one the filters
 * match, counted again when posted); a draft's chosen suppliers, each can be taken off. A
 * launched campaign invites the added suppliers at once, so adding asks for a confirmation tick.
 */
@ApiExcludeController()
@UseFilters(PageAuthFilter)
@Controller('console/campaigns')
export class CampaignSuppliersPageController {
  constructor(
    private readonly queries: CampaignQueriesService,
    private readonly choices: CampaignSupplierChoicesService,
    private readonly addSuppliers: AddCampaignSuppliersUseCase,
    private readonly removeSupplier: RemoveCampaignSupplierUseCase,
    private readonly env: Environment,
  ) {}

  @Get(':id/suppliers')
  @Roles('procurement')
  async show(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', PAGE_ID) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const locale = resolveLocale(request, reply);
    const t = CAMPAIGN_SUPPLIERS_TEXT[locale];
    const campaign = await this.queries.requireCampaign(user.organizationId, id);
    const raw = (request.query ?? {}) as Record<string, unknown>;
    await this.render(request, reply, {
      user,
      locale,
      campaign,
      query: readPickerQuery(raw),
      notice: await this.notice(user, raw, t),
    });
  }

  /** Adds suppliers (`mode`: the ticked ones, or all matching), or takes one off (`remove`). */
  @Post(':id/suppliers')
  @Roles('procurement')
  async post(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', PAGE_ID) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const locale = resolveLocale(request, reply);
    const t = CAMPAIGN_SUPPLIERS_TEXT[locale];
    const body = (request.body ?? {}) as Record<string, unknown>;
    const query = readPickerQuery(body);
    const campaign = await this.queries.requireCampaign(user.organizationId, id);
    const selected = readSupplierIds(body.supplierIds);
    // 前へ/次へ of the list submit the form so that the ticks go along: the other page is shown
    // with them kept (nothing is added until the add button).
    if (body.goto !== undefined && body.remove === undefined) {
      await this.render(request, reply, {
        user,
        locale,
        campaign,
        query: { ...query, page: parsePage({ page: body.goto }) },
        ticked: selected.ids,
      });
      return;
    }
    try {
      requireSameOrigin(request, this.env.APP_URL);
      const done =
        body.remove !== undefined
          ? await this.remove(user, campaign, body.remove)
          : await this.add(user, campaign, { body, query, selected, t });
      await reply.redirect(pickerHref(id, query, done), 303);
    } catch (error) {
      const refusal = this.refusal(error, t);
      await this.render(request, reply, {
        user,
        locale,
        // The refusal may come from a state the page did not know (launched meanwhile).
        campaign: await this.queries.requireCampaign(user.organizationId, id),
        query,
        status: refusal.status,
        error: refusal.message,
        ticked: selected.ids,
      });
    }
  }

  private async add(
    user: AuthenticatedUser,
    campaign: Campaign,
    input: {
      body: Record<string, unknown>;
      query: SupplierPickerQuery;
      selected: { ids: string[]; malformed: number };
      t: CampaignSuppliersText;
    },
  ): Promise<Record<string, string | number>> {
    const { body, t } = input;
    if (campaign.status === 'closed') throw pageRefusal(409, t.errors.closed);
    const seen = body.status === 'draft' || body.status === 'launched' ? body.status : undefined;
    if (campaign.status === 'launched' && body.confirm !== 'yes') {
      throw seen === 'draft'
        ? pageRefusal(409, t.errors.launchedMeanwhile)
        : pageRefusal(400, t.errors.unconfirmed);
    }
    let supplierIds: string[];
    if (body.mode === 'matching') {
      supplierIds = await this.choices.newMatchingIds(
        campaign,
        input.query.filters,
        MAX_CAMPAIGN_SUPPLIERS + 1,
      );
      if (supplierIds.length > MAX_CAMPAIGN_SUPPLIERS) {
        throw pageRefusal(400, t.errors.tooMany(MAX_CAMPAIGN_SUPPLIERS.toLocaleString('en-US')));
      }
    } else {
      const { ids, malformed } = input.selected;
      if (malformed > 0) throw pageRefusal(400, t.errors.unknownSuppliers(malformed));
      if (ids.length === 0) throw pageRefusal(400, t.errors.noneSelected);
      supplierIds = ids;
    }
    const result =
      supplierIds.length === 0
        ? { added: 0 }
        : await this.addSuppliers.execute(user, {
            campaignId: campaign.id,
            supplierIds,
            expectedStatus: seen ?? campaign.status,
          });
    return {
      done: 'added',
      added: result.added,
      skipped: supplierIds.length - result.added,
      invited: campaign.status === 'launched' ? 1 : 0,
    };
  }

  private async remove(
    user: AuthenticatedUser,
    campaign: Campaign,
    supplierId: unknown,
  ): Promise<Record<string, string>> {
    // An id that names no supplier of this draft: nothing to take off (a second click).
    if (!isUuid(supplierId)) return {};
    const result = await this.removeSupplier.execute(user, { campaignId: campaign.id, supplierId });
    return result.removed ? { done: 'removed', supplier: supplierId } : {};
  }

  /** What the page says after a redirect (`?done=`), from the values the redirect carries. */
  private async notice(
    user: AuthenticatedUser,
    raw: Record<string, unknown>,
    t: CampaignSuppliersText,
  ): Promise<string | null> {
    const done = NOTICES.find((n) => n === raw.done);
    if (done === 'created') return t.created;
    if (done === 'removed') {
      const name = isUuid(raw.supplier)
        ? await this.choices.supplierName(user.organizationId, raw.supplier)
        : null;
      return name ? t.removed(name) : null;
    }
    if (done !== 'added') return null;
    const number = (v: unknown) => {
      const n = Number(v);
      return Number.isInteger(n) && n >= 0 && n <= MAX_CAMPAIGN_SUPPLIERS ? n : 0;
    };
    const added = number(raw.added);
    const skipped = number(raw.skipped);
    const count = (n: number) => n.toLocaleString('en-US');
    const main =
      added === 0
        ? t.addedNone
        : raw.invited === '1'
          ? t.addedInvited(count(added))
          : t.added(count(added));
    return added > 0 && skipped > 0 ? `${main} ${t.skipped(count(skipped))}` : main;
  }

  /** A refusal in the page's words; a missing campaign and server errors are thrown on. */
  private refusal(error: unknown, t: CampaignSuppliersText): { status: number; message: string } {
    if (!(error instanceof HttpException) || error instanceof NotFoundException) throw error;
    const response = error.getResponse() as {
      message?: unknown;
      inPageWords?: unknown;
      unknownSupplierIds?: unknown;
      status?: unknown;
    };
    if (response.inPageWords === true) {
      return { status: error.getStatus(), message: String(response.message) };
    }
    if (error instanceof ForbiddenException) return { status: 403, message: t.errors.otherSite };
    if (error instanceof BadRequestException && Array.isArray(response.unknownSupplierIds)) {
      return {
        status: 400,
        message: t.errors.unknownSuppliers(response.unknownSupplierIds.length),
      };
    }
    if (error instanceof ConflictException) {
      const message = /removed from a draft only/.test(error.message)
        ? t.errors.removeNotDraft
        : response.status === 'launched'
          ? t.errors.launchedMeanwhile
          : t.errors.closed;
      return { status: 409, message };
    }
    throw error;
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    input: {
      user: AuthenticatedUser;
      locale: Locale;
      campaign: Campaign;
      query: SupplierPickerQuery;
      notice?: string | null;
      status?: number;
      error?: string;
      ticked?: string[];
    },
  ): Promise<void> {
    const { user, campaign, query } = input;
    const organizationId = user.organizationId;
    const [choices, counts, registryTotal, filterChoices, memberCount] = await Promise.all([
      this.choices.page(campaign, query.filters, { page: query.page, pageSize: PICKER_PAGE_SIZE }),
      this.choices.counts(campaign, query.filters),
      this.choices.registrySize(organizationId),
      this.choices.filterChoices(organizationId),
      this.choices.memberCount(campaign),
    ]);
    const chosenPages = Math.max(1, Math.ceil(campaign.draftSupplierIds.length / CHOSEN_PAGE_SIZE));
    const chosen = await this.choices.chosen(campaign, {
      page: Math.min(query.chosenPage, chosenPages),
      pageSize: CHOSEN_PAGE_SIZE,
    });
    const t = CAMPAIGN_SUPPLIERS_TEXT[input.locale];
    await renderConsolePage(request, reply, {
      view: 'campaigns/suppliers',
      title: `${t.title} | ${campaign.name}`,
      section: 'campaigns',
      user,
      locale: input.locale,
      status: input.status,
      styles: ['/static/console/campaigns.css'],
      scripts: ['/static/console/campaign-suppliers.js'],
      data: supplierPickerData({
        locale: input.locale,
        campaign,
        query,
        choices,
        counts,
        registryTotal,
        memberCount,
        chosen,
        filterChoices,
        notice: input.notice,
        error: input.error,
        ticked: input.ticked,
      }),
    });
  }
}
