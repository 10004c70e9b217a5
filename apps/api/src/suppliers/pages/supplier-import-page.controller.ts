import { Controller, Get, OnModuleInit, Post, Req, Res, UseFilters } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AuthenticatedUser, CurrentUser, Roles } from '@kakehashi/auth';
import { Environment } from '@kakehashi/config';
import { Locale, resolveLocale } from '../../console/console-locale';
import { renderConsolePage } from '../../console/console-page';
import { formRefusal } from '../../console/form-errors';
import { PageAuthFilter } from '../../console/page-auth.filter';
import { isSameOrigin } from '../../console/same-origin';
import { ImportRejectedException } from '../import/import-rejected.exception';
import { ImportSuppliersUseCase } from '../import/import-suppliers.use-case';
import {
  PageUploadConfig,
  readImportUploadForm,
  skipNonMultipartPageBodies,
} from './import-upload-form';
import { describeRefusal } from './supplier-import-messages';
import { ImportOutcome, importPageData } from './supplier-import-page.presenter';
import { SUPPLIER_IMPORT_PAGE_TEXT } from './supplier-import-page-text';

/**
 * The console page for bulk import: the same import as POST /api/v1/suppliers/import, for
 * people signed in to the console (who hold a session cookie, not an API token).
 */
@ApiExcludeController()
@UseFilters(PageAuthFilter)
@Controller('console/suppliers/import')
export class SupplierImportPageController implements OnModuleInit {
  constructor(
    private readonly importSuppliers: ImportSuppliersUseCase,
    private readonly env: Environment,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (fastify) skipNonMultipartPageBodies(fastify);
  }

  @Get()
  @Roles('procurement')
  async page(
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const locale = resolveLocale(request, reply);
    await this.render(request, reply, { user, locale, status: 200 });
  }

  @Post()
  @Roles('procurement')
  @RouteConfig({ pageUpload: true } satisfies PageUploadConfig)
  async upload(
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const locale = resolveLocale(request, reply);
    const text = SUPPLIER_IMPORT_PAGE_TEXT[locale];
    // Checked before the body is read: another site's upload is never parsed.
    if (!isSameOrigin(request, this.env.APP_URL)) {
      const outcome: ImportOutcome = { kind: 'refused', message: text.errors.otherSite };
      await this.render(request, reply, { user, locale, status: 403, outcome });
      return;
    }
    const form = await readImportUploadForm(request);
    if (!form.ok) {
      const outcome: ImportOutcome = { kind: 'refused', message: text.errors[form.problem] };
      await this.render(request, reply, { user, locale, status: form.status, outcome });
      return;
    }
    const { status, outcome } = await this.run({ user, locale, ...form });
    await this.render(request, reply, { user, locale, status, outcome });
  }

  private async run(input: {
    user: AuthenticatedUser;
    locale: Locale;
    file: Buffer;
    dryRun: boolean;
    validOnly: boolean;
  }): Promise<{ status: number; outcome: ImportOutcome }> {
    const { user, file, dryRun, validOnly } = input;
    try {
      const result = await this.importSuppliers.execute({ user, file, dryRun, validOnly });
      return { status: 200, outcome: { kind: 'done', result, validOnly } };
    } catch (error) {
      const refusal = formRefusal(error);
      if (refusal instanceof ImportRejectedException) {
        // The same reading of the file says what the valid rows alone would write.
        const { result, validRows } = refusal;
        return { status: 400, outcome: { kind: 'rejected', result, validRows } };
      }
      const message = describeRefusal(refusal, input.locale);
      return { status: refusal.getStatus(), outcome: { kind: 'refused', message } };
    }
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    input: { user: AuthenticatedUser; locale: Locale; status: number; outcome?: ImportOutcome },
  ): Promise<void> {
    await renderConsolePage(request, reply, {
      view: 'suppliers/import',
      title: SUPPLIER_IMPORT_PAGE_TEXT[input.locale].title,
      section: 'suppliers',
      user: input.user,
      locale: input.locale,
      status: input.status,
      data: importPageData({ locale: input.locale, outcome: input.outcome }),
    });
  }
}
