import { randomUUID } from 'node:crypto';
import { Environment } from '@kakehashi/config';
import { createTestTenant, loginToken, startApi, TestApi, TestTenant } from '../support/test-app';

interface Seeded {
  id: string;
  userId: string;
  title: { ja: string; en: string };
  link: string | null;
}

interface ListBody {
  items: {
    id: string;
    kind: string;
    title: { ja: string; en: string };
    link: string | null;
    readAt: string | null;
    createdAt: string;
  }[];
  total: number;
  unreadCount: number;
  page: number;
  pageSize: number;
}

describe('console notifications (real app and database)', () => {
  let api: TestApi;
  let tenant: TestTenant;
  let other: TestTenant;
  let appOrigin: string;
  /** Bearer tokens and console cookies: two users of one tenant, one of another. */
  const bearer: Record<'owner' | 'colleague' | 'stranger', string> = {
    owner: '',
    colleague: '',
    stranger: '',
  };
  let ownerCookie: string;
  let colleagueCookie: string;
  const supplierId = randomUUID();
  const campaignId = randomUUID();

  // The owner's notifications, oldest first; the newest title carries markup.
  let owner: Seeded[];
  let colleague: Seeded;
  let stranger: Seeded;
  /**
   * Carries the owner's user id but another tenant's organization: never shown. The foreign keys
   * make such a row impossible; it is written with them off to test the queries alone.
   */
  let misfiled: Seeded;

  beforeAll(async () => {
    api = await startApi({ LOGIN_ATTEMPTS_PER_MINUTE_PER_IP: '1000' });
    appOrigin = new URL(api.app.get(Environment).APP_URL).origin;
    tenant = await createTestTenant(api.dataSource, 'notifications');
    other = await createTestTenant(api.dataSource, 'notifications-other');
    bearer.owner = await loginToken(api, tenant.users.procurement.email);
    bearer.colleague = await loginToken(api, tenant.users.auditor.email);
    bearer.stranger = await loginToken(api, other.users.procurement.email);
    ownerCookie = `kk_session=${bearer.owner}`;
    colleagueCookie = `kk_session=${bearer.colleague}`;
  });
  afterAll(() => api.close());

  async function insert(input: {
    organizationId: string;
    userId: string;
    title: { ja: string; en: string };
    link: string | null;
    createdAt: string;
    readAt?: string | null;
    /**
     * Writes a row the tenant foreign keys refuse (a user of another tenant), with the checks off
     * for this one transaction: it proves the queries filter by tenant on their own too.
     */
    bypassForeignKeys?: boolean;
  }): Promise<Seeded> {
    const [row] = await api.dataSource.transaction(async (manager) => {
      if (input.bypassForeignKeys) {
        await manager.query('SET LOCAL session_replication_role = replica');
      }
      return manager.query<{ id: string }[]>(
        `INSERT INTO notifications (organization_id, user_id, key, kind, title, link, created_at, read_at)
         VALUES ($1, $2, $3, 'high-tier', $4, $5, $6, $7) RETURNING id`,
        [
          input.organizationId,
          input.userId,
          `test:${randomUUID()}`,
          JSON.stringify(input.title),
          input.link,
          input.createdAt,
          input.readAt ?? null,
        ],
      );
    });
    return { id: row.id, userId: input.userId, title: input.title, link: input.link };
  }

  /** Fresh notifications before every test: three unread for the owner, one each for others. */
  beforeEach(async () => {
    await api.dataSource.query(`DELETE FROM notifications WHERE organization_id = ANY($1)`, [
      [tenant.organizationId, other.organizationId],
    ]);
    const ownerId = tenant.users.procurement.id;
    owner = [
      await insert({
        organizationId: tenant.organizationId,
        userId: ownerId,
        title: {
          ja: '東海精機 のリスク評価が「高」になりました',
          en: 'Tokai Seiki was rated high risk',
        },
        link: `/dashboard/suppliers/${supplierId}`,
        createdAt: '2026-03-31T15:30:00Z',
      }),
      await insert({
        organizationId: tenant.organizationId,
        userId: ownerId,
        title: {
          ja: '北陸データ ほか2社のリスク評価が「高」以上になりました',
          en: 'Hokuriku Data and 2 other suppliers were rated high or critical risk',
        },
        link: `/dashboard?campaign=${campaignId}`,
        createdAt: '2026-04-01T01:00:00Z',
      }),
      await insert({
        organizationId: tenant.organizationId,
        userId: ownerId,
        title: {
          ja: '<script>alert(1)</script>商事 のリスク評価が「重大」になりました',
          en: '<script>alert(1)</script> Trading was rated critical risk',
        },
        link: '/dashboard',
        createdAt: '2026-04-02T02:00:00Z',
      }),
    ];
    colleague = await insert({
      organizationId: tenant.organizationId,
      userId: tenant.users.auditor.id,
      title: { ja: '同僚宛ての通知', en: 'For the colleague' },
      link: '/dashboard',
      createdAt: '2026-04-02T03:00:00Z',
    });
    stranger = await insert({
      organizationId: other.organizationId,
      userId: other.users.procurement.id,
      title: { ja: '他社宛ての通知', en: 'For another company' },
      link: '/dashboard',
      createdAt: '2026-04-02T04:00:00Z',
    });
    misfiled = await insert({
      organizationId: other.organizationId,
      userId: ownerId,
      title: { ja: '別テナントの行', en: 'Row of another tenant' },
      link: '/dashboard',
      createdAt: '2026-04-02T05:00:00Z',
      bypassForeignKeys: true,
    });
  });

  const list = async (who: keyof typeof bearer, query = ''): Promise<ListBody> =>
    (
      await api
        .http()
        .get(`/api/v1/notifications${query}`)
        .set('authorization', `Bearer ${bearer[who]}`)
        .expect(200)
    ).body as ListBody;

  const readAtOf = async (id: string): Promise<Date | null> =>
    (
      await api.dataSource.query<{ read_at: Date | null }[]>(
        'SELECT read_at FROM notifications WHERE id = $1',
        [id],
      )
    )[0].read_at;

  describe('REST API', () => {
    it('lists only the caller’s own notifications, newest first, with the unread count', async () => {
      const mine = await list('owner');
      expect(mine.items.map((n) => n.id)).toEqual([owner[2].id, owner[1].id, owner[0].id]);
      expect(mine).toMatchObject({ total: 3, unreadCount: 3, page: 1, pageSize: 20 });
      expect(mine.items[2]).toEqual({
        id: owner[0].id,
        kind: 'high-tier',
        title: owner[0].title,
        link: `/dashboard/suppliers/${supplierId}`,
        readAt: null,
        createdAt: '2026-03-31T15:30:00.000Z',
      });
      const ids = mine.items.map((n) => n.id);
      for (const foreign of [colleague, stranger, misfiled]) expect(ids).not.toContain(foreign.id);

      const theirs = await list('colleague');
      expect(theirs.items.map((n) => n.id)).toEqual([colleague.id]);
      expect(theirs.unreadCount).toBe(1);
      const strangers = await list('stranger');
      expect(strangers.items.map((n) => n.id)).toEqual([stranger.id]);
    });

    it('pages and filters to unread ones', async () => {
      await api.dataSource.query('UPDATE notifications SET read_at = now() WHERE id = $1', [
        owner[2].id,
      ]);
      const unread = await list('owner', '?unread=true');
      expect(unread.items.map((n) => n.id)).toEqual([owner[1].id, owner[0].id]);
      expect(unread).toMatchObject({ total: 2, unreadCount: 2 });
      const all = await list('owner', '?unread=false');
      expect(all).toMatchObject({ total: 3, unreadCount: 2 });

      const second = await list('owner', '?page=2&pageSize=2');
      expect(second.items.map((n) => n.id)).toEqual([owner[0].id]);
      expect(second).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    });

    it('refuses a bad query naming the parameter, and anonymous callers', async () => {
      const auth = `Bearer ${bearer.owner}`;
      const flag = await api
        .http()
        .get('/api/v1/notifications?unread=yes')
        .set('authorization', auth)
        .expect(400);
      expect(flag.body.message).toContain('unread');
      const size = await api
        .http()
        .get('/api/v1/notifications?pageSize=1000')
        .set('authorization', auth)
        .expect(400);
      expect(size.body.message).toContain('pageSize');
      // A page past any real list is refused, not sent to PostgreSQL as an OFFSET it cannot hold.
      const far = await api
        .http()
        .get('/api/v1/notifications?page=1000000000000000000')
        .set('authorization', auth)
        .expect(400);
      expect(far.body.message).toContain('page must be at most 100000');
      await api.http().get('/api/v1/notifications').expect(401);
    });

    it('marks one read, idempotently', async () => {
      const path = `/api/v1/notifications/${owner[1].id}/read`;
      const auth = `Bearer ${bearer.owner}`;
      const first = await api.http().post(path).set('authorization', auth).expect(200);
      expect(first.body.id).toBe(owner[1].id);
      expect(Number.isNaN(Date.parse(first.body.readAt))).toBe(false);
      const again = await api.http().post(path).set('authorization', auth).expect(200);
      expect(again.body.readAt).toBe(first.body.readAt);

      const mine = await list('owner');
      expect(mine.unreadCount).toBe(2);
      expect(mine.items.find((n) => n.id === owner[1].id)?.readAt).toBe(first.body.readAt);
      expect(mine.items.find((n) => n.id === owner[0].id)?.readAt).toBeNull();
    });

    it('answers 404 for someone else’s notification and leaves it unread', async () => {
      for (const foreign of [colleague, stranger, misfiled]) {
        await api
          .http()
          .post(`/api/v1/notifications/${foreign.id}/read`)
          .set('authorization', `Bearer ${bearer.owner}`)
          .expect(404);
        expect(await readAtOf(foreign.id)).toBeNull();
      }
      await api
        .http()
        .post(`/api/v1/notifications/${randomUUID()}/read`)
        .set('authorization', `Bearer ${bearer.owner}`)
        .expect(404);
    });

    it('answers a malformed id as it answers an unknown one: 404', async () => {
      const response = await api
        .http()
        .post('/api/v1/notifications/not-a-uuid/read')
        .set('authorization', `Bearer ${bearer.owner}`)
        .expect(404);
      expect(response.body.message).toBe('Notification not found');
    });

    it('marks all of the caller’s own read, idempotently', async () => {
      const auth = `Bearer ${bearer.owner}`;
      const first = await api
        .http()
        .post('/api/v1/notifications/read-all')
        .set('authorization', auth)
        .expect(200);
      expect(first.body).toEqual({ marked: 3 });
      const again = await api
        .http()
        .post('/api/v1/notifications/read-all')
        .set('authorization', auth)
        .expect(200);
      expect(again.body).toEqual({ marked: 0 });
      expect((await list('owner')).unreadCount).toBe(0);

      expect((await list('colleague')).unreadCount).toBe(1);
      expect((await list('stranger')).unreadCount).toBe(1);
      expect(await readAtOf(misfiled.id)).toBeNull();
    });
  });

  describe('console', () => {
    const page = (cookie: string, path = '/console/notifications') =>
      api.http().get(path).set('cookie', cookie);
    const rows = (html: string) => html.split('data-testid="notification-row"').slice(1);
    const badge = (html: string) =>
      /data-testid="notifications-unread">([^<]*)</.exec(html)?.[1] ?? null;

    it('sends a signed-out visitor to the login page', async () => {
      const response = await api.http().get('/console/notifications').expect(303);
      expect(response.headers.location).toBe('/login?next=%2Fconsole%2Fnotifications');
    });

    it('lists the user’s own notifications in Japanese, escaped, with Tokyo dates', async () => {
      const response = await page(ownerCookie).expect(200);
      const html = response.text;
      expect(rows(html)).toHaveLength(3);
      expect(html).toContain(
        '&lt;script&gt;alert(1)&lt;/script&gt;商事 のリスク評価が「重大」になりました',
      );
      expect(html).not.toContain('<script>alert(1)');
      expect(html).toContain('東海精機 のリスク評価が「高」になりました');
      // 15:30 UTC on 31 March is 00:30 on 1 April in Tokyo.
      expect(html).toContain(
        '<time datetime="2026-03-31T15:30:00.000Z">2026/04/01 0:30 JST</time>',
      );
      expect(html).not.toContain('同僚宛ての通知');
      expect(html).not.toContain('他社宛ての通知');
      expect(html).not.toContain('別テナントの行');
      expect(html.match(/data-testid="notification-unread"/g)).toHaveLength(3);
      expect(html).toContain(`action="/console/notifications/${owner[0].id}/open"`);
      expect(html).toContain('action="/console/notifications/read-all"');
      // The stored links are only reached through the open form, never printed as links.
      expect(html).not.toContain(`href="/dashboard/suppliers/${supplierId}"`);
    });

    it('shows the English titles when the page is in English', async () => {
      const html = (await page(ownerCookie, '/console/notifications?lang=en').expect(200)).text;
      expect(html).toContain('Tokai Seiki was rated high risk');
      expect(html).toContain(
        '&lt;script&gt;alert(1)&lt;/script&gt; Trading was rated critical risk',
      );
      expect(html).toContain('1 Apr 2026, 00:30 JST');
      expect(html).not.toContain('東海精機');
    });

    it('shows the unread count in the header of every console page', async () => {
      const campaigns = (await page(ownerCookie, '/console/campaigns').expect(200)).text;
      expect(badge(campaigns)).toBe('3');
      expect(campaigns).toContain('href="/console/notifications"');
      expect(campaigns).toContain('aria-label="通知 3（未読 3 件）"');
      const dashboard = (await page(colleagueCookie, '/dashboard').expect(200)).text;
      expect(badge(dashboard)).toBe('1');

      await api.dataSource.query('UPDATE notifications SET read_at = now() WHERE id = $1', [
        colleague.id,
      ]);
      const none = (await page(colleagueCookie, '/dashboard').expect(200)).text;
      expect(badge(none)).toBeNull();
      expect(none).toContain('href="/console/notifications"');
      // Signed out: no header count at all.
      const login = (await api.http().get('/login').expect(200)).text;
      expect(login).not.toContain('data-testid="console-notifications"');
    });

    it('caps the header count at 99+', async () => {
      await api.dataSource.query(
        `INSERT INTO notifications (organization_id, user_id, key, kind, title, link)
         SELECT $1, $2, 'test:' || gen_random_uuid(), 'high-tier', '{"ja":"多数","en":"Many"}', '/dashboard'
           FROM generate_series(1, 120)`,
        [tenant.organizationId, tenant.users.auditor.id],
      );
      const html = (await page(colleagueCookie, '/dashboard').expect(200)).text;
      expect(badge(html)).toBe('99+');
      expect((await list('colleague')).unreadCount).toBe(121);

      // The page lists them 20 at a time, newest first.
      const first = (await page(colleagueCookie).expect(200)).text;
      expect(rows(first)).toHaveLength(20);
      // Handlebars writes "=" in attributes as "&#x3D;".
      const next = /href="([^"]*)" rel="next"/.exec(first)?.[1]?.replaceAll('&#x3D;', '=');
      expect(next).toBe('/console/notifications?page=2');
      const last = (await page(colleagueCookie, '/console/notifications?page=7').expect(200)).text;
      expect(rows(last)).toHaveLength(1);
      expect(last).toContain('同僚宛ての通知');
      expect(last).toContain('7 / 7 ページ');
      expect(last).not.toContain('rel="next"');
    });

    it('refuses "mark all as read" sent from another site', async () => {
      for (const header of ['origin', 'referer'] as const) {
        const refused = await api
          .http()
          .post('/console/notifications/read-all')
          .set('cookie', ownerCookie)
          .set(header, 'https://evil.example/page')
          .type('form')
          .send('')
          .expect(403);
        expect(refused.text).toContain('data-testid="notifications-error"');
        expect((await list('owner')).unreadCount).toBe(3);
      }
    });

    it('marks all as read from the page', async () => {
      const done = await api
        .http()
        .post('/console/notifications/read-all')
        .set('cookie', ownerCookie)
        .set('origin', appOrigin)
        .type('form')
        .send('')
        .expect(303);
      expect(done.headers.location).toBe('/console/notifications?done=read-all');
      const html = (await page(ownerCookie, done.headers.location as string).expect(200)).text;
      expect(html).toContain('すべての通知を既読にしました。');
      expect(html).not.toContain('data-testid="notification-unread"');
      expect(html).not.toContain('action="/console/notifications/read-all"');
      expect(badge(html)).toBeNull();
      expect(rows(html)).toHaveLength(3);
      expect((await list('owner')).unreadCount).toBe(0);
      expect((await list('colleague')).unreadCount).toBe(1);
    });

    const open = (id: string, origin = appOrigin, cookie = ownerCookie) =>
      api
        .http()
        .post(`/console/notifications/${id}/open`)
        .set('cookie', cookie)
        .set('origin', origin)
        .type('form')
        .send('');

    it('opens a notification: marks it read and goes to its page', async () => {
      const opened = await open(owner[0].id).expect(303);
      expect(opened.headers.location).toBe(`/dashboard/suppliers/${supplierId}`);
      expect(await readAtOf(owner[0].id)).not.toBeNull();
      const campaign = await open(owner[1].id).expect(303);
      expect(campaign.headers.location).toBe(`/dashboard?campaign=${campaignId}`);

      const html = (await page(ownerCookie).expect(200)).text;
      expect(html.match(/data-testid="notification-unread"/g)).toHaveLength(1);
      expect(badge(html)).toBe('1');
    });

    it('refuses to open from another site, or someone else’s notification', async () => {
      await open(owner[0].id, 'https://evil.example').expect(403);
      expect(await readAtOf(owner[0].id)).toBeNull();
      for (const foreign of [colleague, stranger, misfiled]) {
        await open(foreign.id).expect(404);
        expect(await readAtOf(foreign.id)).toBeNull();
      }
      await open('not-a-uuid').expect(404);
    });

    it('never redirects off the site, whatever the stored link says', async () => {
      const tampered = [
        '//evil.example/phish',
        '/\\evil.example/phish',
        'https://evil.example/phish',
        'javascript:alert(1)',
        ' /dashboard',
        '/dashboard\r\nSet-Cookie: x=1',
        'evil.example',
        '',
        null,
      ];
      for (const link of tampered) {
        const row = await insert({
          organizationId: tenant.organizationId,
          userId: tenant.users.procurement.id,
          title: { ja: '改ざんされたリンク', en: 'Tampered link' },
          link,
          createdAt: '2026-04-03T00:00:00Z',
        });
        const response = await open(row.id).expect(303);
        expect(response.headers.location).toBe('/console/notifications');
        expect(await readAtOf(row.id)).not.toBeNull();
      }
    });
  });
});
