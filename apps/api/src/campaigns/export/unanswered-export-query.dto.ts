import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

/** Which unanswered assessments the CSV holds: all of them (`open`), one status, or the overdue. */
export const UNANSWERED_FILTERS = ['open', 'invited', 'opened', 'in_progress', 'overdue'] as const;
export type UnansweredFilter = (typeof UNANSWERED_FILTERS)[number];

export const EXPORT_LANGUAGES = ['ja', 'en'] as const;

export class UnansweredExportQueryDto {
  @ApiPropertyOptional({
    enum: UNANSWERED_FILTERS,
    default: 'open',
    description:
      '`open`: every assessment not submitted yet (invited, opened, in_progress); one of those ' +
      'statuses; or `overdue`: open while the launched campaign is past its due date (Asia/Tokyo)',
  })
  @IsOptional()
  @IsIn(UNANSWERED_FILTERS, { message: `status must be one of ${UNANSWERED_FILTERS.join(', ')}` })
  status?: UnansweredFilter;

  @ApiPropertyOptional({
    enum: EXPORT_LANGUAGES,
    description:
      "Language of the headers and statuses; without it the console's language (its kk_lang " +
      'cookie), else ja. Times are Japan time in both',
  })
  @IsOptional()
  @IsIn(EXPORT_LANGUAGES, { message: 'lang must be ja or en' })
  lang?: (typeof EXPORT_LANGUAGES)[number];
}
