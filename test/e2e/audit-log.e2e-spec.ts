import { parse } from 'csv-parse/sync';
import { createTestAssessment, TestAssessment } from '../support/assessment-factory';
import { fixtureScore, insertCampaign, insertScoredAssessment } from '../support/dashboard-factory';
import { createTestTenant, loginToken, startApi, TestApi, TestTenant } from '../support/test-app';

type Role = 'admin' | 'procurement' | 'ciso' | 'auditor';

interface Row {
  id: string;
  action: string;
  html: string;
}

/** The event rows of an audit page, in the order shown. */
function rowsOf(html: string): Row[] {
  const pattern =
    /<tr data-testid="audit-row" data-event-id="(\d+)" data-action="([^"]*)">([\s\S]*?)<\/tr>/g;
  return [...html.matchAll(pattern)].map(([, id, action, body]) => ({ id, action, html: body }));
}

const textOf = (html: string, testId: string): string =>
  new RegExp(`data-testid="${testId}"[^>]*>([^<]*)<`).exec(html)?.[1] ?? '';

/**
 * The audit log page (/console/audit) and its CSV over the real app and database: events seeded
 * at known Tokyo times beside those the app records itself, every filter checked against the
 * database, paging, the export, roles, tenants and the escaping of what details hold.
 */
