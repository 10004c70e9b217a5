import { ApiProperty } from '@nestjs/swagger';
import { PageResponse } from '../common/api-responses.doc';

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

export class AuditPageResponse extends PageResponse(AuditEventResponse, {
  items: { description: 'This page of events, newest first' },
  total: { description: 'Number of events that match, on every page' },
}) {}
