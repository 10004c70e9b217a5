import { ApiProperty } from '@nestjs/swagger';
import type { RemindResult } from './remind-assessment.use-case';

// The answer of POST /assessments/:id/remind, for the OpenAPI document only.

export class RemindedResponse implements RemindResult {
  @ApiProperty({ format: 'uuid' })
  assessmentId!: string;

  @ApiProperty({
    example: 'yamada@example.co.jp',
    description: "The supplier's primary contact, to whom the reminder is sent",
  })
  to!: string;

  @ApiProperty({
    example: 'remind-now:3f0c2a4e-8d4b-4c1e-9a57-1d2b3c4d5e6f:2026-11-30',
    description: 'Unique per assessment and Tokyo day: the mail is sent once that day',
  })
  messageKey!: string;
}
