import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AuthenticatedUser, CurrentUser, Roles } from '@kakehashi/auth';
import { ApiBuyerSession, ApiErrors } from '../common/api-responses.doc';
import { EvidenceService, attachmentHeader } from '../respond/evidence.service';
import { AssessmentResponse, RevokedLinksResponse } from './assessments.doc';
import { AssessmentView, AssessmentsService } from './assessments.service';
import { ReopenAssessmentDto } from './dto/reopen-assessment.dto';
import { RemindedResponse } from './remind-assessment.doc';
import { RemindAssessmentUseCase, RemindResult } from './remind-assessment.use-case';
import { RevokeAssessmentLinksUseCase } from './revoke-assessment-links.use-case';

const ASSESSMENT_ID = { name: 'id', format: 'uuid', description: 'Assessment id' } as const;
const NOT_FOUND = "No assessment with this id in the caller's organization";

@ApiTags('assessments')
@ApiBuyerSession()
@Controller('assessments')
export class AssessmentsController {
  constructor(
    private readonly assessments: AssessmentsService,
    private readonly evidence: EvidenceService,
    private readonly revokeLinks: RevokeAssessmentLinksUseCase,
    private readonly remindAssessment: RemindAssessmentUseCase,
  ) {}

  @Get(':id')
  @ApiOperation({ summary: 'An assessment with its answers and latest score' })
  @ApiParam(ASSESSMENT_ID)
  @ApiOkResponse({ type: AssessmentResponse })
  @ApiErrors({ 404: NOT_FOUND })
  get(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string): Promise<AssessmentView> {
    return this.assessments.get(user.organizationId, id);
  }

  @Post(':id/reopen')
  @HttpCode(200)
  @Roles('procurement')
  @ApiOperation({
    summary: 'Reopen a submitted assessment for the supplier to revise',
    description: "The message is shown on the questionnaire and mailed to the supplier's contact.",
  })
  @ApiParam(ASSESSMENT_ID)
  @ApiOkResponse({ type: AssessmentResponse, description: 'The assessment, now in progress' })
  @ApiErrors({
    400: 'message is missing, empty or longer than 2000 characters',
    403: 'Only procurement (or an admin) reopens assessments',
    404: NOT_FOUND,
    409: 'The assessment is not submitted, or its campaign is closed',
  })
  reopen(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Body() body: ReopenAssessmentDto,
  ): Promise<AssessmentView> {
    return this.assessments.reopen(user, id, body.message);
  }

  @Post(':id/links/revoke')
  @HttpCode(200)
  @Roles('procurement')
  @ApiOperation({
    summary: 'Withdraw the questionnaire links mailed to the supplier',
    description:
      'Every link of the assessment that still works stops working (410, reason "revoked"), and ' +
      'so do the questionnaire sessions opened with them; answers saved so far stay. Someone ' +
      'holding a withdrawn link may still ask for a fresh one from its page: it is mailed only to ' +
      "the supplier's registered contact. To cut a contact off, remove them from the supplier's " +
      'contacts (PATCH /api/v1/suppliers/{id}), which withdraws their links too.',
  })
  @ApiParam(ASSESSMENT_ID)
  @ApiOkResponse({ type: RevokedLinksResponse })
  @ApiErrors({
    403: 'Only procurement (or an admin) withdraws links',
    404: NOT_FOUND,
    409: 'The campaign is closed: its links no longer open anyway',
  })
  revokeLinksOf(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
  ): Promise<{ revoked: number }> {
    return this.revokeLinks.execute(user, id);
  }

  @Post(':id/remind')
  @HttpCode(200)
  @Roles('procurement')
  @ApiOperation({
    summary: 'Remind the supplier now, outside the reminder schedule',
    description:
      "Mails the supplier's primary contact a reminder with a fresh questionnaire link at once. " +
      "It is sent whatever the organization's sending window (quiet hours, weekends, holidays): a " +
      'person asked for it, whereas the scheduled reminders wait for the window. One manual ' +
      'reminder per assessment and Tokyo day (message key `remind-now:<id>:<YYYY-MM-DD>`), so a ' +
      'double click sends one mail. One reminder reaches the supplier a Tokyo day: after a ' +
      'scheduled reminder written today this is refused, and a scheduled step falling due the ' +
      'day of a manual reminder is recorded as covered by it (not mailed); the later steps and ' +
      'the escalation go on as before. Audited as `assessment.reminded`.',
  })
  @ApiParam(ASSESSMENT_ID)
  @ApiOkResponse({ type: RemindedResponse, description: 'The reminder is queued for sending now' })
  @ApiErrors({
    403: 'Only procurement (or an admin) reminds suppliers',
    404: NOT_FOUND,
    409:
      'Nothing sent; `reason` says why: `already_reminded_today` (with `remindedAt`, and ' +
      '`remindedBy`: `hand` or `schedule`), ' +
      '`submitted` (submitted or scored), `campaign_not_launched` (the campaign is closed), ' +
      '`no_contact`, `contact_undeliverable` (the primary contact bounced) or `not_invited_yet` ' +
      '(the invitation has not gone out yet)',
  })
  remind(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string): Promise<RemindResult> {
    return this.remindAssessment.execute(user, { assessmentId: id });
  }

  /** Evidence for buyers of this tenant only (suppliers use their own session route). */
  @Get(':id/evidence/:evidenceId')
  @ApiOperation({ summary: 'Download an evidence file the supplier uploaded' })
  @ApiParam(ASSESSMENT_ID)
  @ApiParam({ name: 'evidenceId', format: 'uuid', description: 'Evidence file id' })
  @ApiProduces(
    'application/pdf',
    'image/png',
    'image/jpeg',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  )
  @ApiOkResponse({
    description: 'The file as an attachment, in the type it was recognised as',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiErrors({ 404: 'No such assessment in the organization, or no such file on it' })
  async download(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Param('evidenceId') evidenceId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const assessment = await this.assessments.require(user.organizationId, id);
    const { file, stream } = await this.evidence.open(
      { organizationId: user.organizationId, assessmentId: assessment.id },
      evidenceId,
    );
    await reply
      .header('content-type', file.contentType)
      .header('content-disposition', attachmentHeader(file.filename))
      .header('cache-control', 'private, no-store')
      .send(stream);
  }
}
