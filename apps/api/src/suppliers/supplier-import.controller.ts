import {
  BadRequestException,
  Controller,
  Get,
  HttpCode,
  PayloadTooLargeException,
  Post,
  Query,
  Req,
  Res,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import {
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import '@fastify/multipart';
import { AuthenticatedUser, CurrentUser, Roles } from '@kakehashi/auth';
import { ApiBodyRouteConfig } from '../common/api-request-policy';
import { ApiBuyerSession, ApiErrors } from '../common/api-responses.doc';
import { ImportSuppliersQuery, ImportTemplateQuery } from './dto/import-suppliers.query';
import { ImportResult, ImportSuppliersUseCase } from './import/import-suppliers.use-case';
import { csvTemplate, xlsxTemplate } from './import/import-template';
import { IMPORT_FILE_BODY, ImportResultResponse } from './suppliers.doc';

const MAX_MB = 10;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PROCUREMENT_ONLY = 'Only procurement (or an admin) imports suppliers';

const SEND_MULTIPART =
  'send the file as multipart/form-data with the file in the field "file": ' +
  `CSV (UTF-8 or Shift_JIS) or .xlsx, at most ${MAX_MB} MB`;

@ApiTags('suppliers')
@ApiBuyerSession()
@Controller('suppliers/import')
export class SupplierImportController {
  constructor(private readonly importSuppliers: ImportSuppliersUseCase) {}

  /** CSV (UTF-8 or Shift_JIS/CP932) or .xlsx in the multipart field `file`, at most 10 MB. */
  @Post()
  @HttpCode(200)
  @Roles('procurement')
  @RouteConfig({ multipartOnly: { message: SEND_MULTIPART } } satisfies ApiBodyRouteConfig)
  @ApiOperation({
    summary: 'Import a supplier list (CSV or Excel)',
    description:
      'Upserts by 法人番号, else by name and primary e-mail, in one transaction. A matched ' +
      'supplier whose values the file does not change is counted unchanged and left alone, so an ' +
      'exported registry imported again writes nothing. With mode=all (default) any rejected ' +
      'row imports nothing and the 400 lists the rows.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody(IMPORT_FILE_BODY)
  @ApiOkResponse({ type: ImportResultResponse, description: 'What was (or would be) written' })
  @ApiErrors({
    400:
      'The field "file" is missing, the file is empty, has no data rows, lacks required columns ' +
      '(missingColumns) or cannot be read as CSV, a query parameter is invalid, or (mode=all) ' +
      'rows were rejected: the body then also carries created, updated, unchanged, errors, unknownColumns ' +
      'and dryRun',
    403: PROCUREMENT_ONLY,
    409: 'Another request registered the same 法人番号 at the same moment; nothing was imported',
    413: `The file is larger than ${MAX_MB} MB, or the .xlsx unpacks to more than 100 MB`,
    415:
      'The request is not multipart/form-data, or the file is not CSV (UTF-8 or Shift_JIS) or ' +
      '.xlsx (old .xls and UTF-16 text are refused)',
  })
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
  @ApiOperation({ summary: 'An empty import file with the expected headers' })
  @ApiProduces('text/csv', XLSX_TYPE)
  @ApiOkResponse({
    description: 'suppliers-template.csv (UTF-8) or suppliers-template.xlsx, as an attachment',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiErrors({ 400: 'format is not csv or xlsx', 403: PROCUREMENT_ONLY })
  async template(@Query() query: ImportTemplateQuery, @Res() reply: FastifyReply): Promise<void> {
    const xlsx = query.format === 'xlsx';
    const body = xlsx ? await xlsxTemplate() : csvTemplate();
    void reply
      .header('content-type', xlsx ? XLSX_TYPE : 'text/csv; charset=utf-8')
      .header(
        'content-disposition',
        `attachment; filename="suppliers-template.${xlsx ? 'xlsx' : 'csv'}"`,
      )
      .send(body);
  }
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
