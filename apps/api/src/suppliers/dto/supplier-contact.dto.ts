import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  registerDecorator,
  ValidateNested,
  ValidationArguments,
} from 'class-validator';
import type { ContactLanguage } from '@kakehashi/database';
import { Trim } from '../../common/text.transforms';

export const CONTACT_LIMITS = { name: 200, email: 320 } as const;

export class SupplierContactDto {
  @ApiProperty({ example: '山田 太郎', maxLength: CONTACT_LIMITS.name })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(CONTACT_LIMITS.name)
  name!: string;

  /** Full-width characters an IME leaves in an address (＠, ｙ) are folded to ASCII. */
  @ApiProperty({
    example: 'yamada@example.co.jp',
    maxLength: CONTACT_LIMITS.email,
    description: 'Full-width characters (＠, ｙ) are folded to ASCII',
  })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.normalize('NFKC').trim() : value,
  )
  // $property only: the ValidationPipe puts the path in front ("contacts.0.email ...").
  @IsEmail({}, { message: '$property must be an email address' })
  @MaxLength(CONTACT_LIMITS.email)
  email!: string;

  @ApiPropertyOptional({
    enum: ['ja', 'en'],
    default: 'ja',
    description: 'Language of the mail this contact receives',
  })
  @IsOptional()
  @IsIn(['ja', 'en'])
  language?: ContactLanguage;

  /** Optional when there is a single contact (it is then the primary one). */
  @ApiPropertyOptional({
    type: Boolean,
    description: 'Exactly one contact is primary; optional when there is a single contact',
  })
  @IsOptional()
  @IsBoolean()
  isPrimary?: boolean;
}

const isContact = (value: unknown) =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Validates each contact and names an entry that is not an object by its position
 * ("contacts.0 must be an object with name and email"). class-validator's own refusal of such an
 * entry cannot say which one it is ("contacts.each value in nested property …"), so the entry is
 * set aside before validation (made `undefined`, which nested validation skips) and refused here.
 */
export function ValidateContacts(): PropertyDecorator {
  const setAside = Transform(({ value }: { value: unknown }) =>
    Array.isArray(value) ? value.map((v) => (isContact(v) ? v : undefined)) : value,
  );
  const nested = ValidateNested({
    each: true,
    message: '$property must be an array of objects with name and email',
  });
  return (target, propertyName) => {
    setAside(target, propertyName);
    nested(target, propertyName);
    registerDecorator({
      name: 'contactObjects',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => !Array.isArray(value) || value.every(isContact),
        defaultMessage: (args?: ValidationArguments) => {
          const value = (args?.value ?? []) as unknown[];
          const positions = value.flatMap((v, i) =>
            isContact(v) ? [] : [`${args?.property}.${i}`],
          );
          return `${positions.join(', ')} must be ${positions.length > 1 ? 'objects' : 'an object'} with name and email`;
        },
      },
    });
  };
}
