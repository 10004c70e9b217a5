import { randomBytes } from 'node:crypto';
import { AddressObject, ParsedMail } from 'mailparser';
import { formatDueDate, tokyoToday } from '@kakehashi/mail';
import { corporateNumber, JA_HEADER, utf8WithBom } from '../fixtures/import/supplier-files';
import { waitUntil } from '../support/faults/worker-process';
import { pressStart, submitAnswers } from '../support/questionnaire-session';
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

jest.setTimeout(120_000);

const recipient = (mail: ParsedMail) => (mail.to as AddressObject).value[0].address!.toLowerCase();
const tokenIn = (mail: ParsedMail) => /\/q\/([A-Za-z0-9_-]{20,100})/.exec(mail.text ?? '')![1];
const isContactChange = (mail: ParsedMail) =>
  /ご担当者変更に伴う回答依頼のご案内|Questionnaire request to the new contact/.test(
    mail.subject ?? '',
  );
const tag = () => randomBytes(3).toString('hex');

function inDays(days: number): string {
  const today = new Date(`${tokyoToday()}T00:00:00Z`);
  return new Date(today.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

interface Contact {
  name: string;
  email: string;
  language?: 'ja' | 'en';
  isPrimary?: boolean;
}

/**
 * Procurement changes a supplier's primary contact while the supplier is answering a launched
 * campaign (PATCH /api/v1/suppliers/:id, the console edit form, the import): the new contact is
 * mailed a link to each questionnaire still open, once; the campaign page tells whom the
 * invitation went to and who the contact is now. Real api, worker, database and SMTP.
 */
describe('a supplier’s primary contact changed during a launched campaign', () => {
  let isolated: IsolatedEnvironment;
  let sink: SmtpSink;
  let api: TestApi;
  let worker: TestWorker;
  let tenant: TestTenant;
  let bearer: string;
  let cookie: string;

  beforeAll(async () => {
    isolated = await isolatedEnvironment('contact-change');
    sink = await startSmtpSink();
    api = await startApi({ ...isolated.env, LOGIN_ATTEMPTS_PER_MINUTE_PER_IP: '1000' });
    worker = await startWorker({
      ...isolated.env,
      SMTP_URL: sink.url,
      OUTBOX_POLL_INTERVAL_MS: '50',
      MAIL_RATE_PER_SECOND: '1000',
    });
    tenant = await createTestTenant(api.dataSource, 'contact-change');
    bearer = await loginToken(api, tenant.users.procurement.email);
    cookie = `kk_session=${bearer}`;
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await sink?.close();
    await isolated?.drop();
  });

  const call = (method: 'get' | 'post' | 'patch', path: string, body?: object) =>
    api.http()[method](`/api/v1${path}`).set('authorization', `Bearer ${bearer}`).send(body);
  const mailTo = (email: string) => sink.messages.filter((m) => recipient(m) === email);
  const changeMailsTo = (email: string) => mailTo(email).filter(isContactChange);
  const mailQueueDrained = async () => {
    const [row] = await api.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM outbox WHERE queue = 'mail' AND done_at IS NULL`,
    );
    return row.n === 0;
  };
  const contactChangeRows = (supplierId: string) =>
    api.dataSource.query<{ to_email: string; status: string; campaign_id: string }[]>(
      `SELECT m.to_email, m.status, m.campaign_id FROM mail_messages m
         JOIN assessments a ON a.id = m.assessment_id
        WHERE a.supplier_id = $1 AND m.kind = 'contact_changed' ORDER BY m.created_at`,
      [supplierId],
    );

  async function supplier(
    name: string,
    contacts: Contact[],
    extra: object = {},
  ): Promise<{ id: string; name: string; email: string }> {
    const created = await call('post', '/suppliers', { name, contacts, ...extra }).expect(201);
    const primary = contacts.find((c) => c.isPrimary) ?? contacts[0];
    return { id: (created.body as { id: string }).id, name, email: primary.email };
  }

  /** A launched campaign whose invitations went out; the token each supplier was mailed. */
  async function launched(
    name: string,
    suppliers: { id: string; email: string }[],
  ): Promise<{ id: string; tokens: Map<string, string> }> {
    const created = await call('post', '/campaigns', {
      name,
      catalogVersion: 'meti-v3.0+sa-3.1',
      supplierIds: suppliers.map((s) => s.id),
      dueDate: inDays(21),
    }).expect(201);
    const id = (created.body as { id: string }).id;
    await call('post', `/campaigns/${id}/launch`).expect(200);
    const invitation = (email: string) =>
      mailTo(email).find((m) => (m.subject ?? '').includes(name));
    await waitUntil(async () => suppliers.every((s) => invitation(s.email)), {
      timeoutMs: 30_000,
      what: `the invitations of ${name}`,
    });
    return {
      id,
      tokens: new Map(suppliers.map((s) => [s.id, tokenIn(invitation(s.email)!)])),
    };
  }

  const patchContacts = (supplierId: string, contacts: Contact[]) =>
    call('patch', `/suppliers/${supplierId}`, { contacts });

  it('mails the new contact one working link per open assessment, once; nothing for a submitted one; the former link is 410; the campaign shows who was invited', async () => {
    const t = tag();
    const naniwa = await supplier('株式会社浪速金型', [
      { name: '旧担当 一郎', email: `old-${t}@naniwa.example.jp` },
    ]);
    const opened = await supplier(`開封済み工業 ${t}`, [
      { name: 'Former', email: `opened-old-${t}@supplier.example` },
    ]);
    const done = await supplier(`提出済み商事 ${t}`, [
      { name: '提出 担当', email: `done-old-${t}@supplier.example` },
    ]);
    const first = await launched(`2030年度 担当変更 ${t}`, [naniwa, opened, done]);
    const second = await launched(`追加調査 ${t}`, [naniwa]);
    await pressStart(api, first.tokens.get(opened.id)!);
    await submitAnswers(api, { token: first.tokens.get(done.id)! });
    // Whatever the submission mails goes out before the contacts change.
    await waitUntil(mailQueueDrained, { timeoutMs: 30_000, what: 'the mail queue to drain' });

    const naniwaNew = `new-contact-${t}@naniwa.example.jp`;
    const openedNew = `opened-new-${t}@supplier.example`;
    const doneNew = `done-new-${t}@supplier.example`;
    const naniwaContacts = [{ name: '新担当 花子', email: naniwaNew, language: 'ja' as const }];
    await patchContacts(naniwa.id, naniwaContacts).expect(200);
    await patchContacts(opened.id, [{ name: 'Jane Doe', email: openedNew, language: 'en' }]).expect(
      200,
    );
    await patchContacts(done.id, [{ name: '後任', email: doneNew }]).expect(200);
    // The same change saved again: no second mail.
    await patchContacts(naniwa.id, naniwaContacts).expect(200);

    await waitUntil(
      async () => changeMailsTo(naniwaNew).length === 2 && changeMailsTo(openedNew).length === 1,
      { timeoutMs: 30_000, what: 'the mails to the new contacts' },
    );
    await waitUntil(mailQueueDrained, { timeoutMs: 30_000, what: 'the mail queue to drain' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    // Exactly one per open assessment (two campaigns: two mails), and nothing else.
    expect(mailTo(naniwaNew)).toHaveLength(2);
    expect(mailTo(openedNew)).toHaveLength(1);
    expect(mailTo(doneNew)).toEqual([]);
    expect(await contactChangeRows(done.id)).toEqual([]);

    const [mail] = changeMailsTo(naniwaNew).filter((m) =>
      (m.subject ?? '').includes(`2030年度 担当変更 ${t}`),
    );
    expect(mail.subject).toContain('ご担当者変更に伴う回答依頼のご案内');
    expect(mail.text).toContain('株式会社浪速金型\n新担当 花子 様');
    expect(mail.text).toContain('貴社のご担当者として新たにご登録いたしました');
    expect(mail.text).toContain(`回答期限: ${formatDueDate(inDays(21), 'ja')}`);
    const [english] = changeMailsTo(openedNew);
    expect(english.subject).toContain('Questionnaire request to the new contact');
    expect(english.text).toContain("has registered you as your company's new contact");

    // Each new link opens the questionnaire; the removed contact's links are withdrawn.
    for (const m of [...changeMailsTo(naniwaNew), english]) {
      await api
        .http()
        .get(`/q/${tokenIn(m)}`)
        .expect(200);
    }
    await api
      .http()
      .get(`/q/${first.tokens.get(naniwa.id)}`)
      .expect(410);
    await api
      .http()
      .get(`/q/${second.tokens.get(naniwa.id)}`)
      .expect(410);

    const audits = await api.dataSource.query<{ details: Record<string, unknown> }[]>(
      `SELECT details FROM audit_events WHERE action = 'supplier.update' AND target_id = $1
        ORDER BY id`,
      [naniwa.id],
    );
    // The same change saved again changed nothing: no second event.
    expect(audits.map((a) => a.details.newContactNotified ?? 0)).toEqual([2]);

    // The API names whom the invitation went to and the contact now, each with its mail.
    const list = await call('get', `/campaigns/${first.id}/assessments`).expect(200);
    const row = (supplierId: string) =>
      (list.body.items as Record<string, unknown>[]).find((i) => i.supplierId === supplierId);
    expect(row(naniwa.id)).toMatchObject({
      contactEmail: naniwaNew,
      invitationEmail: naniwa.email,
      delivery: 'sent',
      contactMailKind: 'contact_changed',
      contactDelivery: 'sent',
    });
    expect(row(done.id)).toMatchObject({
      status: expect.stringMatching(/^(submitted|scored)$/),
      contactEmail: doneNew,
      invitationEmail: done.email,
      delivery: 'sent',
      contactMailKind: null,
      contactDelivery: 'none',
    });

    // So does the page, in ja and en; a row whose contact did not change reads as before.
    const page = await api
      .http()
      .get(`/console/campaigns/${first.id}`)
      .set('cookie', cookie)
      .expect(200);
    const pageRow = (html: string, name: string) =>
      html.split('data-testid="assessment-row"').find((r) => r.includes(name))!;
    const naniwaRow = pageRow(page.text, '株式会社浪速金型');
    expect(naniwaRow).toContain(`招待: ${naniwa.email} 送信済み`);
    expect(naniwaRow).toContain(`現在の担当: ${naniwaNew} 送信済み`);
    expect(pageRow(page.text, `提出済み商事 ${t}`)).toContain(`現在の担当: ${doneNew} 未送信`);
    const english2 = await api
      .http()
      .get(`/console/campaigns/${first.id}?lang=en`)
      .set('cookie', cookie)
      .expect(200);
    expect(pageRow(english2.text, '株式会社浪速金型')).toContain(
      `Current contact: ${naniwaNew} Sent`,
    );
    const unchanged = await launched(`変更なし ${t}`, [
      await supplier(`変更なし工業 ${t}`, [{ name: '担当', email: `same-${t}@supplier.example` }]),
    ]);
    const plain = await api
      .http()
      .get(`/console/campaigns/${unchanged.id}`)
      .set('cookie', cookie)
      .expect(200);
    expect(plain.text).toContain(`<td>same-${t}@supplier.example</td>`);
    expect(plain.text).not.toContain('現在の担当');
  });

  it('a stale edit form does not undo a colleague’s contact change: 409, the new link keeps working, nobody else is mailed', async () => {
    const t = tag();
    const oldEmail = `stale-old-${t}@supplier.example`;
    const newEmail = `stale-new-${t}@supplier.example`;
    const target = await supplier(`同時編集工業 ${t}`, [{ name: '旧担当', email: oldEmail }], {
      criticality: 1,
    });
    await launched(`同時編集 ${t}`, [target]);
    const edit = `/console/suppliers/${target.id}/edit`;
    const open = async () =>
      /name="version" value="(\d+)"/.exec(
        (await api.http().get(edit).set('cookie', cookie).expect(200)).text,
      )![1];
    const post = (fields: Record<string, string>) =>
      api
        .http()
        .post(edit)
        .set('cookie', cookie)
        .set('origin', appOrigin(api))
        .type('form')
        .send({ name: target.name, contactLanguage: 'ja', ...fields });

    const versionA = await open();
    const versionB = await open();
    const savedA = await post({
      version: versionA,
      criticality: '1',
      contactName: '新担当',
      contactEmail: newEmail,
    }).expect(303);
    expect(savedA.headers.location).toBe(`${edit}?saved=1&mailed=1`);
    await post({
      version: versionB,
      criticality: '3',
      contactName: '旧担当',
      contactEmail: oldEmail,
    }).expect(409);

    // A fresh form changing only 重要度 leaves the contacts alone.
    const savedB = await post({
      version: await open(),
      criticality: '3',
      contactName: '新担当',
      contactEmail: newEmail,
    }).expect(303);
    expect(savedB.headers.location).toBe(`${edit}?saved=1`);

    await waitUntil(async () => changeMailsTo(newEmail).length === 1, {
      timeoutMs: 30_000,
      what: 'the mail to the new contact',
    });
    await waitUntil(mailQueueDrained, { timeoutMs: 30_000, what: 'the mail queue to drain' });
    expect(changeMailsTo(oldEmail)).toEqual([]);
    expect(changeMailsTo(newEmail)).toHaveLength(1);
    expect((await contactChangeRows(target.id)).map((r) => r.to_email)).toEqual([newEmail]);
    await api
      .http()
      .get(`/q/${tokenIn(changeMailsTo(newEmail)[0])}`)
      .expect(200);
    const read = await call('get', `/suppliers/${target.id}`).expect(200);
    expect(read.body.criticality).toBe(3);
    expect(read.body.contacts.map((c: { email: string }) => c.email)).toEqual([newEmail]);
  });

  it('mails nobody about a closed campaign', async () => {
    const t = tag();
    const s = await supplier(`終了後変更 ${t}`, [
      { name: '旧', email: `closed-old-${t}@x.example` },
    ]);
    const campaign = await launched(`終了済み ${t}`, [s]);
    await call('post', `/campaigns/${campaign.id}/close`).expect(200);
    await patchContacts(s.id, [{ name: '新', email: `closed-new-${t}@x.example` }]).expect(200);
    await waitUntil(mailQueueDrained, { timeoutMs: 30_000, what: 'the mail queue to drain' });
    expect(await contactChangeRows(s.id)).toEqual([]);
    expect(mailTo(`closed-new-${t}@x.example`)).toEqual([]);
  });

  it('mails a registered contact made primary (the former one keeps their link); an undeliverable one is recorded skipped', async () => {
    const t = tag();
    const first = `first-${t}@supplier.example`;
    const deputy = `deputy-${t}@supplier.example`;
    const s = await supplier(`主担当交代 ${t}`, [
      { name: '主', email: first, isPrimary: true },
      { name: '副', email: deputy, language: 'en' },
    ]);
    const gone = `gone-${t}@supplier.example`;
    const u = await supplier(`不達 ${t}`, [
      { name: '主', email: `u-first-${t}@supplier.example`, isPrimary: true },
      { name: '不達', email: gone },
    ]);
    await api.dataSource.query(
      `UPDATE supplier_contacts SET undeliverable_at = now(), undeliverable_reason = '550 No such user'
        WHERE email = $1`,
      [gone],
    );
    const campaign = await launched(`主担当交代 ${t}`, [s, u]);

    await patchContacts(s.id, [
      { name: '主', email: first },
      { name: '副', email: deputy, language: 'en', isPrimary: true },
    ]).expect(200);
    await patchContacts(u.id, [
      { name: '主', email: `u-first-${t}@supplier.example` },
      { name: '不達', email: gone, isPrimary: true },
    ]).expect(200);
    await waitUntil(async () => changeMailsTo(deputy).length === 1, {
      timeoutMs: 30_000,
      what: 'the mail to the contact made primary',
    });
    expect(changeMailsTo(deputy)[0].subject).toContain('Questionnaire request to the new contact');
    await api
      .http()
      .get(`/q/${tokenIn(changeMailsTo(deputy)[0])}`)
      .expect(200);
    // The former primary contact is still registered: their link goes on working.
    await api
      .http()
      .get(`/q/${campaign.tokens.get(s.id)}`)
      .expect(200);
    expect(await contactChangeRows(u.id)).toEqual([
      { to_email: gone, status: 'skipped', campaign_id: campaign.id },
    ]);
    expect(mailTo(gone)).toEqual([]);
  });

  it('does the same when the console edit form or an import changes the primary contact', async () => {
    const t = tag();
    const number = corporateNumber(800000000 + Math.floor(Math.random() * 99_999_999));
    const viaForm = await supplier(`フォーム変更 ${t}`, [
      { name: '旧', email: `form-old-${t}@supplier.example` },
    ]);
    const viaImport = await supplier(
      `取込変更 ${t}`,
      [{ name: '旧', email: `import-old-${t}@supplier.example` }],
      { corporateNumber: number },
    );
    await launched(`画面と取込 ${t}`, [viaForm, viaImport]);

    const formNew = `form-new-${t}@supplier.example`;
    const save = () =>
      api
        .http()
        .post(`/console/suppliers/${viaForm.id}/edit`)
        .set('cookie', cookie)
        .set('origin', appOrigin(api))
        .type('form')
        .send({
          name: viaForm.name,
          criticality: '2',
          contactName: '新担当',
          contactEmail: formNew,
          contactLanguage: 'ja',
        })
        .expect(303);
    const saved = await save();
    expect(saved.headers.location).toBe(`/console/suppliers/${viaForm.id}/edit?saved=1&mailed=1`);
    // Saved again with the same contact: nobody is mailed, and the page says only that it saved.
    expect((await save()).headers.location).toBe(`/console/suppliers/${viaForm.id}/edit?saved=1`);
    const told = await api.http().get(saved.headers.location).set('cookie', cookie).expect(200);
    expect(told.text).toContain(
      `新しい主担当者 ${formNew} に、回答中の質問票 1 件へのリンクを「ご担当者変更に伴う回答依頼のご案内」としてメールで送りました。`,
    );
    const toldEn = await api
      .http()
      .get(`${saved.headers.location}&lang=en`)
      .set('cookie', cookie)
      .expect(200);
    expect(toldEn.text).toContain(
      `The new primary contact ${formNew} was mailed their link for 1 open questionnaire(s)`,
    );

    const importNew = `import-new-${t}@supplier.example`;
    const importFile = utf8WithBom([
      JA_HEADER,
      [viaImport.name, number, '', '2', '', '新担当', importNew, 'ja', '', '', ''],
    ]);
    const upload = (dryRun = false) =>
      api
        .http()
        .post(`/api/v1/suppliers/import${dryRun ? '?dryRun=true' : ''}`)
        .set('authorization', `Bearer ${bearer}`)
        .attach('file', importFile, 'contacts.csv')
        .expect(200);
    // The check says who would be mailed, and mails (and writes) nothing.
    expect((await upload(true)).body).toMatchObject({
      dryRun: true,
      updated: 1,
      newContactsMailed: 1,
    });
    expect(await contactChangeRows(viaImport.id)).toEqual([]);
    const page = await api
      .http()
      .post('/console/suppliers/import')
      .set('cookie', cookie)
      .set('origin', appOrigin(api))
      .attach('file', importFile, 'contacts.csv')
      .field('mode', 'all')
      .field('action', 'dry-run')
      .expect(200);
    expect(page.text).toContain(
      '主担当者が変わる 1 社の新しい主担当者に、回答中の質問票へのリンクを「ご担当者変更に伴う回答依頼のご案内」としてメールで送ります。',
    );
    const pageEn = await api
      .http()
      .post('/console/suppliers/import?lang=en')
      .set('cookie', cookie)
      .set('origin', appOrigin(api))
      .attach('file', importFile, 'contacts.csv')
      .field('mode', 'all')
      .field('action', 'dry-run')
      .expect(200);
    expect(pageEn.text).toContain(
      'The new primary contact of 1 supplier(s) would be mailed a link to their open questionnaires',
    );
    expect(await contactChangeRows(viaImport.id)).toEqual([]);

    expect((await upload()).body).toMatchObject({ created: 0, updated: 1, newContactsMailed: 1 });
    expect((await upload()).body).toMatchObject({ updated: 0, unchanged: 1, newContactsMailed: 0 });

    await waitUntil(
      async () => changeMailsTo(formNew).length === 1 && changeMailsTo(importNew).length === 1,
      { timeoutMs: 30_000, what: 'the mails to the new contacts' },
    );
    await waitUntil(mailQueueDrained, { timeoutMs: 30_000, what: 'the mail queue to drain' });
    expect(mailTo(formNew)).toHaveLength(1);
    expect(mailTo(importNew)).toHaveLength(1);
    for (const email of [formNew, importNew]) {
      await api
        .http()
        .get(`/q/${tokenIn(changeMailsTo(email)[0])}`)
        .expect(200);
    }
  });
});

/**
 * Right after a launch the invitations are not written yet (the worker's fan-out does it a few
 * seconds later; here no worker runs at all): they count as queued, not as nothing.
 */
describe('invitation delivery right after a launch', () => {
  let isolated: IsolatedEnvironment;
  let api: TestApi;
  let bearer: string;

  beforeAll(async () => {
    isolated = await isolatedEnvironment('launch-queued');
    api = await startApi({ ...isolated.env, LOGIN_ATTEMPTS_PER_MINUTE_PER_IP: '1000' });
    const tenant = await createTestTenant(api.dataSource, 'launch-queued');
    bearer = await loginToken(api, tenant.users.procurement.email);
  });

  afterAll(async () => {
    await api?.close();
    await isolated?.drop();
  });

  const call = (method: 'get' | 'post' | 'patch', path: string, body?: object) =>
    api.http()[method](`/api/v1${path}`).set('authorization', `Bearer ${bearer}`).send(body);

  it('gives the contact of a second quick change a notice of their own (no worker ran in between)', async () => {
    const t = tag();
    const [a, b, c] = ['a', 'b', 'c'].map((x) => `${x}-${t}@quick.example`);
    const created = await call('post', '/suppliers', {
      name: `二度変更 ${t} 株式会社`,
      contacts: [{ name: 'A', email: a }],
    }).expect(201);
    const supplierId = (created.body as { id: string }).id;
    const campaign = await call('post', '/campaigns', {
      name: `二度変更 ${t}`,
      catalogVersion: 'meti-v3.0+sa-3.1',
      supplierIds: [supplierId],
      dueDate: inDays(14),
    }).expect(201);
    const campaignId = (campaign.body as { id: string }).id;
    await call('post', `/campaigns/${campaignId}/launch`).expect(200);
    // What the fan-out would have written and sent to A.
    await api.dataSource.query(
      `INSERT INTO mail_messages (organization_id, message_key, kind, status, to_email, to_name,
              locale, contact_id, campaign_id, assessment_id)
       SELECT a.organization_id, 'invite:' || a.id, 'invitation', 'sent', ct.email, ct.name, 'ja',
              ct.id, a.campaign_id, a.id
         FROM assessments a JOIN supplier_contacts ct ON ct.supplier_id = a.supplier_id
        WHERE a.campaign_id = $1`,
      [campaignId],
    );

    await call('patch', `/suppliers/${supplierId}`, {
      contacts: [
        { name: 'A', email: a },
        { name: 'B', email: b, isPrimary: true },
      ],
    }).expect(200);
    await call('patch', `/suppliers/${supplierId}`, {
      contacts: [{ name: 'C', email: c }],
    }).expect(200);

    const rows = await api.dataSource.query<{ to_email: string; status: string; named: string }[]>(
      `SELECT m.to_email, m.status, ct.email AS named FROM mail_messages m
         LEFT JOIN supplier_contacts ct ON ct.id::text = split_part(m.message_key, ':', 3)
        WHERE m.campaign_id = $1 AND m.kind = 'contact_changed' ORDER BY m.created_at`,
      [campaignId],
    );
    // B's notice, never sent, is dropped; C gets one that names C and will be sent.
    expect(rows).toEqual([
      { to_email: b, status: 'skipped', named: null },
      { to_email: c, status: 'queued', named: c },
    ]);
  });

  it('counts the invitations the fan-out has not written yet as queued, in the API and on the page', async () => {
    const ids: string[] = [];
    for (const n of [1, 2, 3]) {
      const created = await call('post', '/suppliers', {
        name: `開始直後 ${n} 株式会社`,
        contacts: [{ name: `担当 ${n}`, email: `queued-${n}-${tag()}@supplier.example` }],
      }).expect(201);
      ids.push((created.body as { id: string }).id);
    }
    const created = await call('post', '/campaigns', {
      name: '開始直後の配信',
      catalogVersion: 'meti-v3.0+sa-3.1',
      supplierIds: ids,
      dueDate: inDays(14),
    }).expect(201);
    const id = (created.body as { id: string }).id;
    await call('post', `/campaigns/${id}/launch`).expect(200);
    const [{ n: written }] = await api.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM mail_messages WHERE campaign_id = $1`,
      [id],
    );
    expect(written).toBe(0);

    const detail = await call('get', `/campaigns/${id}`).expect(200);
    expect(detail.body.delivery).toEqual({ queued: 3, sent: 0, failed: 0, skipped: 0 });
    const list = await call('get', `/campaigns/${id}/assessments`).expect(200);
    expect(
      (list.body.items as { delivery: string; invitationEmail: unknown }[]).map((i) => [
        i.delivery,
        i.invitationEmail,
      ]),
    ).toEqual([
      ['queued', null],
      ['queued', null],
      ['queued', null],
    ]);
    const page = await api
      .http()
      .get(`/console/campaigns/${id}`)
      .set('cookie', `kk_session=${bearer}`)
      .expect(200);
    expect(page.text).toContain('<td data-delivery="queued">3</td>');
    expect(page.text.match(/<td data-delivery="queued">送信待ち/g)).toHaveLength(3);
    expect(page.text).not.toContain('未送信');

    // Nobody is reminded before the invitation has gone out: it would be their first mail.
    const [first] = await api.dataSource.query<{ id: string }[]>(
      'SELECT id FROM assessments WHERE campaign_id = $1 LIMIT 1',
      [id],
    );
    const early = await call('post', `/assessments/${first.id}/remind`).expect(409);
    expect(early.body.reason).toBe('not_invited_yet');
    const [{ n: reminders }] = await api.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM mail_messages WHERE message_key LIKE 'remind-now:%'`,
    );
    expect(reminders).toBe(0);

    // Closed before the fan-out ran: nothing will be sent, so nothing is queued any more.
    await call('post', `/campaigns/${id}/close`).expect(200);
    const closed = await call('get', `/campaigns/${id}`).expect(200);
    expect(closed.body.delivery).toEqual({ queued: 0, sent: 0, failed: 0, skipped: 0 });
  });
});
