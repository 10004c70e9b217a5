import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Environment } from '@kakehashi/config';
import { UserRole } from '@kakehashi/database';
import { ApiAppOptions } from '../../apps/api/src/app.module';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { createTenant } from '../../apps/api/src/organizations/create-tenant.use-case';

export const TEST_PASSWORD = 'Test-Password-2026!';

export interface TestApi {
  app: NestFastifyApplication;
  dataSource: DataSource;
  http: () => ReturnType<typeof request>;
  close: () => Promise<void>;
}

/** Boots the real api (real Postgres and Redis of this run) with optional variable overrides. */
export async function startApi(
  env: Record<string, string> = {},
  options: ApiAppOptions = {},
): Promise<TestApi> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    const app = await createApiApp(options);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    return {
      app,
      dataSource: app.get(DataSource),
      http: () => request(app.getHttpServer()),
      close: () => app.close(),
    };
  } finally {
    process.env = saved;
  }
}

export interface TestTenant {
  organizationId: string;
  users: Record<UserRole, { id: string; email: string }>;
}

/** A tenant with one user per role; names are unique so test files never collide. */
export async function createTestTenant(
  dataSource: DataSource,
  label = 'test',
): Promise<TestTenant> {
  const tag = randomBytes(4).toString('hex');
  const roles: UserRole[] = ['admin', 'procurement', 'ciso', 'auditor'];
  const created = await createTenant(dataSource, {
    name: `${label} ${tag} 株式会社`,
    users: roles.map((role) => ({
      email: `${role}-${tag}@${label}.example`,
      password: TEST_PASSWORD,
      role,
      displayName: `${role} ${tag}`,
    })),
  });
  const users = Object.fromEntries(
    created.users.map((u) => [u.role, { id: u.id, email: u.email }]),
  );
  return { organizationId: created.organizationId, users: users as TestTenant['users'] };
}

export async function loginToken(
  api: TestApi,
  email: string,
  password = TEST_PASSWORD,
): Promise<string> {
  const response = await api
    .http()
    .post('/api/v1/auth/login')
    .send({ email, password })
    .expect(200);
  return (response.body as { accessToken: string }).accessToken;
}

/** The origin a browser names when it posts the app's own forms (console forms require it). */
export function appOrigin(api: TestApi): string {
  return new URL(api.app.get(Environment).APP_URL).origin;
}
