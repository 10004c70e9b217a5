import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import type { SizeClass } from '@kakehashi/database';
import { Trim, TrimToNull } from '../../common/text.transforms';
import { IsCorporateNumber } from './is-corporate-number.validator';
import { SupplierContactDto, ValidateContacts } from './supplier-contact.dto';
import { NormalizeCategory, NormalizeCorporateNumber, NormalizeTags } from './text.transforms';

/** Length limits, shared with the console form's messages. */
export const SUPPLIER_LIMITS = {
  name: 200,
  nameRomaji: 200,
  category: 100,
  tags: 50,
  tagLength: 50,
  contacts: 20,
} as const;

/** Fields shared by create and update; `null` clears an optional field. */
export class SupplierFieldsDto {
  @ApiPropertyOptional({
    type: String,
    example: 'ABC Kabushiki Kaisha',
    nullable: true,
    maxLength: SUPPLIER_LIMITS.nameRomaji,
  })
  @TrimToNull()
  @IsOptional()
  @IsString()
  @MaxLength(SUPPLIER_LIMITS.nameRomaji)
  nameRomaji?: string | null;

  @ApiPropertyOptional({
    type: String,
    example: '7000012050002',
    nullable: true,
    description:
      '法人番号: 13 digits, the first a check digit; full-width digits, hyphens, dashes and ' +
      'spaces are removed before the check. Registered once per organization (else 409)',
  })
  @NormalizeCorporateNumber()
  @IsOptional()
  @IsCorporateNumber()
  corporateNumber?: string | null;

  @ApiPropertyOptional({ enum: ['sme', 'large'], nullable: true })
  @IsOptional()
  @IsIn(['sme', 'large'])
  sizeClass?: SizeClass | null;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 3,
    default: 2,
    description: 'How much the business depends on the supplier (3: most)',
  })
  @ValidateIf((_, value) => value !== undefined)
  @IsInt()
  @Min(1)
  @Max(3)
  criticality?: number;

  @ApiPropertyOptional({ type: Boolean, nullable: true })
  @IsOptional()
  @IsBoolean()
  handlesConfidentialData?: boolean | null;

  @ApiPropertyOptional({ type: Boolean, nullable: true })
  @IsOptional()
  @IsBoolean()
  outageImpact?: boolean | null;

  @ApiPropertyOptional({ type: Boolean, nullable: true })
  @IsOptional()
  @IsBoolean()
  networkAccess?: boolean | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: SUPPLIER_LIMITS.category,
    example: '製造',
    description: 'Full-width letters and digits are folded (NFKC): ＩＴ is stored as IT',
  })
  @NormalizeCategory()
  @IsOptional()
  @IsString()
  @MaxLength(SUPPLIER_LIMITS.category)
  category?: string | null;

  @ApiPropertyOptional({
    type: [String],
    maxItems: SUPPLIER_LIMITS.tags,
    example: ['重要取引先'],
    description: `Each tag is NFKC-normalised (ＩＴ is IT) and trimmed (at most ${SUPPLIER_LIMITS.tagLength} characters); blank and repeated tags are dropped`,
  })
  @NormalizeTags()
  @ValidateIf((_, value) => value !== undefined)
  @IsArray()
  @ArrayMaxSize(SUPPLIER_LIMITS.tags)
  @IsString({ each: true })
  @MaxLength(SUPPLIER_LIMITS.tagLength, { each: true })
  tags?: string[];

  /**
   * An active procurement user or admin. Omitted on create: a procurement user becomes the owner
   * of what it registers. `null` means no owner.
   */
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description:
      'An active procurement user or admin of the organization; null: no owner. ' +
      'Omitted on create: the procurement user registering it',
  })
  @IsOptional()
  @IsUUID()
  ownerId?: string | null;
}

export class CreateSupplierDto extends SupplierFieldsDto {
  @ApiProperty({ example: 'ABC株式会社', maxLength: SUPPLIER_LIMITS.name })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(SUPPLIER_LIMITS.name)
  name!: string;

  @ApiProperty({
    type: [SupplierContactDto],
    minItems: 1,
    maxItems: SUPPLIER_LIMITS.contacts,
    description: 'Exactly one primary contact (a single contact is primary by default)',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SUPPLIER_LIMITS.contacts)
  @ValidateContacts()
  @Type(() => SupplierContactDto)
  contacts!: SupplierContactDto[];
}

/** PATCH: any field; `contacts`, when given, replaces the whole list. */
export class UpdateSupplierDto extends SupplierFieldsDto {
  @ApiPropertyOptional({ example: 'ABC株式会社', maxLength: SUPPLIER_LIMITS.name })
  @Trim()
  @ValidateIf((_, value) => value !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(SUPPLIER_LIMITS.name)
  name?: string;

  @ApiPropertyOptional({
    type: [SupplierContactDto],
    minItems: 1,
    maxItems: SUPPLIER_LIMITS.contacts,
    description: 'Replaces the whole list; exactly one primary contact',
  })
  @ValidateIf((_, value) => value !== undefined)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SUPPLIER_LIMITS.contacts)
  @ValidateContacts()
  @Type(() => SupplierContactDto)
  contacts?: SupplierContactDto[];
}
