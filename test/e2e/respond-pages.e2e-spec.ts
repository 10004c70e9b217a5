import { ANSWER_FIXTURES } from '@kakehashi/domain';
import { createTestAssessment, TestAssessment } from '../support/assessment-factory';
import { csrfOf, pressStart } from '../support/questionnaire-session';
import { createTestTenant, startApi, TestApi, TestTenant } from '../support/test-app';

const XSS = '<script>alert("x")</script>{{constructor}}';

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#x27;': "'",
  '&#x3D;': '=',
  '&#x60;': '`',
};
const unescapeHtml = (text: string) =>
  text.replace(/&(?:amp|lt|gt|quot|#x27|#x3D|#x60);/g, (e) => ENTITIES[e]);

/** What a browser posts from a section page's answer form: every value on the page. */
function formFields(html: string): [string, string][] {
  const form = /<form method="post" action="[^"]*" class="questionnaire"[\s\S]*?<\/form>/.exec(
    html,
  )![0];
  const fields: [string, string][] = [];
  for (const [, attributes] of form.matchAll(/<input ([^>]*)>/g)) {
    const attr = (name: string) =>
      new RegExp(`(?:^|\\s)${name}(?:="([^"]*)")?(?=\\s|$)`).exec(attributes);
    const type = attr('type')?.[1];
    const name = attr('name')?.[1];
    if (!name || type === 'file' || attr('form')) continue;
    if ((type === 'radio' || type === 'checkbox') && !attr('checked')) continue;
    fields.push([unescapeHtml(name), unescapeHtml(attr('value')?.[1] ?? '')]);
  }
  for (const [, name, text] of form.matchAll(
    /<textarea[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g,
  )) {
    fields.push([unescapeHtml(name), unescapeHtml(text)]);
  }
  return fields;
}

/** The same form with one item's answer changed, as the person would change it. */
function withAnswer(fields: [string, string][], itemId: string, value: string): string {
  const changed = fields.filter(([name]) => name !== itemId).concat([[itemId, value]]);
  return new URLSearchParams(changed).toString();
}

describe('questionnaire pages behind the session cookie', () => {
  let api: TestApi;
  let tenant: TestTenant;
  const fresh = (): Promise<TestAssessment> =>
    createTestAssessment(api.dataSource, {
      organizationId: tenant.organizationId,
      ownerId: tenant.users.procurement.id,
    });

  beforeAll(async () => {
    api = await startApi();
    tenant = await createTestTenant(api.dataSource, 'respond-pages');
  });
  afterAll(() => api.close());

  async function startSession(a: TestAssessment): Promise<string> {
    const started = await pressStart(api, a.token);
    return String(started.headers['set-cookie']).match(/kk_respond=[^;]+/)![0];
  }

  it('saves a section without JavaScript, and its URL carries no token', async () => {
    const a = await fresh();
    const cookie = await startSession(a);
    const page = await api.http().get('/q/s/sections/profile').set('cookie', cookie).expect(200);
    expect(page.text).not.toContain(a.token);
    expect(page.text).toContain('会社概要');
    expect(page.text).toMatch(/<label[^>]*for="item-P_CAPITAL-input"/);
    const saved = await api
      .http()
      .post('/q/s/sections/profile')
      .set('cookie', cookie)
      .type('form')
      .send(
        `_csrf=${encodeURIComponent(csrfOf(page.text))}&_version=0&_action=next&P.INDUSTRY=services&P.CAPITAL=1000&P.EMPLOYEES=30&P.SIZE=sme&P.ROLES=onsite&P.ROLES=software`,
      )
      .expect(303);
    expect(saved.headers.location).toBe('/q/s/sections/csm-d01');
    const doc = await api.http().get(`/api/v1/respond/${a.token}`).expect(200);
    const answers = Object.fromEntries(
      doc.body.sections[0].items.map((i: { id: string; answer?: unknown }) => [i.id, i.answer]),
    );
    expect(answers).toEqual({
      'P.INDUSTRY': 'services',
      'P.CAPITAL': 1000,
      'P.EMPLOYEES': 30,
      'P.SIZE': 'sme',
      'P.ROLES': ['onsite', 'software'],
    });
    const events = (await api.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE target_id = $1 AND action = 'assessment.answers_saved'`,
      [a.assessmentId],
    )) as { n: number }[];
    expect(events[0].n).toBe(1);
  });

  it('shows a stale form post as a conflict listing what was not saved, never overwriting', async () => {
    const a = await fresh();
    const cookie = await startSession(a);
    const page = await api
      .http()
      .get('/q/s/sections/incident-readiness')
      .set('cookie', cookie)
      .expect(200);
    await api
      .http()
      .put(`/api/v1/respond/${a.token}/answers`)
      .send({ version: 0, answers: { 'IR.BACKUP': 'tested' } })
      .expect(200);
    const conflict = await api
      .http()
      .post('/q/s/sections/incident-readiness')
      .set('cookie', cookie)
      .type('form')
      .send({ _csrf: csrfOf(page.text), _version: '0', 'IR.BACKUP': 'none' })
      .expect(409);
    expect(conflict.text).toContain('別の画面');
    const doc = await api.http().get(`/api/v1/respond/${a.token}`).expect(200);
    expect(JSON.stringify(doc.body)).toContain('"answer":"tested"');
  });

  it('lists in a stale tab only what that tab changed, not the values another tab saved meanwhile', async () => {
    const a = await fresh();
    const start = { 'D01.1': 'partial', 'D01.2': 'partial', 'D01.3': 'partial', 'D01.M': 2 };
    await api
      .http()
      .put(`/api/v1/respond/${a.token}/answers`)
      .send({ version: 0, answers: start })
      .expect(200);
    const cookie = await startSession(a);
    const open = () => api.http().get('/q/s/sections/csm-d01').set('cookie', cookie).expect(200);
    const save = (body: string) =>
      api.http().post('/q/s/sections/csm-d01').set('cookie', cookie).type('form').send(body);
    const tabA = await open();
    const tabB = await open();
    // Tab A changes D01.1 and saves.
    await save(withAnswer(formFields(tabA.text), 'D01.1', 'done')).expect(303);
    // Tab B still shows the old D01.1 (and posts it), changes D01.2 and saves.
    const conflict = await save(withAnswer(formFields(tabB.text), 'D01.2', 'not_done')).expect(409);
    const list = /<ul data-conflict-list>([\s\S]*?)<\/ul>/.exec(conflict.text)![1];
    expect(list.match(/<li>/g)).toHaveLength(1);
    expect(list).toContain(
      '全社のセキュリティ方針を文書で定め、事業戦略と整合させている: 実施していない',
    );
    expect(list).not.toContain('経営層がサイバーリスク');
    const saved = (await api.dataSource.query('SELECT answers FROM assessments WHERE id = $1', [
      a.assessmentId,
    ])) as { answers: Record<string, unknown> }[];
    expect(saved[0].answers).toMatchObject({ 'D01.1': 'done', 'D01.2': 'partial' });
    // The conflict page starts from what is saved now: making the change again there saves it.
    await save(withAnswer(formFields(conflict.text), 'D01.2', 'not_done')).expect(303);
    const after = (await api.dataSource.query('SELECT answers FROM assessments WHERE id = $1', [
      a.assessmentId,
    ])) as { answers: Record<string, unknown> }[];
    expect(after[0].answers).toMatchObject({ 'D01.1': 'done', 'D01.2': 'not_done', 'D01.M': 2 });

    // An item another tab filled meanwhile, and typed text with line breaks (which a browser posts
    // as CRLF) left alone, are not listed either; in English too.
    await api
      .http()
      .put(`/api/v1/respond/${a.token}/answers`)
      .send({
        version: 3,
        answers: {
          'P.ROLES': ['iot'],
          'IOT.PRODUCTS': '監視カメラ KC-100\n制御盤 KP-2',
          'IOT.LEVEL': 'star1',
        },
      })
      .expect(200);
    const stale = await api
      .http()
      .get('/q/s/sections/iot?lang=en')
      .set('cookie', cookie)
      .expect(200);
    await api
      .http()
      .put(`/api/v1/respond/${a.token}/answers`)
      .send({ version: 4, answers: { 'IOT.LABEL_ID': 'JC-0001' } })
      .expect(200);
    const fields = formFields(stale.text).map(([name, value]): [string, string] => [
      name,
      value.replace(/\n/g, '\r\n'),
    ]);
    const english = await api
      .http()
      .post('/q/s/sections/iot')
      .set('cookie', `${cookie}; kk_lang=en`)
      .type('form')
      .send(withAnswer(fields, 'IOT.LEVEL', 'star2'))
      .expect(409);
    const englishList = /<ul data-conflict-list>([\s\S]*?)<\/ul>/.exec(english.text)![1];
    expect(englishList.match(/<li>/g)).toHaveLength(1);
    expect(englishList).toContain('Highest JC-STAR label level held: ★2');
  });

  it('shows a future declaration date as an error beside the item, in Japanese and English', async () => {
    const a = await fresh();
    const cookie = await startSession(a);
    const post = async (lang: 'ja' | 'en') => {
      const page = await api
        .http()
        .get(`/q/s/sections/security-action?lang=${lang}`)
        .set('cookie', cookie)
        .expect(200);
      // The date picker itself offers nothing after today (Tokyo).
      const today = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
      expect(page.text).toMatch(
        new RegExp(`<input type="date" id="[^"]*" name="SA\\.DATE" value="" max="${today}"`),
      );
      return api
        .http()
        .post('/q/s/sections/security-action')
        .set('cookie', `${cookie}; kk_lang=${lang}`)
        .type('form')
        .send({
          _csrf: csrfOf(page.text),
          _version: '0',
          'SA.LEVEL': 'star1',
          'SA.DATE': '2099-01-01',
        })
        .expect(400);
    };
    expect((await post('ja')).text).toContain('未来の日付は入力できません');
    expect((await post('en')).text).toContain('A future date cannot be entered');
    const doc = await api.http().get(`/api/v1/respond/${a.token}`).expect(200);
    expect(doc.body.version).toBe(0);
  });

  it('autosaves JSON with the session and CSRF header; another assessment id answers 404', async () => {
    const a = await fresh();
    const b = await fresh();
    const cookie = await startSession(a);
    const page = await api.http().get('/q/s/sections/profile').set('cookie', cookie).expect(200);
    const csrf = csrfOf(page.text);
    const ok = await api
      .http()
      .put(`/q/s/a/${a.assessmentId}/answers`)
      .set('cookie', cookie)
      .set('x-csrf-token', csrf)
      .send({ version: 0, answers: { 'SA.LEVEL': 'star2' } })
      .expect(200);
    expect(ok.body.version).toBe(1);
    expect(ok.body.items['SC.01']).toEqual({ visible: true, required: true });
    await api
      .http()
      .put(`/q/s/a/${a.assessmentId}/answers`)
      .set('cookie', cookie)
      .send({ version: 1, answers: {} })
      .expect(403);
    await api
      .http()
      .put(`/q/s/a/${b.assessmentId}/answers`)
      .set('cookie', cookie)
      .set('x-csrf-token', csrf)
      .send({ version: 0, answers: { 'SA.LEVEL': 'none' } })
      .expect(404);
    await api.http().get(`/q/s/a/${b.assessmentId}`).set('cookie', cookie).expect(404);
    await api
      .http()
      .put(`/q/s/a/${a.assessmentId}/answers`)
      .send({ version: 1, answers: {} })
      .expect(401);
    const untouched = (await api.dataSource.query('SELECT version FROM assessments WHERE id = $1', [
      b.assessmentId,
    ])) as { version: number }[];
    expect(untouched[0].version).toBe(0);
    const noSession = await api.http().get('/q/s/sections/profile').expect(401);
    expect(noSession.text).toContain('セッションの有効期限が切れました');
  });

  it('shows HTML and template syntax in answers as text on every page', async () => {
    const a = await fresh();
    await api
      .http()
      .put(`/api/v1/respond/${a.token}/answers`)
      .send({ version: 0, answers: { 'IR.CONTACT': true, 'IR.CONTACT_NAME': XSS } })
      .expect(200);
    const cookie = await startSession(a);
    const page = await api
      .http()
      .get('/q/s/sections/incident-readiness')
      .set('cookie', cookie)
      .expect(200);
    expect(page.text).not.toContain('<script>alert');
    expect(page.text).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;{{constructor}}');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const api1 = await api.http().get(`/api/v1/respond/${a.token}`).expect(200);
    expect(JSON.stringify(api1.body)).toContain(JSON.stringify(XSS).slice(1, -1));
  });

  it('names whom to ask on the start and submitted pages: the campaign owner, else an admin', async () => {
    const own = await createTestTenant(api.dataSource, 'contact');
    await api.dataSource.query(`UPDATE users SET display_name = $1 WHERE id = $2`, [
      '調達部 山田 花子',
      own.users.procurement.id,
    ]);
    const a = await createTestAssessment(api.dataSource, {
      organizationId: own.organizationId,
      ownerId: own.users.procurement.id,
    });
    const owner = `調達部 山田 花子 &lt;<a href="mailto:${own.users.procurement.email}">${own.users.procurement.email}</a>&gt;`;
    const start = await api.http().get(`/q/${a.token}`).expect(200);
    expect(start.text).toContain('<dt>お問い合わせ先</dt>');
    expect(start.text).toContain(owner);
    const english = await api.http().get(`/q/${a.token}?lang=en`).expect(200);
    expect(english.text).toContain('<dt>Questions</dt>');
    expect(english.text).toContain(owner);

    const cookie = await startSession(a);
    await api
      .http()
      .put(`/api/v1/respond/${a.token}/answers`)
      .send({ version: 0, answers: ANSWER_FIXTURES.smeStarOtasuketai.answers })
      .expect(200);
    await api.http().post(`/api/v1/respond/${a.token}/submit`).expect(200);
    const receipt = await api.http().get('/q/s/receipt').set('cookie', cookie).expect(200);
    expect(receipt.text).toContain('<dt>お問い合わせ先</dt>');
    expect(receipt.text).toContain(owner);

    // The owner left: the organization's longest-serving active admin answers instead.
    await api.dataSource.query(`UPDATE users SET deactivated_at = now() WHERE id = $1`, [
      own.users.procurement.id,
    ]);
    const submitted = await api.http().get(`/q/${a.token}`).expect(200);
    expect(submitted.text).toContain('この調査票は提出済みです');
    expect(submitted.text).toContain(`&lt;<a href="mailto:${own.users.admin.email}">`);
    expect(submitted.text).not.toContain(own.users.procurement.email);
  });

  it('lists missing items on submit with links to them, then shows a receipt after a complete submit', async () => {
    const a = await fresh();
    const cookie = await startSession(a);
    const overview = await api.http().get('/q/s/overview').set('cookie', cookie).expect(200);
    const refusedPost = await api
      .http()
      .post('/q/s/submit')
      .set('cookie', cookie)
      .type('form')
      .send({ _csrf: csrfOf(overview.text) })
      .expect(303);
    // POST-redirect-GET: reloading the list of missing items never posts the submit again.
    expect(refusedPost.headers.location).toBe('/q/s/overview?missing=1');
    const refused = await api
      .http()
      .get(refusedPost.headers.location)
      .set('cookie', cookie)
      .expect(200);
    expect(refused.text).toContain('href="/q/s/sections/profile#item-P_INDUSTRY"');
    // The heading is said once (the summary's), under the page's own heading.
    expect(refused.text.match(/<h[1-6][^>]*>未回答の必須項目があります/g)).toHaveLength(1);
    expect(refused.text).toMatch(/<h1>回答状況と提出<\/h1>/);
    expect(refused.text).toContain('data-error-summary');
    // The language switch keeps the list (Handlebars writes "=" as &#x3D;).
    expect(refused.text).toContain('href="/q/s/overview?missing&#x3D;1&amp;lang&#x3D;en"');
    const english = await api
      .http()
      .get('/q/s/overview?missing=1&lang=en')
      .set('cookie', cookie)
      .expect(200);
    expect(english.text).toContain('Some required items are not answered');

    await api
      .http()
      .put(`/api/v1/respond/${a.token}/answers`)
      .send({ version: 0, answers: ANSWER_FIXTURES.smeStarOtasuketai.answers })
      .expect(200);
    const done = await api
      .http()
      .post('/q/s/submit')
      .set('cookie', cookie)
      .type('form')
      .send({ _csrf: csrfOf(overview.text) })
      .expect(303);
    expect(done.headers.location).toBe('/q/s/receipt');
    const receipt = await api.http().get('/q/s/receipt').set('cookie', cookie).expect(200);
    expect(receipt.text).toContain('ご回答ありがとうございました');
    expect(receipt.text).toContain('サンプル警備保障 お助け隊サービス');
    // Dates, numbers and the submission time as the console and the mails show them.
    expect(receipt.text).toContain('2026年4月20日(月)'); // SA.DATE 2026-04-20
    expect(receipt.text).toContain('3,000'); // P.CAPITAL
    expect(receipt.text).toContain('(日本時間)');
    expect(receipt.text).not.toContain('2026-04-20');
    const englishReceipt = await api
      .http()
      .get('/q/s/receipt?lang=en')
      .set('cookie', cookie)
      .expect(200);
    expect(englishReceipt.text).toContain('Thank you for your answers');
    // A submitted questionnaire cannot be edited from the pages either.
    const edit = await api.http().get('/q/s/sections/profile').set('cookie', cookie).expect(303);
    expect(edit.headers.location).toBe('/q/s/receipt');
  });

  it('uploads evidence from the page form, links it to the item and lets the supplier download it', async () => {
    const a = await fresh();
    const cookie = await startSession(a);
    const page = await api
      .http()
      .get('/q/s/sections/audited-services')
      .set('cookie', cookie)
      .expect(200);
    const csrf = csrfOf(page.text);
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
    );
    const uploaded = await api
      .http()
      .post('/q/s/evidence/SS.REPORT')
      .set('cookie', cookie)
      .field('_csrf', csrf)
      .field('_version', '0')
      .attach('file', pdf, '診断報告書.pdf')
      .expect(303);
    expect(uploaded.headers.location).toBe('/q/s/sections/audited-services?saved=1');
    const doc = await api.http().get(`/api/v1/respond/${a.token}`).expect(200);
    const item = doc.body.sections
      .flatMap((s: { items: { id: string; answer?: string }[] }) => s.items)
      .find((i: { id: string }) => i.id === 'SS.REPORT');
    expect(item.answer).toMatch(/^[0-9a-f-]{36}$/);
    const shown = await api
      .http()
      .get('/q/s/sections/audited-services')
      .set('cookie', cookie)
      .expect(200);
    expect(shown.text).toContain('診断報告書.pdf');

    // Quotes in a file name arrive as %22 (HTML form-data encoding): the page shows the quotes.
    const quoted = await api
      .http()
      .post('/q/s/evidence/SS.REPORT')
      .set('cookie', cookie)
      .field('_csrf', csrf)
      .field('_version', '1')
      .attach('file', pdf, '診断報告書 %22第2版%22.pdf')
      .expect(303);
    expect(quoted.headers.location).toBe('/q/s/sections/audited-services?saved=1');
    const requoted = await api
      .http()
      .get('/q/s/sections/audited-services')
      .set('cookie', cookie)
      .expect(200);
    expect(requoted.text).toContain('診断報告書 &quot;第2版&quot;.pdf');
    expect(requoted.text).not.toContain('%22');
    const download = await api
      .http()
      .get(`/q/s/evidence/${item.answer}`)
      .set('cookie', cookie)
      .expect(200);
    expect(download.headers['content-type']).toBe('application/pdf');

    const wrong = await api
      .http()
      .post('/q/s/evidence/SS.REPORT')
      .set('cookie', cookie)
      .field('_csrf', csrf)
      .field('_version', '1')
      .attach('file', Buffer.from('just text'), 'note.pdf')
      .expect(303);
    expect(wrong.headers.location).toBe(
      '/q/s/sections/audited-services?upload=type&item=SS.REPORT',
    );
    const wrongPage = await api
      .http()
      .get(wrong.headers.location)
      .set('cookie', cookie)
      .expect(200);
    expect(wrongPage.text).toContain(
      'アップロードできるのは PDF・PNG・JPEG・XLSX・DOCX のファイルのみです。',
    );
    await api
      .http()
      .post('/q/s/evidence/SS.REPORT')
      .set('cookie', cookie)
      .field('_csrf', 'forged')
      .attach('file', pdf, 'x.pdf')
      .expect(403);
    const other = await fresh();
    const otherCookie = await startSession(other);
    await api.http().get(`/q/s/evidence/${item.answer}`).set('cookie', otherCookie).expect(404);
  });
});
