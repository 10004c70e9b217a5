import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

export const TIERS = ['low', 'medium', 'high', 'critical'] as const;
export type TierName = (typeof TIERS)[number];
export const SUPPLIER_SCOPES = ['mine', 'all'] as const;
export type SupplierScope = (typeof SUPPLIER_SCOPES)[number];

/** The dashboard's filters, shared by the summary, the list, the trends and the exports. */
export class DashboardFilterDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Only suppliers invited to this campaign (and its assessments)',
  })
  @IsOptional()
  @IsUUID('all', { message: 'campaign must be a campaign id' })
  campaign?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 3 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'criticality must be 1, 2 or 3' })
  @Min(1, { message: 'criticality must be 1, 2 or 3' })
  @Max(3, { message: 'criticality must be 1, 2 or 3' })
  criticality?: number;

  @ApiPropertyOptional({ maxLength: 200, example: '製造' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  category?: string;

  @ApiPropertyOptional({ enum: ['sme', 'large'] })
  @IsOptional()
  @IsIn(['sme', 'large'], { message: 'sizeClass must be sme or large' })
  sizeClass?: 'sme' | 'large';

  @ApiPropertyOptional({ enum: TIERS })
  @IsOptional()
  @IsIn(TIERS, { message: 'tier must be low, medium, high or critical' })
  tier?: TierName;

  @ApiPropertyOptional({
    description: 'Suppliers owned by this user id, or by the caller with "me"',
    example: 'me',
  })
  @IsOptional()
  @Matches(/^(me|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, {
    message: 'owner must be a user id or "me"',
  })
  owner?: string;

  @ApiPropertyOptional({
    enum: SUPPLIER_SCOPES,
    description:
      'Procurement: only the suppliers it owns (mine) or the whole organization (all). ' +
      'Default: mine if it owns any supplier, else all. Other roles always see all.',
  })
  @IsOptional()
  @IsIn(SUPPLIER_SCOPES, { message: 'scope must be mine or all' })
  scope?: SupplierScope;
}
