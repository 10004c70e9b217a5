import { JwtService } from '@nestjs/jwt';
import { AuthService } from '@kakehashi/auth';
import { randomUUID } from 'node:crypto';
import {
  appOrigin,
  createTestTenant,
  loginToken,
  startApi,
  TestApi,
  TestTenant,
} from '../support/test-app';

/** Sessions are server-side: logout, a deleted user or a changed role take effect at once. */
describe('buyer sessions (real Postgres and Redis)', () => {
  let api: TestApi;
  let tenant: TestTenant;

  beforeAll(async () => {
    api = await startApi({ LOGIN_ATTEMPTS_PER_MINUTE_PER_IP: '1000' });
    tenant = await createTestTenant(api.dataSource, 'sessions');
  });
  afterAll(() => api.close());

  const me = (token: string) =>
    api.http().get('/api/v1/me').set('authorization', `Bearer ${token}`);

  it('logout with the Bearer token ends that session for the API and the pages, not the others', async () => {
    const token = await loginToken(api, tenant.users.ciso.email);
    const other = await loginToken(api, tenant.users.ciso.email);
    await me(token).expect(200);
    await api.http().get('/dashboard').set('cookie', `kk_session=${token}`).expect(200);

    await api
      .http()
      .post('/api/v1/auth/logout')
      .set('authorization', `Bearer ${token}`)
      .expect(204);

    const refused = await me(token).expect(401);
    expect(refused.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    const page = await api.http().get('/dashboard').set('cookie', `kk_session=${token}`);
    expect(page.status).toBe(303);
    expect(page.headers.location).toMatch(/^\/login\?next=%2Fdashboard/);
    // Logging out again is harmless; the user's other session (another device) goes on.
    await api
      .http()
      .post('/api/v1/auth/logout')
      .set('authorization', `Bearer ${token}`)
      .expect(204);
    await me(other).expect(200);

    const admin = await loginToken(api, tenant.users.admin.email);
    const events = await api
      .http()
      .get('/api/v1/audit-events?action=auth.logout')
      .set('authorization', `Bearer ${admin}`)
      .expect(200);
    const logouts = (events.body.items as { targetId: string }[]).filter(
      (e) => e.targetId === tenant.users.ciso.id,
    );
    expect(logouts).toHaveLength(1);
  });

  it('logout with the session cookie ends it too, from our pages only', async () => {
    const token = await loginToken(api, tenant.users.auditor.email);
    await api
      .http()
      .post('/api/v1/auth/logout')
      .set('cookie', `kk_session=${token}`)
      .set('origin', 'https://evil.example')
      .expect(403);
    await me(token).expect(200);
    const response = await api
      .http()
      .post('/api/v1/auth/logout')
      .set('cookie', `kk_session=${token}`)
      .set('origin', appOrigin(api))
      .expect(204);
    expect(String(response.headers['set-cookie'])).toMatch(/kk_session=;/);
    await me(token).expect(401);
  });

  it('refuses a signed token that names no session (issued before sessions existed)', async () => {
    const jwt = api.app.get(JwtService, { strict: false });
    const legacy = await jwt.signAsync({
      sub: tenant.users.ciso.id,
      org: tenant.organizationId,
      email: tenant.users.ciso.email,
      role: 'ciso',
    });
    await me(legacy).expect(401);
    const unknownSession = await jwt.signAsync({
      sub: tenant.users.ciso.id,
      org: tenant.organizationId,
      email: tenant.users.ciso.email,
      role: 'ciso',
      jti: randomUUID(),
    });
    await me(unknownSession).expect(401);
    // A session of another user cannot be borrowed by rewriting the subject either.
    const real = await loginToken(api, tenant.users.auditor.email);
    const { jti } = jwt.decode<{ jti: string }>(real);
    const borrowed = await jwt.signAsync({
      sub: tenant.users.admin.id,
      org: tenant.organizationId,
      email: tenant.users.admin.email,
      role: 'admin',
      jti,
    });
    await me(borrowed).expect(401);
  });

  it('applies a change of role at once and refuses a deleted user', async () => {
    const scratch = await createTestTenant(api.dataSource, 'sessions-roles');
    const admin = await loginToken(api, scratch.users.admin.email);
    const auditEvents = () =>
      api.http().get('/api/v1/audit-events').set('authorization', `Bearer ${admin}`);
    await auditEvents().expect(200);

    await api.dataSource.query(`UPDATE users SET role = 'ciso' WHERE id = $1`, [
      scratch.users.admin.id,
    ]);
    const refused = await auditEvents().expect(403);
    expect(refused.body.message).toContain('admin');
    expect((await me(admin).expect(200)).body.role).toBe('ciso');

    const procurement = await loginToken(api, scratch.users.procurement.email);
    await api.dataSource.query(`DELETE FROM users WHERE id = $1`, [scratch.users.procurement.id]);
    await me(procurement).expect(401);
  });

  it('answers code outside the guards (the queue board hook) the same way', async () => {
    const auth = api.app.get(AuthService, { strict: false });
    const token = await loginToken(api, tenant.users.admin.email);
    expect(await auth.authenticate(token)).toMatchObject({
      id: tenant.users.admin.id,
      role: 'admin',
    });
    await api
      .http()
      .post('/api/v1/auth/logout')
      .set('authorization', `Bearer ${token}`)
      .expect(204);
    expect(await auth.authenticate(token)).toBeNull();
  });

  it('refuses a session past its end, and deletes expired sessions at a later login', async () => {
    const token = await loginToken(api, tenant.users.procurement.email);
    await me(token).expect(200);
    const { jti } = api.app.get(JwtService, { strict: false }).decode<{ jti: string }>(token);
    await api.dataSource.query(
      `UPDATE user_sessions SET expires_at = now() - interval '1 second' WHERE id = $1`,
      [jti],
    );
    await me(token).expect(401);

    await loginToken(api, tenant.users.procurement.email);
    const left = await api.dataSource.query(`SELECT 1 FROM user_sessions WHERE id = $1`, [jti]);
    expect(left).toHaveLength(0);
  });
});
