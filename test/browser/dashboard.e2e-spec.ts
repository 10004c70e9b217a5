import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, launchChromium, listenForBrowser } from '../support/browser';
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
    // The CISO marks a finding accepted: the page saves it through the API with its cookie.
    const select = page.locator('select[data-finding]').first();
    const findingId = (await select.getAttribute('data-finding'))!;
    const [saved] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/v1/findings/${findingId}`)),
      select.selectOption('accepted'),
    ]);
    expect(saved.status()).toBe(200);
    const [finding] = await api.dataSource.query<{ status: string }[]>(
      'SELECT status FROM findings WHERE id = $1',
      [findingId],
    );
    expect(finding.status).toBe('accepted');
    expect(await select.evaluate((el) => el.classList.contains('save-failed'))).toBe(false);
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
});
