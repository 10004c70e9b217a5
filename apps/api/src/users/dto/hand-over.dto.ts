import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

/** Who takes over a user's suppliers and open campaigns. */
export class HandOverDto {
  @ApiProperty({
    format: 'uuid',
    description:
      'An active procurement user or admin of the organization, not the user handing over',
  })
  @IsUUID('all', { message: 'toUserId must be the id of a user of this organization' })
  toUserId!: string;
}
