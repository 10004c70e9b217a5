import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createTestAssessment, TestAssessment } from '../support/assessment-factory';
import { csrfOf } from '../support/questionnaire-session';
import { createTestTenant, startApi, TestApi, TestTenant } from '../support/test-app';

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);

/** A browser: one cookie jar for every tab, sending each cookie only under its path. */
type Browser = ReturnType<typeof request.agent>;

/** The text of the page's status region (role=status) of the answer form. */
function statusOf(html: string): string {
  return /<p class="save-status" role="status"[^>]*>([^<]*)<\/p>/.exec(html)?.[1] ?? '';
}

/** A hidden field of the form whose action is `action`. */
function fieldOf(html: string, action: string, name: string): string {
  const form = new RegExp(`<form[^>]*action="${action}"[\\s\\S]*?</form>`).exec(html)?.[0] ?? '';
  return new RegExp(`name="${name}" value="([^"]*)"`).exec(form)?.[1] ?? '';
}

describe('supplier portal: one session per questionnaire, save confirmations, atomic attachments', () => {
  let api: TestApi;
  let tenant: TestTenant;
  let otherBuyer: TestTenant;
  let dataDir: string;
  const fresh = (buyer = tenant, supplierName?: string): Promise<TestAssessment> =>
    createTestAssessment(api.dataSource, {
      organizationId: buyer.organizationId,
      ownerId: buyer.users.procurement.id,
      supplierName,
    });

  const answersOf = async (a: TestAssessment): Promise<Record<string, unknown>> => {
    const [row] = (await api.dataSource.query('SELECT answers FROM assessments WHERE id = $1', [
      a.assessmentId,
    ])) as { answers: Record<string, unknown> }[];
    return row.answers;
  };
  const evidenceRows = async (a: TestAssessment): Promise<number> => {
    const [row] = (await api.dataSource.query(
      'SELECT count(*)::int AS n FROM evidence_files WHERE assessment_id = $1',
      [a.assessmentId],
    )) as { n: number }[];
    return row.n;
  };
  const onDisk = async (a: TestAssessment): Promise<string[]> =>
    readdir(join(dataDir, 'evidence', a.organizationId, a.assessmentId)).catch(() => []);
  const namesOf = async (a: TestAssessment) => {
    const [row] = (await api.dataSource.query(
      `SELECT o.name AS buyer, c.name AS campaign FROM assessments a
         JOIN organizations o ON o.id = a.organization_id JOIN campaigns c ON c.id = a.campaign_id
        WHERE a.id = $1`,
      [a.assessmentId],
    )) as { buyer: string; campaign: string }[];
    return row;
  };

  /** Presses Start on the emailed link in `browser`; returns where it leads. */
  async function start(browser: Browser, a: TestAssessment): Promise<string> {
    const page = await browser.get(`/q/${a.token}`).expect(200);
    const started = await browser
      .post(`/q/${a.token}/start`)
      .type('form')
      .send({ _csrf: csrfOf(page.text) })
      .expect(303);
    return started.headers.location as string;
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kakehashi-session-paths-'));
    api = await startApi({ DATA_DIR: dataDir });
    tenant = await createTestTenant(api.dataSource, 'session-paths');
    otherBuyer = await createTestTenant(api.dataSource, 'session-paths-other');
  });
  afterAll(async () => {
    await api.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps two questionnaires started in one browser apart: each page names its company and requester, and saves go to it', async () => {
    const a = await fresh(tenant, 'A精機 株式会社');
    const b = await fresh(otherBuyer, 'B工業 株式会社');
    const browser = request.agent(api.app.getHttpServer());
    const firstA = await start(browser, a);
    // Tab A is on its first section when tab B presses Start on the other link.
    const pageA = await browser.get(firstA).expect(200);
    const firstB = await start(browser, b);
    expect(firstA).not.toBe(firstB);

    // Tab A goes on (the sidebar's link to the next directive): still company A's questionnaire.
    const navA = /<a href="([^"]*\/sections\/csm-d02)"/.exec(pageA.text)![1];
    const d02 = await browser.get(navA).expect(200);
    const { buyer, campaign } = await namesOf(a);
    expect(d02.text).toContain('<dd data-identity-supplier>A精機 株式会社</dd>');
    expect(d02.text).toContain(`<dd data-identity-buyer>${buyer}</dd>`);
    expect(d02.text).toContain(`<dd data-identity-campaign>${campaign}</dd>`);
    expect(d02.text).not.toContain('B工業');

    // Autosave from tab A, as its page names the address.
    const saveUrl = /data-save-url="([^"]+)"/.exec(d02.text)![1];
    const csrf = /data-csrf="([^"]+)"/.exec(d02.text)![1];
    await browser
      .put(saveUrl)
      .set('x-csrf-token', csrf)
      .send({ version: 0, answers: { 'D02.1': 'done' } })
      .expect(200);
    // Tab B saves its own page with the 保存 button (no JavaScript).
    const pageB = await browser.get(firstB).expect(200);
    expect(pageB.text).toContain('<dd data-identity-supplier>B工業 株式会社</dd>');
    expect(pageB.text).toContain(`<dd data-identity-buyer>${(await namesOf(b)).buyer}</dd>`);
    await browser
      .post(firstB)
      .type('form')
      .send({ _csrf: csrfOf(pageB.text), _version: '0', _action: 'save', 'P.INDUSTRY': 'services' })
      .expect(303);
    // Tab A's 保存 then still works, for company A.
    const posted = await browser
      .post(navA)
      .type('form')
      .send({
        _csrf: csrfOf(d02.text),
        _version: '1',
        _action: 'save',
        'D02.1': 'done',
        'D02.2': 'done',
      })
      .expect(303);
    expect(posted.headers.location).toBe(`${navA}?saved=1`);

    expect(await answersOf(a)).toEqual({ 'D02.1': 'done', 'D02.2': 'done' });
    expect(await answersOf(b)).toEqual({ 'P.INDUSTRY': 'services' });
  });

  it('refuses a page post whose session was replaced with a clear reason, keeping the typed answers on screen', async () => {
    const a = await fresh();
    const browser = request.agent(api.app.getHttpServer());
    const first = await start(browser, a);
    const stale = await browser.get(first).expect(200);
    // The same questionnaire opened again from its link: a new session replaces the page's.
    await start(browser, a);
    const refused = await browser
      .post(first)
      .type('form')
      .send({
        _csrf: csrfOf(stale.text),
        _version: '0',
        _action: 'save',
        'P.INDUSTRY': 'services',
        'P.CAPITAL': '4321',
      })
      .expect(403);
    expect(refused.text).toContain('同じ調査票がメールのリンクから開き直された');
    expect(refused.text).not.toContain('セッションの有効期限が切れました');
    expect(refused.text).toMatch(/id="item-P_CAPITAL-input" name="P.CAPITAL" value="4321"/);
    expect(refused.text).toMatch(
      /id="item-P_INDUSTRY-services" name="P.INDUSTRY" value="services" checked/,
    );
    expect(await answersOf(a)).toEqual({});
    // The re-rendered page carries the live session's token: saving again works.
    await browser
      .post(first)
      .type('form')
      .send({ _csrf: csrfOf(refused.text), _version: '0', _action: 'save', 'P.CAPITAL': '4321' })
      .expect(303);
    expect(await answersOf(a)).toEqual({ 'P.CAPITAL': 4321 });
  });

  it('says 保存しました in the status region after 保存 and after an upload, and nothing on a plain visit', async () => {
    const a = await fresh();
    const browser = request.agent(api.app.getHttpServer());
    const base = (await start(browser, a)).replace(/\/sections\/[^/]+$/, '');
    const plain = await browser.get(`${base}/sections/profile`).expect(200);
    expect(statusOf(plain.text)).toBe('');
    const saved = await browser
      .post(`${base}/sections/profile`)
      .type('form')
      .send({ _csrf: csrfOf(plain.text), _version: '0', _action: 'save', 'P.CAPITAL': '10' })
      .expect(303);
    const after = await browser.get(saved.headers.location as string).expect(200);
    expect(statusOf(after.text)).toBe('保存しました');

    const files = await browser.get(`${base}/sections/audited-services`).expect(200);
    const action = `${base}/evidence/SS.REPORT`;
    const uploaded = await browser
      .post(action)
      .field('_csrf', fieldOf(files.text, action, '_csrf'))
      .field('_version', fieldOf(files.text, action, '_version'))
      .field('_current', fieldOf(files.text, action, '_current'))
      .attach('file', PDF, '報告書.pdf')
      .expect(303);
    const shown = await browser.get(uploaded.headers.location as string).expect(200);
    expect(statusOf(shown.text)).toBe('保存しました');
    expect(shown.text).toContain('報告書.pdf');
    const en = await browser.get(`${saved.headers.location}&lang=en`).expect(200);
    expect(statusOf(en.text)).toBe('Saved');
  });

  it('attaches a file although other items were saved meanwhile; refuses only a changed item, keeping nothing; removes an attachment', async () => {
    const a = await fresh();
    const tabs = request.agent(api.app.getHttpServer());
    const base = (await start(tabs, a)).replace(/\/sections\/[^/]+$/, '');
    const action = `${base}/evidence/SS.REPORT`;
    const tabA = await tabs.get(`${base}/sections/audited-services`).expect(200);
    const post = (page: string, name: string) =>
      tabs
        .post(action)
        .field('_csrf', fieldOf(page, action, '_csrf'))
        .field('_version', fieldOf(page, action, '_version'))
        .field('_current', fieldOf(page, action, '_current'))
        .attach('file', PDF, name);

    // Tab B answers another item: tab A's upload is still attached.
    await tabs
      .put(`${base}/answers`)
      .set('x-csrf-token', csrfOf(tabA.text))
      .send({ version: 0, answers: { 'P.CAPITAL': 10 } })
      .expect(200);
    const first = await post(tabA.text, '一つ目.pdf').expect(303);
    expect(first.headers.location).toBe(`${base}/sections/audited-services?saved=1`);
    const [attached] = (await api.dataSource.query(
      'SELECT id FROM evidence_files WHERE assessment_id = $1',
      [a.assessmentId],
    )) as { id: string }[];
    expect(await answersOf(a)).toEqual({ 'P.CAPITAL': 10, 'SS.REPORT': attached.id });

    // Tab A still shows the item empty: uploading there would replace the file tab B sees.
    const refused = await post(tabA.text, '二つ目.pdf').expect(303);
    expect(refused.headers.location).toBe(
      `${base}/sections/audited-services?upload=stale&item=SS.REPORT`,
    );
    const told = await tabs.get(refused.headers.location as string).expect(200);
    expect(told.text).toContain('ファイルを添付しませんでした');
    expect(await evidenceRows(a)).toBe(1);
    expect(await onDisk(a)).toHaveLength(1);
    expect(await answersOf(a)).toEqual({ 'P.CAPITAL': 10, 'SS.REPORT': attached.id });

    // 添付を外す on the fresh page clears the item.
    const page = await tabs.get(`${base}/sections/audited-services`).expect(200);
    expect(page.text).toContain('一つ目.pdf');
    const removeAction = `${action}/remove`;
    expect(page.text).toContain('>添付を外す</button>');
    const removed = await tabs
      .post(removeAction)
      .type('form')
      .send({
        _csrf: fieldOf(page.text, removeAction, '_csrf'),
        _evidence: fieldOf(page.text, removeAction, '_evidence'),
      })
      .expect(303);
    expect(removed.headers.location).toBe(`${base}/sections/audited-services?removed=1`);
    const cleared = await tabs.get(removed.headers.location as string).expect(200);
    expect(statusOf(cleared.text)).toBe('添付を外しました');
    expect(cleared.text).not.toContain('一つ目.pdf');
    expect(await answersOf(a)).toEqual({ 'P.CAPITAL': 10 });

    // A stale page removing a file that is no longer attached changes nothing.
    await tabs
      .post(removeAction)
      .type('form')
      .send({ _csrf: fieldOf(page.text, removeAction, '_csrf'), _evidence: attached.id })
      .expect(303)
      .expect('location', `${base}/sections/audited-services?upload=removeStale&item=SS.REPORT`);
    // The page's upload form now starts from the empty item, so uploading works again.
    await post(cleared.text, '三つ目.pdf')
      .expect(303)
      .expect('location', /saved=1$/);
    expect((await answersOf(a))['SS.REPORT']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
