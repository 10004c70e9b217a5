import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestAssessment } from '../support/assessment-factory';
import {
  ARTIFACTS,
  axeViolations,
  launchChromium,
  logIn,
  listenForBrowser,
} from '../support/browser';
import {
  fixtureScore,
  insertAssessment,
  insertContact,
  insertScore,
  insertScoredAssessment,
  insertSupplier,
} from '../support/dashboard-factory';
import { submitAnswers } from '../support/questionnaire-session';
import { createTestTenant, startApi, TestApi, TestTenant } from '../support/test-app';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 900 };

/** Names as long as real ones get: a table of them is wider than a phone. */
const LONG_NAMES = [
  '株式会社東日本エレクトロニクス・ソリューションズ・ホールディングス',
  'Kitakyushu Precision Manufacturing and Logistics Services Co., Ltd.',
  '合同会社みなとみらいインフォメーションテクノロジー研究所',
  '瀬戸内オートモーティブ部品サプライチェーン・マネジメント株式会社',
];

type Role = 'anonymous' | 'procurement' | 'ciso' | 'admin';

interface Layout {
  scrollWidth: number;
  /** Lines each header control's own text takes (1 when it does not wrap). */
  lines: Record<string, number>;
  /** Header controls shorter or narrower than a 44 px touch target. */
  smallTargets: string[];
  /** The header's three groups, top to bottom: each starts below the one before it. */
  rows: { brand: number; nav: number; tools: number } | null;
  /** Tables wider than the screen that are not inside a horizontally scrolling box. */
  overflowingTables: string[];
  /** The outermost elements that reach past the screen's right edge (to tell what to fix). */
  tooWide: string[];
}

/** The little of the DOM the probe below uses (the project compiles without the DOM library). */
interface Rect {
  top: number;
  bottom: number;
  right: number;
  width: number;
  height: number;
}
interface El {
  tagName: string;
  className: string;
  classList: Iterable<string>;
  textContent: string | null;
  parentElement: El | null;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): Rect;
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): ArrayLike<El>;
}
interface Dom {
  document: {
    documentElement: { scrollWidth: number };
    body: El;
    querySelector(selector: string): El | null;
    querySelectorAll(selector: string): ArrayLike<El>;
    createRange(): { selectNodeContents(el: El): void; getClientRects(): ArrayLike<Rect> };
  };
  getComputedStyle(el: El): { overflowX: string };
}

/** What a person sees of the layout: page width, header lines and rows, wide tables. */
function measure(page: Page, width: number): Promise<Layout> {
  return page.evaluate((width) => {
    const { document, getComputedStyle } = globalThis as unknown as Dom;
    const lineCount = (el: El): number => {
      const range = document.createRange();
      range.selectNodeContents(el);
      // Text of mixed sizes (a badge, a smaller word) sits on one line when the boxes overlap.
      const textLines: { top: number; bottom: number }[] = [];
      for (const rect of Array.from(range.getClientRects())) {
        if (rect.width === 0) continue;
        const middle = (rect.top + rect.bottom) / 2;
        const line = textLines.find((l) => middle > l.top && middle < l.bottom);
        if (line) {
          line.top = Math.min(line.top, rect.top);
          line.bottom = Math.max(line.bottom, rect.bottom);
        } else {
          textLines.push({ top: rect.top, bottom: rect.bottom });
        }
      }
      return textLines.length;
    };
    const header = document.querySelector('.console-header');
    const lines: Record<string, number> = {};
    const smallTargets: string[] = [];
    const targets: [string, El | null][] = [
      ['lang', header?.querySelector('.console-lang') ?? null],
      ['logout', header?.querySelector('.console-logout button') ?? null],
      ['notifications', header?.querySelector('.console-notifications') ?? null],
      ['brand', header?.querySelector('.console-brand') ?? null],
      ...Array.from(header?.querySelectorAll('.console-nav a') ?? []).map((a): [string, El] => [
        `nav ${a.textContent?.trim()}`,
        a,
      ]),
    ];
    for (const [name, el] of targets) {
      if (!el) continue;
      lines[name] = lineCount(el);
      const box = el.getBoundingClientRect();
      if (box.height < 44 || box.width < 44) {
        smallTargets.push(`${name} ${Math.round(box.width)}x${Math.round(box.height)}`);
      }
    }
    const top = (selector: string) => header?.querySelector(selector)?.getBoundingClientRect().top;
    const [brand, nav, tools] = ['.console-brand', '.console-nav', '.console-tools'].map(top);
    const rows =
      brand !== undefined && nav !== undefined && tools !== undefined
        ? { brand, nav, tools }
        : null;
    const fits = (el: El) => el.getBoundingClientRect().right <= width + 1;
    const overflowingTables: string[] = [];
    for (const table of Array.from(document.querySelectorAll('main table'))) {
      if (fits(table)) continue;
      let scroller: El | null = table;
      while (scroller && scroller !== document.body) {
        const overflowX = getComputedStyle(scroller).overflowX;
        if ((overflowX === 'auto' || overflowX === 'scroll') && fits(scroller)) break;
        scroller = scroller.parentElement;
      }
      if (!scroller || scroller === document.body) {
        overflowingTables.push(table.className || table.getAttribute('data-testid') || 'table');
      }
    }
    const clipped = (el: El): boolean => {
      for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
        if (getComputedStyle(up).overflowX !== 'visible') return true;
      }
      return false;
    };
    const tooWide = Array.from(document.body.querySelectorAll('*'))
      .filter((el) => !fits(el) && !clipped(el))
      .filter((el) => !el.parentElement || fits(el.parentElement))
      .slice(0, 5)
      .map(
        (el) =>
          [el.tagName.toLowerCase(), ...Array.from(el.classList)].join('.') +
          ` ${Math.round(el.getBoundingClientRect().right)}`,
      );
    const scrollWidth = document.documentElement.scrollWidth;
    return { scrollWidth, lines, smallTargets, rows, overflowingTables, tooWide };
  }, width);
}

