import { Controller, DefaultValuePipe, Get, ParseIntPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@kakehashi/auth';
import { ApiBuyerSession, ApiErrors } from '../common/api-responses.doc';
import { OutboxListResponse } from './outbox.doc';
import { requireOperator } from './operator';
import { Environment } from '@kakehashi/config';
import { outboxDirectory, OutboxEntry, readFileOutbox } from '@kakehashi/mail';

/** Development: what the file outbox "sent" (when SMTP_URL is unset), newest first. */
@ApiTags('admin')
@ApiBuyerSession()
@Controller('admin/outbox')
export class OutboxController {
  constructor(private readonly env: Environment) {}

  @Get()
  @Roles('admin')
  @ApiOperation({
    summary: 'Mail written to the development file outbox, newest first',
    description: 'For development, when SMTP_URL is unset and mail is written to files.',
  })
  @ApiQuery({
    name: 'limit',
    required: false,
    schema: { type: 'integer', default: 50, minimum: 1, maximum: 200 },
    description: 'How many messages; values outside 1–200 are brought within',
  })
  @ApiOkResponse({ type: OutboxListResponse })
  @ApiErrors({
    400: 'limit is not a whole number',
    403: 'Only admins of the operating organization (OPERATOR_ORGANIZATION_IDS) read the outbox',
  })
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
