import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@kakehashi/auth';
import { AuditService } from '@kakehashi/database';
import { ApiBuyerSession, ApiErrors } from '../common/api-responses.doc';
import { AuditPageResponse } from './audit.doc';
import { ListAuditEventsQuery } from './dto/list-audit-events.query';

@ApiTags('audit')
@ApiBuyerSession()
@Controller('audit-events')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** The tenant's audit trail (newest first), a page at a time, for admins and auditors. */
  @Get()
  @Roles('admin', 'auditor')
  @ApiOperation({ summary: "The organization's audit events, newest first" })
  @ApiOkResponse({ type: AuditPageResponse })
  @ApiErrors({
    400: 'A query parameter is invalid or unknown',
    403: 'Only an admin or an auditor reads the audit trail',
  })
  async list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: ListAuditEventsQuery,
  ): Promise<{ items: unknown[]; total: number; page: number; pageSize: number }> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const { events, total } = await this.audit.pageForOrganization(user.organizationId, {
      action: query.action,
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
}
