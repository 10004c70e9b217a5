import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { domIdOf } from '../../apps/api/src/respond/portal-view';
import {
  RESPOND_COOKIE,
  RespondSession,
  RespondSessionService,
} from '../../apps/api/src/respond/respond-session.service';
import { createTestAssessment, TestAssessment } from '../support/assessment-factory';
import { ARTIFACTS, launchChromium, listenForBrowser, navigating } from '../support/browser';
import { createTestTenant, startApi, TestApi, TestTenant } from '../support/test-app';

/** The autosave status line of the section form. */

/** The address of the questionnaire session a page is on: `<origin>/q/s/<assessmentId>`. */
function sessionOf(page: Page): string {
  const url = new URL(page.url());
  return `${url.origin}${/^\/q\/s\/[^/]+/.exec(url.pathname)![0]}`;
}
const STATUS = '[data-save-status]';

describe('supplier questionnaire in headless Chromium: failed autosaves, errors, phones', () => {
  let api: TestApi;
  let tenant: TestTenant;
  let browser: Browser;
  let baseUrl: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    api = await startApi();
    baseUrl = await listenForBrowser(api);
    tenant = await createTestTenant(api.dataSource, 'browser-errors');
    browser = await launchChromium();
  }, 120_000);

  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  /** Opens a fresh supplier link, presses Start and lands on the first section. */
  async function started(
    options: { width?: number; height?: number; lang?: 'ja' | 'en' } = {},
  ): Promise<{ page: Page; context: BrowserContext; a: TestAssessment; problems: string[] }> {
    const a = await createTestAssessment(api.dataSource, {
      organizationId: tenant.organizationId,
      ownerId: tenant.users.procurement.id,
      language: options.lang ?? 'ja',
    });
    const context = await browser.newContext({
      viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
      locale: options.lang === 'en' ? 'en-GB' : 'ja-JP',
    });
    contexts.push(context);
    const page = await context.newPage();
    // Script errors and CSP refusals both show up here; neither may happen.
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) problems.push(m.text());
    });
    await page.goto(`${baseUrl}/q/${a.token}`);
    await page.locator('form[action$="/start"] button').click();
    await page.waitForURL(/\/q\/s\/[0-9a-f-]{36}\/sections\/profile$/);
    return { page, context, a, problems };
  }

  async function typeInto(page: Page, itemId: string, text: string): Promise<void> {
    const input = page.locator(`#${domIdOf(itemId)}-input`);
    await input.fill('');
    await input.click();
    await page.keyboard.type(text);
  }

  it('posts the form after a refused autosave and shows the Japanese error naming the item; nothing typed is lost', async () => {
    const { page, problems } = await started();
    await typeInto(page, 'P.EMPLOYEES', '-7');
    const message = '「常時使用する従業員数」：0 以上で回答してください（-7）';
    await page.locator(STATUS).filter({ hasText: message }).waitFor();
    await expect(page.locator(STATUS).textContent()).resolves.not.toMatch(/[A-Za-z]{4}/);
    // The refused value is also marked beside its item.
    await expect(
      page.locator(`#${domIdOf('P.EMPLOYEES')} [data-autosave-error]`).textContent(),
    ).resolves.toBe(message);

    const [posted] = await navigating(page, () =>
      Promise.all([
        page.waitForResponse(
          (r) => r.request().method() === 'POST' && r.url().endsWith('/sections/profile'),
        ),
        page.getByRole('button', { name: '保存して次へ' }).click(),
      ]),
    );
    expect(posted.status()).toBe(400);
    const summary = page.locator('[data-error-summary]');
    await expect(summary.textContent()).resolves.toContain(message);
    await expect(summary.textContent()).resolves.not.toContain('P.EMPLOYEES');
    await expect(
      page.evaluate(`document.activeElement?.hasAttribute('data-error-summary') === true`),
    ).resolves.toBe(true);
    await expect(page.locator(`#${domIdOf('P.EMPLOYEES')}-input`).inputValue()).resolves.toBe('-7');

    // Corrected, it saves, stays on the page, and the button moves on.
    await typeInto(page, 'P.EMPLOYEES', '45');
    await page.locator(STATUS).filter({ hasText: '保存しました' }).waitFor();
    await page.waitForTimeout(600);
    expect(page.url()).toMatch(/\/q\/s\/[0-9a-f-]{36}\/sections\/profile$/);
    await page.getByRole('button', { name: '保存して次へ' }).click();
    await page.waitForURL(/\/q\/s\/[0-9a-f-]{36}\/sections\/csm-d01$/);
    const [row] = (await api.dataSource.query(
      `SELECT answers->'P.EMPLOYEES' AS employees FROM assessments a
         JOIN assessment_links l ON l.assessment_id = a.id
        WHERE a.organization_id = $1 ORDER BY a.updated_at DESC LIMIT 1`,
      [tenant.organizationId],
    )) as { employees: number }[];
    expect(row.employees).toBe(45);
    expect(problems).toEqual([]);
  }, 60000);

  it('waits for a save on its way before posting, so the post carries its version and never conflicts', async () => {
    const { page, a } = await started();
    // Hold the autosave until the button has been pressed, so it is on its way then however
    // slowly this machine types.
    let release!: () => void;
    const pressed = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/q/s/*/answers', async (route) => {
      await pressed;
      await route.continue();
    });
    await page.locator(`#${domIdOf('P.INDUSTRY')}-retail`).click();
    await page.locator(STATUS).filter({ hasText: '保存中' }).waitFor();
    await typeInto(page, 'P.CAPITAL', '2500');
    await navigating(page, async () => {
      await page.getByRole('button', { name: '保存して次へ' }).click();
      release();
    });
    expect(page.url()).toMatch(/\/q\/s\/[0-9a-f-]{36}\/sections\/csm-d01$/);
    const [row] = (await api.dataSource.query(
      'SELECT answers, version FROM assessments WHERE id = $1',
      [a.assessmentId],
    )) as { answers: Record<string, unknown>; version: number }[];
    expect(row.answers).toMatchObject({ 'P.INDUSTRY': 'retail', 'P.CAPITAL': 2500 });
    expect(row.version).toBe(2);
  }, 60000);

  it('does not block 保存 after a URL without http:// and keeps the other answers of the batch', async () => {
    const { page, a } = await started();
    await page.goto(`${sessionOf(page)}/sections/security-action`);
    await page.locator(`#${domIdOf('SA.LEVEL')}-star1`).click();
    await page.locator(STATUS).filter({ hasText: '保存しました' }).waitFor();
    await page.locator(`#${domIdOf('SA.POLICY')}-yes`).click();
    await page.locator(`#${domIdOf('SA.POLICY_URL')}`).waitFor({ state: 'visible' });
    await typeInto(page, 'SA.POLICY_URL', 'www.example.co.jp/policy');
    await page
      .locator(STATUS)
      .filter({
        hasText: '「基本方針を公表している URL」：http(s) で始まる URL を入力してください',
      })
      .waitFor();
    const [posted] = await navigating(page, () =>
      Promise.all([
        page.waitForResponse(
          (r) => r.request().method() === 'POST' && r.url().endsWith('/sections/security-action'),
        ),
        page.getByRole('button', { name: '保存', exact: true }).click(),
      ]),
    );
    expect(posted.status()).toBe(400);
    await expect(page.locator('[data-error-summary]').textContent()).resolves.toContain(
      'http(s) で始まる URL を入力してください',
    );
    await expect(page.locator(`#${domIdOf('SA.POLICY_URL')}-input`).inputValue()).resolves.toBe(
      'www.example.co.jp/policy',
    );
    const [row] = (await api.dataSource.query('SELECT answers FROM assessments WHERE id = $1', [
      a.assessmentId,
    ])) as { answers: Record<string, unknown> }[];
    expect(row.answers).toMatchObject({ 'SA.LEVEL': 'star1', 'SA.POLICY': true });
  }, 60000);

  it('says in Japanese that the link is gone, posts on 保存 and offers a fresh link there', async () => {
    const { page, a } = await started();
    await api.dataSource.query(
      'UPDATE assessment_links SET revoked_at = now() WHERE assessment_id = $1',
      [a.assessmentId],
    );
    await page.locator(`#${domIdOf('P.INDUSTRY')}-services`).click();
    await page
      .locator(STATUS)
      .filter({ hasText: 'このリンクは有効期限切れか無効になっているため、保存できませんでした。' })
      .waitFor();
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page
      .getByRole('heading', { name: 'このリンクは有効期限切れか、無効になっています' })
      .waitFor();
    await page.getByRole('button', { name: '新しいリンクを送る' }).click();
    await page.getByRole('heading', { name: '新しいリンクを送信しました' }).waitFor();
  }, 60000);

  it('says in Japanese that the session ended, and 保存して次へ shows the session page', async () => {
    const { page, context } = await started();
    await context.clearCookies({ name: 'kk_respond' });
    await typeInto(page, 'P.CAPITAL', '3000');
    await page
      .locator(STATUS)
      .filter({ hasText: 'セッションの有効期限が切れたため保存できませんでした' })
      .waitFor();
    await page.getByRole('button', { name: '保存して次へ' }).click();
    await page.getByRole('heading', { name: 'セッションの有効期限が切れました' }).waitFor();
    // The cookie is gone: nothing names the link any more, so the page points to the mail.
    const card = page.locator('main .card');
    await expect(card.textContent()).resolves.toContain(
      '最後に自動保存された後の変更は、保存されていない可能性があります',
    );
    await expect(card.textContent()).resolves.toContain(
      'メールが見当たらない場合は、依頼元にお問い合わせください。',
    );
    await expect(card.textContent()).resolves.not.toContain('保存されています');
  }, 60000);

  it('after an idle session ended, 保存 shows the session page, which sends a fresh link', async () => {
    const { page, context, a } = await started();
    await typeInto(page, 'P.CAPITAL', '3000');
    await page.locator(STATUS).filter({ hasText: '保存しました' }).waitFor();
    // Two idle hours later: the same session cookie, its signed end in the past.
    const sessions = api.app.get(RespondSessionService);
    const [stored] = (await context.cookies()).filter((c) => c.name === RESPOND_COOKIE);
    const session = JSON.parse(
      Buffer.from(stored.value.split('.')[0], 'base64url').toString('utf8'),
    ) as RespondSession;
    await context.addCookies([
      { ...stored, value: sessions.encode({ ...session, exp: Math.floor(Date.now() / 1000) - 1 }) },
    ]);
    await typeInto(page, 'P.EMPLOYEES', '45');
    await page
      .locator(STATUS)
      .filter({ hasText: 'セッションの有効期限が切れたため保存できませんでした' })
      .waitFor();
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByRole('heading', { name: 'セッションの有効期限が切れました' }).waitFor();
    await expect(page.locator('main .card').textContent()).resolves.toContain(
      '最後に自動保存された後の変更は、保存されていない可能性があります',
    );
    await page.getByRole('button', { name: '新しいリンクを送る' }).click();
    await page.getByRole('heading', { name: '新しいリンクを送信しました' }).waitFor();
    const mails = (await api.dataSource.query(
      'SELECT kind, to_email FROM mail_messages WHERE assessment_id = $1',
      [a.assessmentId],
    )) as { kind: string; to_email: string }[];
    expect(mails).toEqual([{ kind: 'link', to_email: a.contactEmail }]);
    const [row] = (await api.dataSource.query('SELECT answers FROM assessments WHERE id = $1', [
      a.assessmentId,
    ])) as { answers: Record<string, unknown> }[];
    expect(row.answers).toMatchObject({ 'P.CAPITAL': 3000 });
    expect(row.answers['P.EMPLOYEES']).toBeUndefined();
  }, 60000);

  it('gives autosave errors in English on English pages', async () => {
    const { page } = await started({ lang: 'en' });
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await typeInto(page, 'P.EMPLOYEES', '-7');
    await page
      .locator(STATUS)
      .filter({ hasText: 'Answer to "Number of regular employees" must be at least 0, got -7' })
      .waitFor();
  }, 60000);

  it('lists the unsaved input of a conflict by question and answer text, not ids', async () => {
    const { page: first, context } = await started();
    await first.goto(`${sessionOf(first)}/sections/incident-readiness`);
    const second = await context.newPage();
    await second.goto(`${sessionOf(first)}/sections/incident-readiness`);
    await first.locator(`#${domIdOf('IR.BACKUP')}-tested`).click();
    await first.locator(STATUS).filter({ hasText: '保存しました' }).waitFor();
    await second.locator(`#${domIdOf('IR.BACKUP')}-none`).click();
    await second.locator('[data-conflict]').waitFor({ state: 'visible' });
    const list = second.locator('[data-conflict-list]');
    await expect(list.textContent()).resolves.toBe('重要データのバックアップ: 取得していない');
    await expect(
      second.evaluate(`document.activeElement?.hasAttribute('data-conflict') === true`),
    ).resolves.toBe(true);
  }, 60000);

  it('puts the questions first on a phone and brings the missing items into view after 提出', async () => {
    const { page, problems } = await started({ width: 375, height: 740 });
    const heading = await page.getByRole('heading', { level: 1 }).boundingBox();
    expect(heading!.y).toBeLessThan(250);
    await expect(page.locator('details.sections-details').getAttribute('open')).resolves.toBeNull();
    await expect(page.locator('.sections summary').textContent()).resolves.toContain('必須回答');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await page.screenshot({ path: join(ARTIFACTS, 'questionnaire-phone-section.png') });
    // The list opens on request.
    await page.locator('.sections summary').click();
    await page.getByRole('link', { name: '回答状況と提出' }).click();
    await page.waitForURL(/\/q\/s\/[0-9a-f-]{36}\/overview$/);

    await page.getByRole('button', { name: '回答を提出する' }).click();
    await page.waitForURL(/\/q\/s\/[0-9a-f-]{36}\/overview\?missing=1$/);
    const summary = page.locator('[data-error-summary]');
    await expect(
      page.evaluate(`document.activeElement?.hasAttribute('data-error-summary') === true`),
    ).resolves.toBe(true);
    const box = await summary.boundingBox();
    expect(box!.y).toBeGreaterThan(-1);
    expect(box!.y).toBeLessThan(740);
    await expect(
      page.getByRole('heading', { name: '未回答の必須項目があります' }).count(),
    ).resolves.toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'questionnaire-phone-missing.png') });
    // Reloading the list posts nothing.
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST') posts.push(r.url());
    });
    await page.reload();
    await summary.waitFor();
    expect(posts).toEqual([]);
    expect(problems).toEqual([]);
  }, 60000);

  it('uploads with a redirect after an error, so a reload posts nothing, and says so in Japanese', async () => {
    const { page } = await started();
    await page.goto(`${sessionOf(page)}/sections/audited-services`);
    await page.locator(`#${domIdOf('SS.KINDS')}-audit`).check();
    const file = page.locator(`#${domIdOf('SS.REPORT')}-file`);
    await file.waitFor({ state: 'visible' });
    await page.locator(STATUS).filter({ hasText: '保存しました' }).waitFor();
    await file.setInputFiles({
      name: 'report.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('<html><body>not a pdf</body></html>'),
    });
    await page.getByRole('button', { name: 'アップロード' }).click();
    await page.waitForURL(
      /\/q\/s\/[0-9a-f-]{36}\/sections\/audited-services\?upload=type&item=SS\.REPORT$/,
    );
    await expect(page.locator('[data-error-summary]').textContent()).resolves.toContain(
      'アップロードできるのは PDF・PNG・JPEG・XLSX・DOCX のファイルのみです。',
    );
    // No file chosen at all.
    await page.getByRole('button', { name: 'アップロード' }).click();
    await page.waitForURL(/upload=missing/);
    await expect(page.locator('[data-error-summary]').textContent()).resolves.toContain(
      'アップロードするファイルを選択してください。',
    );
  }, 60000);
});
