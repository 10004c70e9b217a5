import {
  RESPOND_COOKIE,
  RESPOND_COOKIE_SECONDS,
  RespondSession,
  RespondSessionService,
} from '../../apps/api/src/respond/respond-session.service';
import { createTestAssessment, TestAssessment } from '../support/assessment-factory';
import { csrfOf, pressStart, submitAnswers } from '../support/questionnaire-session';
import { createTestTenant, startApi, TestApi, TestTenant } from '../support/test-app';

function cookieValue(setCookie: unknown, name: string): string | undefined {
  return new RegExp(`${name}=([^;]+)`).exec(String(setCookie))?.[1];
}

function sessionOf(cookie: string): RespondSession {
  return JSON.parse(
    Buffer.from(cookie.split('.')[0], 'base64url').toString('utf8'),
  ) as RespondSession;
}

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);

describe('supplier portal: errors in the page language, redirects after posts, sessions', () => {
  let api: TestApi;
  let tenant: TestTenant;
  const fresh = (
    over: Partial<Parameters<typeof createTestAssessment>[1]> = {},
  ): Promise<TestAssessment> =>
    createTestAssessment(api.dataSource, {
      organizationId: tenant.organizationId,
      ownerId: tenant.users.procurement.id,
      ...over,
    });

  beforeAll(async () => {
    api = await startApi();
    tenant = await createTestTenant(api.dataSource, 'respond-errors');
  });
  afterAll(() => api.close());

  /** Presses Start; returns the session cookie ("kk_respond=...") and the section page's CSRF. */
  async function startSession(a: TestAssessment): Promise<{ cookie: string; csrf: string }> {
    const started = await pressStart(api, a.token);
    const cookie = `${RESPOND_COOKIE}=${cookieValue(started.headers['set-cookie'], RESPOND_COOKIE)}`;
    const section = await api.http().get('/q/s/sections/profile').set('cookie', cookie).expect(200);
    return { cookie, csrf: csrfOf(section.text) };
  }

  it('renders min="0" on the number fields whose minimum is 0', async () => {
    const a = await fresh();
    const { cookie } = await startSession(a);
    const page = await api.http().get('/q/s/sections/profile').set('cookie', cookie).expect(200);
    expect(page.text).toMatch(/<input type="number"[^>]*id="item-P_EMPLOYEES-input"[^>]*min="0"/);
    expect(page.text).toMatch(/<input type="number"[^>]*id="item-P_CAPITAL-input"[^>]*min="0"/);
  });

  it('names the item by its text in a refused form post, in the page language', async () => {
    const a = await fresh();
    const { cookie, csrf } = await startSession(a);
    const post = (extraCookie = '') =>
      api
        .http()
        .post('/q/s/sections/profile')
        .set('cookie', `${cookie}${extraCookie}`)
        .type('form')
        .send(`_csrf=${encodeURIComponent(csrf)}&_version=0&P.EMPLOYEES=-3`)
        .expect(400);
    const ja = await post();
    expect(ja.text).toContain('「常時使用する従業員数」：0 以上で回答してください（-3）');
    expect(ja.text).not.toContain('「P.EMPLOYEES」');
    // What was typed is shown again for correcting.
    expect(ja.text).toMatch(/id="item-P_EMPLOYEES-input"[^>]*value="-3"/);
    const en = await post('; kk_lang=en');
    expect(en.text).toContain(
      'Answer to &quot;Number of regular employees&quot; must be at least 0',
    );
    expect(en.text).not.toContain('P.EMPLOYEES&quot;');
  });

  it('gives autosave errors in both languages: refused value, ended session, wrong token, dead link', async () => {
    const a = await fresh();
    const { cookie, csrf } = await startSession(a);
    const put = (answers: Record<string, unknown>, headers: Record<string, string> = {}) => {
      const request = api.http().put(`/q/s/a/${a.assessmentId}/answers`);
      for (const [k, v] of Object.entries(headers)) request.set(k, v);
      return request.send({ version: 0, answers });
    };
    const refused = await put({ 'P.EMPLOYEES': -7 }, { cookie, 'x-csrf-token': csrf }).expect(400);
    expect(refused.body).toMatchObject({
      itemId: 'P.EMPLOYEES',
      messageJa: '「常時使用する従業員数」：0 以上で回答してください（-7）',
      messageEn: 'Answer to "Number of regular employees" must be at least 0, got -7',
    });
    const url = await put(
      { 'SA.POLICY_URL': 'www.example.co.jp' },
      { cookie, 'x-csrf-token': csrf },
    ).expect(400);
    expect(url.body.messageJa).toContain('「基本方針を公表している URL」：http(s) で始まる URL');

    const ended = await put({ 'P.EMPLOYEES': 1 }).expect(401);
    expect(ended.body.messageJa).toContain('セッションの有効期限が切れました');
    const forged = await put({ 'P.EMPLOYEES': 1 }, { cookie, 'x-csrf-token': 'forged' }).expect(
      403,
    );
    expect(forged.body.messageJa).toContain('再読み込みしてください');

    await api.dataSource.query(
      'UPDATE assessment_links SET revoked_at = now() WHERE assessment_id = $1',
      [a.assessmentId],
    );
    const revoked = await put({ 'P.EMPLOYEES': 1 }, { cookie, 'x-csrf-token': csrf }).expect(410);
    expect(revoked.body).toMatchObject({
      reason: 'revoked',
      messageJa: expect.stringContaining('このリンクは有効期限切れか、無効になっています'),
    });
    const b = await fresh();
    const other = await startSession(b);
    await api.dataSource.query(`UPDATE campaigns SET status = 'closed' WHERE id = $1`, [
      b.campaignId,
    ]);
    const closed = await api
      .http()
      .put(`/q/s/a/${b.assessmentId}/answers`)
      .set('cookie', other.cookie)
      .set('x-csrf-token', other.csrf)
      .send({ version: 0, answers: { 'P.EMPLOYEES': 1 } })
      .expect(410);
    expect(closed.body).toMatchObject({
      reason: 'closed',
      messageJa: 'この調査は締め切られました',
    });
  });

  it('extends the session on every autosave, as a page view does', async () => {
    const a = await fresh();
    const { cookie, csrf } = await startSession(a);
    // The same session, one minute from its end (someone typing on one page for two hours).
    const sessions = api.app.get(RespondSessionService);
    const nearEnd = { ...sessionOf(cookie.split('=')[1]), exp: Math.floor(Date.now() / 1000) + 60 };
    const old = `${RESPOND_COOKIE}=${sessions.encode(nearEnd)}`;
    const saved = await api
      .http()
      .put(`/q/s/a/${a.assessmentId}/answers`)
      .set('cookie', old)
      .set('x-csrf-token', csrf)
      .send({ version: 0, answers: { 'P.EMPLOYEES': 12 } })
      .expect(200);
    const renewed = cookieValue(saved.headers['set-cookie'], RESPOND_COOKIE);
    expect(renewed).toBeDefined();
    // The browser keeps the cookie past the session's end, for the "session ended" page.
    expect(String(saved.headers['set-cookie'])).toContain(`Max-Age=${RESPOND_COOKIE_SECONDS}`);
    const session = sessionOf(renewed!);
    expect(session.sid).toBe(nearEnd.sid);
    expect(session.exp).toBeGreaterThan(Math.floor(Date.now() / 1000) + 7000);
    const read = await api.http().get(`/q/s/a/${a.assessmentId}`).set('cookie', old).expect(200);
    expect(cookieValue(read.headers['set-cookie'], RESPOND_COOKIE)).toBeDefined();
  });

  it('after the session ended, says the last changes may be unsaved and offers a fresh link', async () => {
    const a = await fresh();
    const { cookie, csrf } = await startSession(a);
    const sessions = api.app.get(RespondSessionService);
    const session = sessionOf(cookie.split('=')[1]);
    const endedAgo = (seconds: number) =>
      `${RESPOND_COOKIE}=${sessions.encode({ ...session, exp: Math.floor(Date.now() / 1000) - seconds })}`;
    const saveSection = (sessionCookie: string | null, lang = 'ja') => {
      const request = api.http().post('/q/s/sections/profile');
      const cookies = [sessionCookie, `kk_lang=${lang}`].filter(Boolean).join('; ');
      return request
        .set('cookie', cookies)
        .type('form')
        .send(`_csrf=${encodeURIComponent(csrf)}&_version=0&P.EMPLOYEES=40`);
    };
    const mails = () =>
      api.dataSource.query(`SELECT kind, to_email FROM mail_messages WHERE assessment_id = $1`, [
        a.assessmentId,
      ]) as Promise<{ kind: string; to_email: string }[]>;

    // Idle past the session's end: the form's changes are not saved, and the page says so.
    const idle = await saveSection(endedAgo(60)).expect(401);
    expect(idle.text).toContain('セッションの有効期限が切れました');
    expect(idle.text).toContain('最後に自動保存された後の変更は、保存されていない可能性があります');
    expect(idle.text).not.toContain('入力済みの回答は保存されています');
    expect(idle.text).toContain('ご登録のメールアドレスに新しいリンクをお送りできます。');
    expect(idle.text).toContain('action="/q/s/resend"');
    const [row] = await api.dataSource.query('SELECT answers FROM assessments WHERE id = $1', [
      a.assessmentId,
    ]);
    expect(row.answers['P.EMPLOYEES']).toBeUndefined();
    // The ended session still names its questionnaire: the page names whom to ask (ja and en).
    const [{ organization, owner, email }] = await api.dataSource.query<
      { organization: string; owner: string; email: string }[]
    >(
      `SELECT o.name AS organization, u.display_name AS owner, u.email
         FROM users u JOIN organizations o ON o.id = u.organization_id WHERE u.id = $1`,
      [tenant.users.procurement.id],
    );
    const ownerLine = `<dd data-buyer-contact>${owner} &lt;<a href="mailto:${email}">${email}</a>&gt;</dd>`;
    expect(idle.text).toContain(
      '新しいリンクが届かない場合やご不明な点は、依頼元にお問い合わせください。',
    );
    expect(idle.text).toContain(`<dt>依頼元</dt><dd>${organization}</dd>`);
    expect(idle.text).toContain('<dt>お問い合わせ先</dt>');
    expect(idle.text).toContain(ownerLine);
    const idleEn = await saveSection(endedAgo(60), 'en').expect(401);
    expect(idleEn.text).toContain(
      'Changes made since the last automatic save may not have been saved',
    );
    expect(idleEn.text).not.toContain('Your answers so far are saved');
    expect(idleEn.text).toContain('Send me a fresh link');
    expect(idleEn.text).toContain('If the fresh link does not arrive, or for any questions');
    expect(idleEn.text).toContain(`<dt>Requested by</dt><dd>${organization}</dd>`);
    expect(idleEn.text).toContain('<dt>Questions</dt>');
    expect(idleEn.text).toContain(ownerLine);

    // The page's button sends a fresh link to the registered contact, the ended session being
    // good for that and nothing else.
    const forged = await api
      .http()
      .post('/q/s/resend')
      .set('cookie', endedAgo(60))
      .type('form')
      .send({ _csrf: 'forged' })
      .expect(403);
    expect(forged.text).toContain('セッションの有効期限が切れました');
    expect(await mails()).toEqual([]);
    const sent = await api
      .http()
      .post('/q/s/resend')
      .set('cookie', endedAgo(60))
      .type('form')
      .send({ _csrf: csrfOf(idle.text) })
      .expect(200);
    expect(sent.text).toContain('新しいリンクを送信しました');
    expect(await mails()).toEqual([{ kind: 'link', to_email: a.contactEmail }]);
    await api.http().get('/q/s/sections/profile').set('cookie', endedAgo(60)).expect(401);

    // No cookie at all (or one ended too long ago): no way to know the link, so the page points
    // to the latest mail and the requester.
    for (const gone of [null, endedAgo(8 * 24 * 3600)]) {
      const page = await saveSection(gone).expect(401);
      expect(page.text).toContain(
        '最後に自動保存された後の変更は、保存されていない可能性があります',
      );
      expect(page.text).toContain('依頼元からの最新のメールに記載されたリンク');
      expect(page.text).toContain('メールが見当たらない場合は、依頼元にお問い合わせください。');
      expect(page.text).not.toContain('/q/s/resend');
      for (const unknown of [organization, email, 'mailto:', 'data-requester']) {
        expect(page.text).not.toContain(unknown);
      }
    }
    const noCookieEn = await saveSection(null, 'en').expect(401);
    expect(noCookieEn.text).toContain('Cannot find the email? Please contact the requester.');
    await api
      .http()
      .post('/q/s/resend')
      .type('form')
      .send({ _csrf: csrfOf(idle.text) })
      .expect(401);

    // A live session whose link still works carries on answering instead.
    await api
      .http()
      .post('/q/s/resend')
      .set('cookie', cookie)
      .type('form')
      .send({ _csrf: csrf })
      .expect(303)
      .expect('location', '/q/s/overview');
    expect(await mails()).toHaveLength(1);
  });

  it('shows upload errors in the page language after a redirect, so a reload posts nothing', async () => {
    const a = await fresh();
    const { cookie, csrf } = await startSession(a);
    const upload = (file: Buffer, filename: string, contentType = 'application/pdf') =>
      api
        .http()
        .post('/q/s/evidence/SS.REPORT')
        .set('cookie', cookie)
        .field('_csrf', csrf)
        .field('_version', '0')
        .attach('file', file, { filename, contentType })
        .expect(303);
    const html = await upload(Buffer.from('<html><script>alert(1)</script></html>'), 'x.pdf');
    expect(html.headers.location).toBe('/q/s/sections/audited-services?upload=type&item=SS.REPORT');
    const typePage = await api.http().get(html.headers.location).set('cookie', cookie).expect(200);
    expect(typePage.text).toContain(
      'アップロードできるのは PDF・PNG・JPEG・XLSX・DOCX のファイルのみです。',
    );
    expect(typePage.text).toContain('data-error-summary');
    const english = await api
      .http()
      .get(`${html.headers.location}&lang=en`)
      .set('cookie', cookie)
      .expect(200);
    expect(english.text).toContain('Only PDF, PNG, JPEG, XLSX and DOCX files can be uploaded.');
    expect(english.text).not.toContain('のみ');

    const empty = await upload(Buffer.alloc(0), 'empty.pdf');
    expect(empty.headers.location).toContain('upload=empty');
    const emptyPage = await api
      .http()
      .get(`${empty.headers.location}&lang=ja`)
      .set('cookie', cookie)
      .expect(200);
    expect(emptyPage.text).toContain('ファイルが空です。');
    expect(emptyPage.text).not.toContain('The file is empty');

    const big = await upload(Buffer.concat([PDF, Buffer.alloc(11 * 1024 * 1024, 0x20)]), 'b.pdf');
    expect(big.headers.location).toContain('upload=size');
    const bigPage = await api.http().get(big.headers.location).set('cookie', cookie).expect(200);
    expect(bigPage.text).toContain('10 MB までのファイルを選択してください');

    // A made-up problem or an item of another section shows nothing.
    const forged = await api
      .http()
      .get('/q/s/sections/audited-services?upload=__proto__&item=SS.REPORT')
      .set('cookie', cookie)
      .expect(200);
    expect(forged.text).not.toContain('data-error-summary');

    // After submission (another tab): to the receipt, saying the change was not saved.
    await submitAnswers(api, { token: a.token });
    const late = await upload(PDF, 'late.pdf');
    expect(late.headers.location).toBe('/q/s/receipt?locked=1');
    const receipt = await api.http().get(late.headers.location).set('cookie', cookie).expect(200);
    expect(receipt.text).toContain('この調査票は提出済みのため、変更は保存されませんでした。');
  });

  it('offers a fresh link when the link is revoked mid-session, and says "closed" for a closed campaign', async () => {
    const a = await fresh();
    const { cookie } = await startSession(a);
    await api.dataSource.query(
      'UPDATE assessment_links SET revoked_at = now() WHERE assessment_id = $1',
      [a.assessmentId],
    );
    const gone = await api.http().get('/q/s/sections/profile').set('cookie', cookie).expect(410);
    expect(gone.text).toContain('ご登録のメールアドレスに新しいリンクをお送りできます。');
    expect(gone.text).toContain('action="/q/s/resend"');
    expect(gone.text).toContain('新しいリンクを送る');
    const sent = await api
      .http()
      .post('/q/s/resend')
      .set('cookie', cookie)
      .type('form')
      .send({ _csrf: csrfOf(gone.text), email: 'attacker@evil.example' })
      .expect(200);
    expect(sent.text).toContain('新しいリンクを送信しました');
    const mails = (await api.dataSource.query(
      `SELECT kind, to_email FROM mail_messages WHERE assessment_id = $1`,
      [a.assessmentId],
    )) as { kind: string; to_email: string }[];
    expect(mails).toEqual([{ kind: 'link', to_email: a.contactEmail }]);
    // Without the page's token nothing is sent.
    await api
      .http()
      .post('/q/s/resend')
      .set('cookie', cookie)
      .type('form')
      .send({ _csrf: 'forged' })
      .expect(403);

    const b = await fresh();
    const other = await startSession(b);
    await api.dataSource.query(`UPDATE campaigns SET status = 'closed' WHERE id = $1`, [
      b.campaignId,
    ]);
    const closed = await api
      .http()
      .get('/q/s/sections/profile')
      .set('cookie', other.cookie)
      .expect(410);
    expect(closed.text).toContain('この調査は締め切られました。');
    expect(closed.text).toContain('回答の受付は終了しました');
    expect(closed.text).not.toContain('新しいリンク');
    const closedLink = await api.http().get(`/q/${b.token}`).expect(410);
    expect(closedLink.text).toContain('回答の受付は終了しました');
    expect(closedLink.text).not.toContain('新しいリンク');
  });

  it('speaks English to English contacts and English browsers on error pages, with a language switch', async () => {
    const expired = await fresh({ language: 'en', expiresAt: new Date(Date.now() - 1000) });
    const gone = await api.http().get(`/q/${expired.token}`).expect(410);
    expect(gone.text).toContain('<html lang="en">');
    expect(gone.text).toContain('This link has expired or was withdrawn');
    expect(gone.text).toContain('Send me a fresh link');
    expect(gone.text).toContain(`href="/q/${expired.token}?lang&#x3D;ja"`);
    const switched = await api.http().get(`/q/${expired.token}?lang=ja`).expect(410);
    expect(switched.text).toContain('<html lang="ja">');

    const unknown = await api
      .http()
      .get(`/q/${'x'.repeat(43)}`)
      .set('accept-language', 'en-US,en;q=0.9,ja;q=0.5')
      .expect(404);
    expect(unknown.text).toContain('<html lang="en">');
    expect(unknown.text).toContain('Link not found');
    expect(unknown.text).toContain('lang&#x3D;ja');
    const japanese = await api
      .http()
      .get(`/q/${'x'.repeat(43)}`)
      .set('accept-language', 'ja,en;q=0.8')
      .expect(404);
    expect(japanese.text).toContain('リンクが見つかりません');

    const ended = await api
      .http()
      .get('/q/s/sections/profile')
      .set('accept-language', 'en')
      .expect(401);
    expect(ended.text).toContain('Your session has ended');
    expect(ended.text).toContain('href="/q/s/sections/profile?lang&#x3D;ja"');
  });

  it('names the buyer and the campaign owner to contact on expired, withdrawn and closed link pages, and nothing for an unknown link', async () => {
    const [{ organization, owner, email }] = await api.dataSource.query<
      { organization: string; owner: string; email: string }[]
    >(
      `SELECT o.name AS organization, u.display_name AS owner, u.email
         FROM users u JOIN organizations o ON o.id = u.organization_id WHERE u.id = $1`,
      [tenant.users.procurement.id],
    );
    const contactJa = `<dt>依頼元</dt><dd>${organization}</dd>`;
    const ownerLine = `<dd data-buyer-contact>${owner} &lt;<a href="mailto:${email}">${email}</a>&gt;</dd>`;

    // Expired: the fresh-link button, and whom to ask if it does not come (ja and en).
    const expired = await fresh({ expiresAt: new Date(Date.now() - 1000) });
    const ja = await api.http().get(`/q/${expired.token}`).expect(410);
    expect(ja.text).toContain('新しいリンクを送る');
    expect(ja.text).toContain(
      '新しいリンクが届かない場合やご不明な点は、依頼元にお問い合わせください。',
    );
    expect(ja.text).toContain(contactJa);
    expect(ja.text).toContain(`<dt>お問い合わせ先</dt>`);
    expect(ja.text).toContain(ownerLine);
    const en = await api.http().get(`/q/${expired.token}?lang=en`).expect(410);
    expect(en.text).toContain('If the fresh link does not arrive, or for any questions');
    expect(en.text).toContain(`<dt>Requested by</dt><dd>${organization}</dd>`);
    expect(en.text).toContain(`<dt>Questions</dt>`);
    expect(en.text).toContain(ownerLine);

    // Withdrawn by the buyer: the same.
    const revoked = await fresh();
    await api.dataSource.query(
      'UPDATE assessment_links SET revoked_at = now() WHERE assessment_id = $1',
      [revoked.assessmentId],
    );
    const withdrawn = await api.http().get(`/q/${revoked.token}`).expect(410);
    expect(withdrawn.text).toContain('このリンクは有効期限切れか、無効になっています');
    expect(withdrawn.text).toContain(contactJa);
    expect(withdrawn.text).toContain(ownerLine);

    // Closed campaign, by the link and mid-session: no fresh link, whom to ask.
    const closing = await fresh({ language: 'en' });
    const { cookie } = await startSession(closing);
    await api.dataSource.query(`UPDATE campaigns SET status = 'closed' WHERE id = $1`, [
      closing.campaignId,
    ]);
    const closedLink = await api.http().get(`/q/${closing.token}`).expect(410);
    expect(closedLink.text).toContain('Answers are no longer accepted');
    expect(closedLink.text).not.toContain('Send me a fresh link');
    expect(closedLink.text).toContain(`<dt>Requested by</dt><dd>${organization}</dd>`);
    expect(closedLink.text).toContain(ownerLine);
    const closedPage = await api
      .http()
      .get('/q/s/sections/profile')
      .set('cookie', `${cookie}; kk_lang=ja`)
      .expect(410);
    expect(closedPage.text).toContain('回答の受付は終了しました');
    expect(closedPage.text).toContain(contactJa);
    expect(closedPage.text).toContain(ownerLine);

    // A token that names no link: the generic page, naming nobody.
    const unknown = await api
      .http()
      .get(`/q/${'y'.repeat(43)}`)
      .expect(404);
    expect(unknown.text).toContain('リンクが見つかりません');
    for (const leak of [organization, owner, email, 'mailto:', 'data-requester']) {
      expect(unknown.text).not.toContain(leak);
    }
  });

  it('shows the due date on the start page as the mails do', async () => {
    const a = await fresh();
    const ja = await api.http().get(`/q/${a.token}`).expect(200);
    const jaDue = /<dt>回答期限<\/dt><dd>([^<]+)<\/dd>/.exec(ja.text)?.[1];
    expect(jaDue).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日\([日月火水木金土]\)$/);
    const en = await api.http().get(`/q/${a.token}?lang=en`).expect(200);
    const enDue = /<dt>Due date<\/dt><dd>([^<]+)<\/dd>/.exec(en.text)?.[1];
    expect(enDue).toMatch(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} [A-Z][a-z]{2} \d{4}$/);
  });
});
