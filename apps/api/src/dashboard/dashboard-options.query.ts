import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface FilterOptions {
  campaigns: { id: string; name: string }[];
  categories: string[];
  owners: { id: string; name: string }[];
}

/** The choices offered by the dashboard's filter form. */
@Injectable()
export class DashboardOptionsQuery {
  constructor(private readonly db: DataSource) {}

  async run(organizationId: string): Promise<FilterOptions> {
    const [campaigns, categories, owners] = await Promise.all([
      this.db.query<{ id: string; name: string }[]>(
        `SELECT id, name FROM campaigns WHERE organization_id = $1 AND status <> 'draft'
         ORDER BY coalesce(launched_at, created_at) DESC LIMIT 200`,
        [organizationId],
      ),
      this.db.query<{ category: string }[]>(
        `SELECT DISTINCT category FROM suppliers WHERE organization_id = $1 AND category IS NOT NULL
         ORDER BY category LIMIT 200`,
        [organizationId],
      ),
      this.db.query<{ id: string; name: string }[]>(
        `SELECT id, display_name AS name FROM users
         WHERE organization_id = $1 AND role IN ('procurement', 'admin') ORDER BY display_name`,
        [organizationId],
      ),
    ]);
    return { campaigns, categories: categories.map((c) => c.category), owners };
  }
}
