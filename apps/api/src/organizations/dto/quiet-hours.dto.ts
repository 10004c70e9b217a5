import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';
import { IsAfterStartHour, IsHour } from './settings-validators';

/** Asia/Tokyo hours [startHour, endHour) in which reminders may go out. */
export class QuietHoursDto {
  @ApiProperty({ minimum: 0, maximum: 23, example: 9, description: 'First hour (Tokyo) included' })
  @IsHour({ min: 0, max: 23 })
  startHour!: number;

  @ApiProperty({ minimum: 1, maximum: 24, example: 18, description: 'First hour (Tokyo) excluded' })
  @IsHour({ min: 1, max: 24 })
  @IsAfterStartHour()
  endHour!: number;

  @ApiProperty({ example: true, description: 'Send on Monday to Friday only' })
  @IsBoolean({ message: '$property must be true or false' })
  weekdaysOnly!: boolean;
}
