import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { PAGE_PROPERTY, PageNumber } from '../../common/page-query';
import { DashboardFilterDto } from './dashboard-filter.dto';

export const SUPPLIER_SORTS = ['risk', 'criticality', 'name'] as const;
export type SupplierSort = (typeof SUPPLIER_SORTS)[number];

/** The list's page size, validated the same wherever it is accepted. */
const PageSizeValidation = () =>
  applyDecorators(
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(200, { message: 'pageSize must be at most 200' }),
  );

/** The filters and the order of the supplier rows: the heatmap list and the exports. */
export class SupplierOrderQueryDto extends DashboardFilterDto {
  @ApiPropertyOptional({ enum: SUPPLIER_SORTS, default: 'risk' })
  @IsOptional()
  @IsIn(SUPPLIER_SORTS, { message: 'sort must be risk, criticality or name' })
  sort?: SupplierSort;

  @ApiPropertyOptional({ enum: ['asc', 'desc'], description: 'default: desc, name asc' })
  @IsOptional()
  @IsIn(['asc', 'desc'], { message: 'order must be asc or desc' })
  order?: 'asc' | 'desc';
}

export class SupplierListQueryDto extends SupplierOrderQueryDto {
  @ApiPropertyOptional(PAGE_PROPERTY)
  @PageNumber()
  page?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 200, default: 50 })
  @PageSizeValidation()
  pageSize?: number;
}

/**
 * The exports hold every matching row. page and pageSize are still accepted (and validated as
 * for the list, so a link copied from the list keeps working) but ignored, hence undocumented.
 */
export class DashboardExportQueryDto extends SupplierOrderQueryDto {
  @PageNumber()
  page?: number;

  @PageSizeValidation()
  pageSize?: number;
}
