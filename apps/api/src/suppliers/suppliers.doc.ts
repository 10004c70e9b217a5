import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageResponse } from '../common/api-responses.doc';
import type { ImportError, ImportResult } from './import/import-suppliers.use-case';
import type { SupplierContactView, SupplierView } from './supplier.view';

// Response shapes of the suppliers API, for the OpenAPI document only.

export class SupplierContactResponse implements SupplierContactView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: '山田 太郎' })
  name!: string;

  @ApiProperty({ example: 'yamada@example.co.jp' })
  email!: string;

  @ApiProperty({ enum: ['ja', 'en'] })
  language!: string;

  @ApiProperty()
  isPrimary!: boolean;

  @ApiProperty({ description: 'The mail server rejected the address for good; no more mail' })
  undeliverable!: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  undeliverableAt!: string | null;

  @ApiProperty({ type: String, nullable: true })
  undeliverableReason!: string | null;
}

class PrimaryContact {
  @ApiProperty({ example: '山田 太郎' })
  name!: string;

  @ApiProperty({ example: 'yamada@example.co.jp' })
  email!: string;

  @ApiProperty({ enum: ['ja', 'en'] })
  language!: string;
}

export class SupplierResponse implements SupplierView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'ABC株式会社' })
  name!: string;

  @ApiProperty({ type: String, nullable: true, example: 'ABC Kabushiki Kaisha' })
  nameRomaji!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '7000012050002', description: '法人番号' })
  corporateNumber!: string | null;

  @ApiProperty({ type: String, enum: ['sme', 'large'], nullable: true })
  sizeClass!: string | null;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 3 })
  criticality!: number;

  @ApiProperty({ type: Boolean, nullable: true })
  handlesConfidentialData!: boolean | null;

  @ApiProperty({ type: Boolean, nullable: true })
  outageImpact!: boolean | null;

  @ApiProperty({ type: Boolean, nullable: true })
  networkAccess!: boolean | null;

  @ApiProperty({ type: String, nullable: true, example: '製造' })
  category!: string | null;

  @ApiProperty({ type: [String], example: ['重要取引先'] })
  tags!: string[];

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  ownerId!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;

  @ApiPropertyOptional({ type: PrimaryContact, nullable: true, description: 'In lists only' })
  primaryContact?: PrimaryContact | null;

  @ApiPropertyOptional({
    type: [SupplierContactResponse],
    description: 'For one supplier only (primary first)',
  })
  contacts?: SupplierContactResponse[];
}

export class SupplierPageResponse extends PageResponse(SupplierResponse, {
  items: { description: 'With primaryContact, without contacts' },
}) {}

class ImportRowError implements ImportError {
  @ApiProperty({ type: 'integer', description: 'The row number as the spreadsheet shows it' })
  row!: number;

  @ApiProperty({ example: '重要度 (criticality) "5" must be 1, 2 or 3' })
  message!: string;
}

export class ImportResultResponse implements ImportResult {
  @ApiProperty({
    type: 'integer',
    description: 'Suppliers created (or that would be, on a dry run)',
  })
  created!: number;

  @ApiProperty({
    type: 'integer',
    description:
      'Suppliers updated: matched (by 法人番号, else name and e-mail) and with at least one ' +
      'value the file changes (or would, on a dry run)',
  })
  updated!: number;

  @ApiProperty({
    type: 'integer',
    description:
      'Suppliers matched whose stored values already equal the file’s (compared as the import ' +
      'reads the cells: trimmed, full-width forms folded, e-mail ignoring case; an empty cell ' +
      'keeps the stored value): nothing is written for them, not even updatedAt',
  })
  unchanged!: number;

  @ApiProperty({
    type: 'integer',
    description:
      'New primary contacts mailed a link (「ご担当者変更に伴う回答依頼のご案内」, one mail per ' +
      'open questionnaire) because the file changed the primary contact of a supplier answering ' +
      'a launched campaign; on a dry run, how many would be',
  })
  newContactsMailed!: number;

  @ApiProperty({ type: [ImportRowError], description: 'Rejected rows (mode=valid-only)' })
  errors!: ImportRowError[];

  @ApiProperty({ type: [String], description: 'Header cells that were ignored' })
  unknownColumns!: string[];

  @ApiProperty()
  dryRun!: boolean;
}

/** The multipart body of POST /suppliers/import. */
export const IMPORT_FILE_BODY = {
  required: true,
  description: 'The supplier list; download the template for the expected headers',
  schema: {
    type: 'object',
    required: ['file'],
    properties: {
      file: {
        type: 'string',
        format: 'binary',
        description:
          'CSV (UTF-8 or Shift_JIS) or .xlsx (first sheet), at most 10 MB; recognised by content',
      },
    },
  },
} as const;
