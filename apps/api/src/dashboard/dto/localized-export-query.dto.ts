import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { DashboardExportQueryDto } from './supplier-list-query.dto';

export const EXPORT_LANGUAGES = ['ja', 'en'] as const;
export type ExportLanguage = (typeof EXPORT_LANGUAGES)[number];

/** The exports' filters and order, and the language of the file (Japanese unless asked). */
export class LocalizedExportQueryDto extends DashboardExportQueryDto {
  @ApiPropertyOptional({
    enum: EXPORT_LANGUAGES,
    default: 'ja',
    description: 'Language of the headers, labels and findings; times stay in Japan time',
  })
  @IsOptional()
  @IsIn(EXPORT_LANGUAGES, { message: 'lang must be ja or en' })
  lang?: ExportLanguage;
}
