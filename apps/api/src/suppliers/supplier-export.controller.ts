import { Controller, Get, Header, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthenticatedUser, CurrentUser, Roles } from '@kakehashi/auth';
import { AuditService } from '@kakehashi/database';
import { tokyoToday } from '@kakehashi/mail';
import { EXPORT_NOT_RECORDED, exportFilters, recordExport } from '../audit/export-audit';
import { ApiBuyerSession, ApiErrors } from '../common/api-responses.doc';
import { ExportSuppliersQuery } from './dto/export-suppliers.query';
import { SupplierExportService } from './export/supplier-export.service';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const INVALID_QUERY = 'A filter or lang is invalid (the message names it)';
const SAME_AS_IMPORT =
  'Every supplier matching the filters (as for the list; no paging), ordered by name, one row ' +
  'each with its primary contact, in exactly the columns, headers and order that ' +
  'POST /suppliers/import reads: imported again, the file creates no supplier. Headers and ' +
  'coded values in Japanese unless lang=en; an unknown value is an empty cell (the import ' +
  'keeps the current value). Each download is recorded in the audit trail (supplier.exported: ' +
  'the caller, format, filters and row count) before the file is sent.';

/** The supplier registry as a file procurement can edit in Excel and import again. */
@ApiTags('suppliers')
@ApiBuyerSession()
@Controller('suppliers')
export class SupplierExportController {
  constructor(
    private readonly exports: SupplierExportService,
    private readonly audit: AuditService,
  ) {}

  @Get('export.csv')
  @Roles('procurement', 'ciso', 'auditor')
  @ApiOperation({
    summary: 'Export the supplier registry as CSV (UTF-8 with BOM, for Excel)',
    description:
      SAME_AS_IMPORT +
      ' Text that a spreadsheet would run as a formula (=, +, -, @ first) starts with an apostrophe; the import removes it.',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'suppliers-YYYY-MM-DD.csv as an attachment',
    schema: { type: 'string' },
  })
  @ApiErrors({ 400: INVALID_QUERY, 500: EXPORT_NOT_RECORDED })
  @Header('Cache-Control', 'no-store')
  async csv(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: ExportSuppliersQuery,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { body, rowCount } = await this.exports.csv({
      organizationId: user.organizationId,
      filters: query,
      locale: query.lang ?? 'ja',
    });
    await this.recorded({ user, query, request, format: 'csv', rowCount });
    await reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', attachment(`suppliers-${tokyoToday()}.csv`))
      .send(body);
  }

  @Get('export.xlsx')
  @Roles('procurement', 'ciso', 'auditor')
  @ApiOperation({
    summary: 'Export the supplier registry as an Excel workbook',
    description: SAME_AS_IMPORT + ' Every cell holds text or a number, never a formula.',
  })
  @ApiProduces(XLSX_TYPE)
  @ApiOkResponse({
    description: 'suppliers-YYYY-MM-DD.xlsx as an attachment',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiErrors({ 400: INVALID_QUERY, 500: EXPORT_NOT_RECORDED })
  @Header('Cache-Control', 'no-store')
  async xlsx(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: ExportSuppliersQuery,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { body, rowCount } = await this.exports.xlsx({
      organizationId: user.organizationId,
      filters: query,
      locale: query.lang ?? 'ja',
    });
    await this.recorded({ user, query, request, format: 'xlsx', rowCount });
    await reply
      .header('content-type', XLSX_TYPE)
      .header('content-disposition', attachment(`suppliers-${tokyoToday()}.xlsx`))
      .send(body);
  }

  /** Who took which suppliers: recorded before the file leaves, or the request fails (500). */
  private async recorded(input: {
    user: AuthenticatedUser;
    query: ExportSuppliersQuery;
    request: FastifyRequest;
    format: 'csv' | 'xlsx';
    rowCount: number;
  }): Promise<void> {
    await recordExport(this.audit, {
      user: input.user,
      kind: 'suppliers',
      format: input.format,
      lang: input.query.lang ?? 'ja',
      filters: exportFilters(input.query),
      rowCount: input.rowCount,
      ip: input.request.ip,
    });
  }
}

function attachment(filename: string): string {
  return `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
