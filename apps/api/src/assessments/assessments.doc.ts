import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ASSESSMENT_STATUSES } from '@kakehashi/database';
import { LocalizedTextResponse } from '../common/api-responses.doc';

// Response shapes of the assessments API, for the OpenAPI document only.

class AssessmentFinding {
  @ApiProperty({ example: 'DIRECTIVE_WEAK' })
  code!: string;

  @ApiProperty({ enum: ['info', 'low', 'medium', 'high', 'critical'] })
  severity!: string;

  @ApiProperty({ type: 'integer', isArray: true, description: 'Related directives 1–10' })
  directives!: number[];

  @ApiProperty({ type: LocalizedTextResponse })
  message!: LocalizedTextResponse;
}

class AssessmentScoreResponse {
  @ApiProperty({ enum: ['scored', 'incomplete'] })
  status!: string;

  @ApiProperty({ type: 'integer', description: 'The submission this score belongs to' })
  submission!: number;

  @ApiProperty({ minimum: 0, maximum: 100, description: 'Higher is riskier' })
  riskScore!: number;

  @ApiProperty({ enum: ['low', 'medium', 'high', 'critical'] })
  tier!: string;

  @ApiProperty({
    type: 'number',
    isArray: true,
    minItems: 10,
    maxItems: 10,
    description: 'Maturity 1.0–5.0 per directive 1–10',
  })
  directiveMaturity!: number[];

  @ApiProperty({
    type: 'object',
    nullable: true,
    additionalProperties: true,
    description: 'SECURITY ACTION declared and its consistency with the self-check',
  })
  securityAction!: unknown;

  @ApiProperty({ type: [AssessmentFinding] })
  findings!: AssessmentFinding[];
}

export class AssessmentResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ASSESSMENT_STATUSES })
  status!: string;

  @ApiProperty({ format: 'uuid' })
  supplierId!: string;

  @ApiProperty({ format: 'uuid' })
  campaignId!: string;

  @ApiProperty({ example: 'meti-v3.0+sa-3.1' })
  catalogVersion!: string;

  @ApiProperty({ type: 'integer', description: 'Answer version (optimistic locking)' })
  version!: number;

  @ApiProperty({ type: 'integer' })
  submissionCount!: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  submittedAt!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The message of the last reopen' })
  reopenMessage!: string | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Answers by item id',
  })
  answers!: object;

  @ApiPropertyOptional({
    type: AssessmentScoreResponse,
    description: 'The latest score, once one exists',
  })
  score?: AssessmentScoreResponse;
}

export class RevokedLinksResponse {
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description: 'How many links stopped working (0 when none was working any more)',
  })
  revoked!: number;
}
