/**
 * SQL for who answers for user `u` (an owner of campaigns or suppliers): who receives a staff
 * notification meant for them, and whom suppliers may ask about a campaign they own. As a LATERAL
 * subquery `r` with that person's id, email, display_name and locale: `u` itself while active;
 * once `u` was deactivated (left the company), the organization's longest-serving admin who can
 * log in, so an alert or digest never goes to nobody. No row when there is no such admin. Use as
 * `... JOIN users u ... CROSS JOIN LATERAL (${STAFF_RECIPIENT}) r` (or `LEFT JOIN LATERAL … ON true`).
 */
export const STAFF_RECIPIENT = `
  SELECT x.id, x.email, x.display_name, x.locale FROM users x
   WHERE (x.id = u.id AND u.deactivated_at IS NULL)
      OR (u.deactivated_at IS NOT NULL AND x.organization_id = u.organization_id
          AND x.role = 'admin' AND x.deactivated_at IS NULL AND x.password_hash IS NOT NULL)
   ORDER BY x.created_at, x.id LIMIT 1`;
