import {
  BadRequestException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuthenticatedUser } from '@kakehashi/auth';
import { AuditService, UserRole } from '@kakehashi/database';
import { OutboxService } from '@kakehashi/queue';
import { InviteUserDto } from './dto/invite-user.dto';
import { UpdateUserDto } from './dto/update-user.dto';
import { UserConflict, userConflict } from './user-errors';
import { recordInvitation, revokeOpenInvitations } from './user-invitations';
import { UsersService } from './users.service';
import { UserView } from './user.view';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a hand-over moved: suppliers, and campaigns not closed. */
export interface HandOverResult {
  suppliers: number;
  campaigns: number;
}

interface StoredUser {
  id: string;
  email: string;
  displayName: string;
  role: UserRole;
  locale: string;
  hasPassword: boolean;
  deactivated: boolean;
}

/**
 * The roles that may own suppliers and campaigns (as a supplier's or a campaign's ownerId and a
 * hand-over's heir): the dashboard's "mine", alerts and escalations are theirs.
 */
const canOwnWork = (role: UserRole) => role === 'procurement' || role === 'admin';

const countOf = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/** An admin who can sign in now: not deactivated, password set. */
const isActiveAdmin = (user: { role: UserRole; hasPassword: boolean; deactivated: boolean }) =>
  user.role === 'admin' && user.hasPassword && !user.deactivated;

/**
 * A tenant admin's changes to the organization's users: invite, change, deactivate, reactivate,
 * re-send the invitation. Each runs in one transaction that first locks the organization's row,
 * so two admins' changes never race past the "at least one active admin" rule; each is audited.
 */
