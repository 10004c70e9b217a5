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
} from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import '@fastify/multipart';
import { AuthenticatedUser, CurrentUser, Roles } from '@kakehashi/auth';
import { ImportSuppliersQuery, ImportTemplateQuery } from './dto/import-suppliers.query';
import { ImportResult, ImportSuppliersUseCase } from './import/import-suppliers.use-case';
import { csvTemplate, xlsxTemplate } from './import/import-template';

const MAX_MB = 10;

@ApiTags('suppliers')
@ApiBearerAuth()
@Controller('suppliers/import')
export class SupplierImportController {
  constructor(private readonly importSuppliers: ImportSuppliersUseCase) {}

  /** CSV (UTF-8 or Shift_JIS/CP932) or .xlsx in the multipart field `file`, at most 10 MB. */
  @Post()
  @HttpCode(200)
  @Roles('procurement')
  @ApiConsumes('multipart/form-data')
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

async function readFileField(request: FastifyRequest): Promise<Buffer> {
  if (!request.isMultipart()) {
    throw new BadRequestException('send the file as multipart/form-data in the field "file"');
  }
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
