import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { USER_ROLES, type UserRole } from '@kakehashi/database';
import { Trim } from '../../common/text.transforms';
import {
  USER_LIMITS,
  USER_LOCALES,
  type UserLocale,
  SINGLE_LINE,
  SINGLE_LINE_MESSAGE,
} from './user-fields';

/** Left out: unchanged. null is refused like any other wrong value (these fields are never empty). */
const IfPresent = () => ValidateIf((_: object, value: unknown) => value !== undefined);

/** A partial update: fields left out keep their value. */
export class UpdateUserDto {
  @ApiPropertyOptional({ example: '佐藤 花子', maxLength: USER_LIMITS.displayName })
  @IfPresent()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(USER_LIMITS.displayName)
  @Matches(SINGLE_LINE, { message: SINGLE_LINE_MESSAGE })
  displayName?: string;

  @ApiPropertyOptional({
    enum: USER_ROLES,
    description: 'Applies to their open sessions at once',
  })
  @IfPresent()
  @IsIn(USER_ROLES)
  role?: UserRole;

  @ApiPropertyOptional({ enum: USER_LOCALES, description: 'Language of their mail' })
  @IfPresent()
  @IsIn(USER_LOCALES)
  locale?: UserLocale;

  @ApiPropertyOptional({
    type: Boolean,
    description:
      'false deactivates the user: every session of theirs ends at once, login is refused and ' +
      'open invitation links stop working; true lets them log in again',
  })
  @IfPresent()
  @IsBoolean()
  active?: boolean;
}
