import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { User } from '../entities/user.entity';

@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  /** Login is the one place that looks across tenants: an email may exist in several. */
  findAllByEmailForLogin(email: string): Promise<User[]> {
    return this.users.find({ where: { email: normalizeEmail(email) }, take: 10 });
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
