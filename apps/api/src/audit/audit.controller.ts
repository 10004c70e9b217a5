import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@kakehashi/auth';
import { AuditService } from '@kakehashi/database';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit-events')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** The tenant's latest audit events (newest first), for admins and auditors. */
  @Get()
  @Roles('admin', 'auditor')
  @ApiQuery({ name: 'action', required: false })
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
