import Handlebars from 'handlebars';
import { Environment } from '@kakehashi/config';
import {
  ANSWER_FIXTURES,
  DEFAULT_CATALOG_VERSION,
  describeFinding,
  getCatalog,
  score,
  type Answers,
  type ScoreResult,
} from '@kakehashi/domain';
import { JobIds } from '@kakehashi/queue';
import { createTestAssessment, TestAssessment } from '../support/assessment-factory';
import { insertScore } from '../support/dashboard-factory';
import { submitAnswers } from '../support/questionnaire-session';
import { createTestTenant, loginToken, startApi, TestApi, TestTenant } from '../support/test-app';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const CATALOG = getCatalog(DEFAULT_CATALOG_VERSION)!;
const MARKUP_ANSWER = '<b>総務部</b> <script>alert("x")</script>\n内線 1234';
const escape = (text: string) => Handlebars.escapeExpression(text);
const itemText = (id: string, locale: 'ja' | 'en') =>
  CATALOG.sections.flatMap((s) => s.items).find((i) => i.id === id)!.text[locale];
const sectionTitle = (id: string, locale: 'ja' | 'en') =>
  CATALOG.sections.find((s) => s.id === id)!.title[locale];
/** The page's table row of one item. */
const itemRow = (html: string, id: string) => {
  const start = html.indexOf(`<tr data-item="${id}">`);
  expect(start).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</tr>', start));
};

