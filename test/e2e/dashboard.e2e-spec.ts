import ExcelJS from 'exceljs';
import {
  DEFAULT_CATALOG_VERSION,
  describeFinding,
  getCatalog,
  type ScoreResult,
} from '@kakehashi/domain';
import {
  fixtureScore,
  insertAssessment,
  insertCampaign,
  insertContact,
  insertScoredAssessment,
  insertSupplier,
  type FixtureName,
} from '../support/dashboard-factory';
import {
  createTestTenant,
  loginToken,
  startApi,
  TestApi,
  TestTenant,
  appOrigin,
} from '../support/test-app';

type Summary = {
  suppliers: number;
  scoredSuppliers: number;
  invited: number;
  submitted: number;
  scored: number;
  overdue: number;
  responseRate: number;
  tiers: Record<string, number>;
  directiveAverage: number[];
  securityAction: Record<string, number>;
  otasuketaiShare: number;
  criticalHighTier: number;
  smeSecurityActionShare: number;
  criticalDirectiveAverage: number[];
  targetProfile: number[];
};
type ListItem = {
  supplierId: string;
  name: string;
  riskScore: number | null;
  directiveMaturity: number[] | null;
  tier: string | null;
  openFindings: number;
  criticality: number;
};

interface Seeded {
  name: string;
  fixture: FixtureName;
  criticality: 1 | 2 | 3;
  sizeClass: 'sme' | 'large';
  category: string;
  owner: 'procurement' | 'admin' | null;
  id: string;
  result: ScoreResult;
  findingIds: string[];
}

/** A 法人番号 with a leading zero, which the exports must keep. */
const CORPORATE_NUMBER = '0123456789012';

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
/** The API rounds averages to 2 decimals from real (float4) columns: within half a hundredth. */
function expectAverages(actual: number[], rows: ScoreResult[]): void {
  expect(actual).toHaveLength(10);
  actual.forEach((value, i) => {
    expect(Math.abs(value - mean(rows.map((r) => r.directiveMaturity[i])))).toBeLessThanOrEqual(
      0.0051,
    );
  });
}

