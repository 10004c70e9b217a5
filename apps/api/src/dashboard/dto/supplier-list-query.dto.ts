import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { DashboardFilterDto } from './dashboard-filter.dto';

export const SUPPLIER_SORTS = ['risk', 'criticality', 'name'] as const;
export type SupplierSort = (typeof SUPPLIER_SORTS)[number];

export class SupplierListQueryDto extends DashboardFilterDto {
  @ApiPropertyOptional({ enum: SUPPLIER_SORTS, default: 'risk' })
  @IsOptional()
  @IsIn(SUPPLIER_SORTS, { message: 'sort must be risk, criticality or name' })
  sort?: SupplierSort;

  @ApiPropertyOptional({ enum: ['asc', 'desc'], description: 'default: desc, name asc' })
  @IsOptional()
  @IsIn(['asc', 'desc'], { message: 'order must be asc or desc' })
  order?: 'asc' | 'desc';

  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200, { message: 'pageSize must be at most 200' })
  pageSize?: number;
}
