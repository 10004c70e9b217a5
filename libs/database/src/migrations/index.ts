import { Foundation1795633448069 } from './1795633448069-Foundation';

/** Every migration in order; listed explicitly so the built app and the CLI agree. */
export const MIGRATIONS = [Foundation1795633448069];
