import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@kakehashi/auth';
import { AuditService } from '@kakehashi/database';
import { ApiBuyerSession, ApiErrors } from '../common/api-responses.doc';
import { AuditPageResponse } from './audit.doc';

@ApiTags('audit')
@ApiBuyerSession()
@Controller('audit-events')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** The tenant's latest audit events (newest first), for admins and auditors. */
  @Get()
  @Roles('admin', 'auditor')
  @ApiOperation({ summary: "The organization's latest 100 audit events, newest first" })
  @ApiQuery({
    name: 'action',
    required: false,
    type: String,
    example: 'supplier.create',
    description: 'Only events with exactly this action',
  })
  @ApiOkResponse({ type: AuditPageResponse })
  @ApiErrors({ 403: 'Only an admin or an auditor reads the audit trail' })
  async list(
    @CurrentUser() user: AuthenticatedUser,
    @Query('action') action?: string,
  ): Promise<{ items: unknown[]; total: number; page: number; pageSize: number }> {
    const events = await this.audit.findForOrganization(user.organizationId, action);
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
    return { items, total: items.length, page: 1, pageSize: 100 };
  }
}
