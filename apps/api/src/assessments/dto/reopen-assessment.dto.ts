import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class ReopenAssessmentDto {
  @ApiProperty({
    minLength: 1,
    maxLength: 2000,
    example: '設問 3-2 の回答について、根拠となる規程を証跡として添付してください。',
    description: 'What the supplier should revise; shown on the questionnaire and mailed',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  message!: string;
}