describe('the console on a phone (headless Chromium at 390×844)', () => {
  let api: TestApi;
  let tenant: TestTenant;
  let browser: Browser;
  let base: string;
  const pages: { name: string; role: Role; path: string; open?: string }[] = [];
  const contexts = new Map<string, { context: BrowserContext; page: Page; problems: string[] }>();

  beforeAll(async () => {
    api = await startApi({ LOGIN_ATTEMPTS_PER_MINUTE_PER_IP: '1000' });
    base = await listenForBrowser(api);
    tenant = await createTestTenant(api.dataSource, 'mobile-browser');
    const org = tenant.organizationId;
    const procurement = tenant.users.procurement;

    // A launched campaign: one supplier submitted and scored (with findings), the others invited.
    const a = await createTestAssessment(api.dataSource, {
      organizationId: org,
      ownerId: procurement.id,
      supplierName: '株式会社東海セキュリティ・システムインテグレーション・サービス',
    });
    await submitAnswers(api, { token: a.token });
    const result = fixtureScore('smeNothing', 3);
    await insertScore(api.dataSource, {
      organizationId: org,
      campaignId: a.campaignId,
      supplierId: a.supplierId,
      assessmentId: a.assessmentId,
      result,
    });
    const supplierIds: string[] = [];
    for (const [i, name] of LONG_NAMES.entries()) {
      const supplierId = await insertSupplier(api.dataSource, org, {
        name,
        criticality: ((i % 3) + 1) as 1 | 2 | 3,
        sizeClass: i % 2 ? 'large' : 'sme',
        category: '電子部品・精密機器製造およびシステム開発',
        ownerId: procurement.id,
      });
      await insertContact(api.dataSource, {
        organizationId: org,
        supplierId,
        name: `情報セキュリティ推進室 担当者 ${i + 1}`,
        email: `information-security-office-${i + 1}@very-long-supplier-domain-name.example.co.jp`,
        undeliverable: i === 0 ? '550 5.1.1 mailbox unavailable (user unknown)' : undefined,
      });
      if (i === 2) {
        // A scored supplier on the dashboard, with a history row and findings to show.
        await insertScoredAssessment(api.dataSource, {
          organizationId: org,
          campaignId: a.campaignId,
          supplierId,
          result: fixtureScore('star2Contradiction', 3),
        });
      } else {
        await insertAssessment(api.dataSource, {
          organizationId: org,
          campaignId: a.campaignId,
          supplierId,
          status: i === 1 ? 'in_progress' : 'invited',
        });
      }
      supplierIds.push(supplierId);
    }
    await api.dataSource.query(
      `INSERT INTO notifications (organization_id, user_id, key, kind, title, link, detail)
       VALUES ($1, $2, $3, 'high-tier', $4, $5, NULL)`,
      [
        org,
        procurement.id,
        `mobile-browser:${org}`,
        JSON.stringify({
          ja: `${LONG_NAMES[2]} のリスク評価が「高」になりました`,
          en: `The risk tier of ${LONG_NAMES[1]} is now High`,
        }),
        `/dashboard/suppliers/${supplierIds[2]}`,
      ],
    );

    pages.push(
      { name: 'login', role: 'anonymous', path: '/login' },
      { name: 'dashboard', role: 'ciso', path: '/dashboard' },
      { name: 'dashboard-supplier', role: 'ciso', path: `/dashboard/suppliers/${supplierIds[2]}` },
      { name: 'suppliers', role: 'procurement', path: '/console/suppliers' },
      { name: 'supplier-new', role: 'procurement', path: '/console/suppliers/new' },
      {
        name: 'supplier-edit',
        role: 'procurement',
        path: `/console/suppliers/${supplierIds[0]}/edit`,
      },
      {
        name: 'supplier-import',
        role: 'procurement',
        path: '/console/suppliers/import',
        // The column list is folded away; a person opens it to read it.
        open: '.supplier-import-files summary',
      },
      { name: 'campaigns', role: 'procurement', path: '/console/campaigns' },
      { name: 'campaign-new', role: 'procurement', path: '/console/campaigns/new' },
      { name: 'campaign', role: 'procurement', path: `/console/campaigns/${a.campaignId}` },
      {
        name: 'assessment',
        role: 'procurement',
        path: `/console/assessments/${a.assessmentId}`,
      },
      { name: 'notifications', role: 'procurement', path: '/console/notifications' },
      { name: 'settings', role: 'admin', path: '/console/settings' },
      { name: 'users', role: 'admin', path: '/console/users' },
    );
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    for (const { context } of contexts.values()) await context.close();
    await browser?.close();
    await api?.close();
  });

  /**
   * One signed-in phone (or desktop) per role; script errors, CSP violations and 4xx/5xx are
   * collected.
   */
  async function tabOf(role: Role, device: 'phone' | 'desktop' = 'phone') {
    const key = `${role} ${device}`;
    const known = contexts.get(key);
    if (known) return known;
    const context = await browser.newContext(
      device === 'phone'
        ? { viewport: PHONE, isMobile: true, hasTouch: true }
        : { viewport: DESKTOP },
    );
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`${r.status()} ${new URL(r.url()).pathname}`);
    });
    if (role !== 'anonymous') await logIn(page, { base, email: tenant.users[role].email });
    const tab = { context, page, problems };
    contexts.set(key, tab);
    return tab;
  }

  for (const lang of ['ja', 'en'] as const) {
    it(`every console page fits a phone's width, in ${lang}`, async () => {
      const found: Record<string, unknown> = {};
      for (const { name, role, path, open } of pages) {
        const { page, problems } = await tabOf(role);
        await page.goto(`${base}${path}?lang=${lang}`);
        expect(new URL(page.url()).pathname).toBe(path);
        if (open) await page.click(open);
        const layout = await measure(page, PHONE.width);
        await page.screenshot({
          path: join(ARTIFACTS, `mobile-${name}-${lang}.png`),
          fullPage: true,
        });
        const violations = await axeViolations(page);
        const wrong: Record<string, unknown> = {};
        if (layout.scrollWidth > PHONE.width + 1) {
          wrong.scrollWidth = layout.scrollWidth;
          wrong.tooWide = layout.tooWide;
        }
        const wrapped = Object.entries(layout.lines).filter(([, n]) => n !== 1);
        if (wrapped.length) wrong.wrapped = Object.fromEntries(wrapped);
        if (layout.smallTargets.length) wrong.smallTargets = layout.smallTargets;
        if (
          layout.rows &&
          !(layout.rows.brand < layout.rows.nav && layout.rows.nav < layout.rows.tools)
        ) {
          wrong.rows = layout.rows;
        }
        if (layout.overflowingTables.length) wrong.overflowingTables = layout.overflowingTables;
        if (violations.length) wrong.axe = violations;
        if (problems.length) wrong.problems = problems.splice(0);
        if (Object.keys(wrong).length) found[name] = wrong;
      }
      // One report for every page, so a single run shows all that is wrong.
      expect(found).toEqual({});
      // 14 pages, each measured, photographed and checked by axe: up to 40 s on a quiet machine.
    }, 240_000);
  }

  it('the users page fits a 375 px phone too, its hidden role labels included', async () => {
    const narrow = { width: 375, height: 667 };
    // An address with no place to break widens its column: the role menus start past the edge.
    await api.dataSource.query(
      `INSERT INTO users (organization_id, email, display_name, role, password_hash)
       VALUES ($1, $2, '佐々木 健一郎', 'procurement', 'not-a-login')`,
      [tenant.organizationId, `sasaki.kenichiro.security@minatomirai${Date.now()}.example`],
    );
    const context = await browser.newContext({ viewport: narrow, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await logIn(page, { base, email: tenant.users.admin.email });
    const found: Record<string, unknown> = {};
    for (const lang of ['ja', 'en'] as const) {
      await page.goto(`${base}/console/users?lang=${lang}`);
      const layout = await measure(page, narrow.width);
      await page.screenshot({ path: join(ARTIFACTS, `mobile-375-users-${lang}.png`) });
      if (layout.scrollWidth > narrow.width + 1 || layout.tooWide.length) {
        found[lang] = { scrollWidth: layout.scrollWidth, tooWide: layout.tooWide };
      }
      // The labels stay for screen readers: each role menu is still named by its user.
      const name = lang === 'ja' ? /^ciso \w+の役割$/ : /^Role of ciso \w+$/;
      expect(await page.getByRole('combobox', { name }).count()).toBe(1);
    }
    expect(found).toEqual({});
    await context.close();
  });

  it('a wide table scrolls inside its own box, which the keyboard can reach', async () => {
    const { page } = await tabOf('procurement');
    await page.goto(`${base}/console/suppliers?lang=ja`);
    const table = page.locator('main table').first();
    const box = page.getByRole('region', { name: 'サプライヤー' });
    expect(await box.getAttribute('tabindex')).toBe('0');
    expect(await box.locator('table').count()).toBe(1);
    const sizes = await box.evaluate((el) => ({
      scrollWidth: el.scrollWidth,
      clientWidth: el.clientWidth,
    }));
    expect(sizes.scrollWidth).toBeGreaterThan(sizes.clientWidth);
    // Tabbing into the box and pressing the arrow key moves the table, not the page.
    await box.focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((el) => el.scrollLeft > 0, await box.elementHandle());
    expect(await page.evaluate('window.scrollX')).toBe(0);
    expect(await table.isVisible()).toBe(true);

    // The users list scrolls by itself and is still a table to a screen reader.
    const admin = await tabOf('admin');
    await admin.page.goto(`${base}/console/users?lang=ja`);
    const users = admin.page.locator('.users-table');
    expect(
      await users.evaluate((el) => ({
        scrolls: el.scrollWidth > el.clientWidth,
        overflowX: el.ownerDocument.defaultView!.getComputedStyle(el).overflowX,
      })),
    ).toEqual({ scrolls: true, overflowX: 'auto' });
    const cdp = await admin.context.newCDPSession(admin.page);
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
      nodes: { ignored: boolean; role?: { value: string } }[];
    };
    const roles = nodes.filter((n) => !n.ignored).map((n) => n.role?.value);
    expect(roles).toContain('table');
    expect(roles.filter((r) => r === 'columnheader')).toHaveLength(7);
    await cdp.detach();
  });

  it('on a desktop the header and the tables are laid out as before', async () => {
    const { page, problems } = await tabOf('admin', 'desktop');
    for (const { name, role, path, open } of pages) {
      const tab = role === 'admin' ? { page, problems } : await tabOf(role, 'desktop');
      await tab.page.goto(`${base}${path}?lang=ja`);
      if (open) await tab.page.click(open);
      await tab.page.screenshot({ path: join(ARTIFACTS, `desktop-${name}.png`), fullPage: true });
      expect(await tab.page.evaluate('document.documentElement.scrollWidth')).toBe(DESKTOP.width);
    }
    // The admin's header as it was: brand and navigation on one row, the tools at the right.
    await page.goto(`${base}/console/users?lang=ja`);
    const layout = await measure(page, DESKTOP.width);
    expect(layout.rows).not.toBeNull();
    expect(Math.abs(layout.rows!.brand - layout.rows!.nav)).toBeLessThan(20);
    const box = async (selector: string) => (await page.locator(selector).boundingBox())!;
    const header = await box('.console-header');
    const tools = await box('.console-tools');
    expect(header.x + header.width - (tools.x + tools.width)).toBeLessThan(40);
    expect((await box('.console-logout button')).height).toBeLessThan(44);
    expect((await box('.users-table')).width).toBeGreaterThan((await box('main')).width - 100);
    expect(problems).toEqual([]);
    // 14 pages photographed, two more profiles signed in: about 30 s on a quiet machine.
  }, 180_000);
});
