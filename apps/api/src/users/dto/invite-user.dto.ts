import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import { USER_ROLES, type UserRole } from '@kakehashi/database';
import { Trim } from '../../common/text.transforms';
import {
  NormalizeEmail,
  USER_LIMITS,
  USER_LOCALES,
  type UserLocale,
  SINGLE_LINE,
  SINGLE_LINE_MESSAGE,
} from './user-fields';

export class InviteUserDto {
  @ApiProperty({
    example: 'sato@example.co.jp',
    maxLength: USER_LIMITS.email,
    description: 'Their login; unique in the organization (else 409). Stored lower-cased',
  })
  @NormalizeEmail()
  @IsEmail({}, { message: '$property must be an email address' })
  @MaxLength(USER_LIMITS.email)
  email!: string;

  @ApiProperty({ example: '佐藤 花子', maxLength: USER_LIMITS.displayName })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(USER_LIMITS.displayName)
  @Matches(SINGLE_LINE, { message: SINGLE_LINE_MESSAGE })
  displayName!: string;

  @ApiProperty({ enum: USER_ROLES })
  @IsIn(USER_ROLES)
  role!: UserRole;

  @ApiPropertyOptional({
    enum: USER_LOCALES,
    default: 'ja',
    description: 'Language of their mail (the invitation first)',
  })
  @IsOptional()
  @IsIn(USER_LOCALES)
  locale?: UserLocale;
}
