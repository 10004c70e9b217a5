import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AuditService, UsersRepository, normalizeEmail } from '@kakehashi/database';
import { AuthenticatedUser, JwtPayload } from './authenticated-user';
import { decoyPasswordHash, verifyPassword } from './passwords';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
    private readonly jwt: JwtService,
  ) {}

  async validateCredentials(input: {
    email: string;
    password: string;
    ip: string | null;
  }): Promise<AuthenticatedUser | null> {
    const candidates = await this.users.findAllByEmailForLogin(input.email);
    if (candidates.length === 0) {
      await verifyPassword(await decoyPasswordHash(), input.password);
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
    return null;
  }

  issueToken(user: AuthenticatedUser): Promise<string> {
    const payload: JwtPayload = {
      sub: user.id,
      org: user.organizationId,
      email: user.email,
      role: user.role,
    };
    return this.jwt.signAsync(payload);
  }
}
