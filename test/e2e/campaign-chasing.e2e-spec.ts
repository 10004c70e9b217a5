import { randomUUID } from 'node:crypto';
import { AddressObject, ParsedMail } from 'mailparser';
import { Environment } from '@kakehashi/config';
import { tokyoToday } from '@kakehashi/mail';
import { corporateNumber } from '../fixtures/import/supplier-files';
import { waitUntil } from '../support/faults/worker-process';
import { pressStart } from '../support/questionnaire-session';
import { startSmtpSink, SmtpSink } from '../support/smtp-sink';
import {
  appOrigin,
  createTestTenant,
  loginToken,
  startApi,
  TestApi,
  TestTenant,
} from '../support/test-app';
import {
  isolatedEnvironment,
  IsolatedEnvironment,
  startWorker,
  TestWorker,
} from '../support/test-worker';

jest.setTimeout(180_000);

const SUPPLIERS = 120;
const recipient = (mail: ParsedMail) => (mail.to as AddressObject).value[0].address!.toLowerCase();
const tokenIn = (mail: ParsedMail) => /\/q\/([A-Za-z0-9_-]{20,100})/.exec(mail.text ?? '')![1];
const isReminder = (mail: ParsedMail) =>
  /【リマインド】|Reminder:|【期限超過】/.test(mail.subject ?? '');
const isInvitation = (mail: ParsedMail) =>
  /アンケートのご依頼|questionnaire request/.test(mail.subject ?? '');

