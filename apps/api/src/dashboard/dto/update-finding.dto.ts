import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';

export const FINDING_STATUSES = ['open', 'accepted', 'remediated'] as const;

export class UpdateFindingDto {
  @ApiProperty({
    enum: FINDING_STATUSES,
    example: 'accepted',
    description: 'accepted: the risk is accepted; remediated: fixed; open: again to handle',
  })
  @IsIn(FINDING_STATUSES, { message: 'status must be open, accepted or remediated' })
  status!: (typeof FINDING_STATUSES)[number];
}
