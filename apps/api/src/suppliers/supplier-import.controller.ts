import {
  BadRequestException,
  Controller,
  Get,
  HttpCode,
  OnModuleInit,
  PayloadTooLargeException,
  Post,
  Query,
  Req,
  Res,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { RouteConfig } from '@nestjs/platform-fastify';
import {
  ApiBearerAuth,
  ApiConsumes,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import '@fastify/multipart';
import { AuthenticatedUser, CurrentUser, Roles } from '@kakehashi/auth';
import { ImportSuppliersQuery, ImportTemplateQuery } from './dto/import-suppliers.query';
import { ImportResult, ImportSuppliersUseCase } from './import/import-suppliers.use-case';
import { csvTemplate, xlsxTemplate } from './import/import-template';

const MAX_MB = 10;

const SEND_MULTIPART =
  'send the file as multipart/form-data with the file in the field "file": ' +
  `CSV (UTF-8 or Shift_JIS) or .xlsx, at most ${MAX_MB} MB`;

/** Route config marking the upload route, for the hook that runs before Fastify reads bodies. */
interface MultipartOnlyConfig {
  multipartOnly?: boolean;
}

@ApiTags('suppliers')
@ApiBearerAuth()
@Controller('suppliers/import')
export class SupplierImportController implements OnModuleInit {
  constructor(
    private readonly importSuppliers: ImportSuppliersUseCase,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  /**
   * Fastify refuses a body it has no parser for (a bare text/csv upload) with a plain
   * "Unsupported Media Type" before any Nest code runs; this hook answers first, saying how to
   * send the file.
   */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    fastify.addHook('preParsing', async (request, _reply, payload) => {
      const config = request.routeOptions?.config as MultipartOnlyConfig | undefined;
      if (config?.multipartOnly && !isMultipartRequest(request)) {
        throw new UnsupportedMediaTypeException(SEND_MULTIPART);
      }
      return payload;
    });
  }

  /** CSV (UTF-8 or Shift_JIS/CP932) or .xlsx in the multipart field `file`, at most 10 MB. */
  @Post()
  @HttpCode(200)
  @Roles('procurement')
  @RouteConfig({ multipartOnly: true } satisfies MultipartOnlyConfig)
  @ApiConsumes('multipart/form-data')
  @ApiUnsupportedMediaTypeResponse({ description: 'The request is not multipart/form-data' })
  async import(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: ImportSuppliersQuery,
    @Req() request: FastifyRequest,
  ): Promise<ImportResult> {
    const file = await readFileField(request);
    return this.importSuppliers.execute({
      user,
      file,
      dryRun: query.dryRun === 'true',
      validOnly: query.mode === 'valid-only',
    });
  }

  @Get('template')
  @Roles('procurement')
  async template(@Query() query: ImportTemplateQuery, @Res() reply: FastifyReply): Promise<void> {
    const xlsx = query.format === 'xlsx';
    const body = xlsx ? await xlsxTemplate() : csvTemplate();
    void reply
      .header(
        'content-type',
        xlsx
          ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
          : 'text/csv; charset=utf-8',
      )
      .header(
        'content-disposition',
        `attachment; filename="suppliers-template.${xlsx ? 'xlsx' : 'csv'}"`,
      )
      .send(body);
  }
}

function isMultipartRequest(request: FastifyRequest): boolean {
  return /^multipart\/form-data\b/i.test(request.headers['content-type'] ?? '');
}

async function readFileField(request: FastifyRequest): Promise<Buffer> {
  if (!request.isMultipart()) throw new UnsupportedMediaTypeException(SEND_MULTIPART);
  const part = await request.file();
  if (!part || part.fieldname !== 'file') {
    part?.file.resume();
    throw new BadRequestException('the multipart field "file" is missing');
  }
  try {
    return await part.toBuffer();
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new PayloadTooLargeException(
        `the file is larger than ${MAX_MB} MB; split it into several files`,
      );
    }
    throw error;
  }
}
