import { Controller, DefaultValuePipe, Get, ParseIntPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@kakehashi/auth';
import { requireOperator } from './operator';
import { Environment } from '@kakehashi/config';
import { outboxDirectory, OutboxEntry, readFileOutbox } from '@kakehashi/mail';

/** Development: what the file outbox "sent" (when SMTP_URL is unset), newest first. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/outbox')
export class OutboxController {
  constructor(private readonly env: Environment) {}

  @Get()
  @Roles('admin')
  async list(
    @CurrentUser() user: AuthenticatedUser,
    @Query('limit', new DefaultValuePipe(50), ParseIntPipe) limit: number,
  ): Promise<{ transport: 'smtp' | 'file'; items: Omit<OutboxEntry, 'text'>[] }> {
    requireOperator(this.env, user);
    const entries = await readFileOutbox(
      outboxDirectory(this.env.DATA_DIR),
      Math.min(Math.max(limit, 1), 200),
    );
    return {
      transport: this.env.SMTP_URL ? 'smtp' : 'file',
      items: entries.map(({ file, date, from, to, subject, html, messageId }) => ({
        file,
        date,
        from,
        to,
        subject,
        html,
        messageId,
      })),
    };
  }
}
