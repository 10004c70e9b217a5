import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsUUID } from 'class-validator';
import { MAX_CAMPAIGN_SUPPLIERS } from './create-campaign.dto';

export class AddSuppliersDto {
  @ApiProperty({
    type: String,
    format: 'uuid',
    isArray: true,
    minItems: 1,
    maxItems: MAX_CAMPAIGN_SUPPLIERS,
    example: ['0f8e2a4c-5b1d-4c3e-9a7f-2d6b8e1c4a90'],
    description:
      "Suppliers of the caller's organization; those already in the campaign are skipped",
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_CAMPAIGN_SUPPLIERS)
  @IsUUID('all', { each: true })
  supplierIds!: string[];
}
