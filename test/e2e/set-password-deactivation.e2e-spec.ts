import { randomBytes } from 'node:crypto';
import { QueryRunner } from 'typeorm';
import { hashLinkToken, hashPassword, newLinkToken } from '@kakehashi/auth';
import { Environment } from '@kakehashi/config';
import {
  createTestTenant,
  loginToken,
  startApi,
  TestApi,
  TestTenant,
  TEST_PASSWORD,
} from '../support/test-app';

const NEW_PASSWORD = 'Kakehashi-Race-2026!';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Purpose = 'invitation' | 'password_reset';

/** Someone holding a one-time link mailed to them, and (for a reset) a session opened before. */
interface LinkHolder {
  id: string;
  email: string;
  token: string;
  sessionToken: string | null;
}

/**
 * An admin deactivates a user at the very moment that user sets their password through an
 * invitation or a reset link (real api and Postgres). Neither side may fail with a 500 (such as
 * a deadlock), and whatever order they land in, the user ends deactivated: no login, no live
 * session, and the link no longer works.
 */
describe('deactivating a user while they set their password', () => {
  let api: TestApi;
  let tenant: TestTenant;
  let appOrigin: string;
  let adminToken: string;

  beforeAll(async () => {
    api = await startApi({ LOGIN_ATTEMPTS_PER_MINUTE_PER_IP: '1000' });
    appOrigin = new URL(api.app.get(Environment).APP_URL).origin;
    tenant = await createTestTenant(api.dataSource, 'set-password-race');
    adminToken = await loginToken(api, tenant.users.admin.email);
  });
  afterAll(() => api?.close());

  const uniqueEmail = (label: string) =>
    `${label}-${randomBytes(4).toString('hex')}@set-password-race.example`;

  /** The link the worker would mail: only its hash is stored, as the worker stores it. */
  async function mailLink(invitationId: string): Promise<string> {
    const token = newLinkToken();
    await api.dataSource.query('UPDATE user_invitations SET token_hash = $2 WHERE id = $1', [
      invitationId,
      hashLinkToken(token),
    ]);
    return token;
  }

  /** Invited through the API; holds the invitation link. */
  async function invited(): Promise<LinkHolder> {
    const email = uniqueEmail('invited');
    const created = await api
      .http()
      .post('/api/v1/users')
      .set('authorization', `Bearer ${adminToken}`)
      .send({ email, displayName: '競合 花子', role: 'procurement' })
      .expect(201);
    const id = created.body.id as string;
    const [invitation] = await api.dataSource.query<{ id: string }[]>(
      `SELECT id FROM user_invitations WHERE user_id = $1 AND purpose = 'invitation'`,
      [id],
    );
    return { id, email, token: await mailLink(invitation.id), sessionToken: null };
  }

  /** A user who can log in, is logged in, and holds a password-reset link. */
  async function resetting(): Promise<LinkHolder> {
    const email = uniqueEmail('reset');
    const [user] = await api.dataSource.query<{ id: string }[]>(
      `INSERT INTO users (organization_id, email, display_name, role, password_hash)
       VALUES ($1, $2, '競合 太郎', 'procurement', $3) RETURNING id`,
      [tenant.organizationId, email, await hashPassword(TEST_PASSWORD)],
    );
    const sessionToken = await loginToken(api, email);
    const [link] = await api.dataSource.query<{ id: string }[]>(
      `INSERT INTO user_invitations (organization_id, user_id, purpose, expires_at)
       VALUES ($1, $2, 'password_reset', now() + interval '1 hour') RETURNING id`,
      [tenant.organizationId, user.id],
    );
    return { id: user.id, email, token: await mailLink(link.id), sessionToken };
  }

  const holderFor = (purpose: Purpose) => (purpose === 'invitation' ? invited() : resetting());

  /** The set-password form, opened as the person would (its token and cookie). */
  async function openForm(token: string): Promise<{ formToken: string; cookie: string }> {
    const page = await api.http().get(`/set-password/${token}`).expect(200);
    const formToken = /name="formToken" value="([^"]+)"/.exec(page.text)?.[1];
    const cookie = ([page.headers['set-cookie']].flat() as string[])
      .find((c) => c?.startsWith('kk_set_password_form='))
      ?.split(';')[0];
    if (!formToken || !cookie) throw new Error('the set-password page has no form token');
    return { formToken, cookie };
  }

  const submitPassword = (token: string, form: { formToken: string; cookie: string }) =>
    api
      .http()
      .post(`/set-password/${token}`)
      .set('cookie', `${form.cookie}; kk_lang=ja`)
      .set('origin', appOrigin)
      .type('form')
      .send({ formToken: form.formToken, password: NEW_PASSWORD, confirmation: NEW_PASSWORD })
      .then((r) => r);

  const deactivate = (id: string) =>
    api
      .http()
      .patch(`/api/v1/users/${id}`)
      .set('authorization', `Bearer ${adminToken}`)
      .send({ active: false })
      .then((r) => r);

  /** Database sessions of this run waiting for a lock (the test file runs alone in its database). */
  async function waitForLockWaits(count: number): Promise<void> {
    for (let waited = 0; waited < 30_000; waited += 20) {
      const [row] = await api.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      if (row.n >= count) return;
      await sleep(20);
    }
    throw new Error(`fewer than ${count} requests ever waited for the user's row`);
  }

  /** What the admin and the person see afterwards: a deactivated user, locked out for good. */
  async function expectLockedOut(holder: LinkHolder, why: string): Promise<void> {
    const [row] = await api.dataSource.query<
      { deactivated: boolean; liveSessions: number; linkOpen: boolean }[]
    >(
      `SELECT u.deactivated_at IS NOT NULL AS deactivated,
              (SELECT count(*)::int FROM user_sessions s
                WHERE s.user_id = u.id AND s.revoked_at IS NULL AND s.expires_at > now())
                AS "liveSessions",
              (SELECT bool_or(i.used_at IS NULL AND i.revoked_at IS NULL) FROM user_invitations i
                WHERE i.user_id = u.id) AS "linkOpen"
         FROM users u WHERE u.id = $1`,
      [holder.id],
    );
    expect({ why, ...row }).toEqual({ why, deactivated: true, liveSessions: 0, linkOpen: false });
    const listed = await api
      .http()
      .get(`/api/v1/users/${holder.id}`)
      .set('authorization', `Bearer ${adminToken}`)
      .expect(200);
    expect({ why, status: listed.body.status }).toEqual({ why, status: 'deactivated' });
    for (const password of [NEW_PASSWORD, TEST_PASSWORD]) {
      const login = await api
        .http()
        .post('/api/v1/auth/login')
        .send({ email: holder.email, password });
      expect({ why, password, status: login.status }).toEqual({ why, password, status: 401 });
    }
    if (holder.sessionToken) {
      const me = await api
        .http()
        .get('/api/v1/me')
        .set('authorization', `Bearer ${holder.sessionToken}`);
      expect({ why, status: me.status }).toEqual({ why, status: 401 });
    }
    const link = await api.http().get(`/set-password/${holder.token}`);
    expect({ why, status: link.status }).toEqual({ why, status: 410 });
  }

  /**
   * Lines both requests up behind a lock on the user's row held by the test (as any other
   * change to the user would hold it), in a chosen order, then lets them go at once.
   */
  async function lineUp(holder: LinkHolder, first: 'deactivation' | 'password') {
    const form = await openForm(holder.token);
    const blocker: QueryRunner = api.dataSource.createQueryRunner();
    await blocker.connect();
    await blocker.startTransaction();
    try {
      await blocker.query('SELECT 1 FROM users WHERE id = $1 FOR UPDATE', [holder.id]);
      const start = {
        deactivation: () => deactivate(holder.id),
        password: () => submitPassword(holder.token, form),
      };
      const second = first === 'deactivation' ? 'password' : 'deactivation';
      const firstDone = start[first]();
      await waitForLockWaits(1);
      const secondDone = start[second]();
      await waitForLockWaits(2);
      await blocker.commitTransaction();
      const [a, b] = await Promise.all([firstDone, secondDone]);
      return first === 'deactivation' ? { patch: a, set: b } : { patch: b, set: a };
    } finally {
      if (blocker.isTransactionActive) await blocker.rollbackTransaction();
      await blocker.release();
    }
  }

  it('never fails and never leaves the user able to sign in, whichever lands first', async () => {
    for (const purpose of ['invitation', 'password_reset'] as const) {
      for (const first of ['deactivation', 'password'] as const) {
        const why = `${purpose}, ${first} first`;
        const holder = await holderFor(purpose);
        const { patch, set } = await lineUp(holder, first);
        expect({ why, status: patch.status }).toEqual({ why, status: 200 });
        expect({ why, status: patch.body.status }).toEqual({ why, status: 'deactivated' });
        if (first === 'deactivation') {
          // The link was withdrawn by the deactivation: the page says it no longer works.
          expect({ why, status: set.status }).toEqual({ why, status: 410 });
          expect(set.text).toContain('このリンクは使えなくなりました');
          expect(set.text).toContain('アカウントが無効化されたため');
        } else {
          expect({ why, status: set.status, location: set.headers.location }).toEqual({
            why,
            status: 303,
            location:
              purpose === 'invitation' ? '/set-password/done' : '/set-password/done?reset=1',
          });
        }
        await expectLockedOut(holder, why);
      }
    }
  });

  it('stays consistent over 20 rounds of both requests racing each other', async () => {
    for (let round = 0; round < 20; round += 1) {
      const purpose: Purpose = round % 2 === 0 ? 'invitation' : 'password_reset';
      const why = `round ${round} (${purpose})`;
      const holder = await holderFor(purpose);
      const form = await openForm(holder.token);
      // Setting a password hashes it first (tens of ms): the deactivation starts a little later
      // each round, so the two transactions meet at every point of each other.
      const setting = submitPassword(holder.token, form);
      await sleep(round * 4);
      const [patch, set] = await Promise.all([deactivate(holder.id), setting]);
      expect({ why, status: patch.status }).toEqual({ why, status: 200 });
      expect({ why, ok: [303, 410].includes(set.status) }).toEqual({ why, ok: true });
      await expectLockedOut(holder, why);
    }
  });
});
