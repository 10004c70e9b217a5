import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, axeViolations, launchChromium, listenForBrowser } from '../support/browser';
import {
  fixtureScore,
  insertAssessment,
  insertCampaign,
  insertScoredAssessment,
  insertSupplier,
  type FixtureName,
} from '../support/dashboard-factory';
import {
  createTestTenant,
  startApi,
  TestApi,
  TestTenant,
  TEST_PASSWORD,
} from '../support/test-app';

describe('dashboard in a real browser (headless Chromium)', () => {
  let api: TestApi;
  let tenant: TestTenant;
  let browser: Browser;
  let page: Page;
  let base: string;
  let pastCampaign: string;
  const problems: string[] = [];

  beforeAll(async () => {
    api = await startApi({ LOGIN_ATTEMPTS_PER_MINUTE_PER_IP: '1000' });
    base = await listenForBrowser(api);
    tenant = await createTestTenant(api.dataSource, 'dash-browser');
    const org = tenant.organizationId;
    const campaign = await insertCampaign(api.dataSource, org, {
      name: '2026年度 調査',
      dueDate: '2099-12-31',
      ownerId: tenant.users.procurement.id,
    });
    // An earlier campaign that asked two of them, so the campaign filter has a third option.
    pastCampaign = await insertCampaign(api.dataSource, org, {
      name: '2025年度 調査',
      dueDate: '2025-07-31',
      ownerId: tenant.users.procurement.id,
      launchedAt: new Date('2025-06-01T00:00:00Z'),
    });
    const askedLastYear = new Set(['青葉システム', '北斗物流']);
    const plan: [string, FixtureName, 1 | 2 | 3, 'sme' | 'large'][] = [
      ['青葉システム', 'matureLarge', 3, 'large'],
      ['桜井製作所', 'smeStarOtasuketai', 2, 'sme'],
      ['東雲データ', 'smeNothing', 3, 'sme'],
      ['北斗物流', 'star2Contradiction', 1, 'sme'],
      ['港町工業', 'smeNothing', 2, 'sme'],
    ];
    for (const [name, fixture, criticality, sizeClass] of plan) {
      const supplierId = await insertSupplier(api.dataSource, org, {
        name,
        criticality,
        sizeClass,
        category: 'IT',
      });
      await insertScoredAssessment(api.dataSource, {
        organizationId: org,
        campaignId: campaign,
        supplierId,
        result: fixtureScore(fixture, criticality),
      });
      if (askedLastYear.has(name)) {
        await insertAssessment(api.dataSource, {
          organizationId: org,
          campaignId: pastCampaign,
          supplierId,
          status: 'invited',
        });
      }
    }
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    // CSP violations and script errors show up here; the pages must have none.
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  const canvasSize = (selector: string) =>
    page.$eval(selector, (el) => {
      const canvas = el as unknown as { width: number; height: number };
      const chart = (globalThis as unknown as { Chart: { getChart(c: unknown): unknown } }).Chart;
      return { width: canvas.width, height: canvas.height, drawn: Boolean(chart.getChart(canvas)) };
    });

  it('logs in through /login, renders radar and heatmap, filters, and drills down', async () => {
    await page.goto(`${base}/dashboard`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.fill('#login-email', tenant.users.ciso.email);
    await page.fill('#login-password', TEST_PASSWORD);
    await Promise.all([page.waitForURL(`${base}/dashboard`), page.click('.login-form button')]);
    expect(await page.textContent('h1')).toBe('サプライチェーン リスクダッシュボード');
    expect(await page.textContent('[data-testid=console-user]')).toContain(tenant.users.ciso.email);

    const radar = await canvasSize('#radar-chart');
    expect(radar.drawn).toBe(true);
    expect(radar.width).toBeGreaterThan(0);
    expect(radar.height).toBeGreaterThan(0);
    expect((await canvasSize('#trend-chart')).drawn).toBe(true);
    // Chart.js draws the first of its sorted datasets last: the average risk line must be on
    // top of the stacked tier bars, or the bars hide it.
    const drawnLast = await page.$eval('#trend-chart', (el) => {
      type Meta = { type: string; label: string };
      const chart = (
        globalThis as unknown as {
          Chart: { getChart(c: unknown): { getSortedVisibleDatasetMetas(): Meta[] } };
        }
      ).Chart.getChart(el);
      return chart.getSortedVisibleDatasetMetas()[0].type;
    });
    expect(drawnLast).toBe('line');
    const rows = page.locator('[data-testid=heatmap] tbody tr[data-href]');
    expect(await rows.count()).toBe(5);
    expect(
      await page.locator('[data-testid=heatmap] tbody tr').first().locator('td.cell').count(),
    ).toBe(10);
    expect(await page.textContent('[data-testid=card-suppliers]')).toBe('5');
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard.png'), fullPage: true });

    // A filter is a query parameter: the figures change and the URL can be shared.
    await page.selectOption('[data-testid=filter-criticality]', '3');
    await Promise.all([page.waitForURL(/criticality=3/), page.click('[data-testid=filter-apply]')]);
    expect(await page.textContent('[data-testid=card-suppliers]')).toBe('2');
    expect(await rows.count()).toBe(2);
    expect((await canvasSize('#radar-chart')).drawn).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-filtered.png'), fullPage: true });

    const firstName = (await rows.first().locator('th a').textContent())!;
    await Promise.all([
      page.waitForURL(/\/dashboard\/suppliers\//),
      rows.first().locator('td.cell').first().click(),
    ]);
    expect(await page.textContent('[data-testid=supplier-name]')).toBe(firstName);
    const supplierRadar = await canvasSize('#radar-chart');
    expect(supplierRadar.drawn).toBe(true);
    expect(supplierRadar.width).toBeGreaterThan(0);
    // The CISO marks a finding accepted and saves: the page saves it through the API with its
    // cookie and says so.
    const form = page.locator('form[data-finding-form]').first();
    const select = form.locator('select[name=status]');
    const findingId = (await select.getAttribute('data-finding'))!;
    await select.selectOption('accepted');
    const [saved] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/v1/findings/${findingId}`)),
      form.getByRole('button', { name: /保存/ }).click(),
    ]);
    expect(saved.status()).toBe(200);
    await form.getByRole('status').filter({ hasText: '保存しました' }).waitFor();
    expect(await form.getByRole('status').textContent()).toContain('「リスク受容」で保存しました');
    const [finding] = await api.dataSource.query<{ status: string }[]>(
      'SELECT status FROM findings WHERE id = $1',
      [findingId],
    );
    expect(finding.status).toBe('accepted');
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-supplier.png'), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({
      path: join(ARTIFACTS, 'dashboard-supplier-print.png'),
      fullPage: true,
    });
    await page.emulateMedia({ media: 'screen' });

    await page.goto(`${base}/dashboard?lang=en`);
    expect(await page.textContent('h1')).toBe('Supply-chain risk dashboard');
    await page.goto(`${base}/dashboard`);
    expect(await page.textContent('h1')).toBe('Supply-chain risk dashboard');
    expect(problems).toEqual([]);
  }, 60_000);

  it('lets a keyboard walk through the filter choices and applies them only on Apply (WCAG 3.2.2)', async () => {
    await page.goto(`${base}/dashboard?lang=ja`);
    const before = page.url();
    const campaign = page.locator('[data-testid=filter-campaign]');
    const options = await campaign
      .locator('option')
      .evaluateAll((els) => els.map((el) => (el as unknown as { value: string }).value));
    expect(options).toHaveLength(3);
    await campaign.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    // Give a navigation, if the page started one, the time to begin.
    await page.waitForTimeout(500);
    expect(page.url()).toBe(before);
    expect(await campaign.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    expect(await campaign.inputValue()).toBe(options[2]);
    expect(options[2]).toBe(pastCampaign);

    // A second filter combines with the first, then Apply runs both.
    await page.keyboard.press('Tab');
    const criticality = page.locator('[data-testid=filter-criticality]');
    expect(await criticality.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await page.keyboard.press('ArrowDown');
    await page.waitForTimeout(300);
    expect(page.url()).toBe(before);
    expect(await criticality.inputValue()).toBe('3');
    await Promise.all([
      page.waitForURL((url) => url.searchParams.get('criticality') === '3'),
      page.getByRole('button', { name: '適用', exact: true }).press('Enter'),
    ]);
    const applied = new URL(page.url()).searchParams;
    expect(applied.get('campaign')).toBe(pastCampaign);
    expect(applied.get('criticality')).toBe('3');
    // Of the two suppliers asked last year, only 青葉システム has criticality 3.
    expect(await page.textContent('[data-testid=card-suppliers]')).toBe('1');
    const rows = page.locator('[data-testid=heatmap] tbody tr[data-href]');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().locator('th a').textContent()).toBe('青葉システム');
    expect(await campaign.inputValue()).toBe(pastCampaign);
    expect(await criticality.inputValue()).toBe('3');
    expect(problems).toEqual([]);
  }, 60_000);
  /** The focused element as `tag#id` (evaluated in the page: this file has no DOM types). */
  const focused = () =>
    page.evaluate(
      `(() => { const el = document.activeElement; return el ? el.tagName.toLowerCase() + '#' + el.id : ''; })()`,
    ) as Promise<string>;

  it('changes a finding’s status only on Save, by keyboard, keeping focus and announcing the result', async () => {
    const supplierId = (
      await api.dataSource.query<{ id: string }[]>(
        `SELECT id FROM suppliers WHERE organization_id = $1 AND name = '港町工業'`,
        [tenant.organizationId],
      )
    )[0].id;
    await page.goto(`${base}/dashboard/suppliers/${supplierId}?lang=ja`);
    const form = page.locator('form[data-finding-form]').first();
    const findingId = (await form.getAttribute('data-finding-form'))!;
    const status = async () =>
      (
        await api.dataSource.query<{ status: string }[]>(
          'SELECT status FROM findings WHERE id = $1',
          [findingId],
        )
      )[0].status;
    const events = async () =>
      (
        await api.dataSource.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM audit_events WHERE target_id = $1`,
          [findingId],
        )
      )[0].n;
    const eventsBefore = await events();
    const patches: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'PATCH') patches.push(r.url());
    });

    // Arrow keys walk the choices: nothing is sent, nothing is disabled, focus stays.
    const select = form.getByLabel(/^状態/);
    await select.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    // Give a request, if the page started one, the time to leave.
    await page.waitForTimeout(500);
    expect(patches).toEqual([]);
    expect(await status()).toBe('open');
    expect(await events()).toBe(eventsBefore);
    expect(await select.isEnabled()).toBe(true);
    expect(await focused()).toBe(`select#finding-status-${findingId}`);
    // 対応済み is reached directly, without saving リスク受容 first.
    expect(await select.inputValue()).toBe('remediated');

    // A note, then Save by keyboard: saved once, focus stays on the button, the result is said.
    await page.keyboard.press('Tab');
    expect(await focused()).toBe(`textarea#finding-note-${findingId}`);
    await page.keyboard.type('委託先で修正済み');
    await page.keyboard.press('Tab');
    const button = form.getByRole('button', { name: /保存/ });
    expect(await button.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    const [saved] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/v1/findings/${findingId}`)),
      page.keyboard.press('Enter'),
    ]);
    expect(saved.status()).toBe(200);
    const region = form.locator('[data-finding-result]');
    await region.filter({ hasText: '保存しました' }).waitFor();
    expect(await region.getAttribute('role')).toBe('status');
    expect(await region.textContent()).toContain('の状態を「対応済み」で保存しました。');
    expect(await button.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    expect(patches).toHaveLength(1);
    expect(await status()).toBe('remediated');
    const [event] = await api.dataSource.query<{ details: Record<string, string> }[]>(
      `SELECT details FROM audit_events WHERE target_id = $1 ORDER BY id DESC LIMIT 1`,
      [findingId],
    );
    expect(event.details).toMatchObject({
      from: 'open',
      to: 'remediated',
      note: '委託先で修正済み',
    });
    // The note is shown with the finding once the page is read again.
    await page.reload();
    expect(await page.locator('[data-testid=finding-note]').first().textContent()).toContain(
      '委託先で修正済み',
    );

    // A failed save is said as text (not only a colour), and focus still stays.
    await page.route(`**/api/v1/findings/${findingId}`, (route) =>
      route.fulfill({ status: 403, contentType: 'application/json', body: '{}' }),
    );
    const formAgain = page.locator(`form[data-finding-form="${findingId}"]`);
    await formAgain.getByLabel(/^状態/).selectOption('open');
    await formAgain.getByRole('button', { name: /保存/ }).focus();
    await page.keyboard.press('Enter');
    const failure = formAgain.locator('[data-finding-result]');
    await failure.filter({ hasText: '保存できませんでした' }).waitFor();
    expect(await failure.textContent()).toContain('この操作の権限がありません。');
    expect(
      await formAgain
        .getByRole('button', { name: /保存/ })
        .evaluate((el) => el === el.ownerDocument.activeElement),
    ).toBe(true);
    expect(await status()).toBe('remediated');
    await page.unroute(`**/api/v1/findings/${findingId}`);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-finding-save.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    // The refused request was ours to fake (the browser logs it too); nothing else went wrong.
    const faked = (p: string) =>
      p.includes(`/api/v1/findings/${findingId}`) || p.includes('status of 403 (Forbidden)');
    expect(problems.filter((p) => !faked(p))).toEqual([]);
    problems.length = 0;

    // English: the same form and words.
    await page.goto(`${base}/dashboard/suppliers/${supplierId}?lang=en`);
    const en = page.locator(`form[data-finding-form="${findingId}"]`);
    await en.getByLabel(/^Status/).selectOption('accepted');
    await en.getByRole('button', { name: /Save/ }).click();
    await en.locator('[data-finding-result]').filter({ hasText: 'Saved' }).waitFor();
    expect(await en.locator('[data-finding-result]').textContent()).toMatch(
      /^Saved “.+” as Accepted\.$/,
    );
    await page.goto(`${base}/dashboard?lang=ja`);
  }, 60_000);

  it('gives the charts’ figures as tables (ja/en) and passes axe', async () => {
    await page.goto(`${base}/dashboard?lang=ja`);
    const summary = JSON.parse((await page.textContent('#dashboard-data'))!) as {
      radar: { series: { data: number[] }[] };
    };
    const radarTable = page.getByRole('table', { name: '10の指示ごとの平均成熟度（5段階）' });
    // Collapsed under 「表で見る」, but in the page for assistive technology.
    expect(await radarTable.isVisible()).toBe(false);
    await page.getByText('表で見る').first().click();
    expect(await radarTable.isVisible()).toBe(true);
    const radarRows = radarTable.locator('tbody tr');
    expect(await radarRows.count()).toBe(10);
    const first = await radarRows.first().locator('th, td').allTextContents();
    expect(first).toEqual([
      '指示1 リスクの認識・組織内での方針策定',
      summary.radar.series[0].data[0].toFixed(2),
      summary.radar.series[1].data[0].toFixed(2),
      summary.radar.series[2].data[0].toFixed(1),
    ]);
    expect(await radarTable.locator('thead th').allTextContents()).toEqual([
      '指示',
      'ポートフォリオ平均',
      '重要サプライヤー平均',
      '目標プロファイル',
    ]);
    const trendTable = page.getByRole('table', {
      name: 'キャンペーン別の平均リスクスコアとリスク区分の件数',
    });
    await page.getByText('表で見る').nth(1).click();
    const trendRows = await trendTable
      .locator('tbody tr')
      .evaluateAll((rows) =>
        rows.map((r) =>
          Array.from(r.children as ArrayLike<{ textContent: string | null }>).map((c) =>
            (c.textContent ?? '').trim(),
          ),
        ),
      );
    // Oldest first: last year's campaign asked two, scored none; this year's scored all five.
    expect(trendRows.map((r) => r[0])).toEqual(['2025年度 調査', '2026年度 調査']);
    expect(trendRows[0].slice(1)).toEqual(['—', '0', '0', '0', '0', '0']);
    expect(trendRows[1][2]).toBe('5');
    expect(
      trendRows[1]
        .slice(3)
        .map(Number)
        .reduce((a, b) => a + b, 0),
    ).toBe(5);
    // The canvases point to their tables; the heatmap's colours have a caption.
    expect(await page.getAttribute('#radar-chart', 'aria-describedby')).toBe('radar-table');
    expect(await page.getAttribute('#trend-chart', 'aria-describedby')).toBe('trend-table');
    expect(await page.textContent('[data-testid=heatmap-legend]')).toContain(
      '色の凡例：指示ごとの成熟度（1＝低い 〜 5＝高い）',
    );
    expect(await page.textContent('[data-testid=scope-statement]')).toContain(
      'すべてのサプライヤーを対象',
    );
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-tables.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(`${base}/dashboard?lang=en`);
    await page.getByText('Show as table').first().click();
    expect(
      await page
        .getByRole('table', { name: 'Average maturity on each of the 10 directives (5 levels)' })
        .isVisible(),
    ).toBe(true);
    expect(await page.textContent('[data-testid=heatmap-legend]')).toContain(
      'Colour legend: maturity on each directive (1 = low to 5 = high)',
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${base}/dashboard?lang=ja`);
    expect(problems).toEqual([]);
  }, 60_000);
});
