import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  ANSWER_FIXTURES,
  AnswerValue,
  CatalogItem,
  DEFAULT_CATALOG_VERSION,
  getCatalog,
} from '@kakehashi/domain';
import { domIdOf } from '../../apps/api/src/respond/portal-view';
import { createTestAssessment } from '../support/assessment-factory';
import {
  ARTIFACTS,
  axeViolations,
  launchChromium,
  listenForBrowser,
  navigating,
} from '../support/browser';
import { startSmtpSink, SmtpSink } from '../support/smtp-sink';
import { createTestTenant, loginToken, startApi, TestApi, TestTenant } from '../support/test-app';
import {
  isolatedEnvironment,
  IsolatedEnvironment,
  startWorker,
  TestWorker,
} from '../support/test-worker';

/** The address of the questionnaire session a page is on: `<origin>/q/s/<assessmentId>`. */
function sessionOf(page: Page): string {
  const url = new URL(page.url());
  return `${url.origin}${/^\/q\/s\/[^/]+/.exec(url.pathname)![0]}`;
}
const fixture = ANSWER_FIXTURES.smeStarOtasuketai;
const catalog = getCatalog(DEFAULT_CATALOG_VERSION)!;

/** Answers one item as a person would: mouse for choices, keyboard for text and some radios. */
async function answer(
  page: Page,
  item: CatalogItem,
  value: AnswerValue,
  useKeyboard: boolean,
): Promise<void> {
  const id = domIdOf(item.id);
  switch (item.kind) {
    case 'maturity':
      await page.locator(`#${id}-${value}`).click();
      return;
    case 'single':
      if (useKeyboard) {
        await page.locator(`#${id}-${value}`).focus();
        await page.keyboard.press('Space');
      } else {
        await page.locator(`#${id}-${value}`).click();
      }
      return;
    case 'yesno':
      await page.locator(`#${id}-${value ? 'yes' : 'no'}`).click();
      return;
    case 'multi': {
      const codes = value as string[];
      if (codes.length === 0) await page.locator(`#${id}-none`).check();
      for (const code of codes) await page.locator(`#${id}-${code}`).check();
      return;
    }
    case 'date':
      await page.locator(`#${id}-input`).fill(String(value));
      return;
    default: {
      const input = page.locator(`#${id}-input`);
      await input.click();
      await page.keyboard.type(String(value));
    }
  }
}

