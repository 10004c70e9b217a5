import { Controller, Get, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthenticatedUser, CurrentUser, Roles } from '@kakehashi/auth';
import { AuditService } from '@kakehashi/database';
import { resolveLocale } from '../../console/console-locale';
import { renderConsolePage } from '../../console/console-page';
import { PageAuthFilter } from '../../console/page-auth.filter';
import { toAuditEntry } from '../audit-entry';
import { AuditReferencesQuery } from '../audit-references.query';
import { auditEventFilter } from '../dto/audit-event-filter.query';
import { AUDIT_PAGE_SIZE, auditPageData } from './audit-page.presenter';
import { parseAuditPageQuery } from './audit-page.query';
import { AUDIT_PAGE_TEXT } from './audit-page-text';

/**
 * The audit trail in the console, for the roles the API lets read it (admins and auditors):
 * filters by action, actor, target type and Tokyo dates, 50 events a page, and the CSV of the
 * filtered events. Only the signed-in user's organization is ever read.
 */
@ApiExcludeController()
@UseFilters(PageAuthFilter)
@Roles('admin', 'auditor')
@Controller('console/audit')
export class AuditPageController {
  constructor(
    private readonly audit: AuditService,
    private readonly references: AuditReferencesQuery,
  ) {}

  @Get()
  async show(
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const locale = resolveLocale(request, reply);
    const parsed = parseAuditPageQuery(request.query);
    const page = parsed.api.page ?? 1;
    const { events, total } = parsed.rangeInverted
      ? { events: [], total: 0 }
      : await this.audit.pageForOrganization(user.organizationId, {
          ...auditEventFilter(parsed.api),
          page,
          pageSize: AUDIT_PAGE_SIZE,
        });
    const [refs, users] = await Promise.all([
      this.references.load(user.organizationId, events),
      this.references.users(user.organizationId),
    ]);
    const view = { locale, role: user.role };
    await renderConsolePage(request, reply, {
      view: 'audit/index',
      title: AUDIT_PAGE_TEXT[locale].title,
      section: 'audit',
      user,
      locale,
      status: parsed.rangeInverted ? 400 : 200,
      styles: ['/static/console/audit.css'],
      data: auditPageData({
        locale,
        parsed,
        users,
        entries: events.map((event) => toAuditEntry(event, refs, view)),
        total,
        page,
      }),
    });
  }
}
