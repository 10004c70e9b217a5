import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  ARTIFACTS,
  axeViolations,
  launchChromium,
  logIn,
  listenForBrowser,
} from '../support/browser';
import { createTestTenant, startApi, TestApi, TestTenant } from '../support/test-app';

/** 製造 for suppliers 1–25, 物流 for 26–40, IT for 41–60. */
const categoryOf = (n: number) => (n <= 25 ? '製造' : n <= 40 ? '物流' : 'IT');

describe('choosing a campaign’s suppliers and launching it, in a real browser (headless Chromium)', () => {
  let api: TestApi;
  let tenant: TestTenant;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    api = await startApi({ LOGIN_ATTEMPTS_PER_MINUTE_PER_IP: '1000' });
    base = await listenForBrowser(api);
    tenant = await createTestTenant(api.dataSource, 'picker-browser');
    const numbers = Array.from({ length: 60 }, (_, i) => i + 1);
    await api.dataSource.query(
      `WITH s AS (
         INSERT INTO suppliers (organization_id, name, category)
         SELECT $1, n.name, n.category FROM unnest($2::text[], $3::text[]) AS n(name, category)
         RETURNING id, name)
       INSERT INTO supplier_contacts (organization_id, supplier_id, name, email, language, is_primary)
       SELECT $1, s.id, '担当', 'b' || (regexp_match(s.name, '\\d+'))[1] || '@picker-browser.example.jp', 'ja', true
         FROM s`,
      [
        tenant.organizationId,
        numbers.map((n) => `画面選択 ${String(n).padStart(2, '0')} 株式会社`),
        numbers.map(categoryOf),
      ],
    );
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  /** Presses a button that posts a form and waits for the page the redirect leads to. */
  async function press(page: Page, name: string, url: RegExp): Promise<void> {
    await Promise.all([
      page.waitForURL(url),
      page.getByRole('button', { name, exact: true }).click(),
    ]);
  }

  it('procurement creates a campaign, filters the registry, adds all matching, and launches with the tick', async () => {
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
    await page.goto(`${base}/console/campaigns`);
    await Promise.all([
      page.waitForURL(`${base}/console/campaigns/new`),
      page.getByRole('link', { name: '新規作成' }).click(),
    ]);

    // The form: a name, the due date, the questionnaire and the reminder policy (defaults filled).
    await expect(page.getByLabel('質問票').inputValue()).resolves.toBe('meti-v3.0+sa-3.1');
    await expect(
      page.getByLabel('期限前のリマインダー（期限の何日前か）').inputValue(),
    ).resolves.toBe('7,3,1');
    await expect(page.getByLabel('期限後のリマインダーの間隔（日）').inputValue()).resolves.toBe(
      '3',
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('キャンペーン名').fill('画面からの初回点検');
    await page.getByLabel('期限前のリマインダー（期限の何日前か）').fill('14,7,1');
    await press(page, '作成', /\/console\/campaigns\/[0-9a-f-]{36}\/suppliers\?done=created$/);
    const campaignId = /campaigns\/([0-9a-f-]{36})\//.exec(page.url())![1];
    await expect(page.getByRole('status').textContent()).resolves.toBe(
      'キャンペーンを下書きとして作成しました。対象のサプライヤーを追加してください。',
    );
    await expect(page.getByTestId('picker-matching').textContent()).resolves.toBe('該当 60 社');
    expect(await axeViolations(page)).toEqual([]);

    // Filter by 区分, then add every match.
    await page.getByLabel('区分').selectOption('製造');
    await press(page, '絞り込む', /category=/);
    await expect(page.getByTestId('picker-matching').textContent()).resolves.toBe('該当 25 社');
    await expect(page.getByTestId('picker-row').count()).resolves.toBe(25);
    await press(page, '絞り込み結果をすべて追加（25 社）', /done=added/);
    await expect(page.getByRole('status').textContent()).resolves.toBe('25 社を追加しました。');
    await expect(page.getByTestId('chosen-heading').textContent()).resolves.toBe(
      '選択済みサプライヤー（25 社）',
    );
    await expect(page.getByText('選択済み', { exact: true }).count()).resolves.toBe(25);
    expect(await axeViolations(page)).toEqual([]);

    // Then a few more by hand: the page's box ticks them all, one is unticked again.
    await page.getByLabel('区分').selectOption('物流');
    await press(page, '絞り込む', /category=%E7%89%A9%E6%B5%81/);
    await page.getByLabel('このページをすべて選択').check();
    await expect(page.getByText('15 社を選択中').count()).resolves.toBe(1);
    await page.getByLabel('画面選択 26 株式会社').uncheck();
    await expect(page.getByText('14 社を選択中').count()).resolves.toBe(1);
    await expect(
      page
        .getByLabel('このページをすべて選択')
        .evaluate((box) => (box as { indeterminate: boolean }).indeterminate),
    ).resolves.toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await press(page, '選択したサプライヤーを追加', /done=added/);
    await expect(page.getByRole('status').textContent()).resolves.toBe('14 社を追加しました。');
    await expect(page.getByTestId('campaign-member-count').textContent()).resolves.toBe(
      '選択済み: 39 社',
    );
    // One taken off again, from the chosen list.
    await press(page, '画面選択 01 株式会社 を外す', /done=removed/);
    await expect(page.getByRole('status').textContent()).resolves.toBe(
      '「画面選択 01 株式会社」を対象から外しました。',
    );
    await page.screenshot({ path: join(ARTIFACTS, 'campaign-suppliers-ja.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    // The campaign page: the schedule in words, and a launch that states the count.
    await Promise.all([
      page.waitForURL(`${base}/console/campaigns/${campaignId}`),
      page.getByRole('link', { name: 'キャンペーンのページへ' }).click(),
    ]);
    await expect(page.getByTestId('campaign-reminders').textContent()).resolves.toContain(
      '回答期限の 14 日前・7 日前・1 日前にリマインダーを送ります。',
    );
    await expect(page.getByTestId('campaign-launch-count').textContent()).resolves.toBe(
      '38 社に招待メールを送信します。送信後は取り消せません。',
    );
    expect(await axeViolations(page)).toEqual([]);
    // Without the tick the browser keeps the form (required), and nothing is sent.
    await page.getByRole('button', { name: '開始 (招待メールを送信)' }).click();
    await expect(
      page
        .getByLabel('招待メールを送信することを確認しました')
        .evaluate((box) => (box as { validity: { valueMissing: boolean } }).validity.valueMissing),
    ).resolves.toBe(true);
    expect(page.url()).toBe(`${base}/console/campaigns/${campaignId}`);
    const [{ status }] = await api.dataSource.query<{ status: string }[]>(
      'SELECT status FROM campaigns WHERE id = $1',
      [campaignId],
    );
    expect(status).toBe('draft');

    await page.getByLabel('招待メールを送信することを確認しました').check();
    await press(page, '開始 (招待メールを送信)', /\?done=launched$/);
    await expect(page.getByRole('status').textContent()).resolves.toBe(
      'キャンペーンを開始しました。招待メールを順次送信します。',
    );
    await expect(page.getByTestId('assessment-row').count()).resolves.toBe(38);
    await page.screenshot({ path: join(ARTIFACTS, 'campaign-launched-ja.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    const invited = await api.dataSource.query<{ category: string; n: number }[]>(
      `SELECT s.category, count(*)::int AS n FROM assessments a JOIN suppliers s ON s.id = a.supplier_id
        WHERE a.campaign_id = $1 GROUP BY s.category ORDER BY s.category`,
      [campaignId],
    );
    expect(invited).toEqual([
      { category: '物流', n: 14 },
      { category: '製造', n: 24 },
    ]);

    // No button before the invitations have gone out; then what the fan-out (no worker runs
    // here) would have written and sent.
    await page.reload();
    await expect(page.getByTestId('assessment-remind').count()).resolves.toBe(0);
    await api.dataSource.query(
      `INSERT INTO mail_messages (organization_id, message_key, kind, status, to_email, to_name,
              locale, contact_id, campaign_id, assessment_id)
       SELECT a.organization_id, 'invite:' || a.id, 'invitation', 'sent', ct.email, ct.name, 'ja',
              ct.id, a.campaign_id, a.id
         FROM assessments a
         JOIN supplier_contacts ct ON ct.supplier_id = a.supplier_id AND ct.is_primary
        WHERE a.campaign_id = $1`,
      [campaignId],
    );

    // The list by status (the filter stays in the address), and 「今すぐ催促」 from a row.
    await Promise.all([
      page.waitForURL(/\?status=invited#assessments$/),
      page.getByRole('link', { name: '未開封 (38)' }).click(),
    ]);
    await expect(page.getByTestId('assessment-row').count()).resolves.toBe(38);
    const firstRow = page.getByTestId('assessment-row').first();
    const supplierName = (await firstRow.locator('td').first().textContent())!.trim();
    await press(page, `${supplierName} に今すぐ催促`, /\?status=invited&done=reminded#assessment-/);
    await expect(page.getByRole('status').textContent()).resolves.toBe(
      '催促メールを送信しました。',
    );
    await expect(page.getByTestId('assessment-reminded').count()).resolves.toBe(1);
    await expect(page.getByTestId('assessment-remind').count()).resolves.toBe(37);
    await page.screenshot({ path: join(ARTIFACTS, 'campaign-reminded-ja.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    // Launched: the supplier page asks for the tick before mailing new ones (in English too).
    await page.goto(`${base}/console/campaigns/${campaignId}/suppliers?lang=en`);
    await expect(page.getByTestId('campaign-member-count').textContent()).resolves.toBe(
      'Invited: 38',
    );
    await expect(
      page.getByLabel('I confirm that invitations are to be sent').isVisible(),
    ).resolves.toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    expect(problems).toEqual([]);
    await context.close();
    // Seven axe runs and four full-page screenshots: about 25 s on a quiet machine.
  }, 180_000);

  it('keeps the ticked suppliers when paging the registry, and adds those of both pages', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await logIn(page, { base, email: tenant.users.procurement.email });
    await page.goto(`${base}/console/campaigns/new`);
    await page.getByLabel('キャンペーン名').fill('ページをまたいで選ぶ');
    await press(page, '作成', /\/suppliers\?done=created$/);
    const campaignId = /campaigns\/([0-9a-f-]{36})\//.exec(page.url())![1];

    for (const n of ['02', '03', '04']) await page.getByLabel(`画面選択 ${n} 株式会社`).check();
    await expect(page.getByText('3 社を選択中').count()).resolves.toBe(1);
    await page.getByRole('button', { name: '次へ', exact: true }).click();
    await page.waitForLoadState();
    await expect(page.getByText('2 / 2', { exact: true }).count()).resolves.toBe(1);
    await expect(page.getByTestId('picker-carried').textContent()).resolves.toBe(
      'ほかのページで選んだ 3 社も、「選択したサプライヤーを追加」で一緒に追加します。',
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('画面選択 55 株式会社').check();
    // Back and forth: the first page's boxes are still ticked.
    await page.getByRole('button', { name: '前へ', exact: true }).click();
    await page.waitForLoadState();
    await expect(page.getByLabel('画面選択 03 株式会社').isChecked()).resolves.toBe(true);
    await expect(page.getByLabel('画面選択 05 株式会社').isChecked()).resolves.toBe(false);
    await press(page, '選択したサプライヤーを追加', /done=added/);
    await expect(page.getByRole('status').textContent()).resolves.toBe('4 社を追加しました。');
    const chosen = await api.dataSource.query<{ name: string }[]>(
      `SELECT s.name FROM campaigns c JOIN suppliers s ON s.id = ANY(c.draft_supplier_ids)
        WHERE c.id = $1 ORDER BY s.name`,
      [campaignId],
    );
    expect(chosen.map((row) => row.name)).toEqual(
      ['02', '03', '04', '55'].map((n) => `画面選択 ${n} 株式会社`),
    );
    await context.close();
  }, 120_000);
});
