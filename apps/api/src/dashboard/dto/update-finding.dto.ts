import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export const FINDING_NOTE_MAX = 500;

export const FINDING_STATUSES = ['open', 'accepted', 'remediated'] as const;

export class UpdateFindingDto {
  @ApiProperty({
    enum: FINDING_STATUSES,
    example: 'accepted',
    description: 'accepted: the risk is accepted; remediated: fixed; open: again to handle',
  })
  @IsIn(FINDING_STATUSES, { message: 'status must be open, accepted or remediated' })
  status!: (typeof FINDING_STATUSES)[number];

  @ApiPropertyOptional({
    maxLength: FINDING_NOTE_MAX,
    example: '代替策（閉域網）で受容。2027年3月に再確認',
    description: 'Why (e.g. why the risk is accepted); kept with the change in the audit trail',
  })
  @IsOptional()
  @IsString({ message: 'note must be text' })
  @MaxLength(FINDING_NOTE_MAX, { message: `note must be at most ${FINDING_NOTE_MAX} characters` })
  note?: string;
}
