import { dropDatabase, prepareDatabase } from '@kakehashi/database';

export interface ScratchDatabase {
  url: string;
  drop: () => Promise<void>;
}

/**
 * A migrated database of its own beside the run's one: tests that run workers take every outbox
 * row in their database, so they must not share it with other test files.
 */
export async function createScratchDatabase(label: string): Promise<ScratchDatabase> {
  const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = `${url.pathname}_${label}`;
  await prepareDatabase(url.toString());
  return { url: url.toString(), drop: () => dropDatabase(url.toString()) };
}
