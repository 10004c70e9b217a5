import { ApiProperty } from '@nestjs/swagger';

// Response shape of the audit API, for the OpenAPI document only.

class AuditEventResponse {
  @ApiProperty({ type: 'string', example: '1024' })
  id!: string;

  @ApiProperty({ enum: ['user', 'supplier', 'system', 'anonymous'] })
  actorType!: string;

  @ApiProperty({ type: String, nullable: true, description: 'User or supplier contact id' })
  actorId!: string | null;

  @ApiProperty({ example: 'supplier.create' })
  action!: string;

  @ApiProperty({ type: String, nullable: true, example: 'supplier' })
  targetType!: string | null;

  @ApiProperty({ type: String, nullable: true })
  targetId!: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true })
  details!: object;

  @ApiProperty({ type: String, nullable: true })
  ip!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class AuditPageResponse {
  @ApiProperty({ type: [AuditEventResponse], description: 'The latest 100 events, newest first' })
  items!: AuditEventResponse[];

  @ApiProperty({ type: 'integer', description: 'Number of items returned (at most 100)' })
  total!: number;

  @ApiProperty({ type: 'integer', enum: [1] })
  page!: number;

  @ApiProperty({ type: 'integer', enum: [100] })
  pageSize!: number;
}
