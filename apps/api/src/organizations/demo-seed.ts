import { Organization, UserRole } from '@kakehashi/database';
import { DataSource } from 'typeorm';
import { tokyoDate } from '@kakehashi/queue';
import { createTenant } from './create-tenant.use-case';
import { insertDemoData } from './demo-data';

export const DEMO_TENANT_NAME = '架け橋デモ株式会社';
export const DEMO_PASSWORD = 'Kakehashi-Demo-2026!';
/**
 * The demo tenant's id is fixed so docker-compose, which runs in production mode, can name it in
 * OPERATOR_ORGANIZATION_IDS: its admin then opens Bull Board and the mail outbox page.
 */
export const DEMO_ORGANIZATION_ID = 'de300000-0000-4000-8000-000000000001';

export const DEMO_USERS: { email: string; role: UserRole; displayName: string }[] = [
  { email: 'admin@demo.kakehashi.example', role: 'admin', displayName: '管理者 太郎' },
  { email: 'procurement@demo.kakehashi.example', role: 'procurement', displayName: '調達 花子' },
  { email: 'ciso@demo.kakehashi.example', role: 'ciso', displayName: 'CISO 次郎' },
  { email: 'auditor@demo.kakehashi.example', role: 'auditor', displayName: '監査 三郎' },
];

/**
 * Creates the demo tenant with one user per role, its suppliers and a launched campaign (some
 * answers already submitted and queued for scoring), only when no tenant exists yet.
 */
export async function seedDemoTenantIfEmpty(dataSource: DataSource): Promise<boolean> {
  if ((await dataSource.getRepository(Organization).count()) > 0) return false;
  const tenant = await createTenant(dataSource, {
    id: DEMO_ORGANIZATION_ID,
    name: DEMO_TENANT_NAME,
    users: DEMO_USERS.map((user) => ({ ...user, password: DEMO_PASSWORD })),
  });
  const procurement = tenant.users.find((user) => user.role === 'procurement');
  await dataSource.transaction((manager) =>
    insertDemoData(manager, {
      organizationId: tenant.organizationId,
      procurementUserId: procurement!.id,
      today: tokyoDate(new Date()),
    }),
  );
  return true;
}
