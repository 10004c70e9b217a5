import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ItemKind } from '@kakehashi/domain';
import { LocalizedTextResponse } from '../common/api-responses.doc';
import { ITEM_KINDS } from '../respond/respond.doc';
import type {
  CatalogDocument,
  CatalogDocumentItem,
  CatalogVersionSummary,
} from './catalog-document';

// Response shapes of the catalog API, for the OpenAPI document only.

class CatalogEditionResponse {
  @ApiProperty({
    example: 'meti-csm',
    description: 'meti-csm, ipa-sme-guideline, ipa-otasuketai, ipa-jcstar, …',
  })
  framework!: string;

  @ApiProperty({ example: '3.0' })
  edition!: string;
}

class CatalogHeaderResponse {
  @ApiProperty({
    example: 'meti-v3.0+sa-3.1',
    description: 'The catalogVersion of POST /campaigns',
  })
  version!: string;

  @ApiProperty({ description: 'The version new campaigns use unless they name another' })
  default!: boolean;

  @ApiProperty({ type: LocalizedTextResponse })
  title!: LocalizedTextResponse;

  @ApiProperty({ format: 'date', example: '2026-11-30' })
  publishedOn!: string;

  @ApiProperty({
    type: [CatalogEditionResponse],
    description: 'The framework editions the questions follow',
  })
  editions!: CatalogEditionResponse[];
}

export class CatalogVersionResponse extends CatalogHeaderResponse implements CatalogVersionSummary {
  @ApiProperty({ type: 'integer', example: 17, description: 'Number of sections' })
  sections!: number;

  @ApiProperty({
    type: 'integer',
    description: 'Number of items (questions), conditional ones included',
  })
  items!: number;
}

class CatalogOptionResponse {
  @ApiProperty({ example: 'done', description: 'The value to answer with' })
  code!: string;

  @ApiProperty({ type: LocalizedTextResponse })
  label!: LocalizedTextResponse;
}

class CatalogLevelResponse {
  @ApiProperty({ enum: [1, 2, 3, 4, 5] })
  level!: 1 | 2 | 3 | 4 | 5;

  @ApiProperty({ type: LocalizedTextResponse })
  label!: LocalizedTextResponse;

  @ApiProperty({ type: LocalizedTextResponse })
  description!: LocalizedTextResponse;
}

class CatalogConditionResponse {
  @ApiProperty({ example: 'SA.LEVEL', description: 'An earlier item' })
  itemId!: string;

  @ApiProperty({
    description:
      'Its answer must be one of these: an option code (single; multi: any selected code) or a boolean (yesno)',
    type: 'array',
    items: { oneOf: [{ type: 'string' }, { type: 'boolean' }] },
    example: ['star1', 'star2'],
  })
  anyOf!: (string | boolean)[];
}

class CatalogItemResponse implements CatalogDocumentItem {
  @ApiProperty({ example: 'D01.1', description: 'The key of its answer' })
  id!: string;

  @ApiProperty({ enum: Object.keys(ITEM_KINDS) })
  kind!: ItemKind;

  @ApiProperty({ description: 'Must be answered before submitting, whenever the item is shown' })
  required!: boolean;

  @ApiProperty({ type: LocalizedTextResponse })
  text!: LocalizedTextResponse;

  @ApiPropertyOptional({ type: LocalizedTextResponse, description: 'Guidance shown with the item' })
  help?: LocalizedTextResponse;

  @ApiPropertyOptional({ type: [CatalogOptionResponse], description: 'single and multi items' })
  options?: CatalogOptionResponse[];

  @ApiPropertyOptional({
    type: [CatalogLevelResponse],
    description: 'maturity items: what each level 1–5 means',
  })
  levels?: CatalogLevelResponse[];

  @ApiPropertyOptional({ description: 'number items: the smallest accepted value' })
  min?: number;

  @ApiPropertyOptional({ description: 'number items: the largest accepted value' })
  max?: number;

  @ApiPropertyOptional({ type: 'integer', description: 'text items: the longest accepted answer' })
  maxLength?: number;

  @ApiPropertyOptional({ enum: ['url'], description: 'url: an http(s) URL' })
  format?: 'url';

  @ApiPropertyOptional({
    enum: ['today'],
    description: 'date items: the answer may not be later than today (Asia/Tokyo)',
  })
  notAfter?: 'today';

  @ApiPropertyOptional({
    type: [CatalogConditionResponse],
    description:
      'Absent: always shown. Otherwise shown only when every condition holds; a hidden item ' +
      'satisfies no condition, so conditions chain',
  })
  visibleWhen?: CatalogConditionResponse[];
}

class CatalogSectionResponse {
  @ApiProperty({ example: 'csm-d01' })
  id!: string;

  @ApiProperty({ type: LocalizedTextResponse })
  title!: LocalizedTextResponse;

  @ApiPropertyOptional({ type: LocalizedTextResponse })
  description?: LocalizedTextResponse;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 10,
    description: 'The METI directive (1–10) of the ten directive sections',
  })
  directive?: number;

  @ApiProperty({ type: [CatalogItemResponse] })
  items!: CatalogItemResponse[];
}

export class CatalogDocumentResponse extends CatalogHeaderResponse implements CatalogDocument {
  @ApiProperty({ type: [CatalogSectionResponse] })
  sections!: CatalogSectionResponse[];
}
