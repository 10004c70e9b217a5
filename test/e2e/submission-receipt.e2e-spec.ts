import { AddressObject, ParsedMail } from 'mailparser';
import { issueAssessmentLink, linkExpiry } from '@kakehashi/auth';
import {
  ANSWER_FIXTURES,
  Answers,
  DEFAULT_CATALOG_VERSION,
  getCatalog,
  resolveItems,
} from '@kakehashi/domain';
import { JobIds } from '@kakehashi/queue';
import { createTestAssessment, TestAssessment } from '../support/assessment-factory';
import { waitUntil } from '../support/faults/worker-process';
import { csrfOf, pressStart, submitAnswers } from '../support/questionnaire-session';
import { startSmtpSink, SmtpSink } from '../support/smtp-sink';
import { createTestTenant, loginToken, startApi, TestApi, TestTenant } from '../support/test-app';
import {
  isolatedEnvironment,
  IsolatedEnvironment,
  startWorker,
  TestWorker,
} from '../support/test-worker';

jest.setTimeout(90_000);

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);
const FREE_TEXT = '<b>総務部</b> & 情報システム部（内線 1234）';
const PRODUCTS = '監視カメラ <KC-100> & 録画装置\n制御盤 KP-2';
const catalog = getCatalog(DEFAULT_CATALOG_VERSION)!;
const inDays = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const recipient = (mail: ParsedMail) => (mail.to as AddressObject).value[0].address!.toLowerCase();

/** Visible items with an answer, of the visible items, for these answers. */
function counts(answers: Answers): { answered: number; shown: number } {
  const states = resolveItems(catalog, answers);
  const visible = catalog.sections.flatMap((s) => s.items).filter((i) => states.get(i.id)?.visible);
  const answered = visible.filter((i) => answers[i.id] !== undefined && answers[i.id] !== null);
  return { answered: answered.length, shown: visible.length };
}

