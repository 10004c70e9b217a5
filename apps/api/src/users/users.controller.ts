import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AuthenticatedUser, CurrentUser, Roles } from '@kakehashi/auth';
import { ApiBuyerSession, ApiErrors } from '../common/api-responses.doc';
import { resourceId } from '../common/id-param';
import { HandOverDto } from './dto/hand-over.dto';
import { InviteUserDto } from './dto/invite-user.dto';
import { ListUsersQuery } from './dto/list-users.query';
import { UpdateUserDto } from './dto/update-user.dto';
import { HandOverResult, ManageUsersService } from './manage-users.service';
import { HandOverResponse, UserPageResponse, UserResponse } from './users.doc';
import { UsersService } from './users.service';
import { UserView } from './user.view';

const notFoundUnlessUuid = resourceId('User');

const USER_ID = { name: 'id', format: 'uuid', description: 'User id' } as const;
const ADMIN_ONLY = 'Only an admin of the organization manages its users';
const NOT_FOUND = "No user with this id in the caller's organization";
const LAST_ADMIN =
  'code last_admin: the change would leave the organization without an active admin';

/** A tenant admin manages the organization's buyer users (the console has the same at /console/users). */
@ApiTags('users')
@ApiBuyerSession()
@Roles('admin')
@Controller('users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly manage: ManageUsersService,
  ) {}

  @Get()
  @ApiOperation({ summary: "The organization's users, by name" })
  @ApiOkResponse({ type: UserPageResponse })
  @ApiErrors({ 400: 'A query parameter is invalid', 403: ADMIN_ONLY })
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: ListUsersQuery,
  ): Promise<{ items: UserView[]; total: number; page: number; pageSize: number }> {
    return this.users.list(user.organizationId, query);
  }

  @Post()
  @ApiOperation({
    summary: 'Invite a user',
    description:
      'Mails them (in their locale) a link to set a password; it works once, for 72 hours. ' +
      'They cannot log in before.',
  })
  @ApiCreatedResponse({ type: UserResponse, description: 'The user, with status invited' })
  @ApiErrors({
    400: 'A field is missing or invalid; the message names it',
    403: ADMIN_ONLY,
    409: 'code email_taken: the address is already a user of the organization',
  })
  invite(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: InviteUserDto,
    @Req() request: FastifyRequest,
  ): Promise<UserView> {
    return this.manage.invite(user, body, request.ip);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One user' })
  @ApiParam(USER_ID)
  @ApiOkResponse({ type: UserResponse })
  @ApiErrors({ 403: ADMIN_ONLY, 404: NOT_FOUND })
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', notFoundUnlessUuid) id: string,
  ): Promise<UserView> {
    return this.users.get(user.organizationId, id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change, deactivate or reactivate a user',
    description:
      'Fields left out keep their value. A new role applies to their open sessions at once; ' +
      '`active: false` ends every session of theirs and refuses their login until `active: true`. ' +
      'A user who owns suppliers or open campaigns keeps a role that can own them (procurement, ' +
      'admin) unless `handoverToUserId` hands them over in the same transaction.',
  })
  @ApiParam(USER_ID)
  @ApiOkResponse({ type: UserResponse, description: 'The user after the change' })
  @ApiErrors({
    400:
      'A field is invalid, or handoverToUserId is the same user or not an active procurement ' +
      'user or admin of the organization; the message names it',
    403: ADMIN_ONLY,
    404: NOT_FOUND,
    409:
      `${LAST_ADMIN}; code owns_work: the new role (ciso, auditor) cannot own the suppliers and ` +
      'open campaigns the user owns, counted in `suppliers` and `campaigns`: hand them over ' +
      'first or send handoverToUserId',
  })
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', notFoundUnlessUuid) id: string,
    @Body() body: UpdateUserDto,
    @Req() request: FastifyRequest,
  ): Promise<UserView> {
    return this.manage.update(user, id, body, request.ip);
  }

  @Post(':id/invitation')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Send the invitation again',
    description: 'A fresh link (72 hours); the links sent before stop working.',
  })
  @ApiParam(USER_ID)
  @ApiOkResponse({ type: UserResponse })
  @ApiErrors({
    403: ADMIN_ONLY,
    404: NOT_FOUND,
    409:
      'code password_already_set: the user has set a password already; ' +
      'code deactivated: reactivate the user first',
  })
  resendInvitation(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', notFoundUnlessUuid) id: string,
    @Req() request: FastifyRequest,
  ): Promise<UserView> {
    return this.manage.resendInvitation(user, id, request.ip);
  }

  @Post(':id/handover')
  @HttpCode(200)
  @ApiOperation({
    summary: "Hand a user's suppliers and open campaigns to another user",
    description:
      'Every supplier the user owns, and every campaign of theirs not closed, passes to `toUserId` ' +
      '(an active procurement user or admin): their dashboard, alerts, escalations and overdue ' +
      'digests follow. Closed campaigns keep their owner. Typically before deactivating someone.',
  })
  @ApiParam(USER_ID)
  @ApiOkResponse({ type: HandOverResponse, description: 'How many of each were handed over' })
  @ApiErrors({
    400: 'toUserId is missing, the same user, or not an active procurement user or admin of the organization',
    403: ADMIN_ONLY,
    404: NOT_FOUND,
  })
  handOver(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', notFoundUnlessUuid) id: string,
    @Body() body: HandOverDto,
    @Req() request: FastifyRequest,
  ): Promise<HandOverResult> {
    return this.manage.handOver(user, id, body.toUserId, request.ip);
  }
}
