import { deleteQueueKeys } from './redis-keys';
import { dropDatabase } from '../../libs/database/src/prepare-database';

export default async function globalTeardown(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (url?.includes('/kakehashi_test_')) await dropDatabase(url);
  const prefix = process.env.QUEUE_PREFIX;
  if (prefix?.startsWith('{kk-test-')) {
    await deleteQueueKeys(prefix);
  }
}
