import { ApiProperty } from '@nestjs/swagger';
import { USER_ROLES } from '@kakehashi/database';
import { PageResponse } from '../common/api-responses.doc';
import type { UserView } from './user.view';

// Response shapes of the users API, for the OpenAPI document only.

class UserInvitationResponse {
  @ApiProperty({ format: 'date-time', description: 'When the latest link was sent' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time', description: 'When that link stops working (72 hours)' })
  expiresAt!: string;

  @ApiProperty({ description: 'The link has expired: send a new one' })
  expired!: boolean;
}

export class HandOverResponse {
  @ApiProperty({ type: 'integer', description: 'Suppliers handed over' })
  suppliers!: number;

  @ApiProperty({ type: 'integer', description: 'Campaigns not closed handed over' })
  campaigns!: number;
}

export class UserResponse implements UserView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: 'integer', description: 'Suppliers this user owns' })
  ownedSuppliers!: number;

  @ApiProperty({ type: 'integer', description: 'Campaigns not closed that this user owns' })
  openCampaigns!: number;

  @ApiProperty({ example: 'sato@example.co.jp' })
  email!: string;

  @ApiProperty({ example: '佐藤 花子' })
  displayName!: string;

  @ApiProperty({ enum: USER_ROLES })
  role!: UserView['role'];

  @ApiProperty({ enum: ['ja', 'en'] })
  locale!: string;

  @ApiProperty({
    enum: ['active', 'invited', 'deactivated'],
    description: 'invited: has not set a password yet (cannot log in)',
  })
  status!: UserView['status'];

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastLoginAt!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  deactivatedAt!: string | null;

  @ApiProperty({
    type: UserInvitationResponse,
    nullable: true,
    description: 'The open invitation of an invited user',
  })
  invitation!: UserInvitationResponse | null;
}

export class UserPageResponse extends PageResponse(UserResponse) {}
