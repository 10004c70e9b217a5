import { Controller, Get, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthenticatedUser, CurrentUser, Roles } from '@kakehashi/auth';
import { Environment } from '@kakehashi/config';
import { Locale, resolveLocale } from '../../console/console-locale';
import { renderConsolePage } from '../../console/console-page';
import { PageAuthFilter } from '../../console/page-auth.filter';
import { isSameOrigin } from '../../console/same-origin';
import { OrganizationSettingsService } from '../organization-settings.service';
import {
  formFromSettings,
  otherSiteErrors,
  readSettingsForm,
  SettingsFormErrors,
  SettingsFormValues,
  toSettingsDto,
} from './settings-form';
import { settingsPageData } from './settings-page.presenter';
import { SETTINGS_PAGE_TEXT } from './settings-page-text';

const SETTINGS_PAGE_PATH = '/console/settings';

/**
 * The tenant settings page: an admin edits quiet hours and the target profile, the other roles
 * read them. The post runs the API's validation and service; a post from another site is refused.
 */
@ApiExcludeController()
@UseFilters(PageAuthFilter)
@Controller('console/settings')
export class SettingsPageController {
  constructor(
    private readonly settings: OrganizationSettingsService,
    private readonly env: Environment,
  ) {}

  @Get()
  @Roles('procurement', 'ciso', 'auditor')
  async show(
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const locale = resolveLocale(request, reply);
    const saved = (request.query as Record<string, unknown>).saved === '1';
    await this.render(request, reply, { user, locale, saved });
  }

  @Post()
  @Roles('admin')
  async save(
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const locale = resolveLocale(request, reply);
    const text = SETTINGS_PAGE_TEXT[locale];
    const form = readSettingsForm(request.body);
    if (!isSameOrigin(request, this.env.APP_URL)) {
      const errors = otherSiteErrors(text);
      await this.render(request, reply, { user, locale, form, errors, status: 403 });
      return;
    }
    const inForce = await this.settings.get(user.organizationId);
    const result = await toSettingsDto({ form, text, inForce });
    if (!result.ok) {
      await this.render(request, reply, { user, locale, form, errors: result.errors, status: 400 });
      return;
    }
    await this.settings.update(user, result.dto);
    await reply.redirect(`${SETTINGS_PAGE_PATH}?saved=1`, 303);
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    input: {
      user: AuthenticatedUser;
      locale: Locale;
      form?: SettingsFormValues;
      errors?: SettingsFormErrors;
      saved?: boolean;
      status?: number;
    },
  ): Promise<void> {
    const view = await this.settings.get(input.user.organizationId);
    await renderConsolePage(request, reply, {
      view: 'settings/index',
      title: SETTINGS_PAGE_TEXT[input.locale].title,
      section: 'settings',
      user: input.user,
      locale: input.locale,
      status: input.status,
      data: settingsPageData({
        locale: input.locale,
        view,
        form: input.form ?? formFromSettings(view),
        canEdit: input.user.role === 'admin',
        saved: input.saved,
        errors: input.errors,
      }),
    });
  }
}
