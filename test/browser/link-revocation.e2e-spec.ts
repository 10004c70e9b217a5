import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { createTestAssessment, TestAssessment } from '../support/assessment-factory';
import {
  ARTIFACTS,
  axeViolations,
  launchChromium,
  logIn,
  listenForBrowser,
} from '../support/browser';
import { createTestTenant, startApi, TestApi, TestTenant } from '../support/test-app';

describe('withdrawing a supplier’s links on the assessment page (headless Chromium)', () => {
  let api: TestApi;
  let tenant: TestTenant;
  let browser: Browser;
  let base: string;
  let a: TestAssessment;

  beforeAll(async () => {
    api = await startApi({ LOGIN_ATTEMPTS_PER_MINUTE_PER_IP: '1000' });
    base = await listenForBrowser(api);
    tenant = await createTestTenant(api.dataSource, 'revoke-browser');
    a = await createTestAssessment(api.dataSource, {
      organizationId: tenant.organizationId,
      ownerId: tenant.users.procurement.id,
      supplierName: '桜井製作所',
    });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('needs the confirmation tick, then says how many links stopped working', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`${r.status()} ${new URL(r.url()).pathname}`);
    });

    await logIn(page, { base, email: tenant.users.procurement.email });
    const pagePath = `/console/assessments/${a.assessmentId}`;
    await page.goto(`${base}${pagePath}`);
    expect(await page.getByTestId('live-links').textContent()).toBe('現在有効なリンク: 1 件');
    expect(await axeViolations(page)).toEqual([]);

    // Without the tick the browser does not send the form: nothing is withdrawn.
    const withdraw = page.getByRole('button', { name: 'リンクを無効にする' });
    await withdraw.click();
    expect(page.url()).toBe(`${base}${pagePath}`);
    await api.http().get(`/api/v1/respond/${a.token}`).expect(200);

    await page.getByLabel('リンクを無効にすることを確認しました').check();
    await Promise.all([
      page.waitForURL(`${base}${pagePath}?done=links-revoked&revoked=1`),
      withdraw.click(),
    ]);
    expect(await page.getByRole('status').textContent()).toBe(
      '1 件のリンクを無効にしました。サプライヤーは新しいリンクを依頼できますが、登録済みの担当者のメールアドレスにだけ送られます。',
    );
    expect(await page.getByTestId('live-links').textContent()).toBe('現在有効なリンク: 0 件');
    await page.screenshot({
      path: join(ARTIFACTS, 'assessment-links-revoked.png'),
      fullPage: true,
    });
    expect(await axeViolations(page)).toEqual([]);
    await api.http().get(`/api/v1/respond/${a.token}`).expect(410);
    await api.http().get(`/q/${a.token}`).expect(410);

    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);
});
