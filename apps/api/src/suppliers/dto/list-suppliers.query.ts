import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import type { SizeClass } from '@kakehashi/database';

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

export class ListSuppliersQuery {
  @ApiPropertyOptional({ description: 'Matches name, romanised name or 法人番号' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 3 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3)
  criticality?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  category?: string;

  @ApiPropertyOptional({ enum: ['sme', 'large'] })
  @IsOptional()
  @IsIn(['sme', 'large'])
  sizeClass?: SizeClass;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  tag?: string;

  @ApiPropertyOptional({ enum: SUPPLIER_SORTS, default: 'name' })
  @IsOptional()
  @IsIn(SUPPLIER_SORTS)
  sort?: SupplierSort;

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize?: number;
}
