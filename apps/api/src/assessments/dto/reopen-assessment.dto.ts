import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { Trim } from '../../common/text.transforms';

export class ReopenAssessmentDto {
  @ApiProperty({
    minLength: 1,
    maxLength: 2000,
    example: '設問 3-2 の回答について、根拠となる規程を証跡として添付してください。',
    description:
      'What the supplier should revise (trimmed; blank is refused); shown on the questionnaire and mailed',
  })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  message!: string;
}
