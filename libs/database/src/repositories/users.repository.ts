import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Not, Repository } from 'typeorm';
import { User } from '../entities/user.entity';

/** A user who may log in: active (not deactivated) and with a password set. */
export type LoginCandidate = User & { passwordHash: string };

@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  /**
   * Login is the one place that looks across tenants: an email may exist in several. Deactivated
   * users and invited users who have not set a password yet are not candidates, so their login
   * fails exactly as a wrong password does.
   */
  async findAllByEmailForLogin(email: string): Promise<LoginCandidate[]> {
    const users = await this.users.find({
      where: { email: normalizeEmail(email), deactivatedAt: IsNull(), passwordHash: Not(IsNull()) },
      order: { createdAt: 'ASC' },
      take: 10,
    });
    return users.filter((user): user is LoginCandidate => user.passwordHash !== null);
  }

  findById(organizationId: string, id: string): Promise<User | null> {
    return this.users.findOne({ where: { organizationId, id } });
  }

  async recordLogin(user: User): Promise<void> {
    await this.users.update(
      { organizationId: user.organizationId, id: user.id },
      { lastLoginAt: new Date() },
    );
  }
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
