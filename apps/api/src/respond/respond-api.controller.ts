import { Body, Controller, Get, HttpCode, Param, Post, Put, Req } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { hashLinkToken, Public } from '@kakehashi/auth';
import { SaveAnswersDto } from './dto/save-answers.dto';
import { readEvidenceForm } from './evidence-form';
import { EvidenceService, SEND_MULTIPART } from './evidence.service';
import { RespondAccessService } from './respond-access.service';
import { RespondAnswersService } from './respond-answers.service';
import { RespondContext } from './respond-context';
import { RespondDocument, toRespondDocument } from './respond-document';
import { RespondThrottleService } from './respond-throttle.service';
import { ApiBodyRouteConfig } from '../common/api-request-policy';
import { ApiErrors } from '../common/api-responses.doc';
import {
  RespondDocumentResponse,
  RespondGoneResponse,
  SavedVersionResponse,
  SubmittedResponse,
  UploadedEvidenceResponse,
} from './respond.doc';

/** The errors every link-token route can give, beside its 410 (LinkGone). */
const LINK_ERRORS = {
  404: 'Unknown link (the answer names nobody)',
  429: 'Too many requests for this link; wait and try again',
};

/** The 410 of every link-token route, with its own body: whom to contact. */
const LinkGone = () =>
  ApiResponse({
    status: 410,
    description:
      'The link expired or was withdrawn, or the campaign is closed (see `reason`); ' +
      '`requester` names the buyer organization and whom to contact',
    type: RespondGoneResponse,
  });

/** A person saves a few times a second at most; this stops floods against one link. */
const TOKEN_LIMIT = { limit: 300, windowMs: 10_000 };

/** Supplier API authorised by the raw link token in the path (no account). */
@ApiTags('respond')
@ApiParam({ name: 'token', description: 'The raw link token from the invitation mail' })
@Public()
@Controller('respond')
export class RespondApiController {
  constructor(
    private readonly access: RespondAccessService,
    private readonly answers: RespondAnswersService,
    private readonly evidence: EvidenceService,
    private readonly throttle: RespondThrottleService,
  ) {}

  @Get(':token')
  @ApiOperation({ summary: 'The questionnaire with the answers saved so far' })
  @ApiOkResponse({ type: RespondDocumentResponse })
  @ApiErrors(LINK_ERRORS)
  @LinkGone()
  async get(
    @Param('token') token: string,
    @Req() request: FastifyRequest,
  ): Promise<RespondDocument> {
    const ctx = await this.context(token, request);
    return toRespondDocument(await this.answers.load(ctx));
  }

  @Put(':token/answers')
  @ApiOperation({ summary: 'Save some answers (optimistic version; null clears)' })
  @ApiOkResponse({ type: SavedVersionResponse })
  @LinkGone()
  @ApiErrors({
    ...LINK_ERRORS,
    400: 'An answer the catalog does not allow: `itemId`, `messageJa` and `messageEn` name it',
    409: 'Stale version (the current answers and version come back) or already submitted',
  })
  async save(
    @Param('token') token: string,
    @Body() body: SaveAnswersDto,
    @Req() request: FastifyRequest,
  ): Promise<{ version: number }> {
    await this.limit(token);
    const scope = await this.access.forSave(token, request.ip ?? null);
    return { version: await this.answers.save(scope, body) };
  }

  @Post(':token/submit')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Submit: locks the answers and schedules scoring',
    description:
      'Also mails the contact whose link was used (else the primary contact) a copy of what was ' +
      'submitted, once per submission.',
  })
  @ApiOkResponse({ type: SubmittedResponse })
  @LinkGone()
  @ApiErrors({
    ...LINK_ERRORS,
    400: 'Required items are not answered: `missing` lists their ids',
    409: 'Already submitted',
  })
  async submit(
    @Param('token') token: string,
    @Req() request: FastifyRequest,
  ): Promise<{ status: 'submitted'; submission: number }> {
    const ctx = await this.context(token, request);
    const { submission } = await this.answers.submit(ctx);
    return { status: 'submitted', submission };
  }

  @Post(':token/evidence')
  @RouteConfig({ multipartOnly: SEND_MULTIPART } satisfies ApiBodyRouteConfig)
  @ApiOperation({
    summary: 'Upload one evidence file (multipart field "file")',
    description:
      'One questionnaire holds at most EVIDENCE_MAX_FILES_PER_ASSESSMENT files (100 by default) ' +
      'and EVIDENCE_MAX_MB_PER_ASSESSMENT MB in total (200 by default); uploaded files cannot ' +
      'be removed.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: {
          type: 'string',
          format: 'binary',
          description: 'PDF, PNG, JPEG, XLSX or DOCX (checked by content), at most 10 MB',
        },
      },
    },
  })
  @ApiCreatedResponse({ type: UploadedEvidenceResponse })
  @LinkGone()
  @ApiErrors({
    ...LINK_ERRORS,
    400:
      'No file in the field "file" (`code` missing), more than one file (many), an empty file ' +
      '(empty), or an unreadable multipart body (form)',
    409: 'Already submitted',
    413:
      'The file is larger than 10 MB (`code` size), or the questionnaire has no room for it ' +
      '(quota: `limits` and `used` say how much)',
    415: 'The body is not multipart/form-data, or the file is not PDF, PNG, JPEG, XLSX or DOCX',
  })
  async upload(
    @Param('token') token: string,
    @Req() request: FastifyRequest,
  ): Promise<{ id: string }> {
    const ctx = await this.context(token, request);
    const stored = await this.evidence.upload(ctx, await readEvidenceForm(request));
    return { id: stored.id };
  }

  private async context(token: string, request: FastifyRequest): Promise<RespondContext> {
    await this.limit(token);
    return this.access.byToken(token, request.ip ?? null);
  }

  private limit(token: string): Promise<void> {
    return this.throttle.hit(
      `token:${hashLinkToken(token)}`,
      TOKEN_LIMIT.limit,
      TOKEN_LIMIT.windowMs,
    );
  }
}
