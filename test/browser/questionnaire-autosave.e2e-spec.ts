import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { domIdOf } from '../../apps/api/src/respond/portal-view';
import { createTestAssessment, TestAssessment } from '../support/assessment-factory';
import { axeViolations, launchChromium, listenForBrowser, navigating } from '../support/browser';
import { createTestTenant, startApi, TestApi, TestTenant } from '../support/test-app';

/** The autosave status line of the section form. */
const STATUS = '[data-save-status]';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('supplier questionnaire in headless Chromium: slow autosaves, leaving the page, errors tied to their items', () => {
  let api: TestApi;
  let tenant: TestTenant;
  let browser: Browser;
  let baseUrl: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    api = await startApi();
    baseUrl = await listenForBrowser(api);
    tenant = await createTestTenant(api.dataSource, 'browser-autosave');
    browser = await launchChromium();
  }, 120_000);

  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  /**
   * Opens a fresh supplier link, presses Start and lands on the first section. With `clock`, the
   * page's timers only run when the test says so: the typing delay of the autosave never runs out
   * on its own, however slowly this machine types and clicks.
   */
  async function started(
    options: { clock?: boolean } = {},
  ): Promise<{ page: Page; a: TestAssessment; problems: string[] }> {
    const a = await createTestAssessment(api.dataSource, {
      organizationId: tenant.organizationId,
      ownerId: tenant.users.procurement.id,
      language: 'ja',
    });
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'ja-JP',
    });
    contexts.push(context);
    const page = await context.newPage();
    // Script errors and CSP refusals both show up here; neither may happen.
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) problems.push(m.text());
    });
    if (options.clock) await page.clock.install();
    await page.goto(`${baseUrl}/q/${a.token}`);
    await page.locator('form[action$="/start"] button').click();
    await page.waitForURL(/\/sections\/profile$/);
    if (options.clock) await page.clock.pauseAt(Date.now() + 60_000);
    return { page, a, problems };
  }

  /**
   * Autosaves reach the server at once but their answers come back only when `hold` ends, as from
   * a slow server. The save URL is the one the page names, whatever it is.
   */
  async function slowSaves(page: Page, hold: () => Promise<void>): Promise<void> {
    const saveUrl = await page.locator('form[data-autosave]').getAttribute('data-save-url');
    await page.route(new URL(saveUrl!, page.url()).href, async (route: Route) => {
      const response = await route.fetch();
      await hold();
      // The page may have gone meanwhile; nobody is left to answer then.
      await route.fulfill({ response }).catch(() => undefined);
    });
  }

  async function typeInto(page: Page, itemId: string, text: string): Promise<void> {
    const input = page.locator(`#${domIdOf(itemId)}-input`);
    await input.fill('');
    await input.click();
    await page.keyboard.type(text);
  }

  async function stored(
    a: TestAssessment,
  ): Promise<{ answers: Record<string, unknown>; version: number }> {
    const [row] = (await api.dataSource.query(
      'SELECT answers, version FROM assessments WHERE id = $1',
      [a.assessmentId],
    )) as { answers: Record<string, unknown>; version: number }[];
    return row;
  }

  /** Waits (up to 15 s) until an answer is stored: a request sent as a page goes has no one to report to. */
  async function storedOnceThere(a: TestAssessment, itemId: string): Promise<unknown> {
    for (let i = 0; i < 150; i++) {
      const { answers } = await stored(a);
      if (itemId in answers) return answers[itemId];
      await sleep(100);
    }
    return undefined;
  }

  /** The link to the section after the current one in the sidebar. */
  const nextSectionLink = (page: Page) =>
    page.locator('nav.sections li:has(a[aria-current="page"]) + li a');

  it('stores every answer chosen while a slow save was on its way before following a section link', async () => {
    const { page, a, problems } = await started();
    await slowSaves(page, () => sleep(1500));
    const firstTitle = await page.locator('h1').textContent();
    await page.locator(`#${domIdOf('P.INDUSTRY')}-retail`).click();
    await page.locator(STATUS).filter({ hasText: '保存中' }).waitFor();
    await page.locator(`#${domIdOf('P.SIZE')}-sme`).click();
    await page.locator(`#${domIdOf('P.ROLES')}-software`).check();
    await navigating(page, () => nextSectionLink(page).click());
    await expect(page.locator('h1').textContent()).resolves.not.toBe(firstTitle);
    // The next section is shown only after every answer was stored.
    const row = await stored(a);
    expect(row.answers).toMatchObject({
      'P.INDUSTRY': 'retail',
      'P.SIZE': 'sme',
      'P.ROLES': ['software'],
    });
    expect(problems).toEqual([]);
  }, 60000);

  it('stores 資本金 typed just before switching to English, and the English page shows it', async () => {
    const { page, a, problems } = await started({ clock: true });
    await typeInto(page, 'P.CAPITAL', '500');
    await navigating(page, () => page.getByRole('link', { name: 'English' }).click());
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await expect(page.locator(`#${domIdOf('P.CAPITAL')}-input`).inputValue()).resolves.toBe('500');
    expect((await stored(a)).answers['P.CAPITAL']).toBe(500);
    expect(problems).toEqual([]);
  }, 60000);

  it('stores a choice made just before 前へ', async () => {
    const { page, a, problems } = await started({ clock: true });
    await navigating(page, () => nextSectionLink(page).click());
    const choice = page.locator('form[data-autosave] [data-item] input[type="radio"]').first();
    const itemId = (await choice.getAttribute('name'))!;
    const code = (await choice.getAttribute('value'))!;
    await choice.click();
    await navigating(page, () => page.getByRole('link', { name: '前へ' }).click());
    await expect(page.locator(`#${domIdOf('P.INDUSTRY')}`).count()).resolves.toBe(1);
    expect(JSON.stringify((await stored(a)).answers[itemId])).toBe(
      /^\d+$/.test(code) ? code : JSON.stringify(code),
    );
    expect(problems).toEqual([]);
  }, 60000);

  it('stays on the page and shows the error when a value typed just before a section link is refused', async () => {
    const { page, a } = await started({ clock: true });
    await typeInto(page, 'P.EMPLOYEES', '-7');
    await nextSectionLink(page).click();
    const message = '「常時使用する従業員数」：0 以上で回答してください（-7）';
    await page.locator(STATUS).filter({ hasText: message }).waitFor();
    await expect(
      page.locator(`#${domIdOf('P.EMPLOYEES')} [data-autosave-error]`).textContent(),
    ).resolves.toBe(message);
    expect(page.url()).toMatch(/\/sections\/profile$/);
    await expect(page.evaluate(`document.activeElement?.id`)).resolves.toBe(
      `${domIdOf('P.EMPLOYEES')}-input`,
    );
    expect((await stored(a)).answers['P.EMPLOYEES']).toBeUndefined();
  }, 60000);

  it('warns on reload only while something is unsaved, and stores it when the person leaves anyway', async () => {
    const { page, a } = await started({ clock: true });
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.type());
      void dialog.accept();
    });
    await typeInto(page, 'P.EMPLOYEES', '45');
    await page.reload();
    expect(dialogs).toEqual(['beforeunload']);
    await expect(storedOnceThere(a, 'P.EMPLOYEES')).resolves.toBe(45);

    // Nothing unsaved: no question.
    await page.reload();
    expect(dialogs).toEqual(['beforeunload']);
    // Saved before the reload: no question either.
    await page.locator(`#${domIdOf('P.INDUSTRY')}-retail`).click();
    await page.clock.runFor(10);
    await page.locator(STATUS).filter({ hasText: '保存しました' }).waitFor();
    await page.reload();
    expect(dialogs).toEqual(['beforeunload']);
    await expect(page.locator(`#${domIdOf('P.INDUSTRY')}-retail`).isChecked()).resolves.toBe(true);
  }, 60000);

  it('waits longer than five seconds for a save on its way before posting, showing 保存中…', async () => {
    const { page, a } = await started();
    await slowSaves(page, () => sleep(6500));
    await page.locator(`#${domIdOf('P.INDUSTRY')}-retail`).click();
    await page.locator(STATUS).filter({ hasText: '保存中' }).waitFor();
    await typeInto(page, 'P.CAPITAL', '2500');
    await navigating(page, async () => {
      await page.getByRole('button', { name: '保存して次へ' }).click();
      await page.locator(STATUS).filter({ hasText: '保存中…' }).waitFor();
    });
    // No conflict page: the post carried the version the slow save returned.
    await expect(page.locator('[data-conflict]').isVisible()).resolves.toBe(false);
    expect(page.url()).toMatch(/\/sections\/csm-d01$/);
    const row = await stored(a);
    expect(row.answers).toMatchObject({ 'P.INDUSTRY': 'retail', 'P.CAPITAL': 2500 });
    expect(row.version).toBe(2);
  }, 60000);

  it('does not post stale answers when a save never answers, says so, and posts once it has', async () => {
    const { page, a } = await started({ clock: true });
    let release!: () => void;
    const answered = new Promise<void>((resolve) => (release = resolve));
    await slowSaves(page, () => answered);
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST') posts.push(r.url());
    });
    await page.locator(`#${domIdOf('P.INDUSTRY')}-retail`).click();
    await page.clock.runFor(10);
    await page.locator(STATUS).filter({ hasText: '保存中' }).waitFor();
    await page.getByRole('button', { name: '保存して次へ' }).click();
    await page.clock.runFor(60_000);
    await page
      .locator(STATUS)
      .filter({ hasText: '保存に時間がかかっているため、まだ送信していません' })
      .waitFor();
    expect(posts).toEqual([]);
    expect(page.url()).toMatch(/\/sections\/profile$/);

    release();
    await page.locator(STATUS).filter({ hasText: '保存しました' }).waitFor();
    await navigating(page, () => page.getByRole('button', { name: '保存して次へ' }).click());
    expect(page.url()).toMatch(/\/sections\/csm-d01$/);
    const row = await stored(a);
    expect(row.answers).toMatchObject({ 'P.INDUSTRY': 'retail' });
    expect(row.version).toBe(2);
  }, 60000);

  it('ties help and errors to their controls, for inputs and for radio groups', async () => {
    const { page, problems } = await started();
    const size = page.locator(`#${domIdOf('P.SIZE')} fieldset`);
    await expect(size.getAttribute('aria-describedby')).resolves.toBe(`${domIdOf('P.SIZE')}-help`);
    await expect(page.locator(`#${domIdOf('P.SIZE')}-help`).textContent()).resolves.toContain(
      '中小企業基本法の定義',
    );
    await expect(
      page.locator(`#${domIdOf('P.ROLES')} fieldset`).getAttribute('aria-describedby'),
    ).resolves.toBe(`${domIdOf('P.ROLES')}-help`);
    await expect(axeViolations(page)).resolves.toEqual([]);

    // A refused autosave: the message beside the item describes its input.
    const employees = page.locator(`#${domIdOf('P.EMPLOYEES')}-input`);
    await typeInto(page, 'P.EMPLOYEES', '-7');
    const message = '「常時使用する従業員数」：0 以上で回答してください（-7）';
    await page.locator(STATUS).filter({ hasText: message }).waitFor();
    await expect(employees.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(employees.getAttribute('aria-describedby')).resolves.toBe(
      `${domIdOf('P.EMPLOYEES')}-autosave-error`,
    );
    await expect(
      page.locator(`#${domIdOf('P.EMPLOYEES')}-autosave-error`).textContent(),
    ).resolves.toBe(message);

    // The page the post answers with: the item's own error describes the input.
    await navigating(page, () => page.getByRole('button', { name: '保存', exact: true }).click());
    await page.locator('[data-error-summary]').waitFor();
    await expect(employees.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(employees.getAttribute('aria-describedby')).resolves.toBe(
      `${domIdOf('P.EMPLOYEES')}-error`,
    );
    await expect(page.locator(`#${domIdOf('P.EMPLOYEES')}-error`).textContent()).resolves.toBe(
      message,
    );
    await expect(axeViolations(page)).resolves.toEqual([]);

    // Corrected and saved: the autosave's own marks go; other items never had any.
    await typeInto(page, 'P.EMPLOYEES', '45');
    await page.locator(STATUS).filter({ hasText: '保存しました' }).waitFor();
    await expect(
      page.locator(`#${domIdOf('P.CAPITAL')}-input`).getAttribute('aria-invalid'),
    ).resolves.toBeNull();

    // A radio group with an error: the fieldset is described by its help and its error.
    await page.evaluate(
      `document.getElementById(${JSON.stringify(`${domIdOf('P.SIZE')}-sme`)}).value = 'medium'`,
    );
    await page.locator(`#${domIdOf('P.SIZE')}-sme`).click();
    await page.locator(`#${domIdOf('P.SIZE')} [data-autosave-error]`).waitFor();
    await expect(size.getAttribute('aria-describedby')).resolves.toBe(
      `${domIdOf('P.SIZE')}-help ${domIdOf('P.SIZE')}-autosave-error`,
    );
    await navigating(page, () => page.getByRole('button', { name: '保存', exact: true }).click());
    await page.locator('[data-error-summary]').waitFor();
    await expect(size.getAttribute('aria-describedby')).resolves.toBe(
      `${domIdOf('P.SIZE')}-help ${domIdOf('P.SIZE')}-error`,
    );
    await expect(
      page
        .locator(`#${domIdOf('P.SIZE')} input[type="radio"]`)
        .evaluateAll((inputs) => inputs.map((i) => i.getAttribute('aria-invalid'))),
    ).resolves.toEqual(['true', 'true', 'true']);
    await expect(page.locator(`#${domIdOf('P.SIZE')}-error`).textContent()).resolves.toMatch(
      /企業規模の区分/,
    );
    await expect(axeViolations(page)).resolves.toEqual([]);
    expect(problems).toEqual([]);
  }, 90000);
});
