import { Controller, Get, Header, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthenticatedUser, CurrentUser, Roles } from '@kakehashi/auth';
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
  constructor(private readonly unanswered: UnansweredExportService) {}

  @Get(':id/assessments.csv')
  @Roles('procurement', 'ciso', 'auditor')
  @ApiOperation({
    summary: 'The suppliers that have not submitted yet, as CSV (UTF-8 with BOM, for Excel)',
    description:
      'One row per assessment not submitted (by supplier name): supplier name, corporate number ' +
      '(法人番号), primary contact name and email, status, overdue, last opened and last saved ' +
      '(Japan time, from the questionnaire activity), reminder mails sent, due date, and the ' +
      'link to the console assessment page. Japanese headers unless `lang=en`.',
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
  })
  @Header('Cache-Control', 'no-store')
  async csv(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', resourceId('Campaign')) id: string,
    @Query() query: UnansweredExportQueryDto,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { filename, body } = await this.unanswered.csv({
      organizationId: user.organizationId,
      campaignId: id,
      status: query.status ?? 'open',
      locale: query.lang ?? consoleLanguage(request),
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