describe('submission receipt mail: the supplier keeps a copy of what was submitted', () => {
  let isolated: IsolatedEnvironment;
  let sink: SmtpSink;
  let api: TestApi;
  let worker: TestWorker;
  let tenant: TestTenant;
  let procurement: string;
  let organizationName: string;

  beforeAll(async () => {
    isolated = await isolatedEnvironment('receipt');
    sink = await startSmtpSink();
    api = await startApi({ ...isolated.env, LOGIN_ATTEMPTS_PER_MINUTE_PER_IP: '1000' });
    worker = await startWorker({
      ...isolated.env,
      SMTP_URL: sink.url,
      OUTBOX_POLL_INTERVAL_MS: '50',
      MAIL_RATE_PER_SECOND: '1000',
    });
    tenant = await createTestTenant(api.dataSource, 'receipt');
    await api.dataSource.query(`UPDATE users SET display_name = $1 WHERE id = $2`, [
      '調達部 山田 花子',
      tenant.users.procurement.id,
    ]);
    procurement = await loginToken(api, tenant.users.procurement.email);
    [{ name: organizationName }] = await api.dataSource.query<{ name: string }[]>(
      'SELECT name FROM organizations WHERE id = $1',
      [tenant.organizationId],
    );
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await sink?.close();
    await isolated?.drop();
  });

  const fresh = (language: 'ja' | 'en' = 'ja'): Promise<TestAssessment> =>
    createTestAssessment(api.dataSource, {
      organizationId: tenant.organizationId,
      ownerId: tenant.users.procurement.id,
      supplierName: '株式会社ゆうびん & <部品>',
      language,
    });

  const mailsTo = (address: string) =>
    sink.messages.filter((m) => recipient(m) === address.toLowerCase());

  async function receiptsTo(address: string, count: number): Promise<ParsedMail[]> {
    await waitUntil(async () => mailsTo(address).length >= count, {
      timeoutMs: 30_000,
      what: `${count} mail(s) to ${address}`,
    });
    return mailsTo(address);
  }

  const receiptRows = (assessmentId: string) =>
    api.dataSource.query<{ message_key: string; status: string; to_email: string }[]>(
      `SELECT message_key, status, to_email FROM mail_messages
        WHERE assessment_id = $1 AND kind = 'submission_receipt' ORDER BY message_key`,
      [assessmentId],
    );

  const campaignName = async (a: TestAssessment) =>
    (
      await api.dataSource.query<{ name: string }[]>('SELECT name FROM campaigns WHERE id = $1', [
        a.campaignId,
      ])
    )[0].name;

  it('mails the contact a copy after a submit from the page: facts, every answer, evidence by name, text escaped in HTML; a second submit sends nothing', async () => {
    const a = await fresh();
    const evidence = await api
      .http()
      .post(`/api/v1/respond/${a.token}/evidence`)
      .attach('file', PDF, '診断報告書.pdf')
      .expect(201);
    const lastMonth = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    const answers: Answers = {
      ...ANSWER_FIXTURES.smeStarOtasuketai.answers,
      'P.ROLES': ['onsite', 'iot'],
      'IOT.PRODUCTS': PRODUCTS,
      'IOT.LEVEL': 'none',
      'SS.KINDS': ['audit'],
      'SS.LISTED': true,
      'SS.LAST': lastMonth,
      'SS.REPORT': evidence.body.id as string,
      'IR.CONTACT_NAME': FREE_TEXT,
    };
    await api
      .http()
      .put(`/api/v1/respond/${a.token}/answers`)
      .send({ version: 0, answers })
      .expect(200);
    const cookie = String((await pressStart(api, a.token)).headers['set-cookie']).match(
      /kk_respond=[^;]+/,
    )![0];
    const overview = await api.http().get('/q/s/overview').set('cookie', cookie).expect(200);
    const submit = () =>
      api
        .http()
        .post('/q/s/submit')
        .set('cookie', cookie)
        .type('form')
        .send({ _csrf: csrfOf(overview.text) })
        .expect(303);
    expect((await submit()).headers.location).toBe('/q/s/receipt');

    const [mail] = await receiptsTo(a.contactEmail, 1);
    const campaign = await campaignName(a);
    expect(mail.subject).toBe(`【${organizationName}】ご回答を受け付けました(${campaign})`);
    expect(mail.replyTo!.value).toEqual([
      { name: '調達部 山田 花子', address: tenant.users.procurement.email },
    ]);
    const text = mail.text!;
    const { answered, shown } = counts(answers);
    expect(text).toContain(`提出先: ${organizationName}`);
    expect(text).toContain(`調査名: ${campaign}`);
    expect(text).toContain('回答企業: 株式会社ゆうびん & <部品>');
    expect(text).toMatch(/提出日時: \d{4}年\d{1,2}月\d{1,2}日\(.\) \d{2}:\d{2} \(日本時間\)/);
    expect(text).toContain('提出回数: 1回目');
    expect(text).toContain(`回答した項目: ${answered}件(表示された${shown}件中)`);
    expect(text).toContain('■ 会社概要');
    expect(text).toContain('主たる業種\n→ 製造業・建設業・運輸業・その他');
    expect(text).toContain(
      '経営層がサイバーリスクを経営リスクの一つとして扱い、その責任を負っている\n→ 一部実施している',
    );
    expect(text).toContain(`窓口の部署名と連絡先\n→ ${FREE_TEXT}\n`);
    expect(text).toContain(`納入する IoT 製品（製品名・型番）\n→ ${PRODUCTS}\n`);
    expect(text).toContain('報告書（任意）\n→ 診断報告書.pdf');
    // Hidden items (the ★1 label of an IoT product with none) are not listed.
    expect(text).not.toContain('ラベル（登録）番号');
    const html = mail.html as string;
    expect(html).not.toContain('<b>総務部');
    expect(html).toContain('&lt;b&gt;総務部&lt;/b&gt; &amp; 情報システム部（内線 1234）');
    expect(html).toContain('監視カメラ &lt;KC-100&gt; &amp; 録画装置\n制御盤 KP-2');
    expect(html).toContain('株式会社ゆうびん &amp; &lt;部品&gt;');
    // A copy to keep and forward: nothing in it opens the questionnaire again.
    expect(`${text}${html}`).not.toMatch(/\/q\//);

    // Submitting again (the button pressed twice, the API after the page) sends nothing more.
    expect((await submit()).headers.location).toBe('/q/s/receipt');
    await api.http().post(`/api/v1/respond/${a.token}/submit`).expect(409);
    // The worker records the delivery after the SMTP server's answer; a second copy, if any, would
    // arrive meanwhile or in the moment after.
    await waitUntil(
      async () => (await receiptRows(a.assessmentId)).every((r) => r.status !== 'queued'),
      { timeoutMs: 30_000, what: 'the receipt recorded as sent' },
    );
    await sleep(1500);
    expect(mailsTo(a.contactEmail)).toHaveLength(1);
    expect(await receiptRows(a.assessmentId)).toEqual([
      { message_key: `receipt:${a.assessmentId}:1`, status: 'sent', to_email: a.contactEmail },
    ]);
  });

  it('mails it in English after an API submit, and numbers the one after a reopen 2', async () => {
    const a = await fresh('en');
    await submitAnswers(api, { token: a.token });
    const [first] = await receiptsTo(a.contactEmail, 1);
    const campaign = await campaignName(a);
    expect(first.subject).toBe(`[${organizationName}] Answers received: ${campaign}`);
    const { answered, shown } = counts(ANSWER_FIXTURES.smeStarOtasuketai.answers);
    expect(first.text).toContain('Supplier: 株式会社ゆうびん & <部品>');
    expect(first.text).toMatch(/Submitted at: .+ \(Japan time\)/);
    expect(first.text).toContain('Submission number: 1');
    expect(first.text).toContain(`Items answered: ${answered} of ${shown} shown`);
    expect(first.text).toContain('Main industry\n-> Manufacturing, construction, transport, other');
    expect(first.text).toContain(
      'Services used in the last 12 months (all that apply)\n-> None of these',
    );
    expect(first.text).not.toMatch(/\/q\//);

    await api
      .http()
      .post(`/api/v1/assessments/${a.assessmentId}/reopen`)
      .set('authorization', `Bearer ${procurement}`)
      .send({ message: '指示7の回答をご確認ください' })
      .expect(200);
    // The reopen request arrives (it does carry a link).
    await receiptsTo(a.contactEmail, 2);
    const doc = await api.http().get(`/api/v1/respond/${a.token}`).expect(200);
    await api
      .http()
      .put(`/api/v1/respond/${a.token}/answers`)
      .send({ version: doc.body.version, answers: { 'D07.3': 'partial' } })
      .expect(200);
    await api.http().post(`/api/v1/respond/${a.token}/submit`).expect(200);
    const mails = await receiptsTo(a.contactEmail, 3);
    const second = mails[2];
    expect(second.subject).toBe(
      `[${organizationName}] Answers received: ${campaign} (submission 2)`,
    );
    expect(second.text).toContain('Submission number: 2');
    expect(second.text).not.toMatch(/\/q\//);
    expect((await receiptRows(a.assessmentId)).map((r) => r.message_key)).toEqual([
      `receipt:${a.assessmentId}:1`,
      `receipt:${a.assessmentId}:2`,
    ]);
  });

  it('goes to the contact whose link was used, else the primary contact', async () => {
    const a = await fresh();
    const [colleague] = await api.dataSource.query<{ id: string }[]>(
      `INSERT INTO supplier_contacts (organization_id, supplier_id, name, email, language, is_primary)
       VALUES ($1, $2, 'Jane Smith', 'jane@colleague.example', 'en', false) RETURNING id`,
      [tenant.organizationId, a.supplierId],
    );
    const token = await api.dataSource.transaction((manager) =>
      issueAssessmentLink(manager, {
        organizationId: tenant.organizationId,
        assessmentId: a.assessmentId,
        contactId: colleague.id,
        expiresAt: linkExpiry(inDays(30), new Date()),
      }),
    );
    await submitAnswers(api, { token });
    const [mail] = await receiptsTo('jane@colleague.example', 1);
    expect(mail.text).toContain('Dear Jane Smith,');
    expect(mail.text).toContain('Submission number: 1');
    expect(mailsTo(a.contactEmail)).toHaveLength(0);

    // A link minted for nobody in particular: the primary contact gets the copy.
    const b = await fresh();
    const anonymous = await api.dataSource.transaction((manager) =>
      issueAssessmentLink(manager, {
        organizationId: tenant.organizationId,
        assessmentId: b.assessmentId,
        contactId: null,
        expiresAt: linkExpiry(inDays(30), new Date()),
      }),
    );
    await submitAnswers(api, { token: anonymous });
    const [primary] = await receiptsTo(b.contactEmail, 1);
    expect(primary.subject).toContain('ご回答を受け付けました');
  });

  it('records the copy skipped, and sends nothing, for an address known to be undeliverable', async () => {
    const a = await fresh();
    await api.dataSource.query(
      `UPDATE supplier_contacts SET undeliverable_at = now(), undeliverable_reason = '550 No such user'
        WHERE id = $1`,
      [a.contactId],
    );
    await submitAnswers(api, { token: a.token });
    expect(await receiptRows(a.assessmentId)).toEqual([
      { message_key: `receipt:${a.assessmentId}:1`, status: 'skipped', to_email: a.contactEmail },
    ]);
    expect(
      await api.dataSource.query(`SELECT 1 FROM outbox WHERE job_id = $1`, [
        JobIds.sendMail(`receipt:${a.assessmentId}:1`),
      ]),
    ).toEqual([]);
  });

  it('sends no copy of a submission reopened before the mail went out (its answers may change)', async () => {
    const a = await fresh();
    // Submitted once, then reopened, while the copy of submission 1 still waits to be sent.
    await api.dataSource.query(
      `UPDATE assessments SET status = 'in_progress', submission_count = 1,
              submitted_at = now(), answers = $2 WHERE id = $1`,
      [a.assessmentId, JSON.stringify(ANSWER_FIXTURES.smeStarOtasuketai.answers)],
    );
    const key = `receipt:${a.assessmentId}:1`;
    const [row] = await api.dataSource.query<{ id: string }[]>(
      `INSERT INTO mail_messages (organization_id, message_key, kind, to_email, to_name, locale,
              contact_id, campaign_id, assessment_id)
       VALUES ($1, $2, 'submission_receipt', $3, '山田', 'ja', $4, $5, $6) RETURNING id`,
      [tenant.organizationId, key, a.contactEmail, a.contactId, a.campaignId, a.assessmentId],
    );
    await api.dataSource.query(
      `INSERT INTO outbox (organization_id, queue, job_name, job_id, payload)
       VALUES ($1, 'mail', 'send-mail', $2, $3)`,
      [
        tenant.organizationId,
        JobIds.sendMail(key),
        JSON.stringify({ organizationId: tenant.organizationId, mailMessageId: row.id }),
      ],
    );
    await waitUntil(async () => (await receiptRows(a.assessmentId))[0]?.status !== 'queued', {
      timeoutMs: 30_000,
      what: 'the receipt row handled',
    });
    const [handled] = await api.dataSource.query<{ status: string; last_error: string }[]>(
      'SELECT status, last_error FROM mail_messages WHERE id = $1',
      [row.id],
    );
    expect(handled).toEqual({ status: 'skipped', last_error: 'reopened before sending' });
    expect(mailsTo(a.contactEmail)).toHaveLength(0);
  });
});