describe('audit log page and export (real app and database)', () => {
  let api: TestApi;
  let tenant: TestTenant;
  let other: TestTenant;
  let world: TestAssessment;
  const cookies = {} as Record<Role | 'otherAdmin', string>;
  const seeded = {} as Record<'edge1' | 'edge2' | 'before' | 'after' | 'unknown', string>;

  beforeAll(async () => {
    api = await startApi({ LOGIN_ATTEMPTS_PER_MINUTE_PER_IP: '1000' });
    tenant = await createTestTenant(api.dataSource, 'audit-log');
    other = await createTestTenant(api.dataSource, 'audit-log-other');
    for (const role of ['admin', 'procurement', 'ciso', 'auditor'] as Role[]) {
      cookies[role] = `kk_session=${await loginToken(api, tenant.users[role].email)}`;
    }
    cookies.otherAdmin = `kk_session=${await loginToken(api, other.users.admin.email)}`;
    await api.dataSource.query(`UPDATE users SET display_name = '調達 花子' WHERE id = $1`, [
      tenant.users.procurement.id,
    ]);
    world = await createTestAssessment(api.dataSource, {
      organizationId: tenant.organizationId,
      ownerId: tenant.users.procurement.id,
      supplierName: '監査テスト精機株式会社',
    });
    // A real event through the API: procurement registers a supplier.
    await api
      .http()
      .post('/api/v1/suppliers')
      .set('authorization', `Bearer ${cookies.procurement.replace('kk_session=', '')}`)
      .send({
        name: '登録テスト株式会社',
        contacts: [{ name: '担当', email: 'x@touroku.example' }],
      })
      .expect(201);

    const insert = async (row: {
      organizationId?: string;
      actorType: string;
      actorId?: string | null;
      action: string;
      targetType?: string | null;
      targetId?: string | null;
      details?: object;
      ip?: string | null;
      at: string;
    }): Promise<string> => {
      const [{ id }] = (await api.dataSource.query(
        `INSERT INTO audit_events (organization_id, actor_type, actor_id, action, target_type, target_id, details, ip, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id::text AS id`,
        [
          row.organizationId ?? tenant.organizationId,
          row.actorType,
          row.actorId ?? null,
          row.action,
          row.targetType ?? null,
          row.targetId ?? null,
          JSON.stringify(row.details ?? {}),
          row.ip ?? null,
          row.at,
        ],
      )) as { id: string }[];
      return id;
    };
    // April 2025 in Tokyo: the first second of the 1st and the last second of the 30th are in
    // the range; the seconds either side of it are not.
    seeded.edge1 = await insert({
      actorType: 'user',
      actorId: tenant.users.procurement.id,
      action: 'supplier.update',
      targetType: 'supplier',
      targetId: world.supplierId,
      details: {
        name: '<script>alert("x")</script>',
        changes: { criticality: { from: 1, to: 3 } },
      },
      ip: '203.0.113.7',
      at: '2025-04-01T00:00:00+09:00',
    });
    seeded.edge2 = await insert({
      actorType: 'supplier',
      actorId: world.contactId,
      action: 'assessment.submitted',
      targetType: 'assessment',
      targetId: world.assessmentId,
      details: { submission: 1 },
      ip: '198.51.100.4',
      at: '2025-04-30T23:59:59+09:00',
    });
    seeded.before = await insert({
      actorType: 'system',
      action: 'campaign.closed',
      targetType: 'campaign',
      targetId: world.campaignId,
      at: '2025-03-31T23:59:59+09:00',
    });
    seeded.after = await insert({
      actorType: 'anonymous',
      action: 'auth.login_failed',
      targetType: 'user',
      targetId: tenant.users.ciso.id,
      details: { reason: 'wrong_password' },
      at: '2025-05-01T00:00:00+09:00',
    });
    seeded.unknown = await insert({
      actorType: 'system',
      action: 'legacy.custom_action',
      targetType: 'widget',
      targetId: 'w-1',
      at: '2025-02-01T12:00:00+09:00',
    });
    // Another tenant's event in the same range, with the same action.
    await insert({
      organizationId: other.organizationId,
      actorType: 'user',
      actorId: other.users.admin.id,
      action: 'supplier.update',
      details: { note: 'other-tenant-secret' },
      at: '2025-04-15T12:00:00+09:00',
    });
    // 120 events a second apart (n = 119 the newest) for paging, long before the rest.
    await api.dataSource.query(
      `INSERT INTO audit_events (organization_id, actor_type, action, details, created_at)
       SELECT $1, 'system', 'test.paging', jsonb_build_object('n', n),
              timestamptz '2024-01-01 00:00:00+09' + n * interval '1 second'
         FROM generate_series(0, 119) AS n`,
      [tenant.organizationId],
    );
    // 1,100 events recorded in one instant: the export must walk past its batches by id too.
    await api.dataSource.query(
      `INSERT INTO audit_events (organization_id, actor_type, action, details, created_at)
       SELECT $1, 'system', 'test.bulk', jsonb_build_object('n', n),
              timestamptz '2023-06-01 09:00:00.123456+09'
         FROM generate_series(1, 1100) AS n`,
      [tenant.organizationId],
    );
  }, 60_000);

  afterAll(() => api.close());

  const page = (query = '', who: Role | 'otherAdmin' = 'auditor', lang: 'ja' | 'en' = 'ja') =>
    api.http().get(`/console/audit${query}`).set('cookie', `${cookies[who]}; kk_lang=${lang}`);

  /** Ids the database holds for the tenant under `where`, newest first, first page. */
  async function expected(where: string, params: unknown[] = []): Promise<string[]> {
    const rows = (await api.dataSource.query(
      `SELECT id::text AS id FROM audit_events WHERE organization_id = $1 AND ${where}
        ORDER BY created_at DESC, id DESC LIMIT 50`,
      [tenant.organizationId, ...params],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }
  async function count(where = 'true', params: unknown[] = []): Promise<number> {
    const [{ n }] = (await api.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE organization_id = $1 AND ${where}`,
      [tenant.organizationId, ...params],
    )) as { n: number }[];
    return n;
  }

  it('shows an auditor the newest events first, 50 a page, under the header link', async () => {
    const response = await page('').expect(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.text).toContain('<h1>監査ログ</h1>');
    expect(response.text).toMatch(/<a href="\/console\/audit" aria-current="page">監査ログ<\/a>/);
    const rows = rowsOf(response.text);
    expect(rows.map((r) => r.id)).toEqual(await expected('true'));
    expect(rows).toHaveLength(50);
    expect(textOf(response.text, 'audit-total')).toBe(
      `${(await count()).toLocaleString('ja-JP')} 件`,
    );

    const admin = await page('', 'admin').expect(200);
    expect(admin.text).toContain('href="/console/audit"');
    for (const role of ['procurement', 'ciso'] as const) {
      const dashboard = await api.http().get('/dashboard').set('cookie', cookies[role]).expect(200);
      expect(dashboard.text).toContain('<nav class="console-nav"');
      expect(dashboard.text).not.toContain('href="/console/audit"');
    }
  });

  it('narrows by each filter exactly as the database does', async () => {
    const cases: [string, string, unknown[]][] = [
      ['?action=supplier.update', `action = 'supplier.update'`, []],
      ['?action=supplier.create', `action = 'supplier.create'`, []],
      [
        `?actor=${tenant.users.procurement.id}`,
        `actor_type = 'user' AND actor_id = $2`,
        [tenant.users.procurement.id],
      ],
      ['?actor=user', `actor_type = 'user'`, []],
      ['?actor=supplier', `actor_type = 'supplier'`, []],
      ['?actor=system', `actor_type = 'system'`, []],
      ['?actor=anonymous', `actor_type = 'anonymous'`, []],
      ['?targetType=assessment', `target_type = 'assessment'`, []],
      ['?targetType=campaign', `target_type = 'campaign'`, []],
      [
        '?from=2025-04-01&to=2025-04-30',
        `created_at >= '2025-04-01T00:00:00+09:00' AND created_at < '2025-05-01T00:00:00+09:00'`,
        [],
      ],
      [
        '?actor=system&targetType=campaign',
        `actor_type = 'system' AND target_type = 'campaign'`,
        [],
      ],
    ];
    for (const [query, where, params] of cases) {
      const response = await page(query).expect(200);
      const ids = rowsOf(response.text).map((r) => r.id);
      const want = await expected(where, params);
      expect({ query, ids }).toEqual({ query, ids: want });
      expect(want.length).toBeGreaterThan(0);
      expect(want.length).toBeLessThan(await count());
    }
    // Both ends of the Tokyo range are included, the seconds outside it are not.
    const april = rowsOf((await page('?from=2025-04-01&to=2025-04-30').expect(200)).text);
    expect(april.map((r) => r.id)).toEqual([seeded.edge2, seeded.edge1]);
    const onlyFirst = rowsOf((await page('?from=2025-04-01&to=2025-04-01').expect(200)).text);
    expect(onlyFirst.map((r) => r.id)).toEqual([seeded.edge1]);
    const sinceMay = rowsOf((await page('?from=2025-05-01&to=2025-05-01').expect(200)).text);
    expect(sinceMay.map((r) => r.id)).toEqual([seeded.after]);

    // The form keeps what was chosen.
    const chosen = await page(`?action=supplier.update&actor=${tenant.users.procurement.id}`);
    expect(chosen.text).toContain(
      '<option value="supplier.update" selected>サプライヤーを変更</option>',
    );
    expect(chosen.text).toMatch(
      new RegExp(`<option value="${tenant.users.procurement.id}" selected>調達 花子 &lt;`),
    );
  });

  it('shows each row in words: Tokyo time, who, what, a link to the target, details, IP', async () => {
    const [edge1] = rowsOf((await page('?from=2025-04-01&to=2025-04-01').expect(200)).text);
    expect(edge1.html).toContain(
      '<time datetime="2025-03-31T15:00:00.000Z">2025-04-01 00:00:00</time>',
    );
    expect(edge1.html).toContain('調達 花子');
    expect(edge1.html).toContain(tenant.users.procurement.email);
    expect(edge1.html).toContain('サプライヤーを変更');
    expect(edge1.html).toContain(
      `<a href="/dashboard/suppliers/${world.supplierId}" data-testid="audit-target-link">監査テスト精機株式会社</a>`,
    );
    expect(edge1.html).toContain('203.0.113.7');

    const [edge2] = rowsOf((await page('?actor=supplier&from=2025-04-30').expect(200)).text);
    expect(edge2.id).toBe(seeded.edge2);
    expect(edge2.html).toContain('サプライヤー');
    expect(edge2.html).toContain(world.contactEmail);
    expect(edge2.html).toContain('回答を提出');
    expect(edge2.html).toContain(`href="/console/assessments/${world.assessmentId}"`);

    // A user target links to the users page for an admin only.
    const userTarget = `?action=auth.login_failed&from=2025-05-01&to=2025-05-01`;
    const [forAuditor] = rowsOf((await page(userTarget).expect(200)).text);
    expect(forAuditor.html).not.toContain('href="/console/users"');
    expect(forAuditor.html).toContain(tenant.users.ciso.email);
    const [forAdmin] = rowsOf((await page(userTarget, 'admin').expect(200)).text);
    expect(forAdmin.html).toContain('href="/console/users"');

    // An action this code does not know is shown as recorded; so is a kind of target.
    const unknown = await page('?action=legacy.custom_action').expect(200);
    const [legacy] = rowsOf(unknown.text);
    expect(legacy.id).toBe(seeded.unknown);
    expect(legacy.html).toContain('legacy.custom_action');
    expect(legacy.html).toContain('widget');
    expect(unknown.text).toContain('<option value="legacy.custom_action" selected>');

    const english = await page('?from=2025-04-01&to=2025-04-01', 'auditor', 'en').expect(200);
    expect(english.text).toContain('<h1>Audit log</h1>');
    expect(rowsOf(english.text)[0].html).toContain('Supplier changed');
  });

  it('escapes what details hold: key: value, nested values as JSON', async () => {
    const response = await page('?from=2025-04-01&to=2025-04-01').expect(200);
    expect(response.text).not.toContain('<script>alert');
    const [row] = rowsOf(response.text);
    expect(row.html).toContain(
      '<dt>名称:</dt> <dd>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</dd>',
    );
    // jsonb keeps an object's keys in its own order (shorter keys first).
    expect(row.html).toContain(
      '<dt>変更内容:</dt> <dd>{&quot;criticality&quot;:{&quot;to&quot;:3,&quot;from&quot;:1}}</dd>',
    );
  });

  it('pages through the filtered events and keeps the filter on the links', async () => {
    const first = await page('?action=test.paging').expect(200);
    expect(textOf(first.text, 'audit-total')).toBe('120 件');
    expect(textOf(first.text, 'audit-page')).toBe('1 / 3 ページ');
    const n = (html: string) =>
      rowsOf(html).map((r) => Number(/<dd>(\d+)<\/dd>/.exec(r.html)?.[1]));
    expect(n(first.text)).toEqual(Array.from({ length: 50 }, (_, i) => 119 - i));
    expect(first.text).toContain(
      'href="/console/audit?action&#x3D;test.paging&amp;page&#x3D;2" rel="next"',
    );
    expect(first.text).not.toContain('rel="prev"');

    const last = await page('?action=test.paging&page=3').expect(200);
    expect(n(last.text)).toEqual(Array.from({ length: 20 }, (_, i) => 19 - i));
    expect(last.text).toContain(
      'href="/console/audit?action&#x3D;test.paging&amp;page&#x3D;2" rel="prev"',
    );
    expect(last.text).not.toContain('rel="next"');

    const beyond = await page('?action=test.paging&page=9').expect(200);
    expect(rowsOf(beyond.text)).toEqual([]);
    expect(beyond.text).toContain('条件に合う記録はありません。');
  });

  it('exports the filtered events as CSV with a BOM and ja/en headers', async () => {
    const csv = (query: string, who: Role = 'auditor') =>
      api
        .http()
        .get(`/api/v1/audit-events/export.csv${query}`)
        .set('cookie', cookies[who])
        .buffer(true)
        .parse((res, done) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => done(null, body));
        });
    const ja = await csv('?from=2025-04-01&to=2025-04-30').expect(200);
    expect(ja.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(ja.headers['content-disposition']).toMatch(
      /^attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const text = ja.body as string;
    expect(text.startsWith('\uFEFFID,日時（日本時間）,操作者の種別,操作者,')).toBe(true);
    const rows = parse(text.slice(1), { relax_column_count: false }) as string[][];
    expect(rows).toHaveLength(3);
    const [, submitted, updated] = rows;
    expect(updated).toEqual([
      seeded.edge1,
      '2025-04-01 00:00:00',
      'ユーザー',
      '調達 花子',
      tenant.users.procurement.email,
      'サプライヤーを変更',
      'supplier.update',
      'サプライヤー',
      '監査テスト精機株式会社',
      world.supplierId,
      'name: <script>alert("x")</script>\nchanges: {"criticality":{"to":3,"from":1}}',
      '203.0.113.7',
    ]);
    expect(submitted.slice(0, 3)).toEqual([seeded.edge2, '2025-04-30 23:59:59', 'サプライヤー']);
    expect(text).not.toContain('other-tenant-secret');

    const en = await csv('?actorType=system&action=campaign.closed&lang=en').expect(200);
    const enRows = parse((en.body as string).slice(1)) as string[][];
    expect(enRows[0].slice(0, 6)).toEqual([
      'ID',
      'Time (Japan)',
      'Actor type',
      'Actor',
      'Actor email',
      'Action',
    ]);
    expect(enRows[1].slice(0, 7)).toEqual([
      seeded.before,
      '2025-03-31 23:59:59',
      'System',
      '',
      '',
      'Campaign closed',
      'campaign.closed',
    ]);

    // Past every batch of the export, in order, each event once (1,100 share one instant).
    const bulk = await csv('?action=test.bulk').expect(200);
    const bulkRows = (parse((bulk.body as string).slice(1)) as string[][]).slice(1);
    expect(bulkRows).toHaveLength(1100);
    expect(new Set(bulkRows.map((r) => r[0])).size).toBe(1100);
    const ns = bulkRows.map((r) => Number(/^n: (\d+)$/.exec(r[10])?.[1]));
    expect(ns).toEqual(Array.from({ length: 1100 }, (_, i) => 1100 - i));
    expect(bulkRows[0][1]).toBe('2023-06-01 09:00:00');

    // The page links to the export of what it shows.
    const shown = await page('?action=supplier.update&from=2025-04-01').expect(200);
    expect(shown.text).toContain(
      'href="/api/v1/audit-events/export.csv?action&#x3D;supplier.update&amp;from&#x3D;2025-04-01&amp;lang&#x3D;ja"',
    );

    await csv('', 'procurement').expect(403);
    await csv('', 'ciso').expect(403);
    expect(String((await csv('?from=2025-02-30').expect(400)).body)).toContain(
      'from must be a real date',
    );
    expect(String((await csv('?page=2').expect(400)).body)).toContain(
      'property page should not exist',
    );
  });

  it('refuses other roles a 403 page and sends the signed-out to log in', async () => {
    for (const role of ['procurement', 'ciso'] as const) {
      const response = await page('', role).expect(403);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.text).toContain('この操作は許可されていません');
      expect(rowsOf(response.text)).toEqual([]);
      await api.http().get('/api/v1/audit-events').set('cookie', cookies[role]).expect(403);
    }
    const signedOut = await api.http().get('/console/audit?action=auth.login').expect(303);
    expect(signedOut.headers.location).toBe(
      `/login?next=${encodeURIComponent('/console/audit?action=auth.login')}`,
    );
  });

  it("never shows another tenant's events, even when asked by their ids", async () => {
    const theirs = await page('?action=supplier.update', 'otherAdmin').expect(200);
    const theirRows = rowsOf(theirs.text);
    expect(theirRows).toHaveLength(1);
    expect(theirRows[0].html).toContain('other-tenant-secret');
    expect(theirs.text).not.toContain('監査テスト精機株式会社');

    const ours = await page('?action=supplier.update').expect(200);
    expect(ours.text).not.toContain('other-tenant-secret');
    // Their admin signed in (an event of theirs): our filter by their id finds nothing.
    const byTheirAdmin = await page(`?actor=${other.users.admin.id}`).expect(200);
    expect(rowsOf(byTheirAdmin.text)).toEqual([]);
    expect(textOf(byTheirAdmin.text, 'audit-total')).toBe('0 件');
    // Their users are not offered in our actor filter.
    expect(ours.text).not.toContain(other.users.admin.email);
  });

  it('validates the filters as the API does, and says so when the dates are the wrong way round', async () => {
    await page('?from=2025-02-30').expect(400);
    await page('?actor=robot').expect(400);
    await page('?page=0').expect(400);
    await page('?action=a&action=b').expect(400);
    const inverted = await page('?from=2025-05-01&to=2025-04-01').expect(400);
    expect(textOf(inverted.text, 'audit-error')).toBe(
      '終了日が開始日より前です。日付を選び直してください。',
    );
    expect(rowsOf(inverted.text)).toEqual([]);
    expect(inverted.text).not.toContain('data-testid="audit-csv"');
    // Empty values are "all"; the console's own lang is not a filter.
    await page('?action=&actor=&targetType=&from=&to=&lang=ja').expect(200);

    const get = (query: string) =>
      api.http().get(`/api/v1/audit-events${query}`).set('cookie', cookies.auditor);
    const range = await get(
      '?actorType=system&targetType=campaign&from=2025-03-31&to=2025-03-31',
    ).expect(200);
    expect(range.body.items.map((e: { id: string }) => e.id)).toEqual([seeded.before]);
    expect(range.body.total).toBe(1);
    const byActor = await get(`?actorId=${world.contactId}`).expect(200);
    expect(byActor.body.items.map((e: { id: string }) => e.id)).toEqual([seeded.edge2]);
    expect((await get('?to=2025-04-01&from=2025-04-02').expect(400)).body.message).toContain(
      'to must not be before from',
    );
    expect((await get('?actorType=robot').expect(400)).body.message).toContain('actorType');
    expect((await get('?actorId=abc').expect(400)).body.message).toContain(
      'actorId must be a UUID',
    );
    expect((await get('?from=20250401').expect(400)).body.message).toContain('from');
    expect((await get('?targetType=a&targetType=b').expect(400)).body.message).toContain(
      'targetType',
    );
  });

  it('finds everything about one target, offered from each row as its history', async () => {
    const supplierHistory = `?targetType=supplier&targetId=${world.supplierId}`;
    const history = await page(supplierHistory).expect(200);
    const want = await expected(`target_type = 'supplier' AND target_id = $2`, [world.supplierId]);
    expect(rowsOf(history.text).map((r) => r.id)).toEqual(want);
    expect(want).toContain(seeded.edge1);
    expect(want.length).toBeLessThan(await count(`target_type = 'supplier'`));
    expect(textOf(history.text, 'audit-focus')).toBe(
      '対象「監査テスト精機株式会社」の履歴を表示しています。',
    );
    expect(history.text).toContain(`value="${world.supplierId}" id="audit-target-id"`);
    expect(history.text).toContain(
      `href="/api/v1/audit-events/export.csv?targetType&#x3D;supplier&amp;targetId&#x3D;${world.supplierId}&amp;lang&#x3D;ja"`,
    );
    // Already on that history: its rows do not offer it again.
    expect(history.text).not.toContain('data-testid="audit-target-history"');

    // Each row about a target links to its history, in the page's language.
    const [edge1] = rowsOf((await page('?from=2025-04-01&to=2025-04-01').expect(200)).text);
    expect(edge1.html).toContain(
      `<a href="/console/audit?targetType&#x3D;supplier&amp;targetId&#x3D;${world.supplierId}" data-testid="audit-target-history">この対象の履歴</a>`,
    );
    const [inEnglish] = rowsOf(
      (await page('?from=2025-04-01&to=2025-04-01', 'auditor', 'en').expect(200)).text,
    );
    expect(inEnglish.html).toContain(
      'data-testid="audit-target-history">History of this target</a>',
    );
    // A target that no longer exists (or is of a kind the page does not know) keeps its history.
    const [legacy] = rowsOf((await page('?action=legacy.custom_action').expect(200)).text);
    expect(legacy.html).toContain(
      'href="/console/audit?targetType&#x3D;widget&amp;targetId&#x3D;w-1" data-testid="audit-target-history"',
    );
    const widget = await page('?targetType=widget&targetId=w-1').expect(200);
    expect(rowsOf(widget.text).map((r) => r.id)).toEqual([seeded.unknown]);
    expect(textOf(widget.text, 'audit-focus')).toBe('対象「ID w-1」の履歴を表示しています。');

    // The API and the CSV filter the same way; another tenant's target finds nothing.
    const api1 = await api
      .http()
      .get(`/api/v1/audit-events?targetId=${world.supplierId}`)
      .set('cookie', cookies.auditor)
      .expect(200);
    expect(api1.body.items.map((e: { id: string }) => e.id)).toEqual(
      await expected('target_id = $2', [world.supplierId]),
    );
    const csv = await api
      .http()
      .get(`/api/v1/audit-events/export.csv?targetId=${world.supplierId}`)
      .set('cookie', cookies.auditor)
      .buffer(true)
      .parse((res, done) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => done(null, body));
      })
      .expect(200);
    const csvIds = (parse((csv.body as string).slice(1)) as string[][]).slice(1).map((r) => r[0]);
    expect(csvIds).toEqual(await expected('target_id = $2', [world.supplierId]));
    const theirs = await page(`?targetId=${world.supplierId}`, 'otherAdmin').expect(200);
    expect(rowsOf(theirs.text)).toEqual([]);

    const tooLong = await api
      .http()
      .get(`/api/v1/audit-events?targetId=${'x'.repeat(321)}`)
      .set('cookie', cookies.auditor)
      .expect(400);
    expect(tooLong.body.message).toContain(
      'targetId must be shorter than or equal to 320 characters',
    );
    await page(`?targetId=${'x'.repeat(321)}`).expect(400);
  });

  it('shows details in words: statuses by label, users and suppliers by name; the CSV keeps them raw', async () => {
    const campaignId = await insertCampaign(api.dataSource, tenant.organizationId, {
      dueDate: '2026-12-31',
      ownerId: tenant.users.procurement.id,
    });
    const scored = await insertScoredAssessment(api.dataSource, {
      organizationId: tenant.organizationId,
      campaignId,
      supplierId: world.supplierId,
      result: fixtureScore('smeNothing', 3),
      current: false,
    });
    const findingId = scored.findingIds[0];
    const [{ code }] = await api.dataSource.query<{ code: string }[]>(
      'SELECT code FROM findings WHERE id = $1',
      [findingId],
    );
    const [{ name: adminName }] = await api.dataSource.query<{ name: string }[]>(
      'SELECT display_name AS name FROM users WHERE id = $1',
      [tenant.users.admin.id],
    );
    await api.dataSource.query(
      `INSERT INTO audit_events (organization_id, actor_type, actor_id, action, target_type, target_id, details, created_at)
       VALUES ($1, 'user', $2, 'finding.status_changed', 'finding', $3, $4, '2025-06-01T10:00:00+09:00'),
              ($1, 'user', $2, 'user.handed_over', 'user', $2, $5, '2025-06-02T10:00:00+09:00')`,
      [
        tenant.organizationId,
        tenant.users.procurement.id,
        findingId,
        JSON.stringify({ from: 'open', to: 'accepted', supplierId: world.supplierId }),
        JSON.stringify({ toUserId: tenant.users.admin.id, suppliers: 2, campaigns: 1 }),
      ],
    );
    const june = '?from=2025-06-01&to=2025-06-02';
    const [handover, finding] = rowsOf((await page(june).expect(200)).text);
    expect(finding.action).toBe('finding.status_changed');
    expect(finding.html).toContain(
      `<a href="/dashboard/suppliers/${world.supplierId}" data-testid="audit-target-link">監査テスト精機株式会社 / ${code}</a>`,
    );
    expect(finding.html).toContain('<dt>変更前の状態:</dt> <dd>未対応</dd>');
    expect(finding.html).toContain('<dt>変更後の状態:</dt> <dd>リスク受容</dd>');
    expect(finding.html).toContain(
      `<dt>サプライヤー:</dt> <dd><a href="/dashboard/suppliers/${world.supplierId}" data-testid="audit-detail-link">監査テスト精機株式会社</a></dd>`,
    );
    expect(finding.html).not.toContain(`<dd>${world.supplierId}</dd>`);
    expect(finding.html).not.toContain('accepted');
    expect(handover.html).toContain(
      `<dt>引き継ぎ先:</dt> <dd>${adminName} &lt;${tenant.users.admin.email}&gt;</dd>`,
    );
    expect(handover.html).toContain('<dt>引き継いだサプライヤー数:</dt> <dd>2</dd>');
    expect(handover.html).not.toContain(tenant.users.admin.id);

    const [enHandover, enFinding] = rowsOf((await page(june, 'admin', 'en').expect(200)).text);
    expect(enFinding.html).toContain('<dt>Status before:</dt> <dd>Open</dd>');
    expect(enFinding.html).toContain('<dt>Status after:</dt> <dd>Accepted</dd>');
    // The admin may open the users page: the heir links there.
    expect(enHandover.html).toContain(
      `<dt>Handed over to:</dt> <dd><a href="/console/users" data-testid="audit-detail-link">${adminName} &lt;${tenant.users.admin.email}&gt;</a></dd>`,
    );

    // The CSV keeps the recorded keys and values, for filing and for tools.
    const csv = await api
      .http()
      .get(`/api/v1/audit-events/export.csv?action=finding.status_changed&from=2025-06-01`)
      .set('cookie', cookies.auditor)
      .buffer(true)
      .parse((res, done) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => done(null, body));
      })
      .expect(200);
    const [, row] = parse((csv.body as string).slice(1)) as string[][];
    expect(row[8]).toBe(`監査テスト精機株式会社 / ${code}`);
    expect(row[10]).toBe(`to: accepted\nfrom: open\nsupplierId: ${world.supplierId}`);
  });
});
