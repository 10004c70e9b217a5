import {
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
import { In, Repository } from 'typeorm';
import { AuthenticatedUser, CurrentUser, Roles } from '@kakehashi/auth';
import { Environment } from '@kakehashi/config';
import { User } from '@kakehashi/database';
import { Locale, resolveLocale } from '../../console/console-locale';
import { renderConsolePage } from '../../console/console-page';
import { PageAuthFilter } from '../../console/page-auth.filter';
import { requireSameOrigin } from '../../console/same-origin';
import { SuppliersService } from '../suppliers.service';
import { formFromSupplier, readForm, SupplierFormValues, toSupplierDto } from './supplier-form';
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
    await this.renderForm(request, reply, { user, locale, form: emptyForm() });
  }

  @Post('new')
  @Roles('procurement')
  async create(
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const locale = resolveLocale(request, reply);
    const form = readForm(request.body);
    try {
      requireSameOrigin(request, this.env.APP_URL);
      const created = await this.suppliers.create(user, await toSupplierDto(form, []));
      await reply.redirect(`/console/suppliers/${created.id}/edit?saved=1`, 303);
    } catch (error) {
      await this.renderForm(request, reply, { user, locale, form, error: asPageError(error) });
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
    const saved = (request.query as Record<string, unknown>).saved === '1';
    await this.renderForm(request, reply, {
      user,
      locale,
      form: formFromSupplier(supplier),
      supplierId: id,
      contacts: supplier.contacts,
      saved,
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
    const current = await this.suppliers.get(user.organizationId, id);
    const form = readForm(request.body);
    const others = (current.contacts ?? [])
      .filter((c) => !c.isPrimary)
      .map((c) => ({ name: c.name, email: c.email, language: c.language as 'ja' | 'en' }));
    try {
      requireSameOrigin(request, this.env.APP_URL);
      await this.suppliers.update(user, id, await toSupplierDto(form, others));
      await reply.redirect(`/console/suppliers/${id}/edit?saved=1`, 303);
    } catch (error) {
      await this.renderForm(request, reply, {
        user,
        locale,
        form,
        supplierId: id,
        contacts: current.contacts,
        error: asPageError(error),
      });
    }
  }

  private async renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    input: Omit<Parameters<typeof formPageData>[0], 'owners'> & {
      user: AuthenticatedUser;
      locale: Locale;
      error?: { status: number; message: string };
    },
  ): Promise<void> {
    const owners = await this.users.find({
      where: { organizationId: input.user.organizationId, role: In(['procurement', 'admin']) },
      order: { displayName: 'ASC' },
    });
    const text = SUPPLIER_PAGES_TEXT[input.locale];
    await renderConsolePage(request, reply, {
      view: 'suppliers/form',
      title: input.supplierId ? text.editTitle : text.newTitle,
      section: 'suppliers',
      user: input.user,
      locale: input.locale,
      status: input.error?.status,
      data: formPageData({
        ...input,
        owners: owners.map((o) => ({ id: o.id, label: `${o.displayName} <${o.email}>` })),
      }),
    });
  }
}

function canEdit(user: AuthenticatedUser): boolean {
  return user.role === 'procurement' || user.role === 'admin';
}

function emptyForm(): SupplierFormValues {
  return {
    name: '',
    nameRomaji: '',
    corporateNumber: '',
    sizeClass: '',
    criticality: '2',
    category: '',
    tags: '',
    ownerId: '',
    handlesConfidentialData: '',
    outageImpact: '',
    networkAccess: '',
    contactName: '',
    contactEmail: '',
    contactLanguage: 'ja',
  };
}

/** Validation and conflicts are shown on the form; anything else is a real error. */
function asPageError(error: unknown): { status: number; message: string } {
  if (error instanceof HttpException && error.getStatus() < 500) {
    const response = error.getResponse();
    const message =
      typeof response === 'string'
        ? response
        : String((response as { message?: unknown }).message ?? error.message);
    return { status: error.getStatus(), message };
  }
  throw error;
}
