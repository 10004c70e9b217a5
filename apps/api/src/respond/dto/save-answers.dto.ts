import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsObject, Min } from 'class-validator';
import type { Answers } from '@kakehashi/domain';

export class SaveAnswersDto {
  @ApiProperty({ description: 'The version last read; a stale one gets 409' })
  @IsInt()
  @Min(0)
  version!: number;

  @ApiProperty({
    description: 'Partial answers by item id; null clears an answer',
    type: 'object',
    additionalProperties: true,
  })
  @IsObject()
  answers!: Answers;
}
