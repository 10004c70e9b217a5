import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { ASSESSMENT_STATUSES } from '@kakehashi/database';

export class PageQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page = 1;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  pageSize = 50;
}

export class CampaignListQueryDto extends PageQueryDto {
  @IsOptional()
  @IsIn(['draft', 'launched', 'closed'])
  status?: 'draft' | 'launched' | 'closed';
}

export class AssessmentListQueryDto extends PageQueryDto {
  @IsOptional()
  @IsIn(ASSESSMENT_STATUSES)
  status?: (typeof ASSESSMENT_STATUSES)[number];
}
