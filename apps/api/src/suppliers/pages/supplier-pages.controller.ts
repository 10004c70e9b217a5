import {
  ConflictException,
  Controller,
  Get,
  HttpException,
  Param,
  ParseUUIDPipe,
  Post,
  Req,
  Res,
  UseFilters,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { In, IsNull, Repository } from 'typeorm';
import { AuthenticatedUser, CurrentUser, Roles } from '@kakehashi/auth';
import { Environment } from '@kakehashi/config';
import { User } from '@kakehashi/database';
import { Locale, resolveLocale } from '../../console/console-locale';
import { renderConsolePage } from '../../console/console-page';
import { PageAuthFilter } from '../../console/page-auth.filter';
import { isSameOrigin } from '../../console/same-origin';
import { SuppliersService } from '../suppliers.service';
import { supplierVersion } from '../supplier.view';
import {
  formFromSupplier,
  otherSiteErrors,
  readForm,
  serviceErrors,
  SupplierFormErrors,
  SupplierFormValues,
  toSupplierDto,
} from './supplier-form';
import { listPageData, formPageData, parseListQuery } from './supplier-pages.presenter';
import { SUPPLIER_PAGES_TEXT } from './supplier-pages-text';

const PAGE_ID = new ParseUUIDPipe({ errorHttpStatusCode: 404 });

/**
 * Buyer console pages for the supplier registry. They live under /console/suppliers because
 * /suppliers with the API's global prefix excluded would also move GET /api/v1/suppliers.
 */
@ApiExcludeController()
@UseFilters(PageAuthFilter)
@Controller('console/suppliers')
export class SupplierPagesController {
  constructor(
    private readonly suppliers: SuppliersService,
    private readonly env: Environment,
    @InjectRepository(User) private readonly users: Repository<User>,
  ) {}

  @Get()
  @Roles('procurement', 'ciso', 'auditor')
  async list(
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const locale = resolveLocale(request, reply);
    const query = parseListQuery(request.query);
    const result = await this.suppliers.list(user.organizationId, { ...query, pageSize: 50 });
    await renderConsolePage(request, reply, {
      view: 'suppliers/index',
      title: SUPPLIER_PAGES_TEXT[locale].title,
      section: 'suppliers',
      user,
      locale,
      data: listPageData({ locale, query, result, canEdit: canEdit(user) }),
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
    await this.renderForm(request, reply, { user, locale, form: emptyForm(user) });
  }

  @Post('new')
  @Roles('procurement')
  async create(
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const locale = resolveLocale(request, reply);
    const text = SUPPLIER_PAGES_TEXT[locale];
    const form = readForm(request.body);
    if (!isSameOrigin(request, this.env.APP_URL)) {
      await this.renderForm(request, reply, {
        user,
        locale,
        form,
        errors: otherSiteErrors(text),
        status: 403,
      });
      return;
    }
    const result = await toSupplierDto(form, { otherContacts: [], text });
    if (!result.ok) {
      await this.renderForm(request, reply, { user, locale, form, ...refused(result.errors) });
      return;
    }
    try {
      const created = await this.suppliers.create(user, result.dto);
      await reply.redirect(`/console/suppliers/${created.id}/edit?saved=1`, 303);
    } catch (error) {
      const errors = serviceErrors(error, { dto: result.dto, text });
      await this.renderForm(request, reply, { user, locale, form, ...refused(errors, error) });
    }
  }

  @Get(':id/edit')
  @Roles('procurement')
  async editForm(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', PAGE_ID) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const locale = resolveLocale(request, reply);
    const supplier = await this.suppliers.get(user.organizationId, id);
    const query = request.query as Record<string, unknown>;
    const saved = query.saved === '1';
    const mailed = Number(query.mailed);
    await this.renderForm(request, reply, {
      user,
      locale,
      form: formFromSupplier(supplier),
      supplierId: id,
      contacts: supplier.contacts,
      version: supplierVersion(supplier),
      saved,
      mailed: Number.isInteger(mailed) && mailed > 0 && mailed < 10_000 ? mailed : undefined,
    });
  }

  @Post(':id/edit')
  @Roles('procurement')
  async update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', PAGE_ID) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const locale = resolveLocale(request, reply);
    const text = SUPPLIER_PAGES_TEXT[locale];
    const current = await this.suppliers.get(user.organizationId, id);
    const form = readForm(request.body);
    // The version the form was filled from: kept through a refusal, so the next post is still
    // checked against what the person started from.
    const version = readVersion(request.body);
    const page = { user, locale, form, supplierId: id, contacts: current.contacts, version };
    if (!isSameOrigin(request, this.env.APP_URL)) {
      await this.renderForm(request, reply, {
        ...page,
        errors: otherSiteErrors(text),
        status: 403,
      });
      return;
    }
    if (version !== undefined && version !== supplierVersion(current)) {
      await this.renderStale(request, reply, { user, locale, id, typed: form });
      return;
    }
    const otherContacts = (current.contacts ?? [])
      .filter((c) => !c.isPrimary)
      .map((c) => ({ name: c.name, email: c.email, language: c.language as 'ja' | 'en' }));
    const result = await toSupplierDto(form, { otherContacts, text });
    if (!result.ok) {
      await this.renderForm(request, reply, { ...page, ...refused(result.errors) });
      return;
    }
    try {
      const outcome = await this.suppliers.update(user, id, result.dto, {
        expectedVersions: version === undefined ? undefined : [version],
      });
      const mailed = outcome.newContactMails ? `&mailed=${outcome.newContactMails}` : '';
      await reply.redirect(`/console/suppliers/${id}/edit?saved=1${mailed}`, 303);
    } catch (error) {
      if (isStale(error)) {
        await this.renderStale(request, reply, { user, locale, id, typed: form });
        return;
      }
      const errors = serviceErrors(error, { dto: result.dto, text });
      await this.renderForm(request, reply, { ...page, ...refused(errors, error) });
    }
  }

  /**
   * A colleague saved the supplier after this form was filled: nothing saved; the form shows the
   * current values (and their version), the person's own entries listed beside them, with 409.
   */
  private async renderStale(
    request: FastifyRequest,
    reply: FastifyReply,
    input: { user: AuthenticatedUser; locale: Locale; id: string; typed: SupplierFormValues },
  ): Promise<void> {
    const text = SUPPLIER_PAGES_TEXT[input.locale];
    const latest = await this.suppliers.get(input.user.organizationId, input.id);
    await this.renderForm(request, reply, {
      user: input.user,
      locale: input.locale,
      form: formFromSupplier(latest),
      supplierId: input.id,
      contacts: latest.contacts,
      version: supplierVersion(latest),
      typed: input.typed,
      errors: {
        messages: [text.errors.stale(tokyoTime(latest.updatedAt, input.locale))],
        fields: [],
      },
      status: 409,
    });
  }

  private async renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    input: Omit<Parameters<typeof formPageData>[0], 'owners'> & {
      user: AuthenticatedUser;
      locale: Locale;
      status?: number;
    },
  ): Promise<void> {
    const owners = await this.users.find({
      where: {
        organizationId: input.user.organizationId,
        role: In(['procurement', 'admin']),
        deactivatedAt: IsNull(),
      },
      order: { displayName: 'ASC' },
    });
    const text = SUPPLIER_PAGES_TEXT[input.locale];
    await renderConsolePage(request, reply, {
      view: 'suppliers/form',
      title: input.supplierId ? text.editTitle : text.newTitle,
      section: 'suppliers',
      user: input.user,
      locale: input.locale,
      status: input.status,
      data: formPageData({
        ...input,
        owners: owners.map((o) => ({ id: o.id, label: `${o.displayName} <${o.email}>` })),
      }),
    });
  }
}

/** The version posted by the edit form (digits only), or undefined when the post has none. */
function readVersion(body: unknown): string | undefined {
  const value = ((body ?? {}) as Record<string, unknown>).version;
  return typeof value === 'string' && /^\d{1,20}$/.test(value.trim()) ? value.trim() : undefined;
}

function isStale(error: unknown): boolean {
  if (!(error instanceof ConflictException)) return false;
  const body = error.getResponse() as { reason?: unknown };
  return body.reason === 'stale-version';
}

/** A moment as people here read it: Asia/Tokyo, to the minute. */
function tokyoTime(at: string, locale: Locale): string {
  const formatted = new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-GB', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(at));
  return locale === 'ja' ? formatted : `${formatted} JST`;
}

function canEdit(user: AuthenticatedUser): boolean {
  return user.role === 'procurement' || user.role === 'admin';
}

/** A new supplier: its procurement author is proposed as its owner. */
function emptyForm(user: AuthenticatedUser): SupplierFormValues {
  return {
    name: '',
    nameRomaji: '',
    corporateNumber: '',
    sizeClass: '',
    criticality: '2',
    category: '',
    tags: '',
    ownerId: user.role === 'procurement' ? user.id : '',
    handlesConfidentialData: '',
    outageImpact: '',
    networkAccess: '',
    contactName: '',
    contactEmail: '',
    contactLanguage: 'ja',
  };
}

/** A refused form answers 400, or the service's own status (409 for a taken 法人番号). */
function refused(
  errors: SupplierFormErrors,
  error?: unknown,
): { errors: SupplierFormErrors; status: number } {
  return { errors, status: error instanceof HttpException ? error.getStatus() : 400 };
}
