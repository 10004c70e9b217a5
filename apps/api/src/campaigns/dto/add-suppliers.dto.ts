import { ArrayMaxSize, ArrayMinSize, IsArray, IsUUID } from 'class-validator';
import { MAX_CAMPAIGN_SUPPLIERS } from './create-campaign.dto';

export class AddSuppliersDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_CAMPAIGN_SUPPLIERS)
  @IsUUID('all', { each: true })
  supplierIds!: string[];
}
