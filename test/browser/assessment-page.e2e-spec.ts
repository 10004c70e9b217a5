import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { ANSWER_FIXTURES, type Answers } from '@kakehashi/domain';
import { createTestAssessment, TestAssessment } from '../support/assessment-factory';
import {
  ARTIFACTS,
  axeViolations,
  launchChromium,
  logIn,
  listenForBrowser,
} from '../support/browser';
import { submitAnswers } from '../support/questionnaire-session';
import { createTestTenant, startApi, TestApi, TestTenant } from '../support/test-app';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const MARKUP_ANSWER = '<img src=x onerror=alert(1)>総務部\n内線 1234';

describe('assessment page in a real browser (headless Chromium)', () => {
  let api: TestApi;
  let tenant: TestTenant;
  let browser: Browser;
  let base: string;
  let a: TestAssessment;

  beforeAll(async () => {
    api = await startApi({ LOGIN_ATTEMPTS_PER_MINUTE_PER_IP: '1000' });
    base = await listenForBrowser(api);
    tenant = await createTestTenant(api.dataSource, 'assessment-browser');
    a = await createTestAssessment(api.dataSource, {
      organizationId: tenant.organizationId,
      ownerId: tenant.users.procurement.id,
      supplierName: '桜井製作所',
    });
    const uploaded = await api
      .http()
      .post(`/api/v1/respond/${a.token}/evidence`)
      .attach('file', PNG, '監査報告書.png')
      .expect(201);
    const answers: Answers = {
      ...ANSWER_FIXTURES.smeStarOtasuketai.answers,
      'IR.CONTACT_NAME': MARKUP_ANSWER,
      'SS.KINDS': ['audit'],
      'SS.LISTED': true,
      'SS.LAST': '2026-02-10',
      'SS.REPORT': uploaded.body.id,
    };
    await submitAnswers(api, { token: a.token, answers });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('an admin opens the answers from the supplier history, downloads evidence and reopens', async () => {
    const context = await browser.newContext({
      viewport: { width: 1366, height: 900 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    const problems: string[] = [];
    const dialogs: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`${r.status()} ${new URL(r.url()).pathname}`);
    });
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });

    await logIn(page, { base, email: tenant.users.admin.email });
    await page.goto(`${base}/dashboard/suppliers/${a.supplierId}`);
    expect(await page.getByTestId('supplier-name').textContent()).toBe('桜井製作所');

    // The history row of the campaign links to its answers.
    const pagePath = `/console/assessments/${a.assessmentId}`;
    await Promise.all([
      page.waitForURL(`${base}${pagePath}`),
      page.getByRole('link', { name: '提出済み', exact: true }).click(),
    ]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('桜井製作所 の回答');
    expect(await page.title()).toBe('桜井製作所 の回答 | 架け橋');
    expect(await page.getByTestId('assessment-status').textContent()).toBe('提出済み');

    const answer = (id: string) => page.locator(`tr[data-item="${id}"] td`);
    expect((await answer('P.INDUSTRY').innerText()).trim()).toBe('製造業・建設業・運輸業・その他');
    expect((await answer('OT.USES').innerText()).trim()).toBe('はい');
    // The markup is shown as typed, line break included; no image was made of it.
    expect((await answer('IR.CONTACT_NAME').innerText()).trim()).toBe(MARKUP_ANSWER);
    expect(await page.locator('main img').count()).toBe(0);

    // The evidence link downloads the file with its own name.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: `監査報告書.png（${PNG.length} B）` }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('監査報告書.png');

    await page.screenshot({ path: join(ARTIFACTS, 'assessment-ja.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    // Reopen with a message: back on the page with a confirmation, the form gone.
    await page.getByLabel('依頼内容').fill('指示8: バックアップの検証結果を追記してください');
    await Promise.all([
      page.waitForURL(`${base}${pagePath}?done=reopened`),
      page.getByRole('button', { name: '再回答を依頼する' }).click(),
    ]);
    expect(await page.getByRole('status').textContent()).toBe(
      '再回答を依頼しました。サプライヤーの主担当者にメッセージを送信します。',
    );
    expect(await page.getByTestId('assessment-status').textContent()).toBe('回答中');
    expect(await page.getByTestId('reopen-pending').textContent()).toContain(
      '指示8: バックアップの検証結果を追記してください',
    );
    expect(await page.getByRole('button', { name: '再回答を依頼する' }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    // The same page in English.
    await Promise.all([page.waitForURL(/lang=en/), page.getByTestId('lang-switch').click()]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Answers of 桜井製作所',
    );
    expect((await answer('OT.USES').innerText()).trim()).toBe('Yes');
    await page.screenshot({ path: join(ARTIFACTS, 'assessment-en.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    expect(dialogs).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);
});
