import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { createTestAssessment, TestAssessment } from '../support/assessment-factory';
import { createTestTenant, loginToken, startApi, TestApi, TestTenant } from '../support/test-app';

type Role = 'admin' | 'procurement' | 'ciso' | 'auditor';

interface AuditItem {
  id: string;
  actorType: string;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
}

const EXPORT_ACTIONS = [
  'supplier.exported',
  'dashboard.exported',
  'campaign.unanswered_exported',
  'audit.exported',
];

/**
 * Every download of tenant data leaves a record an auditor can read (who, which export, format,
 * filters, how many rows), in the exporter's tenant only; and a download whose record cannot be
 * written is refused rather than handed out unrecorded. Real app, real PostgreSQL.
 */
describe('exports are recorded in the audit trail (real app and database)', () => {
  let api: TestApi;
  let tenant: TestTenant;
  let other: TestTenant;
  let world: TestAssessment;
  const tokens = {} as Record<Role | 'otherAuditor' | 'otherProcurement', string>;

  beforeAll(async () => {
    api = await startApi({ LOGIN_ATTEMPTS_PER_MINUTE_PER_IP: '1000' });
    tenant = await createTestTenant(api.dataSource, 'export-audit');
    other = await createTestTenant(api.dataSource, 'export-audit-other');
    for (const role of ['admin', 'procurement', 'ciso', 'auditor'] as Role[]) {
      tokens[role] = await loginToken(api, tenant.users[role].email);
    }
    tokens.otherAuditor = await loginToken(api, other.users.auditor.email);
    tokens.otherProcurement = await loginToken(api, other.users.procurement.email);

    const create = (token: string, body: Record<string, unknown>) =>
      api
        .http()
        .post('/api/v1/suppliers')
        .set('authorization', `Bearer ${token}`)
        .send(body)
        .expect(201);
    await create(tokens.procurement, {
      name: '持出監査精工株式会社',
      criticality: 3,
      contacts: [{ name: '精工 担当', email: 'seiko@export-audit.example.jp' }],
    });
    await create(tokens.procurement, {
      name: '持出監査物流株式会社',
      criticality: 1,
      contacts: [{ name: '物流 担当', email: 'butsuryu@export-audit.example.jp' }],
    });
    await create(tokens.otherProcurement, {
      name: '他社持出株式会社',
      contacts: [{ name: '他社', email: 'tasha@export-audit-other.example.jp' }],
    });
    // A launched campaign with one supplier still to answer (not owned by procurement).
    world = await createTestAssessment(api.dataSource, {
      organizationId: tenant.organizationId,
      ownerId: tenant.users.procurement.id,
      supplierName: '持出監査未回答株式会社',
    });
  });
  afterAll(() => api.close());

  const download = (path: string, token: string) =>
    api
      .http()
      .get(path)
      .set('authorization', `Bearer ${token}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });

  /** The data rows of a downloaded CSV (header and BOM dropped). */
  const csvRows = async (path: string, token: string): Promise<string[][]> => {
    const bytes = (await download(path, token).expect(200)).body as Buffer;
    const records = parse(bytes.toString('utf8').replace(/^\uFEFF/, '')) as string[][];
    return records.slice(1);
  };

  /** The data rows of a downloaded workbook's first sheet. */
  const xlsxRows = async (path: string, token: string): Promise<unknown[][]> => {
    const bytes = (await download(path, token).expect(200)).body as Buffer;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as Parameters<typeof book.xlsx.load>[0]);
    const rows: unknown[][] = [];
    book.worksheets[0].eachRow((row, n) => {
      if (n > 1) rows.push((row.values as unknown[]).slice(1));
    });
    return rows;
  };

  /** The trail as GET /api/v1/audit-events gives it to this reader, newest first. */
  const events = async (query: string, token = tokens.auditor): Promise<AuditItem[]> => {
    const response = await api
      .http()
      .get(`/api/v1/audit-events?pageSize=200&${query}`)
      .set('authorization', `Bearer ${token}`)
      .expect(200);
    return response.body.items as AuditItem[];
  };

  const newest = async (action: string, actor: string): Promise<AuditItem> => {
    const [event] = await events(`action=${action}&actorId=${actor}`);
    expect(event).toBeDefined();
    return event;
  };

  it('records a supplier registry export (CSV and Excel): who, format, filters, row count', async () => {
    const csv = await csvRows(
      '/api/v1/suppliers/export.csv?criticality=3&lang=en',
      tokens.procurement,
    );
    expect(csv.map((r) => r[0])).toEqual(['持出監査精工株式会社']);
    expect(await newest('supplier.exported', tenant.users.procurement.id)).toMatchObject({
      actorType: 'user',
      actorId: tenant.users.procurement.id,
      action: 'supplier.exported',
      details: { format: 'csv', lang: 'en', filters: { criticality: 3 }, rowCount: 1 },
    });

    const sheet = await xlsxRows('/api/v1/suppliers/export.xlsx', tokens.auditor);
    expect(sheet).toHaveLength(3);
    expect(await newest('supplier.exported', tenant.users.auditor.id)).toMatchObject({
      actorId: tenant.users.auditor.id,
      details: { format: 'xlsx', lang: 'ja', filters: {}, rowCount: 3 },
    });
  });

  it('records a dashboard export (CSV and Excel), saying when it held only the caller’s suppliers', async () => {
    const mine = await csvRows('/api/v1/dashboard/export.csv?sort=name', tokens.procurement);
    expect(mine).toHaveLength(2);
    expect(await newest('dashboard.exported', tenant.users.procurement.id)).toMatchObject({
      details: {
        format: 'csv',
        lang: 'ja',
        filters: { sort: 'name' },
        rowCount: 2,
        ownSuppliersOnly: true,
      },
    });

    const all = await xlsxRows('/api/v1/dashboard/export.xlsx?criticality=1&lang=en', tokens.ciso);
    expect(all.map((r) => r[0])).toEqual(['持出監査物流株式会社']);
    const ciso = await newest('dashboard.exported', tenant.users.ciso.id);
    expect(ciso.details).toEqual({
      format: 'xlsx',
      lang: 'en',
      filters: { criticality: 1 },
      rowCount: 1,
    });
  });

  it('records the unanswered assessments CSV on its campaign', async () => {
    const rows = await csvRows(
      `/api/v1/campaigns/${world.campaignId}/assessments.csv?lang=en`,
      tokens.procurement,
    );
    expect(rows.map((r) => r[0])).toEqual(['持出監査未回答株式会社']);
    expect(await newest('campaign.unanswered_exported', tenant.users.procurement.id)).toMatchObject(
      {
        targetType: 'campaign',
        targetId: world.campaignId,
        details: { format: 'csv', lang: 'en', filters: { status: 'open' }, rowCount: 1 },
      },
    );
    // A campaign of another tenant is a 404 and leaves no record.
    const before = (await events('action=campaign.unanswered_exported')).length;
    await download(
      `/api/v1/campaigns/${world.campaignId}/assessments.csv`,
      tokens.otherProcurement,
    ).expect(404);
    expect(await events('action=campaign.unanswered_exported')).toHaveLength(before);
  });

  it('records the audit log’s own export with the events it holds, before them', async () => {
    const first = await csvRows('/api/v1/audit-events/export.csv?actorType=user', tokens.auditor);
    const record = await newest('audit.exported', tenant.users.auditor.id);
    expect(record.details).toEqual({
      format: 'csv',
      lang: 'ja',
      filters: { actorType: 'user' },
      rowCount: first.length,
    });
    expect(first.length).toBeGreaterThan(5);
    // The file holds the events recorded before its own record, not that record itself.
    expect(first.map((r) => r[0])).not.toContain(record.id);
    expect(first.map((r) => r[6])).toContain('supplier.exported');

    const second = await csvRows(
      '/api/v1/audit-events/export.csv?action=audit.exported&lang=en',
      tokens.admin,
    );
    expect(second.map((r) => r[0])).toEqual([record.id]);
    expect(second[0].slice(5, 7)).toEqual(['Audit log exported', 'audit.exported']);
    expect((await newest('audit.exported', tenant.users.admin.id)).details).toMatchObject({
      lang: 'en',
      filters: { action: 'audit.exported' },
      rowCount: 1,
    });
  });

  it('shows the exports on the audit page in words, and filters by each (ja/en)', async () => {
    const page = (query: string, lang: 'ja' | 'en') =>
      api
        .http()
        .get(`/console/audit${query}`)
        .set('cookie', `kk_session=${tokens.auditor}; kk_lang=${lang}`)
        .expect(200);
    const labels: Record<string, [string, string]> = {
      'supplier.exported': ['サプライヤー台帳をエクスポート', 'Supplier registry exported'],
      'dashboard.exported': [
        'ダッシュボードのリスク一覧をエクスポート',
        'Dashboard risk list exported',
      ],
      'campaign.unanswered_exported': [
        '未回答のサプライヤー一覧をエクスポート',
        'Unanswered suppliers exported',
      ],
      'audit.exported': ['監査ログをエクスポート', 'Audit log exported'],
    };
    for (const action of EXPORT_ACTIONS) {
      const [ja, en] = labels[action];
      const japanese = (await page(`?action=${action}`, 'ja')).text;
      expect(japanese).toContain(`<option value="${action}" selected>${ja}</option>`);
      const shown = [
        ...japanese.matchAll(/<tr data-testid="audit-row"[^>]*data-action="([^"]*)"/g),
      ];
      expect(shown.length).toBeGreaterThan(0);
      expect(new Set(shown.map((m) => m[1]))).toEqual(new Set([action]));
      const english = (await page(`?action=${action}`, 'en')).text;
      expect(english).toContain(`<option value="${action}" selected>${en}</option>`);
    }
    // Offered in the filter under their own group, before any is chosen.
    const unfiltered = (await page('', 'ja')).text;
    expect(unfiltered).toMatch(
      /<optgroup label="エクスポート">\s*<option value="supplier\.exported">サプライヤー台帳をエクスポート<\/option>/,
    );
  });

  it("keeps export records in the exporter's tenant", async () => {
    await csvRows('/api/v1/suppliers/export.csv', tokens.otherProcurement);
    const ours = new Set(Object.values(tenant.users).map((u) => u.id));
    for (const action of EXPORT_ACTIONS) {
      const theirs = await events(`action=${action}`, tokens.otherAuditor);
      expect(theirs.filter((e) => ours.has(e.actorId ?? ''))).toEqual([]);
    }
    const theirExports = await events('action=supplier.exported', tokens.otherAuditor);
    expect(theirExports).toHaveLength(1);
    expect(theirExports[0]).toMatchObject({
      actorId: other.users.procurement.id,
      details: { rowCount: 1 },
    });
    const ourView = await events('action=supplier.exported');
    expect(ourView.map((e) => e.actorId)).not.toContain(other.users.procurement.id);
  });

  it('refuses every export with a 500 and no data when its record cannot be written', async () => {
    // The trail refuses this tenant's export records (a real failure of the INSERT).
    await api.dataSource.query(`
      CREATE FUNCTION export_audit_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.organization_id = '${tenant.organizationId}'::uuid AND NEW.action LIKE '%exported'
        THEN RAISE EXCEPTION 'audit trail unavailable';
        END IF;
        RETURN NEW;
      END $$`);
    await api.dataSource.query(
      `CREATE TRIGGER export_audit_test_refuse BEFORE INSERT ON audit_events
         FOR EACH ROW EXECUTE FUNCTION export_audit_test_refuse()`,
    );
    try {
      const count = async (): Promise<number> =>
        (
          await api.dataSource.query(
            `SELECT count(*)::int AS n FROM audit_events WHERE organization_id = $1`,
            [tenant.organizationId],
          )
        )[0].n;
      const before = await count();
      const attempts: [string, Role][] = [
        ['/api/v1/suppliers/export.csv', 'procurement'],
        ['/api/v1/suppliers/export.xlsx', 'procurement'],
        ['/api/v1/dashboard/export.csv', 'ciso'],
        ['/api/v1/dashboard/export.xlsx', 'ciso'],
        [`/api/v1/campaigns/${world.campaignId}/assessments.csv`, 'procurement'],
        ['/api/v1/audit-events/export.csv', 'auditor'],
      ];
      for (const [path, role] of attempts) {
        const response = await download(path, tokens[role]);
        const text = (response.body as Buffer).toString('utf8');
        expect({ path, status: response.status }).toEqual({ path, status: 500 });
        expect(response.headers['content-type']).toMatch(/^application\/json/);
        expect(response.headers['content-disposition']).toBeUndefined();
        expect(JSON.parse(text)).toMatchObject({ statusCode: 500 });
        for (const secret of ['持出監査', 'export-audit.example.jp', 'ID,', '会社名']) {
          expect(text).not.toContain(secret);
        }
      }
      expect(await count()).toBe(before);
    } finally {
      await api.dataSource.query(`DROP TRIGGER export_audit_test_refuse ON audit_events`);
      await api.dataSource.query(`DROP FUNCTION export_audit_test_refuse()`);
    }
    // With the trail back, the same download works and is recorded.
    await csvRows('/api/v1/suppliers/export.csv', tokens.procurement);
  });
});
