import { ArrayMaxSize, IsArray, IsInt, Max, Min } from 'class-validator';

export class ReminderPolicyDto {
  /** Days before the due date on which to remind, e.g. [7, 3, 1]. */
  @IsArray()
  @ArrayMaxSize(10)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(90, { each: true })
  beforeDays!: number[];

  @IsInt()
  @Min(1)
  @Max(30)
  overdueEveryDays!: number;

  @IsInt()
  @Min(0)
  @Max(10)
  escalateAfterOverdue!: number;
}
