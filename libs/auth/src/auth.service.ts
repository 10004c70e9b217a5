import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AuditService, UsersRepository, normalizeEmail } from '@kakehashi/database';
import { AuthenticatedUser, JwtPayload, SESSION_TTL_SECONDS } from './authenticated-user';
import { decoyPasswordHash, verifyPassword } from './passwords';
import { SessionService } from './session.service';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
    private readonly jwt: JwtService,
    private readonly sessions: SessionService,
  ) {}

  async validateCredentials(input: {
    email: string;
    password: string;
    ip: string | null;
  }): Promise<(AuthenticatedUser & { locale: string }) | null> {
    const { usable: candidates, unusable } = await this.users.findAllByEmailForLogin(input.email);
    // A deactivated or not yet activated account is refused as a wrong password is (same answer,
    // one password check's time); a failed attempt is audited in its own tenant.
    const auditUnusable = async (): Promise<void> => {
      for (const user of unusable) {
        await this.audit.record({
          organizationId: user.organizationId,
          actorType: 'anonymous',
          action: 'auth.login_failed',
          targetType: 'user',
          targetId: user.id,
          details: { reason: user.deactivatedAt ? 'deactivated' : 'not_activated' },
          ip: input.ip,
        });
      }
    };
    if (candidates.length === 0) {
      await verifyPassword(await decoyPasswordHash(), input.password);
      if (unusable.length > 0) {
        await auditUnusable();
        return null;
      }
      await this.audit.record({
        organizationId: null,
        actorType: 'anonymous',
        action: 'auth.login_failed',
        targetType: 'email',
        targetId: normalizeEmail(input.email),
        details: { reason: 'unknown_email' },
        ip: input.ip,
      });
      return null;
    }
    for (const user of candidates) {
      if (await verifyPassword(user.passwordHash, input.password)) {
        await this.users.recordLogin(user);
        await this.audit.record({
          organizationId: user.organizationId,
          actorType: 'user',
          actorId: user.id,
          action: 'auth.login',
          targetType: 'user',
          targetId: user.id,
          ip: input.ip,
        });
        return {
          id: user.id,
          organizationId: user.organizationId,
          email: user.email,
          role: user.role,
          locale: user.locale,
        };
      }
    }
    for (const user of candidates) {
      await this.audit.record({
        organizationId: user.organizationId,
        actorType: 'anonymous',
        action: 'auth.login_failed',
        targetType: 'user',
        targetId: user.id,
        details: { reason: 'wrong_password' },
        ip: input.ip,
      });
    }
    await auditUnusable();
    return null;
  }

  /** Starts a server-side session and returns its token (the session id is the token's jti). */
  async issueToken(user: AuthenticatedUser): Promise<string> {
    const payload: JwtPayload = {
      sub: user.id,
      org: user.organizationId,
      email: user.email,
      role: user.role,
      jti: await this.sessions.open(user, SESSION_TTL_SECONDS),
    };
    return this.jwt.signAsync(payload);
  }

  /**
   * The user a token signs in, checked as the guards check it: a valid signature, not expired,
   * and a live session. For code outside the guards (e.g. a Fastify hook).
   */
  async authenticate(token: string): Promise<AuthenticatedUser | null> {
    const payload = await this.verify(token, { ignoreExpiration: false });
    return payload
      ? this.sessions.resolve({
          sessionId: payload.jti,
          userId: payload.sub,
          organizationId: payload.org,
        })
      : null;
  }

  /** Logout: ends the token's session for good. Unknown, forged or already ended tokens are ignored. */
  async endSession(token: string, ip: string | null): Promise<void> {
    // An expired token's session is ended all the same (it is refused anyway).
    const payload = await this.verify(token, { ignoreExpiration: true });
    const ended = typeof payload?.jti === 'string' ? await this.sessions.revoke(payload.jti) : null;
    if (!ended) return;
    await this.audit.record({
      organizationId: ended.organizationId,
      actorType: 'user',
      actorId: ended.userId,
      action: 'auth.logout',
      targetType: 'user',
      targetId: ended.userId,
      details: { session: payload?.jti },
      ip,
    });
  }

  private async verify(
    token: string,
    options: { ignoreExpiration: boolean },
  ): Promise<Partial<JwtPayload> | null> {
    try {
      return await this.jwt.verifyAsync<Partial<JwtPayload>>(token, {
        algorithms: ['HS256'],
        ...options,
      });
    } catch {
      return null;
    }
  }
}
