import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class ReopenAssessmentDto {
  @ApiProperty({
    description: 'What the supplier should revise; shown on the questionnaire and mailed',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  message!: string;
}
