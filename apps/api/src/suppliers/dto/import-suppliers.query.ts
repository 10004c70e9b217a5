import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class ImportSuppliersQuery {
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    default: 'false',
    description: 'true: validate and count, write nothing',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  dryRun?: 'true' | 'false';

  @ApiPropertyOptional({
    enum: ['all', 'valid-only'],
    default: 'all',
    description:
      'all (default): any rejected row imports nothing; valid-only: import the good rows',
  })
  @IsOptional()
  @IsIn(['all', 'valid-only'])
  mode?: 'all' | 'valid-only';
}

export class ImportTemplateQuery {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx'], default: 'csv' })
  @IsOptional()
  @IsIn(['csv', 'xlsx'])
  format?: 'csv' | 'xlsx';
}
