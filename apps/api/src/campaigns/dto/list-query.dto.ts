import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { ASSESSMENT_STATUSES } from '@kakehashi/database';

export class PageQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
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
    enum: ASSESSMENT_STATUSES,
    description: 'Only assessments in this status',
  })
  @IsOptional()
  @IsIn(ASSESSMENT_STATUSES)
  status?: (typeof ASSESSMENT_STATUSES)[number];
}
