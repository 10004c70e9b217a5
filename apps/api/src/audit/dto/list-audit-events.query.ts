import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '../../common/page-query';

/** GET /api/v1/audit-events: paging and the action filter. */
export class ListAuditEventsQuery extends PageQuery {
  @ApiPropertyOptional({
    example: 'supplier.create',
    maxLength: 100,
    description: 'Only events with exactly this action',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  action?: string;
}
