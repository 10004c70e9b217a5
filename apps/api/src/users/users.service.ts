import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { toUserView, UserRow, UserView } from './user.view';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Users with their latest open invitation (not a reset link); `$1` is the organization. */
const USER_ROWS = `
  SELECT u.id, u.email, u.display_name AS "displayName", u.role, u.locale,
         u.password_hash IS NOT NULL AS "hasPassword", u.last_login_at AS "lastLoginAt",
         u.created_at AS "createdAt", u.deactivated_at AS "deactivatedAt",
         i.created_at AS "invitedAt", i.expires_at AS "invitationExpiresAt",
         (SELECT count(*) FROM suppliers s
           WHERE s.organization_id = u.organization_id AND s.owner_id = u.id)::int
           AS "ownedSuppliers",
         (SELECT count(*) FROM campaigns c
           WHERE c.organization_id = u.organization_id AND c.owner_id = u.id
             AND c.status <> 'closed')::int AS "openCampaigns"
    FROM users u
    LEFT JOIN LATERAL (
      SELECT created_at, expires_at FROM user_invitations
       WHERE organization_id = u.organization_id AND user_id = u.id
         AND purpose = 'invitation' AND used_at IS NULL AND revoked_at IS NULL
       ORDER BY created_at DESC LIMIT 1) i ON true
   WHERE u.organization_id = $1`;

/** Reads of the caller's own users; every query is scoped to the organization. */
@Injectable()
export class UsersService {
  constructor(private readonly dataSource: DataSource) {}

  async list(
    organizationId: string,
    query: { page?: number; pageSize?: number },
  ): Promise<{ items: UserView[]; total: number; page: number; pageSize: number }> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const [{ total }] = await this.dataSource.query<{ total: number }[]>(
      'SELECT count(*)::int AS total FROM users WHERE organization_id = $1',
      [organizationId],
    );
    const rows = await this.dataSource.query<UserRow[]>(
      `${USER_ROWS} ORDER BY u.display_name, u.email, u.id LIMIT $2 OFFSET $3`,
      [organizationId, pageSize, (page - 1) * pageSize],
    );
    const now = new Date();
    return { items: rows.map((row) => toUserView(row, now)), total, page, pageSize };
  }

  /** One user of the organization; 404 for an id it does not have. */
  async get(organizationId: string, id: string, manager?: EntityManager): Promise<UserView> {
    const rows = UUID.test(id)
      ? await (manager ?? this.dataSource.manager).query<UserRow[]>(`${USER_ROWS} AND u.id = $2`, [
          organizationId,
          id,
        ])
      : [];
    if (!rows[0]) throw new NotFoundException('User not found');
    return toUserView(rows[0]);
  }
}
