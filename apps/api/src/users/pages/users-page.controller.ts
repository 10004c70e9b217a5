import { Controller, Get, HttpException, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthenticatedUser, CurrentUser, Roles } from '@kakehashi/auth';
import type { UserRole } from '@kakehashi/database';
import { Environment } from '@kakehashi/config';
import { Locale, resolveLocale } from '../../console/console-locale';
import { CONSOLE_TEXT } from '../../console/console-text';
import { renderConsolePage } from '../../console/console-page';
import { formRefusal } from '../../console/form-errors';
import { PageAuthFilter } from '../../console/page-auth.filter';
import { isSameOrigin } from '../../console/same-origin';
import { HandOverResult, ManageUsersService } from '../manage-users.service';
import { userConflictCode } from '../user-errors';
import { UsersService } from '../users.service';
import type { UserView } from '../user.view';
import {
  conflictMessage,
  EMPTY_INVITE,
  InviteFormErrors,
  InviteFormValues,
  readUserPagePost,
  toInviteDto,
  UserPagePost,
} from './user-forms';
import {
  HandOverNotice,
  USER_PAGE_NOTICES,
  UserPageNotice,
  UserPageNoticeInput,
  usersPageData,
} from './users-page.presenter';
import { USERS_PAGE_TEXT, UsersPageText } from './users-page-text';

/** The page lists them all: an organization's buyer users are a few dozen, not thousands. */
const SHOWN = 500;

/**
 * The console's user management for admins: the list, the invitation form and, per user, the
 * role (taking admin away confirmed by a tick; a role that cannot own their work needs it handed
 * over at once), deactivation (confirmed by a tick, optionally handing their work over at once)
 * or reactivation, a fresh invitation, and the hand-over of their suppliers and open campaigns. Every form posts here and runs the API's validation and
 * services; refusals are told in the page's words.
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
    const notice: UserPageNoticeInput | undefined =
      kind && typeof query.user === 'string'
        ? { kind, userId: query.user, handOver: handOverOf(query) }
        : undefined;
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
    if (!post.action) {
      // Only a tampered or outdated form gets here: say so on the page, not on an error page.
      return this.render(request, reply, {
        ...page,
        errors: [text.errors.unknownAction],
        status: 400,
      });
    }
    // A user of another organization (or no user) answers the console's 404 page.
    const target = await this.users.get(user.organizationId, post.userId);
    const missing = missingConfirmation(post, target, text);
    if (missing) return this.render(request, reply, { ...page, errors: [missing], status: 400 });
    let handedOver: HandOverNotice | undefined;
    try {
      handedOver = await this.rowAction(user, post, target, request.ip);
    } catch (error) {
      return this.refused(request, reply, {
        ...page,
        error,
        email: target.email,
        target: { name: target.displayName, role: post.role },
      });
    }
    // Acting on oneself can end one's own access to this page (a new role) or session
    // (deactivation): go where the person can still be, not to a 403 or a login loop.
    if (target.id === user.id && post.action === 'deactivate') {
      return void reply.redirect('/login', 303);
    }
    if (target.id === user.id && post.action === 'role' && post.role !== 'admin') {
      return void reply.redirect('/dashboard', 303);
    }
    await this.done(reply, ROW_NOTICE[post.action], target.id, handedOver);
  }

  /** Runs a row's form; what was handed over, if anything, for the notice. */
  private async rowAction(
    user: AuthenticatedUser,
    post: UserPagePost,
    target: UserView,
    ip: string,
  ): Promise<HandOverNotice | undefined> {
    const userId = target.id;
    // The role and deactivation forms may name who takes the user's work over ('' keeps it).
    const handoverToUserId = post.toUserId || undefined;
    // update() does not count what moved: what the user owned when the page read it.
    const handedOver = handoverToUserId
      ? {
          toUserId: handoverToUserId,
          suppliers: target.ownedSuppliers,
          campaigns: target.openCampaigns,
        }
      : undefined;
    switch (post.action) {
      case 'role':
        await this.manage.update(
          user,
          userId,
          { role: post.role ?? undefined, handoverToUserId },
          ip,
        );
        return handedOver;
      case 'deactivate':
        await this.manage.update(user, userId, { active: false, handoverToUserId }, ip);
        return handedOver;
      case 'reactivate':
        await this.manage.update(user, userId, { active: true }, ip);
        return;
      case 'resend':
        await this.manage.resendInvitation(user, userId, ip);
        return;
      case 'handover': {
        const moved: HandOverResult = await this.manage.handOver(user, userId, post.toUserId, ip);
        return { toUserId: post.toUserId, ...moved };
      }
    }
  }

  private async done(
    reply: FastifyReply,
    kind: UserPageNotice,
    userId: string,
    handOver?: HandOverNotice,
  ): Promise<void> {
    const query = new URLSearchParams({ done: kind, user: userId });
    if (handOver) {
      query.set('to', handOver.toUserId);
      query.set('suppliers', String(handOver.suppliers));
      query.set('campaigns', String(handOver.campaigns));
    }
    await reply.redirect(`/console/users?${query.toString()}`, 303);
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
      /** The user a row's form acted on, and the role it asked for. */
      target?: { name: string; role: UserRole | null };
    },
  ): Promise<void> {
    const refusal: HttpException = formRefusal(input.error);
    const text = USERS_PAGE_TEXT[input.locale];
    const code = userConflictCode(refusal);
    const body = refusal.getResponse() as Record<string, unknown>;
    const message = code
      ? conflictMessage(code, {
          text,
          email: input.email,
          name: input.target?.name ?? input.email,
          role: input.target?.role ? CONSOLE_TEXT[input.locale].roles[input.target.role] : '',
          suppliers: Number(body.suppliers ?? 0),
          campaigns: Number(body.campaigns ?? 0),
        })
      : body.field === 'toUserId' || body.field === 'handoverToUserId'
        ? text.errors.heir
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
      notice?: UserPageNoticeInput;
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
  handover: 'handedOver',
};

/** A row form sent without what it requires (the page's `required` attributes ask for it). */
function missingConfirmation(
  post: UserPagePost,
  target: UserView,
  text: UsersPageText,
): string | null {
  if (post.action === 'role' && !post.role) return text.errors.role;
  // Taking admin away from someone (oneself included) closes these pages to them.
  if (post.action === 'role' && target.role === 'admin' && post.role !== 'admin') {
    return post.confirmed ? null : text.errors.roleConfirm;
  }
  if (post.action === 'deactivate' && !post.confirmed) return text.errors.confirm;
  return null;
}

/** The hand-over told by the redirect's query, if it names one. */
function handOverOf(query: Record<string, unknown>): HandOverNotice | undefined {
  const count = (value: unknown) =>
    typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : null;
  const suppliers = count(query.suppliers);
  const campaigns = count(query.campaigns);
  if (typeof query.to !== 'string' || suppliers === null || campaigns === null) return undefined;
  return { toUserId: query.to, suppliers, campaigns };
}
