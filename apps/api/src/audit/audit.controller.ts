import { Controller, Get, Header, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { AuthenticatedUser, CurrentUser, Roles } from '@kakehashi/auth';
import { AuditService } from '@kakehashi/database';
import { tokyoToday } from '@kakehashi/mail';
import { ApiBuyerSession, ApiErrors } from '../common/api-responses.doc';
import { AuditExportService } from './audit-export.service';
import { AuditPageResponse } from './audit.doc';
import { exportFilters } from './export-audit';
import { auditEventFilter } from './dto/audit-event-filter.query';
import { ExportAuditEventsQuery } from './dto/export-audit-events.query';
import { ListAuditEventsQuery } from './dto/list-audit-events.query';

const INVALID_QUERY =
  'A query parameter is invalid or unknown (the message names it), or `to` is before `from`';
const READERS_ONLY = 'Only an admin or an auditor reads the audit trail';

@ApiTags('audit')
@ApiBuyerSession()
@Controller('audit-events')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly exports: AuditExportService,
  ) {}

  /** The tenant's audit trail (newest first), a page at a time, for admins and auditors. */
  @Get()
  @Roles('admin', 'auditor')
  @ApiOperation({
    summary: "The organization's audit events, newest first",
    description:
      'Filters combine: action, actor (type and/or id), target (type and/or id) and a range of days in Asia/Tokyo (`from` and `to` both included).',
  })
  @ApiOkResponse({ type: AuditPageResponse })
  @ApiErrors({ 400: INVALID_QUERY, 403: READERS_ONLY })
  async list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: ListAuditEventsQuery,
  ): Promise<{ items: unknown[]; total: number; page: number; pageSize: number }> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const { events, total } = await this.audit.pageForOrganization(user.organizationId, {
      ...auditEventFilter(query),
      page,
      pageSize,
    });
    const items = events.map((event) => ({
      id: event.id,
      actorType: event.actorType,
      actorId: event.actorId,
      action: event.action,
      targetType: event.targetType,
      targetId: event.targetId,
      details: event.details,
      ip: event.ip,
      createdAt: event.createdAt.toISOString(),
    }));
    return { items, total, page, pageSize };
  }

  @Get('export.csv')
  @Roles('admin', 'auditor')
  @ApiOperation({
    summary: 'Every matching audit event as CSV (UTF-8 with BOM, for Excel), newest first',
    description:
      'The filters of the list; no paging. Times in Japan time to the second, actors and targets named, actions in words beside their code. `lang=en` for English headers and labels (default ja). ' +
      'The download is itself recorded first (audit.exported: the caller, the filters and how many events the file holds); the file holds the events recorded before it. If that record cannot be written, the answer is a 500 and no event is sent.',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'audit-log-YYYY-MM-DD.csv as an attachment',
    schema: { type: 'string' },
  })
  @ApiErrors({ 400: INVALID_QUERY, 403: READERS_ONLY })
  @Header('Cache-Control', 'no-store')
  async csv(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: ExportAuditEventsQuery,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { body } = await this.exports.csv({
      user,
      filter: auditEventFilter(query),
      filters: exportFilters(query),
      locale: query.lang ?? 'ja',
      ip: request.ip,
    });
    const filename = `audit-log-${tokyoToday()}.csv`;
    await reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header(
        'content-disposition',
        `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      )
      .send(Readable.from(body));
  }
}
