import { ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { Locale } from '../../console/console-locale';
import { ListSuppliersQuery } from './list-suppliers.query';

/** The registry's filters (as for the list, without paging) and the language of the file. */
export class ExportSuppliersQuery extends PickType(ListSuppliersQuery, [
  'q',
  'criticality',
  'category',
  'sizeClass',
  'ownerId',
  'tag',
] as const) {
  @ApiPropertyOptional({
    enum: ['ja', 'en'],
    default: 'ja',
    description:
      'Language of the header row and of the coded values (中小企業/大企業 or sme/large, ' +
      'はい/いいえ or yes/no); the import reads either',
  })
  @IsOptional()
  @IsIn(['ja', 'en'], { message: 'lang must be ja or en' })
  lang?: Locale;
}
