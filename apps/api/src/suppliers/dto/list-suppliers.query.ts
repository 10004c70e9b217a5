import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import type { SizeClass } from '@kakehashi/database';
import { PageQuery } from '../../common/page-query';

export const SUPPLIER_SORTS = [
  'name',
  '-name',
  'criticality',
  '-criticality',
  'createdAt',
  '-createdAt',
  'updatedAt',
  '-updatedAt',
] as const;
export type SupplierSort = (typeof SUPPLIER_SORTS)[number];

export class ListSuppliersQuery extends PageQuery {
  @ApiPropertyOptional({
    maxLength: 200,
    example: '製作所',
    description: 'Matches name, romanised name or 法人番号',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 3 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3)
  criticality?: number;

  @ApiPropertyOptional({ example: '製造', description: 'Exact category' })
  @IsOptional()
  @IsString()
  category?: string;

  @ApiPropertyOptional({ enum: ['sme', 'large'] })
  @IsOptional()
  @IsIn(['sme', 'large'])
  sizeClass?: SizeClass;

  @ApiPropertyOptional({ format: 'uuid', description: 'Suppliers owned by this user' })
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @ApiPropertyOptional({ example: '重要取引先', description: 'Suppliers carrying this tag' })
  @IsOptional()
  @IsString()
  tag?: string;

  @ApiPropertyOptional({
    enum: SUPPLIER_SORTS,
    default: 'name',
    description: 'A leading "-" sorts descending',
  })
  @IsOptional()
  @IsIn(SUPPLIER_SORTS)
  sort?: SupplierSort;
}

/** The registry's filters, without paging or order. */
export type SupplierFilters = Pick<
  ListSuppliersQuery,
  'q' | 'criticality' | 'category' | 'sizeClass' | 'ownerId' | 'tag'
>;
