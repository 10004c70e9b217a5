import { Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, EntityManager } from 'typeorm';
import { Environment } from '@kakehashi/config';
import { AuditService, normalizeEmail } from '@kakehashi/database';
import { OutboxService } from '@kakehashi/queue';
import { RateLimitStore } from '../common/rate-limit-store';
import { recordInvitation, recordPasswordReset } from './user-invitations';

const HOUR_MS = 3_600_000;

/**
 * The shortest time a request is answered in: the lookup and, for a known address, the writes
 * take a few ms, well inside it, so the answer's timing does not tell a known address from an
 * unknown one (nor a refused request from one that mailed something).
 */
const ANSWER_FLOOR_MS = 400;

/** One account of the address (an address may have one in several organizations). */
interface Account {
  id: string;
  organizationId: string;
  email: string;
  displayName: string;
  locale: string;
  hasPassword: boolean;
  deactivated: boolean;
}

/** What the request led to, for the audit trail and tests; the person is told none of it. */
export type ResetRequestOutcome = 'throttled' | 'handled';

/**
 * 「パスワードをお忘れの方」: someone gives an email address on the login page. Every account of
 * that address that can log in gets a one-hour reset link; an invited user who never set a
 * password gets their invitation again instead; a deactivated account gets nothing. Limited per
 * client address and per email address (in Redis, shared by every replica); beyond the limits
 * nothing is mailed. The caller answers the same whatever happened.
 */
@Injectable()
export class PasswordResetRequestService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly store: RateLimitStore,
    private readonly env: Environment,
  ) {}

  async request(input: { email: string; ip: string }): Promise<ResetRequestOutcome> {
    const started = Date.now();
    try {
      const email = normalizeEmail(input.email);
      if (!(await this.takeSlot({ email, ip: input.ip }))) return 'throttled';
      await this.dataSource.transaction((manager) => this.handle(manager, { email, ip: input.ip }));
      return 'handled';
    } finally {
      await sleep(Math.max(0, ANSWER_FLOOR_MS - (Date.now() - started)));
    }
  }

  /**
   * One slot on each limit, taken only when both have room. While Redis is away every request is
   * let through, as the login limits are (see RateLimitStore).
   */
  private async takeSlot(input: { email: string; ip: string }): Promise<boolean> {
    const perIp = this.env.PASSWORD_RESET_REQUESTS_PER_HOUR_PER_IP;
    const perAddress = this.env.PASSWORD_RESET_REQUESTS_PER_HOUR_PER_ADDRESS;
    const taken = await this.store.takeSlots(
      [
        { namespace: `password-reset-ip:${perIp}/${HOUR_MS}`, key: input.ip, limit: perIp },
        {
          namespace: `password-reset-address:${perAddress}/${HOUR_MS}`,
          key: input.email,
          limit: perAddress,
        },
      ],
      HOUR_MS,
    );
    return taken === undefined || taken.taken;
  }

  private async handle(
    manager: EntityManager,
    input: { email: string; ip: string },
  ): Promise<void> {
    // Locked, so a deactivation or a password being set at the same moment waits for this.
    const accounts = await manager.query<Account[]>(
      `SELECT id, organization_id AS "organizationId", email, display_name AS "displayName",
              locale, password_hash IS NOT NULL AS "hasPassword",
              deactivated_at IS NOT NULL AS deactivated
         FROM users WHERE email = $1 ORDER BY created_at LIMIT 10 FOR UPDATE`,
      [input.email],
    );
    for (const account of accounts) {
      const { organizationId } = account;
      const details: Record<string, unknown> = {};
      if (account.deactivated) {
        details.mailed = null;
        details.reason = 'deactivated';
      } else if (account.hasPassword) {
        details.mailed = 'password_reset';
        details.resetId = await recordPasswordReset(manager, this.outbox, {
          organizationId,
          user: account,
        });
      } else {
        // Never set a password: the invitation again (the earlier link stops working).
        details.mailed = 'user_invitation';
        details.invitationId = await recordInvitation(manager, this.outbox, {
          organizationId,
          user: account,
        });
      }
      await this.audit.record(
        {
          organizationId,
          actorType: 'anonymous',
          action: 'user.password_reset_requested',
          targetType: 'user',
          targetId: account.id,
          details,
          ip: input.ip,
        },
        manager,
      );
    }
  }
}
