import { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** The one definition of the database connection, shared by the apps, the CLI and tests. */
export function dataSourceOptions(
  url: string,
  extra: { poolSize?: number } = {},
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    // gen_random_uuid() is built into PostgreSQL 13+; no extension to install.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    poolSize: extra.poolSize ?? 10,
    applicationName: 'kakehashi',
  };
}
