import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
} from 'class-validator';
import type { ContactLanguage } from '@kakehashi/database';

export class SupplierContactDto {
  @ApiProperty({ example: '山田 太郎' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 'yamada@example.co.jp' })
  @IsEmail({}, { message: 'contacts.email must be an email address' })
  @MaxLength(320)
  email!: string;

  @ApiPropertyOptional({ enum: ['ja', 'en'], default: 'ja' })
  @IsOptional()
  @IsIn(['ja', 'en'])
  language?: ContactLanguage;

  /** Optional when there is a single contact (it is then the primary one). */
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  isPrimary?: boolean;
}
