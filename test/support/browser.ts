import { mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { TEST_PASSWORD, type TestApi } from './test-app';

/** Screenshots of the browser tests. */
export const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');

/** Starts the test api on a free port for a browser to reach; returns its base URL. */
export async function listenForBrowser(api: TestApi): Promise<string> {
  await api.app.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
}

/**
 * Debian's headless Chromium (and the folder its screenshots go to). Without the
 * background-networking flags it keeps trying hosts this machine cannot reach.
 */
export function launchChromium(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Serious and critical axe findings. axe is evaluated through the DevTools protocol rather than
 * added as a script tag, so the page's Content-Security-Policy stays in force for the whole test.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  // A string, evaluated in the page: axe is a page global, not something this file can import.
  const violations = (await page.evaluate(
    `axe.run().then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) })))`,
  )) as { id: string; impact: string; targets: string[] }[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.targets.join(', ')}`);
}

/**
 * Runs an action that makes the page navigate (a form post, a link) and waits until the document
 * it leads to has loaded. `waitForLoadState` after the click is not enough: the page it asks is
 * still the old, loaded one until the new document commits, so it returns at once and a
 * following `goto` aborts the navigation still under way (`net::ERR_ABORTED`). The next `load`
 * event is the new document's, also when the post answers on the same URL.
 */
export async function navigating<T>(page: Page, action: () => Promise<T>): Promise<T> {
  const loaded = page.waitForEvent('load');
  const result = await action();
  await loaded;
  return result;
}

/**
 * Signs in through the Japanese login form as a person would (by its labels and button) and
 * waits for the dashboard it leads to.
 */
export async function logIn(page: Page, input: { base: string; email: string }): Promise<void> {
  await page.goto(`${input.base}/login`);
  await page.getByLabel('メールアドレス').fill(input.email);
  await page.getByLabel('パスワード').fill(TEST_PASSWORD);
  await Promise.all([
    page.waitForURL(`${input.base}/dashboard`),
    page.getByRole('button', { name: 'ログイン' }).click(),
  ]);
}
