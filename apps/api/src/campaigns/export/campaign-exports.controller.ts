import { Controller, Get, Header, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthenticatedUser, CurrentUser, Roles } from '@kakehashi/auth';
import { AuditService } from '@kakehashi/database';
import { EXPORT_NOT_RECORDED, exportFilters, recordExport } from '../../audit/export-audit';
import { ApiBuyerSession, ApiErrors } from '../../common/api-responses.doc';
import { resourceId } from '../../common/id-param';
import { LANG_COOKIE, type Locale } from '../../console/console-locale';
import { UnansweredExportQueryDto } from './unanswered-export-query.dto';
import { UnansweredExportService } from './unanswered-export.service';

/** A campaign's files for chasing suppliers; every reader of campaigns may download them. */
@ApiTags('campaigns')
@ApiBuyerSession()
@Controller('campaigns')
export class CampaignExportsController {
  constructor(
    private readonly unanswered: UnansweredExportService,
    private readonly audit: AuditService,
  ) {}

  @Get(':id/assessments.csv')
  @Roles('procurement', 'ciso', 'auditor')
  @ApiOperation({
    summary: 'The suppliers that have not submitted yet, as CSV (UTF-8 with BOM, for Excel)',
    description:
      'One row per assessment not submitted (by supplier name): supplier name, corporate number ' +
      '(法人番号), primary contact name and email, status, overdue, last opened and last saved ' +
      '(Japan time, from the questionnaire activity), reminder mails sent, due date, and the ' +
      'link to the console assessment page. Japanese headers unless `lang=en`. Each download ' +
      'is recorded in the audit trail (campaign.unanswered_exported on the campaign: the ' +
      'caller, the status filter and the row count) before the file is sent.',
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'Campaign id' })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'unanswered-suppliers-YYYY-MM-DD.csv as an attachment',
    schema: { type: 'string' },
  })
  @ApiErrors({
    400: 'status or lang is invalid',
    404: "No campaign with this id in the caller's organization (or id is not a UUID)",
    500: EXPORT_NOT_RECORDED,
  })
  @Header('Cache-Control', 'no-store')
  async csv(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', resourceId('Campaign')) id: string,
    @Query() query: UnansweredExportQueryDto,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const status = query.status ?? 'open';
    const locale = query.lang ?? consoleLanguage(request);
    const { filename, body, rowCount } = await this.unanswered.csv({
      organizationId: user.organizationId,
      campaignId: id,
      status,
      locale,
    });
    // Who took the contacts of the suppliers still to answer: recorded before the file leaves.
    await recordExport(this.audit, {
      user,
      kind: 'unansweredAssessments',
      format: 'csv',
      lang: locale,
      filters: exportFilters({ ...query, status }),
      rowCount,
      target: { type: 'campaign', id },
      ip: request.ip,
    });
    await reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header(
        'content-disposition',
        `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      )
      .send(body);
  }
}

/** The language the console was last switched to (its cookie), Japanese otherwise. */
function consoleLanguage(request: FastifyRequest): Locale {
  return request.cookies?.[LANG_COOKIE] === 'en' ? 'en' : 'ja';
}