describe('supplier answers the questionnaire in headless Chromium, from the invitation email', () => {
  let isolated: IsolatedEnvironment;
  let sink: SmtpSink;
  let api: TestApi;
  let worker: TestWorker | undefined;
  /** Why the link could not come from a real invitation mail (the worker did not boot), if so. */
  let noMail: string | undefined;
  let tenant: TestTenant;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    isolated = await isolatedEnvironment('browser');
    sink = await startSmtpSink();
    api = await startApi({ ...isolated.env, LOGIN_ATTEMPTS_PER_MINUTE_PER_IP: '1000' });
    baseUrl = await listenForBrowser(api);
    try {
      worker = await startWorker({
        ...isolated.env,
        SMTP_URL: sink.url,
        OUTBOX_POLL_INTERVAL_MS: '50',
        APP_URL: baseUrl,
      });
    } catch (error) {
      noMail = (error as Error).message;
      console.warn(
        `worker did not start, so the link is issued directly instead of mailed: ${noMail}`,
      );
    }
    tenant = await createTestTenant(api.dataSource, 'browser');
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await api?.close();
    await sink?.close();
    await isolated?.drop();
  });

  /** Launches a campaign through the API and reads the link from the invitation that arrives. */
  async function mailedLink(): Promise<{ link: string; supplierId: string }> {
    const [supplier] = (await api.dataSource.query(
      `INSERT INTO suppliers (organization_id, name) VALUES ($1, 'ブラウザ精機 株式会社') RETURNING id`,
      [tenant.organizationId],
    )) as { id: string }[];
    await api.dataSource.query(
      `INSERT INTO supplier_contacts (organization_id, supplier_id, name, email, language, is_primary) VALUES ($1, $2, '佐藤 花子', 'sato@browser.example.jp', 'ja', true)`,
      [tenant.organizationId, supplier.id],
    );
    const token = await loginToken(api, tenant.users.procurement.email);
    const due = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    const created = await api
      .http()
      .post('/api/v1/campaigns')
      .set('authorization', `Bearer ${token}`)
      .send({
        name: 'ブラウザ調査 2026',
        catalogVersion: DEFAULT_CATALOG_VERSION,
        supplierIds: [supplier.id],
        dueDate: due,
      })
      .expect(201);
    await api
      .http()
      .post(`/api/v1/campaigns/${created.body.id}/launch`)
      .set('authorization', `Bearer ${token}`)
      .expect(200);
    await sink.waitFor(1, 30000);
    const link = new RegExp(`${baseUrl.replace(/[.:/]/g, '\\$&')}/q/[A-Za-z0-9_-]+`).exec(
      sink.messages[0].text ?? '',
    )?.[0];
    expect(link).toBeDefined();
    return { link: link!, supplierId: supplier.id };
  }

  async function issuedLink(): Promise<{ link: string; supplierId: string }> {
    const a = await createTestAssessment(api.dataSource, {
      organizationId: tenant.organizationId,
      ownerId: tenant.users.procurement.id,
      supplierName: 'ブラウザ精機 株式会社',
    });
    return { link: `${baseUrl}/q/${a.token}`, supplierId: a.supplierId };
  }

  it('opens the mailed link, answers every section, keeps answers over a reload, submits and shows the receipt', async () => {
    const { link, supplierId } = noMail ? await issuedLink() : await mailedLink();
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'ja-JP',
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await page.goto(link!);
    await page.getByRole('button', { name: '回答を始める' }).click();
    await page.waitForURL(/\/q\/s\/[0-9a-f-]{36}\/sections\/profile$/);
    expect(page.url()).not.toContain(link!.split('/q/')[1]);

    let first = true;
    let keyboard = false;
    for (const section of catalog.sections) {
      const items = section.items.filter(
        (i) => i.kind !== 'file' && fixture.answers[i.id] !== undefined,
      );
      if (items.length === 0) continue;
      await page.goto(`${sessionOf(page)}/sections/${section.id}`);
      for (const item of items) {
        await answer(page, item, fixture.answers[item.id], keyboard);
        keyboard = !keyboard;
      }
      await page.locator('[data-save-status]').filter({ hasText: '保存しました' }).waitFor();
      if (first) {
        await page.screenshot({
          path: join(ARTIFACTS, 'questionnaire-first-section.png'),
          fullPage: true,
        });
        expect(await axeViolations(page)).toEqual([]);
        first = false;
      }
      await navigating(page, () => page.getByRole('button', { name: '保存して次へ' }).click());
    }

    // A reload shows what was saved.
    await page.goto(`${sessionOf(page)}/sections/otasuketai`);
    await page.reload();
    await expect(page.locator(`#${domIdOf('OT.SERVICE')}-input`).inputValue()).resolves.toBe(
      fixture.answers['OT.SERVICE'],
    );
    await expect(page.locator(`#${domIdOf('OT.USES')}-yes`).isChecked()).resolves.toBe(true);
    await page.goto(`${sessionOf(page)}/sections/profile`);
    await expect(page.locator(`#${domIdOf('P.EMPLOYEES')}-input`).inputValue()).resolves.toBe('45');

    // Narrow phone screen: nothing overflows sideways.
    await page.setViewportSize({ width: 375, height: 800 });
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.goto(`${sessionOf(page)}/overview`);
    await page.getByRole('button', { name: '回答を提出する' }).click();
    await page.waitForURL(/\/q\/s\/[0-9a-f-]{36}\/receipt$/);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(
      'ご回答ありがとうございました',
    );
    await expect(page.locator('body').textContent()).resolves.toContain(
      'サンプル警備保障 お助け隊サービス',
    );
    await page.screenshot({ path: join(ARTIFACTS, 'questionnaire-receipt.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);

    const [row] = (await api.dataSource.query(
      'SELECT status, submission_count, answers FROM assessments WHERE supplier_id = $1',
      [supplierId],
    )) as { status: string; submission_count: number; answers: Record<string, unknown> }[];
    expect(['submitted', 'scored']).toContain(row.status);
    expect(row.submission_count).toBe(1);
    expect(row.answers).toEqual(fixture.answers);
    await context.close();
    // About 50 s on a quiet machine: every section by mouse and keyboard, two axe runs.
  }, 240_000);

  it('shows a conflict in the second tab instead of overwriting the save of the first tab', async () => {
    const { link } = await issuedLink();
    const context = await browser.newContext({
      viewport: { width: 375, height: 800 },
      locale: 'ja-JP',
    });
    const first = await context.newPage();
    await first.goto(link);
    await first.getByRole('button', { name: '回答を始める' }).click();
    await first.waitForURL(/\/q\/s\/[0-9a-f-]{36}\/sections\/profile$/);
    await first.goto(`${sessionOf(first)}/sections/incident-readiness`);
    const second = await context.newPage();
    await second.goto(`${sessionOf(first)}/sections/incident-readiness`);

    await first.locator(`#${domIdOf('IR.BACKUP')}-tested`).click();
    await first.locator('[data-save-status]').filter({ hasText: '保存しました' }).waitFor();
    await second.locator(`#${domIdOf('IR.BACKUP')}-none`).click();
    await second.locator('[data-conflict]').waitFor({ state: 'visible' });
    await expect(second.locator('[data-conflict]').textContent()).resolves.toContain('別の画面');

    // Conditional items follow the answers at once (shown by the save's answer, no reload).
    const name = first.locator(`#${domIdOf('IR.CONTACT_NAME')}`);
    await expect(name.isHidden()).resolves.toBe(true);
    await first.locator(`#${domIdOf('IR.CONTACT')}-yes`).click();
    await name.waitFor({ state: 'visible' });
    // Evidence upload through the page's own form (works without JavaScript too).
    await first.goto(`${sessionOf(first)}/sections/audited-services`);
    await first.locator(`#${domIdOf('SS.KINDS')}-audit`).check();
    const file = first.locator(`#${domIdOf('SS.REPORT')}-file`);
    await file.waitFor({ state: 'visible' });
    await first.locator('[data-save-status]').filter({ hasText: '保存しました' }).waitFor();
    await file.setInputFiles({
      name: '診断報告書.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(
        '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
      ),
    });
    await first.getByRole('button', { name: 'アップロード' }).click();
    await first.waitForURL(/saved=1$/);
    await expect(first.locator('.current-file').textContent()).resolves.toContain('診断報告書.pdf');
    await first.goto(`${sessionOf(first)}/sections/incident-readiness`);
    await expect(first.locator(`#${domIdOf('IR.BACKUP')}-tested`).isChecked()).resolves.toBe(true);
    await context.close();
  }, 60000);

  it('keeps two questionnaires open in two tabs apart: each names its company and requester, and saves into its own', async () => {
    const otherBuyer = await createTestTenant(api.dataSource, 'browser-other-buyer');
    const a = await createTestAssessment(api.dataSource, {
      organizationId: tenant.organizationId,
      ownerId: tenant.users.procurement.id,
      supplierName: 'エー精機 株式会社',
    });
    const b = await createTestAssessment(api.dataSource, {
      organizationId: otherBuyer.organizationId,
      ownerId: otherBuyer.users.procurement.id,
      supplierName: 'ビー工業 株式会社',
    });
    const [names] = (await api.dataSource.query(
      `SELECT o.name AS buyer, c.name AS campaign FROM assessments a
         JOIN organizations o ON o.id = a.organization_id JOIN campaigns c ON c.id = a.campaign_id
        WHERE a.id = $1`,
      [a.assessmentId],
    )) as { buyer: string; campaign: string }[];
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'ja-JP',
    });
    const tabA = await context.newPage();
    await tabA.goto(`${baseUrl}/q/${a.token}`);
    await navigating(tabA, () => tabA.getByRole('button', { name: '回答を始める' }).click());
    await navigating(tabA, () => tabA.getByRole('link', { name: /^指示1 / }).click());
    const tabB = await context.newPage();
    await tabB.goto(`${baseUrl}/q/${b.token}`);
    await navigating(tabB, () => tabB.getByRole('button', { name: '回答を始める' }).click());

    // Back in tab A: the sidebar leads on in company A's questionnaire, and says so.
    await navigating(tabA, () => tabA.getByRole('link', { name: /^指示2 / }).click());
    const identity = tabA.locator('[data-identity]');
    await expect(identity.locator('[data-identity-supplier]').textContent()).resolves.toBe(
      'エー精機 株式会社',
    );
    await expect(identity.locator('[data-identity-buyer]').textContent()).resolves.toBe(
      names.buyer,
    );
    await expect(identity.locator('[data-identity-campaign]').textContent()).resolves.toBe(
      names.campaign,
    );
    await tabA.locator(`#${domIdOf('D02.1')}-done`).click();
    await tabA.locator('[data-save-status]').filter({ hasText: '保存しました' }).waitFor();

    // Tab B answers its own questionnaire meanwhile.
    await expect(tabB.locator('[data-identity-supplier]').textContent()).resolves.toBe(
      'ビー工業 株式会社',
    );
    await tabB.locator(`#${domIdOf('P.INDUSTRY')}-services`).click();
    await tabB.locator('[data-save-status]').filter({ hasText: '保存しました' }).waitFor();

    // Tab A's 保存 button posts the page: saved, and the page says so in its status region.
    await tabA.locator(`#${domIdOf('D02.2')}-done`).click();
    await navigating(tabA, () => tabA.getByRole('button', { name: '保存', exact: true }).click());
    expect(tabA.url()).toMatch(/\/sections\/csm-d02\?saved=1$/);
    await expect(tabA.getByRole('status').textContent()).resolves.toBe('保存しました');

    const answers = async (assessmentId: string) =>
      (
        (await api.dataSource.query('SELECT answers FROM assessments WHERE id = $1', [
          assessmentId,
        ])) as { answers: Record<string, unknown> }[]
      )[0].answers;
    await expect(answers(a.assessmentId)).resolves.toEqual({ 'D02.1': 'done', 'D02.2': 'done' });
    await expect(answers(b.assessmentId)).resolves.toEqual({ 'P.INDUSTRY': 'services' });
    await context.close();
  }, 60000);

  it('lists in the stale tab, once its Save button posts the page, only the item changed there', async () => {
    const { link } = await issuedLink();
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'ja-JP',
    });
    const first = await context.newPage();
    await first.goto(link);
    await first.getByRole('button', { name: '回答を始める' }).click();
    await first.waitForURL(/\/q\/s\/[0-9a-f-]{36}\/sections\/profile$/);
    await first.goto(`${sessionOf(first)}/sections/csm-d01`);
    const second = await context.newPage();
    await second.goto(`${sessionOf(first)}/sections/csm-d01`);

    await first.locator(`#${domIdOf('D01.1')}-done`).click();
    await first.locator('[data-save-status]').filter({ hasText: '保存しました' }).waitFor();
    await second.locator(`#${domIdOf('D01.2')}-not_done`).click();
    await second.locator('[data-conflict]').waitFor({ state: 'visible' });
    // The page form posts every value on the page, D01.1 as this tab still shows it (unanswered).
    const posted = second.waitForResponse(
      (r) => r.request().method() === 'POST' && r.url().endsWith('/sections/csm-d01'),
    );
    await navigating(second, () =>
      second.getByRole('button', { name: '保存', exact: true }).click(),
    );
    expect((await posted).status()).toBe(409);
    await expect(second.locator('[data-conflict-list] li').allTextContents()).resolves.toEqual([
      '全社のセキュリティ方針を文書で定め、事業戦略と整合させている: 実施していない',
    ]);
    // The conflict page shows what is saved now: the first tab's answer.
    await expect(second.locator(`#${domIdOf('D01.1')}-done`).isChecked()).resolves.toBe(true);
    await context.close();
  }, 60000);
});