describe('console page of one assessment: answers, evidence, score, reopen', () => {
  let api: TestApi;
  let tenant: TestTenant;
  let other: TestTenant;
  let appOrigin: string;
  const cookie: Record<string, string> = {};
  const token: Record<string, string> = {};
  let otherAdmin: string;
  let submitted: TestAssessment;
  let evidenceId: string;
  let result: ScoreResult;

  const answers: Answers = {
    ...ANSWER_FIXTURES.smeStarOtasuketai.answers,
    'IR.CONTACT_NAME': MARKUP_ANSWER,
    'SS.KINDS': ['audit'],
    'SS.LISTED': true,
    'SS.LAST': '2026-02-10',
  };

  beforeAll(async () => {
    api = await startApi({ LOGIN_ATTEMPTS_PER_MINUTE_PER_IP: '1000' });
    appOrigin = new URL(api.app.get(Environment).APP_URL).origin;
    tenant = await createTestTenant(api.dataSource, 'assessment-page');
    other = await createTestTenant(api.dataSource, 'assessment-page-other');
    for (const role of ['admin', 'procurement', 'ciso', 'auditor'] as const) {
      token[role] = await loginToken(api, tenant.users[role].email);
      cookie[role] = `kk_session=${token[role]}`;
    }
    otherAdmin = `kk_session=${await loginToken(api, other.users.admin.email)}`;

    // A supplier that answered everything, attached a report and submitted; then scored.
    submitted = await fresh('東海精機 <株式会社>');
    const uploaded = await api
      .http()
      .post(`/api/v1/respond/${submitted.token}/evidence`)
      .attach('file', PNG, '監査報告書 2026.png')
      .expect(201);
    evidenceId = uploaded.body.id;
    await api
      .http()
      .put(`/api/v1/respond/${submitted.token}/answers`)
      .send({ version: 0, answers: { ...answers, 'SS.REPORT': evidenceId } })
      .expect(200);
    await api.http().post(`/api/v1/respond/${submitted.token}/submit`).expect(200);
    // Fixed instants: 15:30 UTC on 31 March is 00:30 on 1 April in Tokyo.
    await api.dataSource.query(`UPDATE assessments SET submitted_at = $2 WHERE id = $1`, [
      submitted.assessmentId,
      '2026-03-31T15:30:00Z',
    ]);
    await api.dataSource.query(`UPDATE campaigns SET due_date = '2026-04-30' WHERE id = $1`, [
      submitted.campaignId,
    ]);
    result = score(CATALOG, answers, ANSWER_FIXTURES.smeStarOtasuketai.profile);
    // What the scoring worker leaves: the score of submission 1 and its findings.
    await insertScore(api.dataSource, { ...submitted, result });
  });
  afterAll(() => api.close());

  function fresh(supplierName?: string): Promise<TestAssessment> {
    return createTestAssessment(api.dataSource, {
      organizationId: tenant.organizationId,
      ownerId: tenant.users.procurement.id,
      supplierName,
    });
  }

  const page = (id: string, as: string, query = '') =>
    api.http().get(`/console/assessments/${id}${query}`).set('cookie', as);
  const reopen = (id: string, as: string, message: string, origin = appOrigin) =>
    api
      .http()
      .post(`/console/assessments/${id}/reopen`)
      .set('cookie', as)
      .set('origin', origin)
      .type('form')
      .send({ message });
  const stored = async (id: string) =>
    (
      await api.dataSource.query<{ status: string; reopen_message: string | null }[]>(
        `SELECT status, reopen_message FROM assessments WHERE id = $1`,
        [id],
      )
    )[0];
  // Mail about the assessment besides the supplier's own copy of each submission.
  const mails = (id: string) =>
    api.dataSource.query<{ kind: string; to_email: string }[]>(
      `SELECT kind, to_email FROM mail_messages
        WHERE assessment_id = $1 AND kind <> 'submission_receipt'`,
      [id],
    );

  it('sends a signed-out visitor to the login page and back', async () => {
    const response = await api
      .http()
      .get(`/console/assessments/${submitted.assessmentId}`)
      .expect(303);
    expect(response.headers.location).toBe(
      `/login?next=${encodeURIComponent(`/console/assessments/${submitted.assessmentId}`)}`,
    );
  });

  it('shows the page to every buyer role of the tenant, and the console 404 to anyone else', async () => {
    for (const role of ['admin', 'procurement', 'ciso', 'auditor'] as const) {
      const response = await page(submitted.assessmentId, cookie[role]).expect(200);
      expect(response.text).toContain('東海精機 &lt;株式会社&gt; の回答');
    }
    const foreign = await page(submitted.assessmentId, otherAdmin).expect(404);
    expect(foreign.text).toContain('ページが見つかりません');
    expect(foreign.text).not.toContain('東海精機');
    const malformed = await page('not-an-id', cookie.ciso).expect(404);
    expect(malformed.text).toContain('ページが見つかりません');
    await page('00000000-0000-4000-8000-000000000000', cookie.ciso).expect(404);
    // The page's evidence link opens the file with the console session.
    await api
      .http()
      .get(`/api/v1/assessments/${submitted.assessmentId}/evidence/${evidenceId}`)
      .set('cookie', otherAdmin)
      .expect(404);
  });

  it('shows the header, the answers by section in catalog order and the latest score (ja)', async () => {
    const { text: html } = await page(submitted.assessmentId, cookie.auditor).expect(200);
    // Header: names, status, Tokyo dates and the submission number.
    expect(html).toContain('data-testid="assessment-supplier">東海精機 &lt;株式会社&gt;</td>');
    expect(html).toContain('2026年度 取引先セキュリティ調査');
    expect(html).toContain('data-status="submitted">提出済み</td>');
    expect(html).toContain(
      '<time datetime="2026-03-31T15:30:00.000Z">2026年4月1日(水) 00:30</time>',
    );
    expect(html).toContain('<time datetime="2026-04-30">2026年4月30日(木)</time>');
    expect(html).toContain('data-testid="assessment-submissions">1 回</td>');

    // Sections in the catalog's order.
    const positions = ['profile', 'otasuketai', 'audited-services', 'incident-readiness'].map(
      (id) => html.indexOf(`data-section="${id}"`),
    );
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(html).toContain(escape(sectionTitle('incident-readiness', 'ja')));

    // Item text in Japanese and each kind of answer readable.
    const industry = itemRow(html, 'P.INDUSTRY');
    expect(industry).toContain(itemText('P.INDUSTRY', 'ja'));
    expect(industry).toContain('製造業・建設業・運輸業・その他');
    expect(industry).not.toContain('manufacturing</td>');
    expect(itemRow(html, 'P.CAPITAL')).toContain('3,000');
    expect(itemRow(html, 'P.ROLES')).toContain('<li>当社の事業所で作業する</li>');
    expect(itemRow(html, 'D01.M')).toContain('2. 属人的に実施');
    expect(itemRow(html, 'OT.USES')).toMatch(/<td>\s*はい\s*<\/td>/);
    expect(itemRow(html, 'SA.POLICY')).toMatch(/<td>\s*いいえ\s*<\/td>/);
    expect(itemRow(html, 'SS.LAST')).toContain('2026年2月10日(火)');
    expect(itemRow(html, 'OT.SERVICE')).toContain('サンプル警備保障 お助け隊サービス');
    // Markup in an answer is shown as the characters typed, line breaks kept.
    const contact = itemRow(html, 'IR.CONTACT_NAME');
    expect(contact).toContain(
      '&lt;b&gt;総務部&lt;/b&gt; &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>内線 1234',
    );
    expect(html).not.toContain('<b>総務部');
    expect(html).not.toContain('<script>alert');
    // Evidence: a download link to the buyers' evidence route, with its name and size.
    const report = itemRow(html, 'SS.REPORT');
    expect(report).toContain(
      `href="/api/v1/assessments/${submitted.assessmentId}/evidence/${evidenceId}"`,
    );
    expect(report).toContain(`監査報告書 2026.png（${PNG.length} B）`);
    const file = await api
      .http()
      .get(`/api/v1/assessments/${submitted.assessmentId}/evidence/${evidenceId}`)
      .set('cookie', cookie.auditor)
      .expect(200);
    expect(file.headers['content-type']).toBe('image/png');
    // Items whose condition is not met are not listed (no IoT products here).
    expect(html).not.toContain('data-item="IOT.PLAN"');

    // The latest score: tier, risk score and the findings' text.
    expect(html).toContain(`data-testid="assessment-risk">${result.riskScore.toFixed(1)}</strong>`);
    const tiers = { low: '低', medium: '中', high: '高', critical: '重大' };
    expect(html).toContain(`data-testid="assessment-tier">${tiers[result.tier]}</span>`);
    expect(html).toContain('評価の対象: 1 回目の提出');
    expect(result.findings.length).toBeGreaterThan(0);
    for (const f of result.findings) {
      expect(html).toContain(escape(describeFinding(CATALOG, f).message.ja));
    }
    expect(html.split('data-testid="assessment-finding"')).toHaveLength(result.findings.length + 1);
  });

  it('speaks English with ?lang=en: item text, option labels and dates', async () => {
    const { text: html } = await page(submitted.assessmentId, cookie.ciso, '?lang=en').expect(200);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Answers of 東海精機 &lt;株式会社&gt;');
    expect(html).toContain(
      '<time datetime="2026-03-31T15:30:00.000Z">Wed, 1 Apr 2026, 00:30</time>',
    );
    expect(html).toContain('<time datetime="2026-04-30">Thu, 30 Apr 2026</time>');
    expect(html).toContain('data-testid="assessment-submissions">1</td>');
    const industry = itemRow(html, 'P.INDUSTRY');
    expect(industry).toContain(escape(itemText('P.INDUSTRY', 'en')));
    expect(industry).toContain('Manufacturing, construction, transport, other');
    expect(itemRow(html, 'OT.USES')).toMatch(/<td>\s*Yes\s*<\/td>/);
    expect(itemRow(html, 'SS.REPORT')).toContain(`監査報告書 2026.png (${PNG.length} B)`);
    for (const f of result.findings) {
      expect(html).toContain(escape(describeFinding(CATALOG, f).message.en));
    }
  });

  it('shows an evidence file with quotes in its name as the supplier named it', async () => {
    const a = await fresh();
    // A browser sends `報告書 "最終" 版.png` with its quotes written %22 (HTML form-data encoding),
    // and a line break in a name as %0D%0A; any other % is the name's own.
    const boundary = 'kk-evidence-boundary';
    const filename = '報告書 %22最終%22%0D%0A版 100%.png';
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
          'Content-Type: image/png\r\n\r\n',
      ),
      PNG,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const uploaded = await api
      .http()
      .post(`/api/v1/respond/${a.token}/evidence`)
      .set('content-type', `multipart/form-data; boundary=${boundary}`)
      .send(body)
      .expect(201);
    await api
      .http()
      .put(`/api/v1/respond/${a.token}/answers`)
      .send({ version: 0, answers: { ...answers, 'SS.REPORT': uploaded.body.id } })
      .expect(200);

    const { text: html } = await page(a.assessmentId, cookie.procurement).expect(200);
    const report = itemRow(html, 'SS.REPORT');
    expect(report).toContain(`${escape('報告書 "最終"__版 100%.png')}（${PNG.length} B）`);
    expect(report).not.toContain('%22');
    const file = await api
      .http()
      .get(`/api/v1/assessments/${a.assessmentId}/evidence/${uploaded.body.id}`)
      .set('cookie', cookie.procurement)
      .expect(200);
    expect(file.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('報告書 "最終"__版 100%.png')}`,
    );
  });

  it('marks unanswered items of an assessment still in progress', async () => {
    const a = await fresh();
    await api
      .http()
      .put(`/api/v1/respond/${a.token}/answers`)
      .send({ version: 0, answers: { 'P.INDUSTRY': 'retail', 'P.CAPITAL': 1200 } })
      .expect(200);
    const { text: html } = await page(a.assessmentId, cookie.procurement).expect(200);
    expect(html).toContain('data-status="in_progress">回答中</td>');
    expect(html).toContain('data-testid="assessment-submissions">未提出</td>');
    expect(html).toContain('data-testid="assessment-submitted-at">未提出</td>');
    expect(itemRow(html, 'P.INDUSTRY')).toContain('小売業');
    expect(itemRow(html, 'P.CAPITAL')).toContain('1,200');
    expect(itemRow(html, 'P.EMPLOYEES')).toContain('data-answer="unanswered">未回答</span>');
    expect(html).toContain('data-testid="assessment-not-scored">まだ評価されていません。</p>');
    // Nothing to reopen yet.
    expect(html).not.toContain('data-testid="reopen-form"');
  });

  it('lets procurement reopen with a message: mail queued, confirmation shown', async () => {
    const a = await fresh();
    await submitAnswers(api, { token: a.token });
    for (const role of ['ciso', 'auditor'] as const) {
      const { text: html } = await page(a.assessmentId, cookie[role]).expect(200);
      expect(html).not.toContain('data-testid="reopen-form"');
      const refused = await reopen(a.assessmentId, cookie[role], '見直してください').expect(403);
      expect(refused.text).toContain('この操作は許可されていません');
    }
    const { text: form } = await page(a.assessmentId, cookie.procurement).expect(200);
    expect(form).toContain(`action="/console/assessments/${a.assessmentId}/reopen"`);
    expect(form).toContain('再回答を依頼する');

    // From another site: refused on the page, the message kept, nothing changed.
    const crossSite = await reopen(
      a.assessmentId,
      cookie.procurement,
      '指示8のバックアップを確認',
      'https://evil.example',
    ).expect(403);
    expect(crossSite.text).toContain('別のサイトから送信されたフォームは受け付けられません。');
    expect(crossSite.text).toContain('>指示8のバックアップを確認</textarea>');
    // An empty message (spaces only) is refused in the page's language.
    const empty = await reopen(a.assessmentId, cookie.procurement, '   ').expect(400);
    expect(empty.text).toContain('依頼内容を入力してください。');
    expect(empty.text).toContain('aria-invalid="true"');
    const long = await reopen(a.assessmentId, cookie.procurement, 'あ'.repeat(2001)).expect(400);
    expect(long.text).toContain('依頼内容は 2000 文字以内で入力してください。');
    expect(await stored(a.assessmentId)).toEqual({ status: 'submitted', reopen_message: null });
    expect(await mails(a.assessmentId)).toEqual([]);

    const message = 'バックアップの<b>検証</b>状況を\nご確認ください';
    const done = await reopen(a.assessmentId, cookie.procurement, message).expect(303);
    expect(done.headers.location).toBe(`/console/assessments/${a.assessmentId}?done=reopened`);
    expect(await stored(a.assessmentId)).toEqual({
      status: 'in_progress',
      reopen_message: message,
    });
    expect(await mails(a.assessmentId)).toEqual([{ kind: 'reopened', to_email: a.contactEmail }]);
    expect(
      await api.dataSource.query(`SELECT job_name FROM outbox WHERE job_id = $1`, [
        JobIds.sendMail(`reopen:${a.assessmentId}:1`),
      ]),
    ).toEqual([{ job_name: 'send-mail' }]);

    const { text: after } = await page(a.assessmentId, cookie.procurement, '?done=reopened').expect(
      200,
    );
    expect(after).toContain(
      '再回答を依頼しました。サプライヤーの主担当者にメッセージを送信します。',
    );
    expect(after).toContain('data-status="in_progress">回答中</td>');
    expect(after).toContain('バックアップの&lt;b&gt;検証&lt;/b&gt;状況を<br>ご確認ください');
    expect(after).not.toContain('data-testid="reopen-form"');

    // A second post (say from a stale tab) is refused in the page's words, in English here.
    const again = await reopen(a.assessmentId, `${cookie.admin}; kk_lang=en`, 'again').expect(409);
    expect(again.text).toContain(
      'Only submitted answers can be reopened (current status: In progress).',
    );
    expect(again.text).toContain('<html lang="en">');
  });

  it('an admin may reopen too', async () => {
    const a = await fresh();
    await submitAnswers(api, { token: a.token });
    await reopen(a.assessmentId, cookie.admin, '指示5の回答を見直してください').expect(303);
    expect((await stored(a.assessmentId)).status).toBe('in_progress');
  });

  it('refuses to reopen an assessment of a closed campaign and says why', async () => {
    const a = await fresh();
    await submitAnswers(api, { token: a.token });
    // The form was open in a tab when the campaign was closed.
    const { text: before } = await page(a.assessmentId, cookie.procurement, '?lang=ja').expect(200);
    expect(before).toContain('data-testid="reopen-form"');
    await api
      .http()
      .post(`/api/v1/campaigns/${a.campaignId}/close`)
      .set('authorization', `Bearer ${token.procurement}`)
      .expect(200);
    const refused = await reopen(
      a.assessmentId,
      cookie.procurement,
      '指示5の回答を見直してください',
    ).expect(409);
    expect(refused.text).toContain('このキャンペーンは終了しているため、再回答を依頼できません。');
    expect(refused.text).toContain('role="alert"');
    expect(refused.text).not.toContain('data-testid="reopen-form"');
    expect(await stored(a.assessmentId)).toEqual({ status: 'submitted', reopen_message: null });
    expect(await mails(a.assessmentId)).toEqual([]);

    const { text: after } = await page(a.assessmentId, cookie.procurement).expect(200);
    expect(after).not.toContain('data-testid="reopen-form"');
    expect(after).toContain('data-testid="reopen-closed"');
    expect(after).toContain('<small class="tag">終了</small>');
  });

  it('is linked from the campaign detail page', async () => {
    const { text: html } = await api
      .http()
      .get(`/console/campaigns/${submitted.campaignId}`)
      .set('cookie', cookie.ciso)
      .expect(200);
    expect(html).toContain(`href="/console/assessments/${submitted.assessmentId}"`);
  });
});
