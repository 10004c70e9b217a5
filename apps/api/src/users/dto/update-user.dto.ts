import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsString,
  IsUUID,
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

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Hands every supplier and every campaign not closed that the user owns to this user ' +
      '(an active procurement user or admin of the organization, not the user changed), in the ' +
      'same transaction as the change: as POST /users/{id}/handover, and nothing changes if ' +
      'either is refused. Needed to give a user who owns any a role that cannot own them ' +
      '(ciso, auditor); also usable with `active: false`',
  })
  @IfPresent()
  @IsUUID('all', { message: 'handoverToUserId must be the id of a user of this organization' })
  handoverToUserId?: string;
}
