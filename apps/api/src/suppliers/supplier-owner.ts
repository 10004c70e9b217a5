import { EntityManager } from 'typeorm';

/** Who may own a supplier: the same rule as a campaign's owner and a hand-over's heir. */
export const OWNER_RULE = 'an active procurement user or admin of this organization';

/**
 * Whether the user may own suppliers (active, procurement or admin, of this organization), read
 * under FOR KEY SHARE on their row, held until the caller's transaction ends. A change of their
 * role to one that cannot own work locks that row FOR UPDATE and then counts what they own: it
 * either waits for this transaction and counts the supplier written in it, or this read waits
 * for the change and sees the new role.
 */
export async function lockOwner(
  manager: EntityManager,
  input: { organizationId: string; userId: string },
): Promise<boolean> {
  const rows = await manager.query<unknown[]>(
    `SELECT 1 FROM users WHERE organization_id = $1 AND id = $2
        AND deactivated_at IS NULL AND role IN ('procurement', 'admin') FOR KEY SHARE`,
    [input.organizationId, input.userId],
  );
  return rows.length > 0;
}