@Injectable()
export class ManageUsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly users: UsersService,
  ) {}

  async invite(actor: AuthenticatedUser, dto: InviteUserDto, ip: string | null): Promise<UserView> {
    return this.inTenant(actor, async (manager) => {
      const [taken] = await manager.query<{ id: string }[]>(
        'SELECT id FROM users WHERE organization_id = $1 AND email = $2',
        [actor.organizationId, dto.email],
      );
      if (taken) {
        throw userConflict(
          UserConflict.EmailTaken,
          `${dto.email} is already a user of this organization`,
        );
      }
      const locale = dto.locale ?? 'ja';
      const [created] = await manager.query<{ id: string }[]>(
        `INSERT INTO users (organization_id, email, display_name, role, locale, password_hash)
         VALUES ($1, $2, $3, $4, $5, NULL) RETURNING id`,
        [actor.organizationId, dto.email, dto.displayName, dto.role, locale],
      );
      const user = { id: created.id, email: dto.email, displayName: dto.displayName, locale };
      const invitationId = await recordInvitation(manager, this.outbox, {
        organizationId: actor.organizationId,
        user,
      });
      await this.record(manager, actor, ip, {
        action: 'user.invited',
        userId: user.id,
        details: { email: dto.email, role: dto.role, locale, invitationId },
      });
      return this.users.get(actor.organizationId, user.id, manager);
    });
  }

  /**
   * Gives every supplier and every campaign not closed that the user owns to another active
   * procurement user or admin: from then on they see them on their dashboard and receive the
   * alerts, reminder escalations and overdue digests. Closed campaigns keep their owner as a
   * record of who ran them.
   */
  async handOver(
    actor: AuthenticatedUser,
    id: string,
    toUserId: string,
    ip: string | null,
  ): Promise<HandOverResult> {
    return this.inTenant(actor, async (manager) => {
      const user = await this.requireUser(manager, actor.organizationId, id);
      return this.transferOwnership(manager, actor, ip, user, { toUserId, field: 'toUserId' });
    });
  }

  /**
   * `handoverToUserId` hands the user's suppliers and open campaigns over in the same
   * transaction, so a refused change moves nothing and a refused hand-over changes nothing.
   * A role that cannot own them (ciso, auditor) is refused while the user still owns any.
   */
  async update(
    actor: AuthenticatedUser,
    id: string,
    dto: UpdateUserDto,
    ip: string | null,
  ): Promise<UserView> {
    return this.inTenant(actor, async (manager) => {
      const user = await this.requireUser(manager, actor.organizationId, id);
      if (dto.handoverToUserId !== undefined) {
        await this.transferOwnership(manager, actor, ip, user, {
          toUserId: dto.handoverToUserId,
          field: 'handoverToUserId',
        });
      }
      const next = {
        role: dto.role ?? user.role,
        deactivated: dto.active === undefined ? user.deactivated : !dto.active,
      };
      if (isActiveAdmin(user) && !isActiveAdmin({ ...user, ...next })) {
        await this.requireAnotherActiveAdmin(manager, actor.organizationId, user.id);
      }
      if (next.role !== user.role && !canOwnWork(next.role)) {
        await this.requireNoOwnedWork(manager, actor.organizationId, user, next.role);
      }

      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const field of ['displayName', 'role', 'locale'] as const) {
        const value = dto[field];
        if (value !== undefined && value !== user[field]) {
          changes[field] = { from: user[field], to: value };
        }
      }
      if (Object.keys(changes).length > 0) {
        await manager.query(
          `UPDATE users SET display_name = $3, role = $4, locale = $5
            WHERE organization_id = $1 AND id = $2`,
          [
            actor.organizationId,
            user.id,
            dto.displayName ?? user.displayName,
            next.role,
            dto.locale ?? user.locale,
          ],
        );
        await this.record(manager, actor, ip, {
          action: 'user.updated',
          userId: user.id,
          details: { changes },
        });
      }
      if (next.deactivated && !user.deactivated) await this.deactivate(manager, actor, ip, user);
      if (!next.deactivated && user.deactivated) {
        await manager.query(
          'UPDATE users SET deactivated_at = NULL WHERE organization_id = $1 AND id = $2',
          [actor.organizationId, user.id],
        );
        await this.record(manager, actor, ip, { action: 'user.reactivated', userId: user.id });
        // Deactivation withdrew their links: someone who never set a password gets a fresh one.
        if (!user.hasPassword) {
          const invitationId = await recordInvitation(manager, this.outbox, {
            organizationId: actor.organizationId,
            user,
          });
          await this.record(manager, actor, ip, {
            action: 'user.invitation_resent',
            userId: user.id,
            details: { invitationId },
          });
        }
      }
      return this.users.get(actor.organizationId, user.id, manager);
    });
  }

  /** A fresh link for someone who has not set a password yet; their earlier links stop working. */
  async resendInvitation(
    actor: AuthenticatedUser,
    id: string,
    ip: string | null,
  ): Promise<UserView> {
    return this.inTenant(actor, async (manager) => {
      const user = await this.requireUser(manager, actor.organizationId, id);
      if (user.deactivated) {
        throw userConflict(
          UserConflict.Deactivated,
          `${user.email} is deactivated: reactivate the user before inviting again`,
        );
      }
      if (user.hasPassword) {
        throw userConflict(
          UserConflict.PasswordAlreadySet,
          `${user.email} has already set a password and can log in`,
        );
      }
      const invitationId = await recordInvitation(manager, this.outbox, {
        organizationId: actor.organizationId,
        user,
      });
      await this.record(manager, actor, ip, {
        action: 'user.invitation_resent',
        userId: user.id,
        details: { invitationId },
      });
      return this.users.get(actor.organizationId, user.id, manager);
    });
  }

  private async transferOwnership(
    manager: EntityManager,
    actor: AuthenticatedUser,
    ip: string | null,
    user: StoredUser,
    heir: { toUserId: string; field: 'toUserId' | 'handoverToUserId' },
  ): Promise<HandOverResult> {
    const organizationId = actor.organizationId;
    const { toUserId, field } = heir;
    const refuse = (message: string) => new BadRequestException({ message, field });
    if (toUserId === user.id) {
      throw refuse(`${field} must be another user than the one handing over`);
    }
    const [taker] = UUID.test(toUserId)
      ? await manager.query<{ role: UserRole; deactivated: boolean }[]>(
          `SELECT role, deactivated_at IS NOT NULL AS deactivated FROM users
            WHERE organization_id = $1 AND id = $2 FOR KEY SHARE`,
          [organizationId, toUserId],
        )
      : [];
    if (!taker || taker.deactivated || !canOwnWork(taker.role)) {
      throw refuse(`${field} must be an active procurement user or admin of this organization`);
    }
    const [, suppliers] = await manager.query<[unknown[], number]>(
      'UPDATE suppliers SET owner_id = $3, updated_at = now() WHERE organization_id = $1 AND owner_id = $2',
      [organizationId, user.id, toUserId],
    );
    const [, campaigns] = await manager.query<[unknown[], number]>(
      `UPDATE campaigns SET owner_id = $3
        WHERE organization_id = $1 AND owner_id = $2 AND status <> 'closed'`,
      [organizationId, user.id, toUserId],
    );
    await this.record(manager, actor, ip, {
      action: 'user.handed_over',
      userId: user.id,
      details: { toUserId, suppliers, campaigns },
    });
    return { suppliers, campaigns };
  }

  /** Ends every session of theirs at once and withdraws their open invitation links. */
  private async deactivate(
    manager: EntityManager,
    actor: AuthenticatedUser,
    ip: string | null,
    user: StoredUser,
  ): Promise<void> {
    const organizationId = actor.organizationId;
    await manager.query(
      'UPDATE users SET deactivated_at = now() WHERE organization_id = $1 AND id = $2',
      [organizationId, user.id],
    );
    const [, sessionsEnded] = await manager.query<[unknown[], number]>(
      `UPDATE user_sessions SET revoked_at = now()
        WHERE organization_id = $1 AND user_id = $2 AND revoked_at IS NULL AND expires_at > now()`,
      [organizationId, user.id],
    );
    await revokeOpenInvitations(manager, { organizationId, userId: user.id });
    await this.record(manager, actor, ip, {
      action: 'user.deactivated',
      userId: user.id,
      details: { sessionsEnded },
    });
  }

  /**
   * Refuses a role that cannot own suppliers or campaigns to someone who still owns some (after
   * any hand-over of the same change): they would keep receiving the alerts and digests as an
   * owner no picker offers and who cannot act on them. Closed campaigns keep their owner.
   */
  private async requireNoOwnedWork(
    manager: EntityManager,
    organizationId: string,
    user: StoredUser,
    role: UserRole,
  ): Promise<void> {
    // The user's row is locked (FOR UPDATE): a concurrent hand-over or change of a campaign's
    // owner to them (FOR KEY SHARE on it) waits for this change and then sees the new role.
    const [{ suppliers, campaigns }] = await manager.query<
      { suppliers: number; campaigns: number }[]
    >(
      `SELECT (SELECT count(*) FROM suppliers WHERE organization_id = $1 AND owner_id = $2)::int
                AS suppliers,
              (SELECT count(*) FROM campaigns WHERE organization_id = $1 AND owner_id = $2
                  AND status <> 'closed')::int AS campaigns`,
      [organizationId, user.id],
    );
    if (suppliers + campaigns === 0) return;
    throw userConflict(
      UserConflict.OwnsWork,
      `${user.email} owns ${countOf(suppliers, 'supplier')} and ` +
        `${countOf(campaigns, 'open campaign')}, which a ${role} user cannot own: hand them ` +
        `over first (POST /api/v1/users/${user.id}/handover), or send handoverToUserId with ` +
        'the role change',
      { suppliers, campaigns },
    );
  }

  private async requireAnotherActiveAdmin(
    manager: EntityManager,
    organizationId: string,
    userId: string,
  ): Promise<void> {
    const [{ others }] = await manager.query<{ others: number }[]>(
      `SELECT count(*)::int AS others FROM users
        WHERE organization_id = $1 AND id <> $2 AND role = 'admin'
          AND deactivated_at IS NULL AND password_hash IS NOT NULL`,
      [organizationId, userId],
    );
    if (others === 0) {
      throw userConflict(
        UserConflict.LastAdmin,
        'This is the last active admin of the organization: make another user an admin first',
      );
    }
  }

  private async requireUser(
    manager: EntityManager,
    organizationId: string,
    id: string,
  ): Promise<StoredUser> {
    const [user] = UUID.test(id)
      ? await manager.query<StoredUser[]>(
          `SELECT id, email, display_name AS "displayName", role, locale,
                  password_hash IS NOT NULL AS "hasPassword",
                  deactivated_at IS NOT NULL AS deactivated
             FROM users WHERE organization_id = $1 AND id = $2 FOR UPDATE`,
          [organizationId, id],
        )
      : [];
    if (!user) throw new NotFoundException('User not found');
    return user;
  }

  /** One transaction per change, serialised per organization (see the class comment). */
  private inTenant<T>(
    actor: AuthenticatedUser,
    work: (manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      // NO KEY UPDATE: other tenant rows' foreign-key checks (KEY SHARE) are not blocked.
      await manager.query('SELECT 1 FROM organizations WHERE id = $1 FOR NO KEY UPDATE', [
        actor.organizationId,
      ]);
      // The guard saw an admin; a change of role committed while we waited for the lock counts.
      const [still] = await manager.query<unknown[]>(
        `SELECT 1 FROM users WHERE organization_id = $1 AND id = $2 AND role = 'admin'
            AND deactivated_at IS NULL`,
        [actor.organizationId, actor.id],
      );
      if (!still) throw new ForbiddenException('This action requires one of the roles: admin');
      return work(manager);
    });
  }

  private record(
    manager: EntityManager,
    actor: AuthenticatedUser,
    ip: string | null,
    event: { action: string; userId: string; details?: Record<string, unknown> },
  ): Promise<void> {
    return this.audit.record(
      {
        organizationId: actor.organizationId,
        actorType: 'user',
        actorId: actor.id,
        action: event.action,
        targetType: 'user',
        targetId: event.userId,
        details: event.details,
        ip,
      },
      manager,
    );
  }
}
