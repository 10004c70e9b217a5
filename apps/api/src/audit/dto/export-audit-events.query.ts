import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { Locale } from '../../console/console-locale';
import { AuditEventFilterQuery } from './audit-event-filter.query';

const EXPORT_LANGUAGES = ['ja', 'en'] as const;

/** GET /api/v1/audit-events/export.csv: the list's filters (every match, no paging) and the language. */
export class ExportAuditEventsQuery extends AuditEventFilterQuery {
  @ApiPropertyOptional({
    enum: EXPORT_LANGUAGES,
    default: 'ja',
    description: 'Language of the headers and labels; times stay in Japan time',
  })
  @IsOptional()
  @IsIn(EXPORT_LANGUAGES, { message: 'lang must be ja or en' })
  lang?: Locale;
}
