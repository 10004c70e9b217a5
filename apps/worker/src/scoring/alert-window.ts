import { DataSource, EntityManager } from 'typeorm';
import { parseGatheredAlertKey } from './alert-digest';

/** Namespace of the advisory locks below (any constant of our own). */
const ALERT_LOCK_SPACE = 0x4b4b_a1e7;

/**
 * Serializes, per recipient, deciding how an alert is mailed with sending a gathered mail: a
 * scoring transaction that decides to add to a gathered mail commits before that mail reads its
 * list, or decides after it was read (and so starts the next one).
 */
export async function lockAlertRecipient(
  manager: EntityManager,
  recipientId: string,
): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock($1::int, hashtext($2))', [
    ALERT_LOCK_SPACE | 0,
    recipientId.toLowerCase(),
  ]);
}

/**
 * The score ids a gathered alert mail lists: those of its recipient's high-tier notifications
 * recorded within its window that did not go out in a mail of their own. Null when the key is
 * not a gathered mail's.
 */
export async function gatheredAlertScoreIds(
  dataSource: DataSource,
  input: { messageKey: string; organizationId: string },
): Promise<unknown[] | null> {
  const window = parseGatheredAlertKey(input.messageKey);
  if (!window) return null;
  return dataSource.transaction(async (manager) => {
    await lockAlertRecipient(manager, window.recipientId);
    const notes: { detail: { scoreId?: unknown }[] | null }[] = await manager.query(
      `SELECT n.detail FROM notifications n
        WHERE n.organization_id = $1 AND n.user_id = $2 AND n.kind = 'high-tier'
          AND n.created_at >= $3 AND n.created_at < $4
          AND NOT EXISTS (SELECT 1 FROM mail_messages m WHERE m.message_key = 'alert:' || n.key)`,
      [input.organizationId, window.recipientId, window.from, window.until],
    );
    return notes.flatMap((note) =>
      Array.isArray(note.detail) ? note.detail.map((item) => item.scoreId) : [],
    );
  });
}
