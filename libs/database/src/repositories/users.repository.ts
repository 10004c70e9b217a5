import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { User } from '../entities/user.entity';

/** A user who may log in: active (not deactivated) and with a password set. */
export type LoginCandidate = User & { passwordHash: string };

@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  /**
   * Login is the one place that looks across tenants: an email may exist in several. Every
   * account of the email comes back; only the `usable` ones (active, with a password set) may be
   * tried, the others are there so a refused attempt on them reaches their tenant's audit trail.
   */
  async findAllByEmailForLogin(
    email: string,
  ): Promise<{ usable: LoginCandidate[]; unusable: User[] }> {
    const users = await this.users.find({
      where: { email: normalizeEmail(email) },
      order: { createdAt: 'ASC' },
      take: 10,
    });
    const usable = users.filter(
      (user): user is LoginCandidate => user.passwordHash !== null && user.deactivatedAt === null,
    );
    return { usable, unusable: users.filter((user) => !usable.includes(user as LoginCandidate)) };
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

/** Full-width characters an IME leaves (＠, ｙ) folded to ASCII, trimmed and lower-cased. */
export function normalizeEmail(email: string): string {
  return email.normalize('NFKC').trim().toLowerCase();
}
