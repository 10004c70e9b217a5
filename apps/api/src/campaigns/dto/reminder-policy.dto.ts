import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, Max, Min } from 'class-validator';

export class ReminderPolicyDto {
  /** Days before the due date on which to remind, e.g. [7, 3, 1]. */
  @ApiProperty({
    type: 'integer',
    isArray: true,
    maxItems: 10,
    minimum: 1,
    maximum: 90,
    example: [7, 3, 1],
    description: 'Days before the due date on which to remind (each 1–90, at most 10)',
  })
  @IsArray()
  @ArrayMaxSize(10)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(90, { each: true })
  beforeDays!: number[];

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    maximum: 30,
    example: 3,
    description: 'Once overdue, remind every this many days',
  })
  @IsInt()
  @Min(1)
  @Max(30)
  overdueEveryDays!: number;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    maximum: 10,
    example: 2,
    description:
      'After this many overdue reminders the campaign owner gets an escalation digest; 0: never',
  })
  @IsInt()
  @Min(0)
  @Max(10)
  escalateAfterOverdue!: number;
}
