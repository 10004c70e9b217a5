import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { PAGE_PROPERTY, PageNumber } from '../../common/page-query';
import { ASSESSMENT_FILTERS, type AssessmentFilter } from '../assessment-filter';

/** The shared page number; campaign lists allow larger pages (up to 500) than PageQuery. */
export class PageQueryDto {
  @ApiPropertyOptional(PAGE_PROPERTY)
  @PageNumber()
  page = 1;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  pageSize = 50;
}

export const CAMPAIGN_STATUSES = ['draft', 'launched', 'closed'] as const;

export class CampaignListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CAMPAIGN_STATUSES, description: 'Only campaigns in this status' })
  @IsOptional()
  @IsIn(CAMPAIGN_STATUSES)
  status?: (typeof CAMPAIGN_STATUSES)[number];
}

export class AssessmentListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    enum: ASSESSMENT_FILTERS,
    description:
      'Only assessments in this status; `open`: not submitted yet (invited, opened, in_progress); ' +
      '`overdue`: open while the launched campaign is past its due date (Asia/Tokyo)',
  })
  @IsOptional()
  @IsIn(ASSESSMENT_FILTERS)
  status?: AssessmentFilter;

  @ApiPropertyOptional({
    maxLength: 200,
    description:
      'Search by supplier name (or romanised name), 法人番号 or contact email, as the supplier ' +
      'registry searches (full-width and half-width, 異体字 alike)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}