function inDays(days: number): string {
  const today = new Date(`${tokyoToday()}T00:00:00Z`);
  return new Date(today.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** The CSV as rows of cells (our cells hold no comma, quote or line break). */
function csvRows(text: string): string[][] {
  return text
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter((line) => line !== '')
    .map((line) => line.split(','));
}

/**
 * Chasing the suppliers of a campaign of 120: the campaign page's list filtered by status and
 * paged 50 at a time, the CSV of the suppliers yet to answer, 「今すぐ催促」 (API and page), and
 * deleting a draft made by mistake. Real api, worker, database and SMTP.
 */
describe('chasing a campaign’s suppliers', () => {
  let isolated: IsolatedEnvironment;
  let sink: SmtpSink;
  let api: TestApi;
  let worker: TestWorker;
  let tenant: TestTenant;
  let other: TestTenant;
  let appUrl: string;
  const bearer: Record<string, string> = {};
  const cookie: Record<string, string> = {};
  let otherProcurement: string;
  let campaignId: string;
  let dueDate: string;
  /** Assessment id and contact email by supplier number (1-based, sorted as their names). */
  const assessments: { id: string; supplierId: string; email: string; name: string }[] = [];

  beforeAll(async () => {
    isolated = await isolatedEnvironment('chasing');
    sink = await startSmtpSink();
    api = await startApi({ ...isolated.env, LOGIN_ATTEMPTS_PER_MINUTE_PER_IP: '1000' });
    appUrl = api.app.get(Environment).APP_URL.replace(/\/$/, '');
    worker = await startWorker({
      ...isolated.env,
      SMTP_URL: sink.url,
      OUTBOX_POLL_INTERVAL_MS: '50',
      MAIL_RATE_PER_SECOND: '1000',
      REMINDER_SWEEP_INTERVAL_MS: '3600000',
    });
    tenant = await createTestTenant(api.dataSource, 'chasing');
    other = await createTestTenant(api.dataSource, 'chasing-other');
    for (const role of ['admin', 'procurement', 'ciso', 'auditor'] as const) {
      bearer[role] = await loginToken(api, tenant.users[role].email);
      cookie[role] = `kk_session=${bearer[role]}`;
    }
    otherProcurement = await loginToken(api, other.users.procurement.email);
    // The sending window is shut at every hour: the scheduled sweep sends nothing, and a manual
    // reminder still goes out at once.
    await api.dataSource.query(
      `UPDATE organizations SET settings = '{"quietHours":{"startHour":0,"endHour":0,"weekdaysOnly":true}}'
        WHERE id = $1`,
      [tenant.organizationId],
    );
    const suppliers = await api.dataSource.query<{ id: string; name: string }[]>(
      `INSERT INTO suppliers (organization_id, name, corporate_number)
       SELECT $1, '追跡 ' || lpad(n::text, 3, '0') || ' 株式会社', c
         FROM unnest($2::text[]) WITH ORDINALITY AS t(c, n)
       RETURNING id, name`,
      [
        tenant.organizationId,
        Array.from({ length: SUPPLIERS }, (_, i) => corporateNumber(770_000 + i)),
      ],
    );
    suppliers.sort((a, b) => a.name.localeCompare(b.name));
    await api.dataSource.query(
      `INSERT INTO supplier_contacts (organization_id, supplier_id, name, email, language, is_primary)
       SELECT $1, s.id, '担当 ' || s.name, 'chase-' || lpad(t.n::text, 3, '0') || '@supplier.example',
              'ja', true
         FROM unnest($2::uuid[]) WITH ORDINALITY AS t(id, n) JOIN suppliers s ON s.id = t.id`,
      [tenant.organizationId, suppliers.map((s) => s.id)],
    );
    dueDate = inDays(30);
    const created = await call('post', '/campaigns', {
      name: '2030年度 取引先追跡',
      catalogVersion: 'meti-v3.0+sa-3.1',
      supplierIds: suppliers.map((s) => s.id),
      dueDate,
    }).expect(201);
    campaignId = (created.body as { id: string }).id;
    await call('post', `/campaigns/${campaignId}/launch`).expect(200);
    const rows = await api.dataSource.query<{ id: string; supplier_id: string; email: string }[]>(
      `SELECT a.id, a.supplier_id, ct.email FROM assessments a
         JOIN supplier_contacts ct ON ct.supplier_id = a.supplier_id AND ct.is_primary
        WHERE a.campaign_id = $1`,
      [campaignId],
    );
    for (const s of suppliers) {
      const row = rows.find((r) => r.supplier_id === s.id)!;
      assessments.push({ id: row.id, supplierId: s.id, email: row.email, name: s.name });
    }
    await waitUntil(async () => sink.messages.filter(isInvitation).length === SUPPLIERS, {
      timeoutMs: 60_000,
      what: 'the invitations',
    });
    // Statuses to filter by: 1–10 opened, 11–30 in progress, 31–35 submitted, 36–37 scored.
    const setStatus = (from: number, to: number, status: string) =>
      api.dataSource.query(`UPDATE assessments SET status = $2 WHERE id = ANY($1::uuid[])`, [
        assessments.slice(from - 1, to).map((a) => a.id),
        status,
      ]);
    await setStatus(1, 10, 'opened');
    await setStatus(11, 30, 'in_progress');
    await setStatus(31, 35, 'submitted');
    await setStatus(36, 37, 'scored');
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await sink?.close();
    await isolated?.drop();
  });

  function call(method: 'get' | 'post' | 'delete', path: string, body?: object, token?: string) {
    const http = api.http();
    return http[method](`/api/v1${path}`)
      .set('authorization', `Bearer ${token ?? bearer.procurement}`)
      .send(body);
  }
  const page = (path: string, who = cookie.procurement) => api.http().get(path).set('cookie', who);
  const post = (path: string, body = '', who = cookie.procurement) =>
    api.http().post(path).set('cookie', who).set('origin', appOrigin(api)).type('form').send(body);
  /** The page as a browser reads its attributes (Handlebars escapes `=` and `&`). */
  const decoded = (html: string) => html.replace(/&#x3D;/g, '=');
  const rowsOf = (html: string) => html.split('data-testid="assessment-row"').slice(1);
  const remindersTo = (email: string) =>
    sink.messages.filter((m) => recipient(m) === email && isReminder(m));

  describe('the campaign page’s list', () => {
    it('shows 50 assessments a page with the range, and pages on', async () => {
      const first = await page(`/console/campaigns/${campaignId}`).expect(200);
      expect(rowsOf(first.text)).toHaveLength(50);
      expect(decoded(first.text)).toContain('120 件中 1〜50 件目');
      expect(decoded(first.text)).toContain(
        `href="/console/campaigns/${campaignId}?page=2#assessments" rel="next"`,
      );
      expect(decoded(first.text)).toContain('1 / 3');
      const third = await page(`/console/campaigns/${campaignId}?page=3`).expect(200);
      expect(rowsOf(third.text)).toHaveLength(20);
      expect(decoded(third.text)).toContain('120 件中 101〜120 件目');
      expect(decoded(third.text)).toContain(assessments[119].name);
      expect(decoded(third.text)).not.toContain(assessments[0].name);
      expect(decoded(third.text)).toContain(
        `href="/console/campaigns/${campaignId}?page=2#assessments" rel="prev"`,
      );
      expect(decoded(third.text)).not.toContain('rel="next"');
    });

    it('filters by each status with its count, and keeps the filter in the page links', async () => {
      const all = await page(`/console/campaigns/${campaignId}`).expect(200);
      const filters = /data-testid="assessment-filters"[\s\S]*?<\/nav>/.exec(all.text)![0];
      const labels = [
        ...filters.matchAll(/>([^<>]+) <span class="assessment-filter-count">\(([\d,]+)\)/g),
      ].map((m) => `${m[1]} ${m[2]}`);
      expect(labels).toEqual([
        'すべて 120',
        '未回答 113',
        '未開封 83',
        '開封済み 10',
        '回答中 20',
        '期限超過 0',
        '提出済み 5',
        '採点済み 2',
      ]);
      const invited = await page(`/console/campaigns/${campaignId}?status=invited`).expect(200);
      expect(rowsOf(invited.text)).toHaveLength(50);
      expect(rowsOf(invited.text).every((row) => row.includes('未開封'))).toBe(true);
      expect(decoded(invited.text)).toContain('83 件中 1〜50 件目');
      expect(decoded(invited.text)).toMatch(
        /href="[^"]*\?status=invited#assessments" aria-current="true"/,
      );
      expect(decoded(invited.text)).toContain(
        `href="/console/campaigns/${campaignId}?status=invited&amp;page=2#assessments" rel="next"`,
      );
      const second = await page(`/console/campaigns/${campaignId}?status=invited&page=2`).expect(
        200,
      );
      expect(rowsOf(second.text)).toHaveLength(33);
      expect(decoded(second.text)).toContain(
        `href="/console/campaigns/${campaignId}?status=invited#assessments" rel="prev"`,
      );
      const inProgress = await page(`/console/campaigns/${campaignId}?status=in_progress`).expect(
        200,
      );
      expect(rowsOf(inProgress.text)).toHaveLength(20);
      expect(decoded(inProgress.text)).toContain(assessments[10].name);
      expect(decoded(inProgress.text)).not.toContain(assessments[9].name);
      expect(decoded(inProgress.text)).not.toContain('data-testid="assessment-pages"');
      const scored = await page(`/console/campaigns/${campaignId}?status=scored&lang=en`).expect(
        200,
      );
      expect(rowsOf(scored.text)).toHaveLength(2);
      expect(decoded(scored.text)).toContain('1–2 of 2');
      expect(decoded(scored.text)).toContain(
        'Scored <span class="assessment-filter-count">(2)</span>',
      );
      // Not overdue yet: the filter answers nothing, and says so.
      const overdue = await page(`/console/campaigns/${campaignId}?status=overdue&lang=ja`).expect(
        200,
      );
      expect(rowsOf(overdue.text)).toHaveLength(0);
      expect(decoded(overdue.text)).toContain('この状態の評価はありません。');
      // An unknown filter shows everything.
      const odd = await page(`/console/campaigns/${campaignId}?status=bogus&page=x`).expect(200);
      expect(decoded(odd.text)).toContain('120 件中 1〜50 件目');
    });

    it('filters the REST list the same way (open and overdue included)', async () => {
      const list = (query: string) =>
        call('get', `/campaigns/${campaignId}/assessments?${query}`).expect(200);
      expect((await list('status=open&pageSize=10')).body).toMatchObject({
        total: 113,
        pageSize: 10,
      });
      expect((await list('status=opened')).body.total).toBe(10);
      expect((await list('status=overdue')).body.total).toBe(0);
      const bad = await call('get', `/campaigns/${campaignId}/assessments?status=late`).expect(400);
      expect(bad.body.message).toMatch(/status/);
    });
  });

  describe('the CSV of the suppliers yet to answer', () => {
    it('is linked from the page in its language', async () => {
      const ja = await page(`/console/campaigns/${campaignId}?status=in_progress`).expect(200);
      expect(decoded(ja.text)).toContain(
        `href="/api/v1/campaigns/${campaignId}/assessments.csv?status=in_progress&amp;lang=ja"`,
      );
      expect(decoded(ja.text)).toContain('未回答のサプライヤーを CSV で出力');
      const en = await page(`/console/campaigns/${campaignId}?status=submitted&lang=en`).expect(
        200,
      );
      expect(decoded(en.text)).toContain(
        `href="/api/v1/campaigns/${campaignId}/assessments.csv?status=open&amp;lang=en"`,
      );
    });

    it('holds every unanswered supplier, UTF-8 with BOM, Japanese headers, with when they last opened and saved', async () => {
      // Supplier 5 opens the questionnaire from the invitation and saves an answer.
      const fifth = assessments[4];
      await api.dataSource.query(`UPDATE assessments SET status = 'invited' WHERE id = $1`, [
        fifth.id,
      ]);
      const invitation = sink.messages.find(
        (m) => recipient(m) === fifth.email && isInvitation(m),
      )!;
      const token = tokenIn(invitation);
      await pressStart(api, token);
      await api
        .http()
        .put(`/api/v1/respond/${token}/answers`)
        .send({ version: 0, answers: { 'P.EMPLOYEES': 12 } })
        .expect(200);
      const response = await call('get', `/campaigns/${campaignId}/assessments.csv`).expect(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['content-disposition']).toContain(
        `attachment; filename="unanswered-suppliers-${tokyoToday()}.csv"`,
      );
      expect(response.text.startsWith('\uFEFF')).toBe(true);
      const [header, ...rows] = csvRows(response.text);
      expect(header).toEqual([
        'サプライヤー名',
        '法人番号',
        '担当者名',
        '担当者メールアドレス',
        '状態',
        '期限超過',
        '最終開封日時（日本時間）',
        '最終保存日時（日本時間）',
        '催促メール送信数',
        '回答期限',
        '評価ページ',
      ]);
      expect(rows).toHaveLength(113);
      expect(rows.map((r) => r[0])).toEqual(
        assessments.filter((_, i) => i < 30 || i >= 37).map((a) => a.name),
      );
      const now = new Intl.DateTimeFormat('sv-SE', {
        timeZone: 'Asia/Tokyo',
        dateStyle: 'short',
      }).format(new Date());
      const row5 = rows.find((r) => r[0] === fifth.name)!;
      expect(row5).toEqual([
        fifth.name,
        corporateNumber(770_004),
        `担当 ${fifth.name}`,
        fifth.email,
        '回答中',
        '',
        expect.stringMatching(new RegExp(`^${now} \\d{2}:\\d{2}$`)),
        expect.stringMatching(new RegExp(`^${now} \\d{2}:\\d{2}$`)),
        '0',
        dueDate,
        `${appUrl}/console/assessments/${fifth.id}`,
      ]);
      const untouched = rows.find((r) => r[0] === assessments[100].name)!;
      expect(untouched.slice(4, 9)).toEqual(['未開封', '', '', '', '0']);
    });

    it('has English headers with lang=en or in the console’s language, and narrows by status', async () => {
      const en = await call('get', `/campaigns/${campaignId}/assessments.csv?lang=en`).expect(200);
      expect(csvRows(en.text)[0]).toEqual([
        'Supplier',
        'Corporate number',
        'Contact name',
        'Contact email',
        'Status',
        'Overdue',
        'Last opened (Japan time)',
        'Last saved (Japan time)',
        'Reminders sent',
        'Due date',
        'Assessment page',
      ]);
      expect(csvRows(en.text)[1][4]).toBe('Opened');
      const byCookie = await api
        .http()
        .get(`/api/v1/campaigns/${campaignId}/assessments.csv?status=in_progress`)
        .set('cookie', `${cookie.procurement}; kk_lang=en`)
        .expect(200);
      const rows = csvRows(byCookie.text);
      expect(rows[0][0]).toBe('Supplier');
      expect(rows).toHaveLength(1 + 21);
      expect(rows.slice(1).every((r) => r[4] === 'In progress')).toBe(true);
      const refused = await call(
        'get',
        `/campaigns/${campaignId}/assessments.csv?status=submitted`,
      );
      expect(refused.status).toBe(400);
      expect(refused.body.message).toContain(
        'status must be one of open, invited, opened, in_progress, overdue',
      );
    });

    it('is read by every buyer role, and by nobody else', async () => {
      for (const role of ['ciso', 'auditor', 'admin']) {
        await call(
          'get',
          `/campaigns/${campaignId}/assessments.csv`,
          undefined,
          bearer[role],
        ).expect(200);
      }
      await call(
        'get',
        `/campaigns/${campaignId}/assessments.csv`,
        undefined,
        otherProcurement,
      ).expect(404);
      await call('get', `/campaigns/${randomUUID()}/assessments.csv`).expect(404);
      await call('get', `/campaigns/not-a-uuid/assessments.csv`).expect(404);
      await api.http().get(`/api/v1/campaigns/${campaignId}/assessments.csv`).expect(401);
    });
  });

  describe('「今すぐ催促」', () => {
    it('mails the supplier at once, outside the sending window, once a Tokyo day, with a working link', async () => {
      const target = assessments[60];
      // Yesterday's manual reminder (its key is of that Tokyo day) does not hold back today's.
      await api.dataSource.query(
        `INSERT INTO mail_messages (organization_id, message_key, kind, status, to_email, locale,
                                    campaign_id, assessment_id, sent_at)
         VALUES ($1, $2, 'reminder', 'sent', $3, 'ja', $4, $5, now() - interval '1 day')`,
        [
          tenant.organizationId,
          `remind-now:${target.id}:${inDays(-1)}`,
          target.email,
          campaignId,
          target.id,
        ],
      );
      const reminded = await call('post', `/assessments/${target.id}/remind`).expect(200);
      expect(reminded.body).toEqual({
        assessmentId: target.id,
        to: target.email,
        messageKey: `remind-now:${target.id}:${tokyoToday()}`,
      });
      await waitUntil(async () => remindersTo(target.email).length === 1, {
        timeoutMs: 30_000,
        what: 'the reminder',
      });
      const mail = remindersTo(target.email)[0];
      expect(mail.subject).toBe('【リマインド】回答期限まであと30日(2030年度 取引先追跡)');
      const link = await api
        .http()
        .get(`/api/v1/respond/${tokenIn(mail)}`)
        .expect(200);
      expect(link.body.assessmentId).toBe(target.id);
      // A double click: refused, said why, and nothing more is sent.
      const again = await call('post', `/assessments/${target.id}/remind`).expect(409);
      expect(again.body).toMatchObject({
        reason: 'already_reminded_today',
        message: expect.stringContaining('already reminded today'),
        remindedAt: expect.any(String),
      });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(remindersTo(target.email)).toHaveLength(1);
      // Audited, and counted in the CSV once sent (with yesterday's).
      const [audit] = await api.dataSource.query<{ actor_id: string; details: { to: string } }[]>(
        `SELECT actor_id, details FROM audit_events WHERE action = 'assessment.reminded' AND target_id = $1`,
        [target.id],
      );
      expect(audit).toMatchObject({
        actor_id: tenant.users.procurement.id,
        details: { to: target.email },
      });
      await waitUntil(
        async () => {
          const csv = await call('get', `/campaigns/${campaignId}/assessments.csv`).expect(200);
          return csvRows(csv.text).find((r) => r[0] === target.name)![8] === '2';
        },
        { timeoutMs: 30_000, what: 'the reminder counted as sent' },
      );
    });

    it('refuses submitted assessments, closed campaigns, readers and other tenants', async () => {
      const submitted = await call('post', `/assessments/${assessments[32].id}/remind`).expect(409);
      expect(submitted.body.reason).toBe('submitted');
      const scored = await call('post', `/assessments/${assessments[35].id}/remind`).expect(409);
      expect(scored.body.reason).toBe('submitted');
      for (const role of ['ciso', 'auditor']) {
        await call(
          'post',
          `/assessments/${assessments[70].id}/remind`,
          undefined,
          bearer[role],
        ).expect(403);
      }
      await call(
        'post',
        `/assessments/${assessments[70].id}/remind`,
        undefined,
        otherProcurement,
      ).expect(404);
      await call('post', `/assessments/${randomUUID()}/remind`).expect(404);
      await call('post', `/assessments/nope/remind`).expect(404);
      // An admin may.
      await call(
        'post',
        `/assessments/${assessments[70].id}/remind`,
        undefined,
        bearer.admin,
      ).expect(200);
      // A closed campaign reminds nobody.
      const small = await call('post', '/campaigns', {
        name: '閉じる追跡',
        catalogVersion: 'meti-v3.0+sa-3.1',
        supplierIds: [assessments[80].supplierId],
        dueDate,
      }).expect(201);
      await call('post', `/campaigns/${small.body.id}/launch`).expect(200);
      await call('post', `/campaigns/${small.body.id}/close`).expect(200);
      const [closedOne] = await api.dataSource.query<{ id: string }[]>(
        'SELECT id FROM assessments WHERE campaign_id = $1',
        [small.body.id],
      );
      const closed = await call('post', `/assessments/${closedOne.id}/remind`).expect(409);
      expect(closed.body.reason).toBe('campaign_not_launched');
      const mailed = await api.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM mail_messages WHERE message_key LIKE 'remind-now:%'
          AND assessment_id = ANY($1::uuid[])`,
        [[assessments[32].id, assessments[35].id, closedOne.id]],
      );
      expect(mailed[0].n).toBe(0);
    });

    it('is a button on each open row for procurement, back to the same filter and page, once a day', async () => {
      const shown = await page(`/console/campaigns/${campaignId}?status=invited&page=2`).expect(
        200,
      );
      const target = assessments.find((a) => shown.text.includes(a.name) && a !== assessments[60])!;
      expect(decoded(shown.text)).toContain(
        `action="/console/campaigns/${campaignId}/assessments/${target.id}/remind?status=invited&amp;page=2"`,
      );
      expect(decoded(shown.text)).toContain(`aria-label="${target.name} に今すぐ催促"`);
      expect(decoded(shown.text)).toContain('送信時間帯の設定にかかわらず');
      const action = `/console/campaigns/${campaignId}/assessments/${target.id}/remind?status=invited&page=2`;
      await api
        .http()
        .post(action)
        .set('cookie', cookie.procurement)
        .set('origin', 'https://evil.example')
        .type('form')
        .send('')
        .expect(403);
      const done = await post(action).expect(303);
      expect(done.headers.location).toBe(
        `/console/campaigns/${campaignId}?status=invited&page=2&done=reminded#assessment-${target.id}`,
      );
      const after = await page(done.headers.location.replace(/#.*/, '')).expect(200);
      expect(decoded(after.text)).toContain('催促メールを送信しました。');
      const row = rowsOf(after.text).find((r) => r.includes(target.name))!;
      expect(row).toContain('本日催促済み');
      expect(row).not.toContain('data-testid="assessment-remind"');
      const twice = await post(action).expect(303);
      expect(twice.headers.location).toContain('done=remindedAlready');
      const told = await page(twice.headers.location.replace(/#.*/, '')).expect(200);
      expect(decoded(told.text)).toContain('このサプライヤーには本日すでに催促しています');
      await waitUntil(async () => remindersTo(target.email).length === 1, {
        timeoutMs: 30_000,
        what: 'the page’s reminder',
      });
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(remindersTo(target.email)).toHaveLength(1);
    });

    it('says in words why a row cannot be reminded, and shows no button to readers', async () => {
      const submittedOne = assessments[31];
      const refused = await post(
        `/console/campaigns/${campaignId}/assessments/${submittedOne.id}/remind?status=submitted&lang=en`,
      ).expect(409);
      expect(decoded(refused.text)).toContain(
        'This supplier has already submitted, so no reminder was sent.',
      );
      expect(rowsOf(refused.text)).toHaveLength(5);
      // Another campaign's assessment through this campaign's address: unknown here.
      const [elsewhere] = await api.dataSource.query<{ id: string }[]>(
        `SELECT a.id FROM assessments a WHERE a.organization_id = $1 AND a.campaign_id <> $2 LIMIT 1`,
        [tenant.organizationId, campaignId],
      );
      await post(`/console/campaigns/${campaignId}/assessments/${elsewhere.id}/remind`).expect(404);
      await post(
        `/console/campaigns/${campaignId}/assessments/${assessments[90].id}/remind`,
        '',
        cookie.auditor,
      ).expect(403);
      const auditorPage = await page(
        `/console/campaigns/${campaignId}?lang=ja`,
        cookie.auditor,
      ).expect(200);
      expect(decoded(auditorPage.text)).not.toContain('今すぐ催促');
      expect(decoded(auditorPage.text)).toContain('未回答のサプライヤーを CSV で出力');
      const otherPage = await page(
        `/console/campaigns/${campaignId}`,
        `kk_session=${otherProcurement}`,
      );
      expect(otherPage.status).toBe(404);
    });
  });

  describe('searching the campaign page’s list', () => {
    const cells = (row: string, testid: string) =>
      new RegExp(`data-testid="${testid}">([^<]*)<`).exec(row)?.[1];

    it('finds a supplier by name (as typed on a Japanese keyboard), 法人番号 or contact email, with when it last opened and how many reminders reached it', async () => {
      // Supplier 61 was reminded yesterday and today (「今すぐ催促」 above).
      const byName = await page(
        `/console/campaigns/${campaignId}?q=${encodeURIComponent('追跡　０６１')}`,
      ).expect(200);
      expect(rowsOf(byName.text)).toHaveLength(1);
      const [reminded] = rowsOf(byName.text);
      expect(reminded).toContain(assessments[60].name);
      expect(cells(reminded, 'assessment-reminders-sent')).toBe('2 回');
      expect(cells(reminded, 'assessment-last-opened')).toBe('—');
      expect(byName.text).toContain('name="q" value="追跡　０６１"');
      expect(decoded(byName.text)).toContain('1 件中 1〜1 件目');

      // Supplier 5 opened the questionnaire today (the CSV test above): the same time as the CSV.
      const digits = corporateNumber(770_004);
      const byNumber = await page(
        `/console/campaigns/${campaignId}?q=${encodeURIComponent(`${digits.slice(0, 4)}-${digits.slice(4)}`)}`,
      ).expect(200);
      expect(rowsOf(byNumber.text)).toHaveLength(1);
      const [opened] = rowsOf(byNumber.text);
      expect(opened).toContain(assessments[4].name);
      const today = new Intl.DateTimeFormat('ja-JP', {
        timeZone: 'Asia/Tokyo',
        dateStyle: 'medium',
      }).format(new Date());
      expect(cells(opened, 'assessment-last-opened')).toMatch(
        new RegExp(`^${today} \\d{1,2}:\\d{2}$`),
      );
      expect(cells(opened, 'assessment-reminders-sent')).toBe('0 回');

      const byEmail = await page(`/console/campaigns/${campaignId}?q=CHASE-120%40`).expect(200);
      expect(rowsOf(byEmail.text)).toHaveLength(1);
      expect(rowsOf(byEmail.text)[0]).toContain(assessments[119].name);

      const english = await page(`/console/campaigns/${campaignId}?q=chase-120&lang=en`).expect(
        200,
      );
      expect(english.text).toContain('<th scope="col">Last opened</th>');
      expect(english.text).toContain('<th scope="col">Reminders sent</th>');
      expect(cells(rowsOf(english.text)[0], 'assessment-reminders-sent')).toBe('0');
    });

    it('keeps the search with the status filter, the pages and 「今すぐ催促」, and says when nothing matches', async () => {
      const searched = await page(
        `/console/campaigns/${campaignId}?status=invited&q=${encodeURIComponent('追跡')}&lang=ja`,
      ).expect(200);
      expect(rowsOf(searched.text)).toHaveLength(50);
      const html = decoded(searched.text);
      const q = encodeURIComponent('追跡');
      // The search form keeps the status; the filter links and the pages keep the search.
      expect(html).toContain('<input type="hidden" name="status" value="invited">');
      expect(html).toContain(
        `href="/console/campaigns/${campaignId}?status=opened&amp;q=${q}#assessments"`,
      );
      expect(html).toContain(
        `href="/console/campaigns/${campaignId}?status=invited&amp;q=${q}&amp;page=2#assessments" rel="next"`,
      );
      expect(html).toMatch(
        new RegExp(
          `action="/console/campaigns/${campaignId}/assessments/[0-9a-f-]{36}/remind\\?status=invited&amp;q=${q}"`,
        ),
      );
      const none = await page(`/console/campaigns/${campaignId}?q=nothing-like-this`).expect(200);
      expect(rowsOf(none.text)).toHaveLength(0);
      expect(none.text).toContain('検索に合う評価はありません。');
      // The REST list searches the same way.
      const listed = await call('get', `/campaigns/${campaignId}/assessments?q=chase-061`).expect(
        200,
      );
      expect(listed.body.total).toBe(1);
      expect(listed.body.items[0]).toMatchObject({ id: assessments[60].id, remindersSent: 2 });
    });
  });

  describe('deleting a draft', () => {
    const draft = async (name: string) =>
      (
        await call('post', '/campaigns', {
          name,
          catalogVersion: 'meti-v3.0+sa-3.1',
          supplierIds: [assessments[0].supplierId, assessments[1].supplierId],
          dueDate,
        }).expect(201)
      ).body.id as string;

    it('deletes a draft, or one closed before launch, through the API, audited; launched, readers and other tenants are refused', async () => {
      const id = await draft('間違えて作った下書き');
      await call('delete', `/campaigns/${id}`, undefined, bearer.ciso).expect(403);
      await call('delete', `/campaigns/${id}`, undefined, otherProcurement).expect(404);
      await call('delete', `/campaigns/${id}`).expect(204);
      await call('get', `/campaigns/${id}`).expect(404);
      await call('delete', `/campaigns/${id}`).expect(404);
      const [audit] = await api.dataSource.query<{ actor_id: string; details: object }[]>(
        `SELECT actor_id, details FROM audit_events WHERE action = 'campaign.deleted' AND target_id = $1`,
        [id],
      );
      expect(audit).toMatchObject({
        actor_id: tenant.users.procurement.id,
        details: { name: '間違えて作った下書き', chosenSuppliers: 2 },
      });
      const launched = await call('delete', `/campaigns/${campaignId}`).expect(409);
      expect(launched.body).toMatchObject({
        campaignStatus: 'launched',
        reason: 'campaign_launched',
      });
      // A draft closed by mistake never mailed anyone: it can be deleted like a draft.
      const closing = await draft('閉じた下書き');
      await call('post', `/campaigns/${closing}/close`).expect(200);
      await call('delete', `/campaigns/${closing}`, undefined, bearer.auditor).expect(403);
      await call('delete', `/campaigns/${closing}`, undefined, otherProcurement).expect(404);
      await call('delete', `/campaigns/${closing}`).expect(204);
      await call('get', `/campaigns/${closing}`).expect(404);
      const [closedAudit] = await api.dataSource.query<{ actor_id: string; details: object }[]>(
        `SELECT actor_id, details FROM audit_events WHERE action = 'campaign.deleted' AND target_id = $1`,
        [closing],
      );
      expect(closedAudit).toMatchObject({
        actor_id: tenant.users.procurement.id,
        details: { name: '閉じた下書き', status: 'closed' },
      });
      await call('get', `/campaigns/${campaignId}`).expect(200);
      await call('delete', `/campaigns/${campaignId}`, undefined, bearer.admin).expect(409);
    });

    it('deletes a draft from its page behind a tick, back to the list with a notice', async () => {
      const id = await draft('ページで消す下書き');
      const shown = await page(`/console/campaigns/${id}`).expect(200);
      expect(decoded(shown.text)).toContain(`action="/console/campaigns/${id}/delete"`);
      expect(decoded(shown.text)).toContain(
        'この下書きを削除します。まだ誰にもメールは送られていません。',
      );
      expect(decoded(shown.text)).toMatch(
        /name="confirm" value="yes" required aria-describedby="delete-help"/,
      );
      // A draft has no list to filter or export yet.
      expect(decoded(shown.text)).not.toContain('data-testid="assessment-filters"');
      const unticked = await post(`/console/campaigns/${id}/delete`).expect(400);
      expect(decoded(unticked.text)).toContain(
        '削除するには、確認のチェックを入れてから「下書きを削除」を押してください。',
      );
      expect(decoded(unticked.text)).toContain(
        '<details class="campaign-action" open data-testid="campaign-delete">',
      );
      expect(decoded(unticked.text)).toMatch(
        /data-testid="campaign-delete-confirm" aria-invalid="true"/,
      );
      const deleted = await post(`/console/campaigns/${id}/delete`, 'confirm=yes').expect(303);
      expect(deleted.headers.location).toBe('/console/campaigns?done=deleted');
      const list = await page(deleted.headers.location).expect(200);
      expect(decoded(list.text)).toContain('下書きを削除しました。');
      expect(decoded(list.text)).not.toContain('ページで消す下書き');
      // A launched campaign's page offers no deletion, and a forged post is refused in words.
      const launchedPage = await page(`/console/campaigns/${campaignId}`).expect(200);
      expect(decoded(launchedPage.text)).not.toContain(`/console/campaigns/${campaignId}/delete`);
      const forged = await post(
        `/console/campaigns/${campaignId}/delete?lang=en`,
        'confirm=yes',
      ).expect(409);
      expect(decoded(forged.text)).toContain(
        'Only a draft, or a campaign closed before it was launched, can be deleted.',
      );
      const readers = await draft('読むだけの人の下書き');
      const asAuditor = await page(`/console/campaigns/${readers}`, cookie.auditor).expect(200);
      expect(decoded(asAuditor.text)).not.toContain('data-testid="campaign-delete"');
      await post(`/console/campaigns/${readers}/delete`, 'confirm=yes', cookie.auditor).expect(403);
      await post(
        `/console/campaigns/${readers}/delete`,
        'confirm=yes',
        `kk_session=${otherProcurement}`,
      ).expect(404);
      await call('get', `/campaigns/${readers}`).expect(200);
    });
  });

  describe('once the due date has passed', () => {
    it('filters and exports the overdue suppliers', async () => {
      await api.dataSource.query(`UPDATE campaigns SET due_date = $2 WHERE id = $1`, [
        campaignId,
        inDays(-2),
      ]);
      const overdue = await page(`/console/campaigns/${campaignId}?status=overdue`).expect(200);
      expect(decoded(overdue.text)).toContain(
        '期限超過 <span class="assessment-filter-count">(113)</span>',
      );
      expect(rowsOf(overdue.text)).toHaveLength(50);
      expect(decoded(overdue.text)).toContain(
        `href="/console/campaigns/${campaignId}?status=overdue&amp;page=2#assessments" rel="next"`,
      );
      const csv = await call(
        'get',
        `/campaigns/${campaignId}/assessments.csv?status=overdue`,
      ).expect(200);
      const rows = csvRows(csv.text).slice(1);
      expect(rows).toHaveLength(113);
      expect(rows.every((r) => r[5] === '期限超過' && r[9] === inDays(-2))).toBe(true);
      const list = await call('get', `/campaigns/${campaignId}/assessments?status=overdue`).expect(
        200,
      );
      expect(list.body.total).toBe(113);
    });
  });
});
