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
  ValidateNested,
} from 'class-validator';
import type { SizeClass } from '@kakehashi/database';
import { IsCorporateNumber } from './is-corporate-number.validator';
import { SupplierContactDto } from './supplier-contact.dto';

/** Fields shared by create and update; `null` clears an optional field. */
export class SupplierFieldsDto {
  @ApiPropertyOptional({ type: String, example: 'ABC Kabushiki Kaisha', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  nameRomaji?: string | null;

  @ApiPropertyOptional({ type: String, example: '7000012050002', nullable: true })
  @IsOptional()
  @IsCorporateNumber()
  corporateNumber?: string | null;

  @ApiPropertyOptional({ enum: ['sme', 'large'], nullable: true })
  @IsOptional()
  @IsIn(['sme', 'large'])
  sizeClass?: SizeClass | null;

  @ApiPropertyOptional({ minimum: 1, maximum: 3, default: 2 })
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

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  category?: string | null;

  @ApiPropertyOptional({ type: [String] })
  @ValidateIf((_, value) => value !== undefined)
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  ownerId?: string | null;
}

export class CreateSupplierDto extends SupplierFieldsDto {
  @ApiProperty({ example: 'ABC株式会社' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ type: [SupplierContactDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => SupplierContactDto)
  contacts!: SupplierContactDto[];
}

/** PATCH: any field; `contacts`, when given, replaces the whole list. */
export class UpdateSupplierDto extends SupplierFieldsDto {
  @ApiPropertyOptional({ example: 'ABC株式会社' })
  @ValidateIf((_, value) => value !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ type: [SupplierContactDto] })
  @ValidateIf((_, value) => value !== undefined)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => SupplierContactDto)
  contacts?: SupplierContactDto[];
}
