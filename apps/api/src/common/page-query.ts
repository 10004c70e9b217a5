import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional, ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/**
 * The highest page a list serves. Far past any real list, and it keeps the row offset
 * (page × pageSize) well inside PostgreSQL's bigint: an unbounded page overflows it (a 500).
 */
export const MAX_PAGE = 100_000;

/** The OpenAPI description of `?page=`. */
export const PAGE_PROPERTY: ApiPropertyOptions = {
  type: 'integer',
  minimum: 1,
  maximum: MAX_PAGE,
  default: 1,
};

/**
 * The validation of `?page=` (1-based), the same for every paged list: PageQuery carries it, and
 * a list query that cannot extend PageQuery puts it on its own `page`.
 */
export function PageNumber(): PropertyDecorator {
  return applyDecorators(
    IsOptional(),
    Type(() => Number),
    IsInt({ message: 'page must be a whole number' }),
    Min(1, { message: 'page must be at least 1' }),
    Max(MAX_PAGE, { message: `page must be at most ${MAX_PAGE}` }),
  );
}

/** `?page=&pageSize=` of a paged list (1-based; 50 a page unless asked, at most 200). */
export class PageQuery {
  @ApiPropertyOptional(PAGE_PROPERTY)
  @PageNumber()
  page?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize?: number;
}
