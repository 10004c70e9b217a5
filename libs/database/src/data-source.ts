// Entry for the TypeORM CLI (migration:generate / migration:run against the built files).
import { DataSource } from 'typeorm';
import { validateEnvironment } from '@kakehashi/config';
import { dataSourceOptions } from './data-source-options';

export default new DataSource(dataSourceOptions(validateEnvironment(process.env).DATABASE_URL));