describe('CISO dashboard API (real Postgres, engine-scored fixtures)', () => {
  let api: TestApi;
  let tenant: TestTenant;
  let other: TestTenant;
  const tokens: Record<string, string> = {};
  let suppliers: Seeded[];
  let unscoredId: string;
  let oldScore: ScoreResult;
  let otherSupplierId: string;
  let otherFindingId: string;
  let pastCampaign: string;

  const get = (path: string, role = 'ciso') =>
    api.http().get(path).set('authorization', `Bearer ${tokens[role]}`);

  beforeAll(async () => {
    api = await startApi({ LOGIN_ATTEMPTS_PER_MINUTE_PER_IP: '1000' });
    const ds = api.dataSource;
    tenant = await createTestTenant(ds, 'dash');
    other = await createTestTenant(ds, 'dash-other');
    for (const role of ['ciso', 'procurement', 'auditor', 'admin'] as const) {
      tokens[role] = await loginToken(api, tenant.users[role].email);
    }
    tokens.otherCiso = await loginToken(api, other.users.ciso.email);
    const org = tenant.organizationId;
    const ownerId = tenant.users.procurement.id;
    pastCampaign = await insertCampaign(ds, org, {
      name: '2025年度 調査',
      dueDate: '2020-01-15',
      ownerId,
      launchedAt: new Date('2019-12-01T00:00:00Z'),
    });
    const currentCampaign = await insertCampaign(ds, org, {
      name: '2026年度 調査',
      dueDate: '2099-12-31',
      ownerId,
      launchedAt: new Date('2026-06-01T00:00:00Z'),
    });

    const plan: Omit<Seeded, 'id' | 'result' | 'findingIds'>[] = [
      {
        name: '青葉システム',
        fixture: 'matureLarge',
        criticality: 3,
        sizeClass: 'large',
        category: 'IT',
        owner: 'procurement',
      },
      {
        name: '桜井製作所',
        fixture: 'smeStarOtasuketai',
        criticality: 2,
        sizeClass: 'sme',
        category: '製造',
        owner: 'procurement',
      },
      {
        name: '東雲データ',
        fixture: 'smeNothing',
        criticality: 3,
        sizeClass: 'sme',
        category: 'IT',
        owner: null,
      },
      {
        name: '北斗物流',
        fixture: 'star2Contradiction',
        criticality: 1,
        sizeClass: 'sme',
        category: '物流',
        owner: 'admin',
      },
    ];
    suppliers = [];
    for (const p of plan) {
      const id = await insertSupplier(ds, org, {
        ...p,
        ownerId: p.owner ? tenant.users[p.owner].id : null,
      });
      const result = fixtureScore(p.fixture, p.criticality);
      const scored = await insertScoredAssessment(ds, {
        organizationId: org,
        campaignId: currentCampaign,
        supplierId: id,
        result,
      });
      suppliers.push({ ...p, id, result, findingIds: scored.findingIds });
    }
    await ds.query('UPDATE suppliers SET corporate_number = $2 WHERE id = $1', [
      suppliers[0].id,
      CORPORATE_NUMBER,
    ]);
    // History: the first supplier answered the older campaign badly; still current = the new one.
    oldScore = fixtureScore('smeNothing', 3);
    await insertScoredAssessment(ds, {
      organizationId: org,
      campaignId: pastCampaign,
      supplierId: suppliers[0].id,
      result: oldScore,
      scoredAt: new Date('2020-01-10T00:00:00Z'),
      current: false,
    });
    // Overdue (past due, not submitted): the third supplier and an unscored one.
    await insertAssessment(ds, {
      organizationId: org,
      campaignId: pastCampaign,
      supplierId: suppliers[2].id,
      status: 'in_progress',
    });
    unscoredId = await insertSupplier(ds, org, {
      name: '未回答商事',
      criticality: 2,
      sizeClass: 'sme',
      category: 'IT',
    });
    await insertAssessment(ds, {
      organizationId: org,
      campaignId: pastCampaign,
      supplierId: unscoredId,
      status: 'invited',
    });
    await insertAssessment(ds, {
      organizationId: org,
      campaignId: currentCampaign,
      supplierId: unscoredId,
      status: 'opened',
    });
    const contact = await insertContact(ds, {
      organizationId: org,
      supplierId: suppliers[0].id,
      name: '青葉 太郎',
      email: 'taro@aoba.example',
    });
    await ds.query(
      `INSERT INTO mail_messages (organization_id, message_key, kind, status, to_email, contact_id, last_error)
       VALUES ($1, $2, 'invitation', 'failed', 'taro@aoba.example', $3, '550 mailbox unavailable')`,
      [org, `invite:test-${contact}`, contact],
    );

    // The other tenant: one scored supplier that must never show up.
    const otherCampaign = await insertCampaign(ds, other.organizationId, {
      dueDate: '2020-01-01',
      ownerId: other.users.procurement.id,
    });
    otherSupplierId = await insertSupplier(ds, other.organizationId, {
      name: '他社専用サプライヤー',
      criticality: 3,
      sizeClass: 'sme',
      category: 'IT',
    });
    const otherScored = await insertScoredAssessment(ds, {
      organizationId: other.organizationId,
      campaignId: otherCampaign,
      supplierId: otherSupplierId,
      result: fixtureScore('smeNothing', 3),
    });
    otherFindingId = otherScored.findingIds[0];
  });
  afterAll(() => api.close());

  it('summarises the portfolio exactly as the inserted scores add up', async () => {
    const { body } = await get('/api/v1/dashboard/summary').expect(200);
    const s = body as Summary;
    const results = suppliers.map((x) => x.result);
    const countTier = (tier: string): number => results.filter((r) => r.tier === tier).length;
    expect(s.suppliers).toBe(5);
    expect(s.scoredSuppliers).toBe(4);
    // 3 assessments in the past campaign + 5 in the current one.
    expect(s.invited).toBe(8);
    expect(s.submitted).toBe(5);
    expect(s.scored).toBe(5);
    expect(s.overdue).toBe(2);
    expect(s.responseRate).toBe(0.625);
    expect(s.tiers).toEqual({
      low: countTier('low'),
      medium: countTier('medium'),
      high: countTier('high'),
      critical: countTier('critical'),
    });
    // The fixtures span the tiers, so the check is not trivially all-zero.
    expect(new Set(results.map((r) => r.tier)).size).toBeGreaterThanOrEqual(3);
    expectAverages(s.directiveAverage, results);
    const critical = suppliers.filter((x) => x.criticality === 3).map((x) => x.result);
    expectAverages(s.criticalDirectiveAverage, critical);
    const declared = (d: string): number =>
      results.filter((r) => r.securityAction.declared === d).length;
    expect(s.securityAction).toEqual({
      none: declared('none'),
      star1: declared('star1'),
      star2: declared('star2'),
    });
    expect(s.otasuketaiShare).toBe(
      Math.round((results.filter((r) => r.otasuketai.uses).length / 4) * 1e4) / 1e4,
    );
    expect(s.criticalHighTier).toBe(
      critical.filter((r) => r.tier === 'high' || r.tier === 'critical').length,
    );
    const sme = suppliers.filter((x) => x.sizeClass === 'sme').map((x) => x.result);
    expect(s.smeSecurityActionShare).toBe(
      Math.round(
        (sme.filter((r) => r.securityAction.declared !== 'none').length / sme.length) * 1e4,
      ) / 1e4,
    );
    expect(s.targetProfile).toEqual(Array(10).fill(3));
  });

  it('applies the filters to the figures (criticality, campaign, size, tier)', async () => {
    const crit = (await get('/api/v1/dashboard/summary?criticality=3').expect(200)).body as Summary;
    const critical = suppliers.filter((x) => x.criticality === 3);
    expect(crit.suppliers).toBe(2);
    expect(crit.invited).toBe(4);
    expect(crit.submitted).toBe(3);
    expect(crit.overdue).toBe(1);
    expectAverages(
      crit.directiveAverage,
      critical.map((x) => x.result),
    );

    const past = (await get(`/api/v1/dashboard/summary?campaign=${pastCampaign}`).expect(200))
      .body as Summary;
    expect(past.suppliers).toBe(3);
    expect(past.invited).toBe(3);
    expect(past.submitted).toBe(1);
    expect(past.overdue).toBe(2);
    expect(past.responseRate).toBe(0.3333);

    const sme = (await get('/api/v1/dashboard/summary?sizeClass=sme').expect(200)).body as Summary;
    expect(sme.suppliers).toBe(4);
    expect(sme.scoredSuppliers).toBe(3);
    const tier = suppliers[0].result.tier;
    const byTier = (await get(`/api/v1/dashboard/summary?tier=${tier}`).expect(200))
      .body as Summary;
    expect(byTier.suppliers).toBe(suppliers.filter((x) => x.result.tier === tier).length);
    expect(byTier.tiers[tier]).toBe(byTier.suppliers);

    const bad = await get('/api/v1/dashboard/summary?criticality=7').expect(400);
    expect(JSON.stringify(bad.body.message)).toContain('criticality');
  });

  it('lists the heatmap rows with each supplier’s ten directive scores, sorted and paged', async () => {
    const { body } = await get('/api/v1/dashboard/suppliers').expect(200);
    expect(body.total).toBe(5);
    const items = body.items as ListItem[];
    const byRisk = [...suppliers].sort((a, b) => b.result.riskScore - a.result.riskScore);
    expect(items.map((i) => i.name)).toEqual([...byRisk.map((x) => x.name), '未回答商事']);
    for (const s of suppliers) {
      const row = items.find((i) => i.supplierId === s.id)!;
      expect(row.riskScore).toBeCloseTo(s.result.riskScore, 4);
      expect(row.tier).toBe(s.result.tier);
      expect(row.openFindings).toBe(s.result.findings.length);
      row.directiveMaturity!.forEach((v, i) =>
        expect(v).toBeCloseTo(s.result.directiveMaturity[i], 4),
      );
    }
    expect(items[4]).toMatchObject({
      name: '未回答商事',
      tier: null,
      riskScore: null,
      directiveMaturity: null,
    });

    const byCriticality = (await get('/api/v1/dashboard/suppliers?sort=criticality').expect(200))
      .body;
    expect((byCriticality.items as ListItem[]).map((i) => i.criticality)).toEqual([3, 3, 2, 2, 1]);
    const byName = (await get('/api/v1/dashboard/suppliers?sort=name&order=desc').expect(200)).body;
    const names = (byName.items as ListItem[]).map((i) => i.name);
    expect(names).toEqual([...names].sort().reverse());
    const page2 = (await get('/api/v1/dashboard/suppliers?pageSize=2&page=2').expect(200)).body;
    expect(page2).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect((page2.items as ListItem[]).map((i) => i.name)).toEqual(
      byRisk.slice(2, 4).map((x) => x.name),
    );
    const it = (await get('/api/v1/dashboard/suppliers?category=IT&sizeClass=sme').expect(200))
      .body;
    expect((it.items as ListItem[]).map((i) => i.name).sort()).toEqual(
      ['未回答商事', '東雲データ'].sort(),
    );
  });

  it('gives procurement one scope for every figure: its own suppliers by default, or all', async () => {
    const owned = suppliers.filter((x) => x.owner === 'procurement');
    const names = (items: ListItem[]) => items.map((i) => i.name).sort();
    // Default for a procurement user who owns suppliers: only those, in the list AND the summary.
    const list = (await get('/api/v1/dashboard/suppliers', 'procurement').expect(200)).body;
    expect(names(list.items)).toEqual(owned.map((x) => x.name).sort());
    expect(list.total).toBe(2);
    const summary = (await get('/api/v1/dashboard/summary', 'procurement').expect(200))
      .body as Summary;
    expect(summary.suppliers).toBe(2);
    expect(summary.scoredSuppliers).toBe(2);
    const ownedTiers = owned.filter((x) => x.result.tier === 'critical').length;
    expect(summary.tiers.critical).toBe(ownedTiers);
    expectAverages(
      summary.directiveAverage,
      owned.map((x) => x.result),
    );
    // Only the owned suppliers' assessments count: both in the current campaign, and
    // 青葉システム's older one (the unowned ones' overdue assessments do not).
    expect(summary.invited).toBe(3);
    expect(summary.overdue).toBe(0);
    const trends = (await get('/api/v1/dashboard/trends', 'procurement').expect(200)).body;
    const scoredPerCampaign = (trends.items as { name: string; scored: number }[]).map(
      (c) => c.scored,
    );
    // 青葉システム answered the older campaign too; both owned ones the current one.
    expect(scoredPerCampaign).toEqual([1, 2]);
    const csv = await get('/api/v1/dashboard/export.csv', 'procurement').expect(200);
    expect(csv.text).toContain(owned[0].name);
    expect(csv.text).not.toContain('東雲データ');

    // "All suppliers": the whole organization, again the same set everywhere.
    const all = (await get('/api/v1/dashboard/suppliers?scope=all', 'procurement').expect(200))
      .body;
    expect(all.total).toBe(5);
    const allSummary = (await get('/api/v1/dashboard/summary?scope=all', 'procurement').expect(200))
      .body as Summary;
    expect(allSummary.suppliers).toBe(5);
    const allCsv = await get('/api/v1/dashboard/export.csv?scope=all', 'procurement').expect(200);
    expect(allCsv.text).toContain('東雲データ');
    const bad = await get('/api/v1/dashboard/summary?scope=theirs', 'procurement').expect(400);
    expect(JSON.stringify(bad.body.message)).toContain('scope must be mine or all');

    // Ownership filters views; it is not access control: any supplier's drill-down answers,
    // and any procurement user may set a finding's status.
    const notOwned = suppliers[2];
    expect(notOwned.owner).toBeNull();
    const detail = (await get(`/api/v1/suppliers/${notOwned.id}/risk`, 'procurement').expect(200))
      .body;
    expect(detail.supplier.name).toBe('東雲データ');
    const patched = await api
      .http()
      .patch(`/api/v1/findings/${notOwned.findingIds[0]}`)
      .set('authorization', `Bearer ${tokens.procurement}`)
      .send({ status: 'accepted' })
      .expect(200);
    expect(patched.body).toMatchObject({ status: 'accepted', supplierId: notOwned.id });
    await api
      .http()
      .patch(`/api/v1/findings/${notOwned.findingIds[0]}`)
      .set('authorization', `Bearer ${tokens.procurement}`)
      .send({ status: 'open' })
      .expect(200);
    // The auditor (and the CISO) read everything; a scope asked by them changes nothing.
    const audited = (await get('/api/v1/dashboard/suppliers', 'auditor').expect(200)).body;
    expect(audited.total).toBe(5);
    const cisoMine = (await get('/api/v1/dashboard/summary?scope=mine').expect(200))
      .body as Summary;
    expect(cisoMine.suppliers).toBe(5);
  });

  it('shows a procurement user who owns no supplier all of them, cards and heatmap alike', async () => {
    const [second] = await api.dataSource.query<{ email: string }[]>(
      `INSERT INTO users (organization_id, email, display_name, role, password_hash)
       SELECT organization_id, 'second-' || email, '調達 二郎', 'procurement', password_hash
       FROM users WHERE id = $1 RETURNING email`,
      [tenant.users.procurement.id],
    );
    const token = await loginToken(api, second.email);
    const page = async (path: string) =>
      (await api.http().get(path).set('cookie', `kk_session=${token}`).expect(200)).text;
    const html = await page('/dashboard');
    const card = /data-testid="card-suppliers">(\d+)</.exec(html)![1];
    const rows = html.match(/<tr data-href=/g) ?? [];
    expect(card).toBe('5');
    expect(rows).toHaveLength(5);
    expect(html).not.toContain('条件に合うサプライヤーはありません');
    expect(html).toContain('組織のすべてのサプライヤーを対象にしています');
    // The scope control, with "all" chosen.
    expect(html).toMatch(/<label>対象のサプライヤー\s*<select name="scope"/);
    expect(html).toMatch(/<option value="all" selected>すべてのサプライヤー<\/option>/);
    // Choosing "mine": none owned, and the cards agree with the empty heatmap.
    const mine = await page('/dashboard?scope=mine');
    expect(/data-testid="card-suppliers">(\d+)</.exec(mine)![1]).toBe('0');
    expect(mine).toContain('条件に合うサプライヤーはありません');
    expect(mine).toContain('あなたが担当するサプライヤーのみを対象にしています');
    // The supplier's risk page opens for them (the assessment page links to it).
    const supplierPage = await page(`/dashboard/suppliers/${suppliers[0].id}`);
    expect(supplierPage).toContain(suppliers[0].name);
    // The first procurement user (owns two) starts on "mine", in English too.
    const first = await api
      .http()
      .get('/dashboard?lang=en')
      .set('cookie', `kk_session=${tokens.procurement}`)
      .expect(200);
    expect(/data-testid="card-suppliers">(\d+)</.exec(first.text)![1]).toBe('2');
    expect(first.text.match(/<tr data-href=/g)).toHaveLength(2);
    expect(first.text).toContain('cover only the suppliers you own');
    expect(first.text).toMatch(/<option value="mine" selected>Only suppliers I own<\/option>/);
    // The CISO has no scope control and sees all.
    const ciso = await api
      .http()
      .get('/dashboard')
      .set('cookie', `kk_session=${tokens.ciso}`)
      .expect(200);
    expect(ciso.text).not.toContain('name="scope"');
    expect(ciso.text).toContain('組織のすべてのサプライヤーを対象にしています');
  });

  it('keeps other tenants out: their suppliers never appear and their ids answer 404', async () => {
    const list = (await get('/api/v1/dashboard/suppliers?pageSize=200').expect(200)).body;
    expect((list.items as ListItem[]).some((i) => i.name === '他社専用サプライヤー')).toBe(false);
    const csv = await get('/api/v1/dashboard/export.csv').expect(200);
    expect(csv.text).not.toContain('他社専用サプライヤー');
    await get(`/api/v1/suppliers/${otherSupplierId}/risk`).expect(404);
    await api
      .http()
      .patch(`/api/v1/findings/${otherFindingId}`)
      .set('authorization', `Bearer ${tokens.ciso}`)
      .send({ status: 'remediated' })
      .expect(404);
    const theirs = (await get('/api/v1/dashboard/summary', 'otherCiso').expect(200))
      .body as Summary;
    expect(theirs.suppliers).toBe(1);
    expect(theirs.invited).toBe(1);
    await get(`/api/v1/suppliers/${suppliers[0].id}/risk`, 'otherCiso').expect(404);
  });

  it('drills into a supplier: risk, radar vs portfolio, findings, history and delivery state', async () => {
    const s = suppliers[0];
    const { body } = await get(`/api/v1/suppliers/${s.id}/risk`).expect(200);
    expect(body.supplier).toMatchObject({ name: s.name, criticality: 3 });
    expect(body.current.riskScore).toBeCloseTo(s.result.riskScore, 4);
    expect(body.current.tier).toBe(s.result.tier);
    const summary = (await get('/api/v1/dashboard/summary').expect(200)).body as Summary;
    expect(body.portfolioAverage).toEqual(summary.directiveAverage);
    expect(body.explanation.gates).toHaveLength(s.result.gates.length);
    expect(body.findings.map((f: { code: string }) => f.code)).toEqual(
      s.result.findings.map((f) => f.code),
    );
    if (s.result.findings.length > 0) {
      // Rendered from the stored data with the catalog the score used.
      const catalog = getCatalog(DEFAULT_CATALOG_VERSION)!;
      const first = describeFinding(catalog, s.result.findings[0]);
      expect(body.findings[0].message).toEqual(first.message);
      expect(body.findings[0].recommendation.ja).toBe(first.recommendation.ja);
      expect(body.findings[0].message.ja).not.toContain('?');
      expect(body.findings[0].status).toBe('open');
    }
    // The trend: the older campaign's score, then the current one.
    expect(body.history.map((h: { campaignName: string }) => h.campaignName)).toEqual([
      '2025年度 調査',
      '2026年度 調査',
    ]);
    expect(body.history[0].score.riskScore).toBeCloseTo(oldScore.riskScore, 4);
    expect(body.history[1].score.riskScore).toBeCloseTo(s.result.riskScore, 4);
    expect(body.contacts).toEqual([
      expect.objectContaining({
        email: 'taro@aoba.example',
        lastMail: expect.objectContaining({
          status: 'failed',
          lastError: '550 mailbox unavailable',
        }),
      }),
    ]);
  });

  it('names each contact’s last mail and why it was not sent in the page’s language', async () => {
    const contact = await insertContact(api.dataSource, {
      organizationId: tenant.organizationId,
      supplierId: suppliers[1].id,
      name: '青葉 花子',
      email: 'hanako@aoba.example',
    });
    await api.dataSource.query(
      `INSERT INTO mail_messages (organization_id, message_key, kind, status, to_email, contact_id, last_error)
       VALUES ($1, $2, 'reopened', 'skipped', 'hanako@aoba.example', $3, 'campaign closed')`,
      [tenant.organizationId, `reopen:test-${contact}`, contact],
    );
    const page = async (lang: string) => {
      let text = '';
      for (const s of suppliers.slice(0, 2)) {
        text += (
          await api
            .http()
            .get(`/dashboard/suppliers/${s.id}?lang=${lang}`)
            .set('cookie', `kk_session=${tokens.ciso}`)
            .expect(200)
        ).text;
      }
      return text;
    };
    const ja = await page('ja');
    expect(ja).toContain('回答依頼: 送信失敗');
    // Every column says what it holds: the two numbers per directive, and the findings.
    for (const header of ['このサプライヤー', '全体平均', '重要度', '指摘', '推奨']) {
      expect(ja).toContain(`<th scope="col">${header}</th>`);
    }
    expect(ja).toContain('(550 mailbox unavailable)');
    expect(ja).toContain('再回答のお願い: 送信せず');
    expect(ja).toContain('(キャンペーン終了のため)');
    expect(ja).not.toMatch(/invitation:|reopened:|campaign closed/);
    const en = await page('en');
    expect(en).toContain('Invitation: Failed');
    expect(en).toContain('Reopened for changes: Skipped');
    expect(en).toContain('(the campaign is closed)');
    await api.dataSource.query(`DELETE FROM supplier_contacts WHERE id = $1`, [contact]);
  });

  it('words a supplier page as the registry and the detail pages do (区分, 企業規模, due dates)', async () => {
    const page = async (lang: string) =>
      (
        await api
          .http()
          .get(`/dashboard/suppliers/${suppliers[0].id}?lang=${lang}`)
          .set('cookie', `kk_session=${tokens.ciso}`)
          .expect(200)
      ).text;
    const ja = await page('ja');
    expect(ja).toContain('区分: IT');
    expect(ja).toContain('企業規模: 大企業');
    // The campaigns' due dates in words, as on the other detail pages.
    expect(ja).toContain('<td>2020年1月15日(水)</td>');
    expect(ja).toContain('<td>2099年12月31日(木)</td>');
    expect(ja).not.toContain('2099-12-31');
    const en = await page('en');
    expect(en).toContain('Category: IT');
    expect(en).toContain('Size: Large');
    expect(en).toContain('<td>Thu, 31 Dec 2099</td>');
  });

  it('changes a finding’s status (ciso yes, auditor no) and the open count follows', async () => {
    const s = suppliers.find((x) => x.findingIds.length > 0)!;
    const findingId = s.findingIds[0];
    await api
      .http()
      .patch(`/api/v1/findings/${findingId}`)
      .set('authorization', `Bearer ${tokens.auditor}`)
      .send({ status: 'accepted' })
      .expect(403);
    await api
      .http()
      .patch(`/api/v1/findings/${findingId}`)
      .set('authorization', `Bearer ${tokens.ciso}`)
      .send({ status: 'done' })
      .expect(400);
    const { body } = await api
      .http()
      .patch(`/api/v1/findings/${findingId}`)
      .set('authorization', `Bearer ${tokens.ciso}`)
      .send({ status: 'remediated' })
      .expect(200);
    expect(body).toMatchObject({ id: findingId, status: 'remediated', supplierId: s.id });
    const detail = (await get(`/api/v1/suppliers/${s.id}/risk`).expect(200)).body;
    expect(detail.findings.find((f: { id: string }) => f.id === findingId).status).toBe(
      'remediated',
    );
    const list = (await get('/api/v1/dashboard/suppliers').expect(200)).body;
    expect((list.items as ListItem[]).find((i) => i.supplierId === s.id)!.openFindings).toBe(
      s.result.findings.length - 1,
    );
    await api
      .http()
      .patch(`/api/v1/findings/${findingId}`)
      .set('authorization', `Bearer ${tokens.ciso}`)
      .send({ status: 'open' })
      .expect(200);
  });

  it('saves a finding’s status from the page’s form without script, with a note kept and shown', async () => {
    const s = suppliers.find((x) => x.findingIds.length > 0)!;
    const findingId = s.findingIds[0];
    const post = (as: string, form: Record<string, string>, origin = appOrigin(api)) =>
      api
        .http()
        .post(`/dashboard/findings/${findingId}`)
        .set('cookie', `kk_session=${tokens[as]}`)
        .set('origin', origin)
        .type('form')
        .send(form);
    const status = async () =>
      (
        await api.dataSource.query<{ status: string }[]>(
          'SELECT status FROM findings WHERE id = $1',
          [findingId],
        )
      )[0].status;

    // The page: a real form per finding, nothing saved by merely choosing.
    const pagePath = `/dashboard/suppliers/${s.id}`;
    const before = (
      await api.http().get(pagePath).set('cookie', `kk_session=${tokens.ciso}`).expect(200)
    ).text;
    expect(before).toContain(
      `<form class="finding-form no-print" method="post" action="/dashboard/findings/${findingId}"`,
    );
    expect(before).toContain('>保存<span class="visually-hidden">');
    expect(before).toContain('メモ（任意）');

    // Refusals say why, as text, and change nothing.
    const invalid = await post('ciso', { status: 'done' }).expect(400);
    expect(invalid.text).toContain('状態は未対応・リスク受容・対応済みのいずれかを選んでください');
    expect(invalid.text).toContain('finding-result finding-error');
    const tooLong = await post('ciso', { status: 'accepted', note: 'あ'.repeat(501) }).expect(400);
    expect(tooLong.text).toContain('メモは500文字以内です');
    const forged = await post('ciso', { status: 'accepted' }, 'https://evil.example').expect(403);
    expect(forged.text).toContain('別のサイトから送信されたため受け付けませんでした');
    await post('auditor', { status: 'accepted' }).expect(403);
    expect(await status()).toBe('open');

    // Saved: back on the supplier page at the finding, which says so; the note is kept with
    // the change in the audit trail and shown next to the finding.
    const saved = await post('ciso', {
      status: 'accepted',
      note: '閉域網のため受容（2027年に再確認）',
    }).expect(303);
    expect(saved.headers.location).toBe(`${pagePath}?saved=${findingId}#finding-${findingId}`);
    expect(await status()).toBe('accepted');
    const [event] = await api.dataSource.query<{ details: Record<string, string> }[]>(
      `SELECT details FROM audit_events WHERE target_id = $1 AND action = 'finding.status_changed'
       ORDER BY id DESC LIMIT 1`,
      [findingId],
    );
    expect(event.details).toMatchObject({
      from: 'open',
      to: 'accepted',
      note: '閉域網のため受容（2027年に再確認）',
    });
    const after = (
      await api
        .http()
        .get(saved.headers.location.replace(/#.*/, ''))
        .set('cookie', `kk_session=${tokens.ciso}`)
        .expect(200)
    ).text;
    expect(after).toMatch(/の状態を「リスク受容」で保存しました。<\/p>/);
    expect(after).toContain('<strong>メモ:</strong> 閉域網のため受容（2027年に再確認）');
    // Remediated is reachable directly from open or accepted; a change without a note shows none.
    await post('ciso', { status: 'remediated' }).expect(303);
    expect(await status()).toBe('remediated');
    const api2 = (await get(`/api/v1/suppliers/${s.id}/risk`).expect(200)).body;
    expect(api2.findings.find((f: { id: string }) => f.id === findingId).note).toBeNull();
    // Through the API, the note is accepted as well.
    const { body } = await api
      .http()
      .patch(`/api/v1/findings/${findingId}`)
      .set('authorization', `Bearer ${tokens.ciso}`)
      .send({ status: 'open', note: '再評価のため戻す' })
      .expect(200);
    expect(body).toMatchObject({ status: 'open', note: '再評価のため戻す' });
    await api
      .http()
      .patch(`/api/v1/findings/${findingId}`)
      .set('authorization', `Bearer ${tokens.ciso}`)
      .send({ status: 'open', note: 'x'.repeat(501) })
      .expect(400);
  });

  it('shows the risk and tier distribution per campaign over time', async () => {
    const { body } = await get('/api/v1/dashboard/trends').expect(200);
    expect(body.items.map((c: { name: string }) => c.name)).toEqual([
      '2025年度 調査',
      '2026年度 調査',
    ]);
    const [past, current] = body.items;
    expect(past.scored).toBe(1);
    expect(past.averageRisk).toBeCloseTo(oldScore.riskScore, 1);
    expect(current.scored).toBe(4);
    expect(
      Math.abs(current.averageRisk - mean(suppliers.map((x) => x.result.riskScore))),
    ).toBeLessThanOrEqual(0.051);
    expect(current.tiers[oldScore.tier] + past.tiers[oldScore.tier]).toBeGreaterThanOrEqual(1);
  });

  /** An export as raw bytes (CSV or xlsx). */
  const download = (path: string) =>
    get(path)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
  /** The CSV's lines after its BOM, which must be there (Excel needs it for UTF-8). */
  const csvLines = async (path: string): Promise<string[]> => {
    const bytes = (await download(path).expect(200)).body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    return bytes.subarray(3).toString('utf8').trim().split('\r\n');
  };
  const workbook = async (path: string): Promise<ExcelJS.Worksheet> => {
    const file = await download(path).expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.body as unknown as Parameters<typeof book.xlsx.load>[0]);
    return book.worksheets[0];
  };
  /** The ja or en messages of a supplier's findings (the exports list up to three of them). */
  const findingMessages = (s: Seeded, locale: 'ja' | 'en'): string[] =>
    s.result.findings.map(
      (f) => describeFinding(getCatalog(DEFAULT_CATALOG_VERSION)!, f).message[locale],
    );

  it('exports CSV (UTF-8 with BOM, Japanese headers) and Excel', async () => {
    const csv = await download('/api/v1/dashboard/export.csv').expect(200);
    const bytes = csv.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    const lines = bytes.subarray(3).toString('utf8').trim().split('\r\n');
    // The supplier registry's words for the category and the size.
    expect(lines[0].split(',').slice(0, 6)).toEqual([
      'サプライヤー名',
      '重要度',
      '区分',
      '企業規模',
      'リスク区分',
      'リスクスコア',
    ]);
    expect(lines[0]).toContain('指示10');
    expect(lines).toHaveLength(6);
    const top = [...suppliers].sort((a, b) => b.result.riskScore - a.result.riskScore)[0];
    expect(lines[1].startsWith(`${top.name},${top.criticality},`)).toBe(true);
    // The levels in the words the findings text uses (基本レベル / 強化レベル / 基準未達).
    const header = lines[0].split(',');
    const levelWords: Record<string, string> = {
      none: '基準未達',
      basic: '基本レベル',
      strong: '強化レベル',
    };
    const topCells = lines[1].split(',');
    expect(topCells[header.indexOf('求められるレベル')]).toBe(levelWords[top.result.requiredLevel]);
    expect(topCells[header.indexOf('達成レベル')]).toBe(levelWords[top.result.achievedLevel]);
    // Each row names its supplier unambiguously: 法人番号 (when registered) and our id; the
    // time column says it is Japan time, as the English one does.
    expect(header.slice(-3)).toEqual(['評価日時（日本時間）', '法人番号', 'サプライヤーID']);
    expect(topCells[header.indexOf('サプライヤーID')]).toBe(top.id);
    expect(topCells[header.indexOf('法人番号')]).toBe(
      top.id === suppliers[0].id ? CORPORATE_NUMBER : '',
    );
    const aoba = lines.find((line) => line.startsWith('青葉システム,'))!.split(',');
    expect(aoba[header.indexOf('法人番号')]).toBe(CORPORATE_NUMBER);
    expect(aoba[header.indexOf('サプライヤーID')]).toBe(suppliers[0].id);

    const sheet = await workbook('/api/v1/dashboard/export.xlsx');
    expect(sheet.name).toBe('サプライヤーリスク');
    expect(sheet.getRow(1).getCell(1).value).toBe('サプライヤー名');
    expect(sheet.getRow(1).getCell(3).value).toBe('区分');
    expect(sheet.getRow(1).getCell(4).value).toBe('企業規模');
    expect(sheet.rowCount).toBe(6);
    const xlsxHeader = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(xlsxHeader).toEqual(header);
    const aobaRow = (sheet.getColumn(1).values as unknown[]).indexOf('青葉システム');
    const xlsxCell = (name: string) =>
      sheet.getRow(aobaRow).getCell(header.indexOf(name) + 1).value;
    // Text, so the leading digits survive as typed.
    expect(xlsxCell('法人番号')).toBe(CORPORATE_NUMBER);
    expect(xlsxCell('サプライヤーID')).toBe(suppliers[0].id);
  });

  it('exports in English with lang=en (headers, labels, findings), times still Japan time', async () => {
    const ja = await csvLines('/api/v1/dashboard/export.csv?lang=ja');
    expect(await csvLines('/api/v1/dashboard/export.csv')).toEqual(ja);
    const en = await csvLines('/api/v1/dashboard/export.csv?lang=en');
    const header = en[0].split(',');
    expect(header.slice(0, 6)).toEqual([
      'Supplier',
      'Criticality',
      'Category',
      'Size',
      'Risk tier',
      'Risk score',
    ]);
    expect(header.slice(6, 16)).toEqual(Array.from({ length: 10 }, (_, i) => `D${i + 1}`));
    expect(header.slice(16)).toEqual([
      'SECURITY ACTION',
      'Otasuketai',
      'Required level',
      'Achieved level',
      'Open findings',
      'Top findings',
      'Scored at (Japan time)',
      'Corporate number',
      'Supplier ID',
    ]);
    expect(en).toHaveLength(ja.length);
    const top = [...suppliers].sort((a, b) => b.result.riskScore - a.result.riskScore)[0];
    const topCells = en[1].split(',');
    expect(topCells.slice(0, 4)).toEqual([
      top.name,
      String(top.criticality),
      top.category,
      top.sizeClass === 'sme' ? 'SME' : 'Large',
    ]);
    const tiers: Record<string, string> = {
      low: 'Low',
      medium: 'Medium',
      high: 'High',
      critical: 'Critical',
    };
    expect(topCells[4]).toBe(tiers[top.result.tier]);
    const levels: Record<string, string> = {
      none: 'Below basic',
      basic: 'Basic',
      strong: 'Strong',
    };
    expect(topCells[header.indexOf('Required level')]).toBe(levels[top.result.requiredLevel]);
    expect(topCells[header.indexOf('Achieved level')]).toBe(levels[top.result.achievedLevel]);
    const unscored = en.find((line) => line.startsWith('未回答商事,'))!.split(',');
    expect(unscored[4]).toBe('Not scored');
    // The scoring time is the same Japan-time text in both languages.
    const scoredAt = (lines: string[], i: number) =>
      lines[i].split(',')[header.indexOf('Scored at (Japan time)')];
    expect(scoredAt(en, 1)).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(scoredAt(en, 1)).toBe(scoredAt(ja, 1));

    // Excel: the same English headers, and the findings in English.
    const sheet = await workbook('/api/v1/dashboard/export.xlsx?lang=en');
    expect(sheet.name).toBe('Supplier risk');
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(header);
    const withFindings = suppliers.find((x) => x.result.findings.length > 0)!;
    const row = (sheet.getColumn(1).values as unknown[]).indexOf(withFindings.name);
    const cell = (name: string) => sheet.getRow(row).getCell(header.indexOf(name) + 1).value;
    const shown = String(cell('Top findings')).split(' / ');
    expect(shown.length).toBe(Math.min(3, withFindings.result.findings.length));
    expect(findingMessages(withFindings, 'en')).toEqual(expect.arrayContaining(shown));
    expect(cell('Size')).toBe(withFindings.sizeClass === 'sme' ? 'SME' : 'Large');
    // …and in Japanese by default.
    const jaSheet = await workbook('/api/v1/dashboard/export.xlsx');
    const jaShown = String(jaSheet.getRow(row).getCell(header.indexOf('Top findings') + 1).value);
    expect(findingMessages(withFindings, 'ja')).toEqual(
      expect.arrayContaining(jaShown.split(' / ')),
    );

    for (const kind of ['csv', 'xlsx']) {
      const bad = await get(`/api/v1/dashboard/export.${kind}?lang=fr`).expect(400);
      expect(JSON.stringify(bad.body.message)).toContain('lang must be ja or en');
    }
  });

  it('links the exports from the page in the page’s language, with its filters', async () => {
    const html = async (path: string) =>
      (await api.http().get(path).set('cookie', `kk_session=${tokens.ciso}`).expect(200)).text;
    /** The export link's address, its HTML entities decoded. */
    const exportLink = (page: string, kind: 'csv' | 'xlsx'): URL => {
      const href = new RegExp(`<a href="([^"]*)" data-testid="export-${kind}"`).exec(page)![1];
      const decoded = href.replace(/&amp;/g, '&').replace(/&#x3D;/g, '=');
      return new URL(decoded, 'http://dashboard.invalid');
    };
    const english = await html('/dashboard?lang=en&criticality=3');
    for (const kind of ['csv', 'xlsx'] as const) {
      const link = exportLink(english, kind);
      expect(link.pathname).toBe(`/api/v1/dashboard/export.${kind}`);
      expect(Object.fromEntries(link.searchParams)).toEqual({ criticality: '3', lang: 'en' });
      // The link gives the file the page announced: English, filtered.
      const file = await download(link.pathname + link.search).expect(200);
      if (kind === 'csv') {
        const lines = (file.body as Buffer).subarray(3).toString('utf8').trim().split('\r\n');
        expect(lines[0].startsWith('Supplier,Criticality,Category,Size,')).toBe(true);
        expect(lines).toHaveLength(1 + suppliers.filter((x) => x.criticality === 3).length);
      }
    }
    expect(english).toMatch(/<label>Category\s*<select name="category"/);
    expect(english).toMatch(/<label>Size\s*<select name="sizeClass"/);
    const japanese = await html('/dashboard?lang=ja');
    expect(Object.fromEntries(exportLink(japanese, 'csv').searchParams)).toEqual({ lang: 'ja' });
    // The registry's words for the category and the size filters.
    expect(japanese).toMatch(/<label>区分\s*<select name="category"/);
    expect(japanese).toMatch(/<label>企業規模\s*<select name="sizeClass"/);
  });

  it('uses the tenant’s target profile when set', async () => {
    const target = [4, 4, 3, 3, 4, 3, 4, 4, 3, 2];
    await api.dataSource.query(`UPDATE organizations SET settings = $2 WHERE id = $1`, [
      tenant.organizationId,
      JSON.stringify({ targetProfile: target }),
    ]);
    const s = (await get('/api/v1/dashboard/summary').expect(200)).body as Summary;
    expect(s.targetProfile).toEqual(target);
  });

  it('serves the console pages: login form, redirect when signed out, chart.js from our origin', async () => {
    const page = await api.http().get('/login').expect(200);
    expect(page.text).toContain('name="formToken"');
    expect(page.text).toContain('ログイン');
    const forged = await api
      .http()
      .post('/login')
      .set('origin', 'https://evil.example')
      .type('form')
      .send({ email: tenant.users.ciso.email, password: 'x', formToken: 'x' })
      .expect(403);
    expect(forged.headers['set-cookie'] ?? []).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/^kk_session=/)]),
    );
    // A bad value typed into the address gets a page in the person's language, not JSON.
    for (const bad of ['/dashboard?tier=bogus', '/dashboard?page=0']) {
      const page = await api.http().get(bad).set('cookie', `kk_session=${tokens.ciso}`).expect(400);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.text).toContain('ページのアドレスに誤りがあります');
    }
    const redirect = await api.http().get('/dashboard?tier=high').expect(303);
    expect(redirect.headers.location).toBe('/login?next=%2Fdashboard%3Ftier%3Dhigh');
    const logout = await api
      .http()
      .post('/logout')
      .set('origin', appOrigin(api))
      .set('cookie', 'kk_session=x')
      .expect(303);
    expect(logout.headers.location).toBe('/login');
    expect(String(logout.headers['set-cookie'])).toMatch(/kk_session=;/);
    expect((await api.http().get('/console').expect(303)).headers.location).toMatch(
      /^\/login\?next=/,
    );
    const chart = await api.http().get('/static/vendor/chart.umd.js').expect(200);
    expect(chart.headers['content-type']).toMatch(/javascript/);
    expect(chart.text.length).toBeGreaterThan(100_000);
  });
});
