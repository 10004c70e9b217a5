import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Environment } from '@kakehashi/config';
import { dataSourceOptions } from './data-source-options';
import { AuditService } from './repositories/audit.service';
import { UsersRepository } from './repositories/users.repository';
import { ENTITIES } from './entities';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [Environment],
      useFactory: (env: Environment) => ({
        ...dataSourceOptions(env.DATABASE_URL),
        // Fail fast at boot instead of retrying for half a minute.
        retryAttempts: 2,
        retryDelay: 500,
      }),
    }),
    TypeOrmModule.forFeature(ENTITIES),
  ],
  providers: [UsersRepository, AuditService],
  exports: [TypeOrmModule, UsersRepository, AuditService],
})
export class DatabaseModule {}
