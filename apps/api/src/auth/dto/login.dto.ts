import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'ciso@demo.kakehashi.example' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password!: string;
}

export class LoginResponseDto {
  @ApiProperty()
  accessToken!: string;
}

/** The signed-in user (GET /me). */
export class MeResponseDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'ciso@demo.kakehashi.example' })
  email!: string;

  @ApiProperty({ example: '情報セキュリティ 太郎' })
  displayName!: string;

  @ApiProperty({ enum: ['admin', 'procurement', 'ciso', 'auditor'] })
  role!: string;

  @ApiProperty({ enum: ['ja', 'en'] })
  locale!: string;

  @ApiProperty({ format: 'uuid' })
  organizationId!: string;
}
