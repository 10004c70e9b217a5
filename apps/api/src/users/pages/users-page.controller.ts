import {
  BadRequestException,
  Controller,
  Get,
  HttpException,
  Post,
  Req,
  Res,
  UseFilters,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthenticatedUser, CurrentUser, Roles } from '@kakehashi/auth';
import { Environment } from '@kakehashi/config';
import { Locale, resolveLocale } from '../../console/console-locale';
import { renderConsolePage } from '../../console/console-page';
import { formRefusal } from '../../console/form-errors';
import { PageAuthFilter } from '../../console/page-auth.filter';
import { isSameOrigin } from '../../console/same-origin';
import { ManageUsersService } from '../manage-users.service';
import { userConflictCode } from '../user-errors';

import { UsersService } from '../users.service';
import {
  conflictMessage,
  EMPTY_INVITE,
  InviteFormErrors,
  InviteFormValues,
  readUserPagePost,
  toInviteDto,
  UserPagePost,
} from './user-forms';
import { USER_PAGE_NOTICES, UserPageNotice, usersPageData } from './users-page.presenter';
import { USERS_PAGE_TEXT } from './users-page-text';

/** The page lists them all: an organization's buyer users are a few dozen, not thousands. */
const SHOWN = 500;

/**
 * The console's user management for admins: the list, the invitation form and, per user, the
 * role, deactivation (confirmed by a tick) or reactivation, and a fresh invitation. Every form
 * posts here and runs the API's validation and services; refusals are told in the page's words.
 */
@ApiExcludeController()
@UseFilters(PageAuthFilter)
@Roles('admin')
@Controller('console/users')
export class UsersPageController {
  constructor(
    private readonly users: UsersService,
    private readonly manage: ManageUsersService,
    private readonly env: Environment,
  ) {}

  @Get()
  async show(
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const locale = resolveLocale(request, reply);
    const query = request.query as Record<string, unknown>;
    const kind = USER_PAGE_NOTICES.find((n) => n === query.done);
    const notice =
      kind && typeof query.user === 'string' ? { kind, userId: query.user } : undefined;
    await this.render(request, reply, { user, locale, notice });
  }

  @Post()
  async act(
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const locale = resolveLocale(request, reply);
    const text = USERS_PAGE_TEXT[locale];
    const post = readUserPagePost(request.body);
    const invite = post.action === 'invite' ? post.invite : EMPTY_INVITE;
    const page = { user, locale, invite };
    if (!isSameOrigin(request, this.env.APP_URL)) {
      return this.render(request, reply, { ...page, errors: [text.errors.otherSite], status: 403 });
    }
    if (post.action === 'invite') {
      const result = await toInviteDto(post.invite, text);
      if (!result.ok) {
        return this.render(request, reply, { ...page, inviteErrors: result.errors, status: 400 });
      }
      try {
        const created = await this.manage.invite(user, result.dto, request.ip);
        return this.done(reply, 'invited', created.id);
      } catch (error) {
        return this.refused(request, reply, { ...page, error, email: result.dto.email });
      }
    }
    if (!post.action) throw new BadRequestException('unknown action');
    // A user of another organization (or no user) answers the console's 404 page.
    const target = await this.users.get(user.organizationId, post.userId);
    const missing =
      post.action === 'role' && !post.role
        ? text.errors.role
        : post.action === 'deactivate' && !post.confirmed
          ? text.errors.confirm
          : null;
    if (missing) return this.render(request, reply, { ...page, errors: [missing], status: 400 });
    try {
      await this.rowAction(user, post, target.id, request.ip);
    } catch (error) {
      return this.refused(request, reply, { ...page, error, email: target.email });
    }
    // Acting on oneself can end one's own access to this page (a new role) or session
    // (deactivation): go where the person can still be, not to a 403 or a login loop.
    if (target.id === user.id && post.action === 'deactivate') {
      return void reply.redirect('/login', 303);
    }
    if (target.id === user.id && post.action === 'role' && post.role !== 'admin') {
      return void reply.redirect('/dashboard', 303);
    }
    await this.done(reply, ROW_NOTICE[post.action], target.id);
  }

  private async rowAction(
    user: AuthenticatedUser,
    post: UserPagePost,
    userId: string,
    ip: string,
  ): Promise<void> {
    switch (post.action) {
      case 'role':
        await this.manage.update(user, userId, { role: post.role ?? undefined }, ip);
        return;
      case 'deactivate':
        await this.manage.update(user, userId, { active: false }, ip);
        return;
      case 'reactivate':
        await this.manage.update(user, userId, { active: true }, ip);
        return;
      case 'resend':
        await this.manage.resendInvitation(user, userId, ip);
        return;
    }
  }

  private async done(reply: FastifyReply, kind: UserPageNotice, userId: string): Promise<void> {
    await reply.redirect(`/console/users?done=${kind}&user=${userId}`, 303);
  }

  /** A 4xx of the service, said in the page's words (a 409 by its code). */
  private async refused(
    request: FastifyRequest,
    reply: FastifyReply,
    input: {
      user: AuthenticatedUser;
      locale: Locale;
      invite: InviteFormValues;
      error: unknown;
      email: string;
    },
  ): Promise<void> {
    const refusal: HttpException = formRefusal(input.error);
    const text = USERS_PAGE_TEXT[input.locale];
    const code = userConflictCode(refusal);
    const message = code
      ? conflictMessage(code, { text, email: input.email })
      : text.errors.invalid;
    await this.render(request, reply, {
      user: input.user,
      locale: input.locale,
      invite: input.invite,
      errors: [message],
      status: refusal.getStatus(),
    });
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    input: {
      user: AuthenticatedUser;
      locale: Locale;
      invite?: InviteFormValues;
      inviteErrors?: InviteFormErrors;
      errors?: string[];
      notice?: { kind: UserPageNotice; userId: string };
      status?: number;
    },
  ): Promise<void> {
    const { items } = await this.users.list(input.user.organizationId, { pageSize: SHOWN });
    await renderConsolePage(request, reply, {
      view: 'users/index',
      title: USERS_PAGE_TEXT[input.locale].title,
      section: 'users',
      user: input.user,
      locale: input.locale,
      status: input.status,
      styles: ['/static/console/users.css'],
      data: {
        ...usersPageData({
          locale: input.locale,
          actorId: input.user.id,
          users: items,
          invite: input.invite ?? EMPTY_INVITE,
          inviteErrors: input.inviteErrors,
          errors: input.errors,
          notice: input.notice,
        }),
      },
    });
  }
}

const ROW_NOTICE: Record<Exclude<UserPagePost['action'], 'invite' | null>, UserPageNotice> = {
  role: 'role',
  deactivate: 'deactivated',
  reactivate: 'reactivated',
  resend: 'resent',
};
