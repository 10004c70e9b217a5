import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AuthenticatedUser, CurrentUser, Roles } from '@kakehashi/auth';
import { EvidenceService, attachmentHeader } from '../respond/evidence.service';
import { AssessmentView, AssessmentsService } from './assessments.service';
import { ReopenAssessmentDto } from './dto/reopen-assessment.dto';

@ApiTags('assessments')
@ApiBearerAuth()
@Controller('assessments')
export class AssessmentsController {
  constructor(
    private readonly assessments: AssessmentsService,
    private readonly evidence: EvidenceService,
  ) {}

  @Get(':id')
  get(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string): Promise<AssessmentView> {
    return this.assessments.get(user.organizationId, id);
  }

  @Post(':id/reopen')
  @HttpCode(200)
  @Roles('procurement')
  reopen(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Body() body: ReopenAssessmentDto,
  ): Promise<AssessmentView> {
    return this.assessments.reopen(user, id, body.message);
  }

  /** Evidence for buyers of this tenant only (suppliers use their own session route). */
  @Get(':id/evidence/:evidenceId')
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
