export * from './entities';
export * from './data-source-options';
export * from './database.module';
export * from './prepare-database';
export * from './repositories/audit.service';
export * from './repositories/users.repository';
export * from './repositories/staff-recipient';
