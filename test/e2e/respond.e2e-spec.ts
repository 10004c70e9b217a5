import { DataSource } from 'typeorm';
import { ANSWER_FIXTURES } from '@kakehashi/domain';
import { JobIds } from '@kakehashi/queue';
import { createTestAssessment, TestAssessment } from '../support/assessment-factory';
import { csrfOf, pressStart } from '../support/questionnaire-session';
import { createTestTenant, startApi, TestApi, TestTenant } from '../support/test-app';

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);

async function statusOf(dataSource: DataSource, id: string): Promise<string> {
  const rows = (await dataSource.query('SELECT status FROM assessments WHERE id = $1', [id])) as {
    status: string;
  }[];
  return rows[0].status;
}

describe('supplier questionnaire link and token API (real Postgres)', () => {
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
    tenant = await createTestTenant(api.dataSource, 'respond');
  });
  afterAll(() => api.close());

  /** Presses Start like a person: GET the page, POST its form; returns the session cookie. */
  async function startSession(a: TestAssessment): Promise<string> {
    const started = await pressStart(api, a.token);
    // The session's pages and its cookie live under the assessment's own path.
    expect(started.headers.location).toBe(`/q/s/${a.assessmentId}/sections/profile`);
    expect(String(started.headers['set-cookie'])).toContain(`Path=/q/s/${a.assessmentId};`);
    const cookie = String(started.headers['set-cookie']).match(/kk_respond=[^;]+/)?.[0];
    expect(String(started.headers['set-cookie'])).toMatch(/HttpOnly/i);
    expect(String(started.headers['set-cookie'])).toMatch(/SameSite=Strict/i);
    return cookie!;
  }

  it('GET and HEAD on a fresh link change nothing and leave the link usable', async () => {
    const a = await fresh();
    const page = await api.http().get(`/q/${a.token}`).expect(200);
    expect(page.text).toContain('回答を始める');
    expect(page.headers['content-type']).toMatch(/text\/html/);
    await api.http().head(`/q/${a.token}`).expect(200);
    await api.http().get(`/q/${a.token}`).expect(200);
    expect(await statusOf(api.dataSource, a.assessmentId)).toBe('invited');
    const opened = (await api.dataSource.query('SELECT opened_at FROM assessments WHERE id = $1', [
      a.assessmentId,
    ])) as { opened_at: Date | null }[];
    expect(opened[0].opened_at).toBeNull();

    await startSession(a);
    expect(await statusOf(api.dataSource, a.assessmentId)).toBe('opened');
    const audit = (await api.dataSource.query(
      `SELECT action FROM audit_events WHERE target_id = $1`,
      [a.assessmentId],
    )) as { action: string }[];
    expect(audit.map((e) => e.action)).toContain('assessment.opened');
    // A colleague can still use the same link.
    await startSession(a);
  });

  it('answers an unknown link with a friendly 404 page and expired, revoked or closed ones with 410', async () => {
    const unknown = await api
      .http()
      .get(`/q/${'x'.repeat(43)}`)
      .expect(404);
    expect(unknown.text).toContain('リンクが見つかりません');

    const expired = await fresh({ expiresAt: new Date(Date.now() - 1000) });
    const gone = await api.http().get(`/q/${expired.token}`).expect(410);
    expect(gone.text).toContain('新しいリンクを送る');
    await api.http().get(`/api/v1/respond/${expired.token}`).expect(410);

    const revoked = await fresh();
    await api.dataSource.query(
      'UPDATE assessment_links SET revoked_at = now() WHERE assessment_id = $1',
      [revoked.assessmentId],
    );
    await api.http().get(`/q/${revoked.token}`).expect(410);

    const closed = await fresh({ campaignStatus: 'closed' });
    const closedPage = await api.http().get(`/q/${closed.token}`).expect(410);
    expect(closedPage.text).not.toContain('新しいリンクを送る');
  });

  it('names the buyer and whom to contact in the JSON 410 of a dead link, and nobody in the 404 of an unknown one', async () => {
    const own = await createTestTenant(api.dataSource, 'respond-gone');
    const people = new Map(
      (
        await api.dataSource.query<{ role: string; name: string; email: string }[]>(
          `SELECT role, display_name AS name, email FROM users WHERE organization_id = $1`,
          [own.organizationId],
        )
      ).map((u) => [u.role, { name: u.name, email: u.email }]),
    );
    const [{ organizationName }] = await api.dataSource.query<{ organizationName: string }[]>(
      'SELECT name AS "organizationName" FROM organizations WHERE id = $1',
      [own.organizationId],
    );
    const create = (over: Partial<Parameters<typeof createTestAssessment>[1]> = {}) =>
      createTestAssessment(api.dataSource, {
        organizationId: own.organizationId,
        ownerId: own.users.procurement.id,
        ...over,
      });
    const owner = { organizationName, buyerContact: people.get('procurement') };

    // Expired: the dead-link wording, the reason, and the campaign owner to contact.
    const expired = await create({ expiresAt: new Date(Date.now() - 1000) });
    const read = await api.http().get(`/api/v1/respond/${expired.token}`).expect(410);
    expect(read.body).toEqual({
      statusCode: 410,
      error: 'Gone',
      message: 'This link has expired or was withdrawn; request a fresh link',
      messageJa: 'このリンクは有効期限切れか、無効になっています。新しいリンクを依頼してください',
      reason: 'expired',
      requester: owner,
    });

    // Withdrawn: every token route says the same (save, submit, read).
    const revoked = await create();
    await api
      .http()
      .put(`/api/v1/respond/${revoked.token}/answers`)
      .send({ version: 0, answers: { 'P.SIZE': 'sme' } })
      .expect(200);
    await api.dataSource.query(
      'UPDATE assessment_links SET revoked_at = now() WHERE assessment_id = $1',
      [revoked.assessmentId],
    );
    const saved = await api
      .http()
      .put(`/api/v1/respond/${revoked.token}/answers`)
      .send({ version: 1, answers: { 'P.SIZE': 'large' } })
      .expect(410);
    expect(saved.body).toMatchObject({ reason: 'revoked', requester: owner });
    const submitted = await api.http().post(`/api/v1/respond/${revoked.token}/submit`).expect(410);
    expect(submitted.body).toMatchObject({ reason: 'revoked', requester: owner });

    // Closed campaign: its own wording, the same contact.
    const closed = await create({ campaignStatus: 'closed' });
    const closedRead = await api.http().get(`/api/v1/respond/${closed.token}`).expect(410);
    expect(closedRead.body).toMatchObject({
      message: 'This questionnaire is closed',
      messageJa: 'この調査は締め切られました',
      reason: 'closed',
      requester: owner,
    });

    // The owner left: the organization's admin answers instead, as on the pages and in the mails.
    await api.dataSource.query('UPDATE users SET deactivated_at = now() WHERE id = $1', [
      own.users.procurement.id,
    ]);
    const fallback = await api.http().get(`/api/v1/respond/${expired.token}`).expect(410);
    expect(fallback.body.requester).toEqual({
      organizationName,
      buyerContact: people.get('admin'),
    });

    // A token that names no link: a 404 naming nobody.
    const unknown = await api
      .http()
      .get(`/api/v1/respond/${'z'.repeat(43)}`)
      .expect(404);
    expect(unknown.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'Unknown link' });

    // The OpenAPI document describes that body.
    const doc = (await api.http().get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    const ref = (schema: unknown) =>
      doc.components.schemas[
        JSON.stringify(schema).match(/#\/components\/schemas\/(\w+)/)?.[1] ?? ''
      ];
    for (const [path, method] of [
      ['/api/v1/respond/{token}', 'get'],
      ['/api/v1/respond/{token}/answers', 'put'],
      ['/api/v1/respond/{token}/submit', 'post'],
      ['/api/v1/respond/{token}/evidence', 'post'],
    ]) {
      const goneBody = ref(doc.paths[path][method].responses['410']);
      expect(Object.keys(goneBody?.properties ?? {})).toEqual(
        expect.arrayContaining(['message', 'messageJa', 'reason', 'requester']),
      );
      const requester = ref(goneBody!.properties!.requester);
      expect(Object.keys(requester?.properties ?? {})).toEqual([
        'organizationName',
        'buyerContact',
      ]);
      const contact = ref(requester!.properties!.buyerContact);
      expect(Object.keys(contact?.properties ?? {})).toEqual(['name', 'email']);
    }
  });

  it('sends a fresh link for an expired one to the registered contact only, once per window', async () => {
    const expired = await fresh({ expiresAt: new Date(Date.now() - 1000) });
    const page = await api.http().get(`/q/${expired.token}`).expect(410);
    const csrf = csrfOf(page.text);
    await api
      .http()
      .post(`/q/${expired.token}/resend`)
      .type('form')
      .send({ _csrf: csrf, email: 'attacker@evil.example' })
      .expect(200);
    await api
      .http()
      .post(`/q/${expired.token}/resend`)
      .type('form')
      .send({ _csrf: csrf })
      .expect(200);
    const mails = (await api.dataSource.query(
      `SELECT kind, to_email, message_key FROM mail_messages WHERE assessment_id = $1`,
      [expired.assessmentId],
    )) as { kind: string; to_email: string; message_key: string }[];
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ kind: 'link', to_email: expired.contactEmail });
    const outbox = (await api.dataSource.query(
      `SELECT queue, job_name FROM outbox WHERE job_id = $1`,
      [JobIds.sendMail(mails[0].message_key)],
    )) as unknown[];
    expect(outbox).toEqual([{ queue: 'mail', job_name: 'send-mail' }]);
    // Without the page's CSRF token nothing is sent.
    const other = await fresh({ expiresAt: new Date(Date.now() - 1000) });
    await api
      .http()
      .post(`/q/${other.token}/resend`)
      .type('form')
      .send({ _csrf: csrf })
      .expect(410);
    expect(
      await api.dataSource.query(`SELECT 1 FROM mail_messages WHERE assessment_id = $1`, [
        other.assessmentId,
      ]),
    ).toHaveLength(0);
  });

  it('refuses the start without the page CSRF token and opens nothing', async () => {
    const a = await fresh();
    await api.http().post(`/q/${a.token}/start`).type('form').send({ _csrf: 'forged' }).expect(403);
    expect(await statusOf(api.dataSource, a.assessmentId)).toBe('invited');
  });

  it('saves partial answers, refuses a stale version with the current answers, clears with null', async () => {
    const a = await fresh();
    const doc = await api.http().get(`/api/v1/respond/${a.token}`).expect(200);
    expect(doc.body).toMatchObject({
      assessmentId: a.assessmentId,
      status: 'invited',
      version: 0,
      supplier: { name: expect.stringContaining('テスト部品工業') },
    });
    const saId = doc.body.sections
      .flatMap((s: { items: { id: string; visible: boolean }[] }) => s.items)
      .find((i: { id: string }) => i.id === 'SA.ID');
    expect(saId.visible).toBe(false);

    const first = await api
      .http()
      .put(`/api/v1/respond/${a.token}/answers`)
      .send({ version: 0, answers: { 'SA.LEVEL': 'star1', 'P.EMPLOYEES': 45 } })
      .expect(200);
    expect(first.body).toEqual({ version: 1 });
    const stale = await api
      .http()
      .put(`/api/v1/respond/${a.token}/answers`)
      .send({ version: 0, answers: { 'P.EMPLOYEES': 12 } })
      .expect(409);
    expect(stale.body).toMatchObject({
      statusCode: 409,
      version: 1,
      answers: { 'SA.LEVEL': 'star1', 'P.EMPLOYEES': 45 },
    });
    await api
      .http()
      .put(`/api/v1/respond/${a.token}/answers`)
      .send({ version: 1, answers: { 'P.EMPLOYEES': null } })
      .expect(200);

    const after = await api.http().get(`/api/v1/respond/${a.token}`).expect(200);
    const items = after.body.sections.flatMap((s: { items: unknown[] }) => s.items) as {
      id: string;
      visible: boolean;
      required: boolean;
      answer?: unknown;
    }[];
    expect(items.find((i) => i.id === 'SA.ID')).toMatchObject({ visible: true, required: true });
    expect(items.find((i) => i.id === 'P.EMPLOYEES')!.answer).toBeUndefined();
    expect(after.body.status).toBe('in_progress');

    const bad = await api
      .http()
      .put(`/api/v1/respond/${a.token}/answers`)
      .send({ version: 2, answers: { 'D01.M': 9 } })
      .expect(400);
    // Programs get the item id; people read the item's text in their language.
    expect(bad.body.itemId).toBe('D01.M');
    expect(bad.body.message).toContain('D01.M');
    expect(bad.body.messageEn).toContain(
      'Answer to "Rate your overall maturity for this directive (5 levels)"',
    );
    expect(bad.body.messageJa).toContain('「この項目全体の成熟度を自己評価してください（5段階）」');
    expect(`${bad.body.messageEn} ${bad.body.messageJa}`).not.toContain('D01.M');
    // Revoking the link stops saves at once (the token's fixed facts may be cached, the check is not).
    const other = await fresh();
    await api
      .http()
      .put(`/api/v1/respond/${other.token}/answers`)
      .send({ version: 0, answers: { 'P.SIZE': 'sme' } })
      .expect(200);
    await api.dataSource.query(
      'UPDATE assessment_links SET revoked_at = now() WHERE assessment_id = $1',
      [other.assessmentId],
    );
    await api
      .http()
      .put(`/api/v1/respond/${other.token}/answers`)
      .send({ version: 1, answers: { 'P.SIZE': 'large' } })
      .expect(410);
    await api.dataSource.query(`UPDATE campaigns SET status = 'closed' WHERE id = $1`, [
      a.campaignId,
    ]);
    await api
      .http()
      .put(`/api/v1/respond/${a.token}/answers`)
      .send({ version: 2, answers: { 'P.SIZE': 'large' } })
      .expect(410);
    await api.dataSource.query(`UPDATE campaigns SET status = 'launched' WHERE id = $1`, [
      a.campaignId,
    ]);

    const unknownItem = await api
      .http()
      .put(`/api/v1/respond/${a.token}/answers`)
      .send({ version: 2, answers: { 'NOPE.1': 'x' } })
      .expect(400);
    expect(unknownItem.body.message).toContain('NOPE.1');
  });

  it('refuses a declaration or an audit dated in the future with 400 naming the item', async () => {
    const a = await fresh();
    const declared = await api
      .http()
      .put(`/api/v1/respond/${a.token}/answers`)
      .send({ version: 0, answers: { 'SA.LEVEL': 'star1', 'SA.DATE': '2099-01-01' } })
      .expect(400);
    expect(declared.body).toMatchObject({ statusCode: 400, itemId: 'SA.DATE' });
    expect(declared.body.message).toContain('SA.DATE');
    expect(declared.body.messageJa).toBe('「宣言日」：未来の日付は入力できません（2099-01-01）');
    expect(declared.body.messageEn).toContain('A future date cannot be entered');
    const audited = await api
      .http()
      .put(`/api/v1/respond/${a.token}/answers`)
      .send({ version: 0, answers: { 'SS.KINDS': ['audit'], 'SS.LAST': '2099-12-31' } })
      .expect(400);
    expect(audited.body.itemId).toBe('SS.LAST');
    // Nothing of a refused save is kept; a past date saves.
    await api
      .http()
      .put(`/api/v1/respond/${a.token}/answers`)
      .send({ version: 0, answers: { 'SA.LEVEL': 'star1', 'SA.DATE': '2026-04-20' } })
      .expect(200);
  });

  it('lists missing required items on submit, locks on success, writes one scoring outbox row, refuses a second submit', async () => {
    const a = await fresh();
    await api
      .http()
      .put(`/api/v1/respond/${a.token}/answers`)
      .send({ version: 0, answers: { 'P.INDUSTRY': 'services' } })
      .expect(200);
    const missing = await api.http().post(`/api/v1/respond/${a.token}/submit`).expect(400);
    expect(missing.body.missing).toEqual(
      expect.arrayContaining(['P.CAPITAL', 'D01.1', 'SA.LEVEL']),
    );
    expect(missing.body.missing).not.toContain('P.INDUSTRY');

    const { answers } = ANSWER_FIXTURES.smeStarOtasuketai;
    await api
      .http()
      .put(`/api/v1/respond/${a.token}/answers`)
      .send({ version: 1, answers })
      .expect(200);
    await api.http().post(`/api/v1/respond/${a.token}/submit`).expect(200);
    const again = await api.http().post(`/api/v1/respond/${a.token}/submit`).expect(409);
    expect(again.body.statusCode).toBe(409);
    await api
      .http()
      .put(`/api/v1/respond/${a.token}/answers`)
      .send({ version: 2, answers: { 'P.EMPLOYEES': 1 } })
      .expect(409);

    const row = (await api.dataSource.query(
      'SELECT status, submission_count, submitted_by, submitted_at FROM assessments WHERE id = $1',
      [a.assessmentId],
    )) as Record<string, unknown>[];
    expect(row[0]).toMatchObject({
      status: 'submitted',
      submission_count: 1,
      submitted_by: a.contactEmail,
    });
    const outbox = (await api.dataSource.query(
      `SELECT job_id, job_name, payload FROM outbox WHERE queue = 'scoring' AND payload->>'assessmentId' = $1`,
      [a.assessmentId],
    )) as Record<string, unknown>[];
    expect(outbox).toEqual([
      {
        job_id: JobIds.score(a.assessmentId, 1),
        job_name: 'score-assessment',
        payload: {
          organizationId: tenant.organizationId,
          assessmentId: a.assessmentId,
          submission: 1,
        },
      },
    ]);
    // After submission the link shows that it was submitted, and no Start button.
    const page = await api.http().get(`/q/${a.token}`).expect(200);
    expect(page.text).toContain('提出済み');
    expect(page.text).not.toContain('回答を始める');
  });

  it('accepts PDF evidence, refuses over 10 MB with 413 and a wrong type with 415', async () => {
    const a = await fresh();
    const ok = await api
      .http()
      .post(`/api/v1/respond/${a.token}/evidence`)
      .attach('file', PDF, 'セキュリティ報告書.pdf')
      .expect(201);
    expect(ok.body.id).toMatch(/^[0-9a-f-]{36}$/);
    await api
      .http()
      .put(`/api/v1/respond/${a.token}/answers`)
      .send({ version: 0, answers: { 'SS.REPORT': ok.body.id } })
      .expect(200);

    const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024 + 10, 0x20)]);
    const tooLarge = await api
      .http()
      .post(`/api/v1/respond/${a.token}/evidence`)
      .attach('file', big, 'big.pdf');
    expect(tooLarge.status).toBe(413);
    const html = await api
      .http()
      .post(`/api/v1/respond/${a.token}/evidence`)
      .attach('file', Buffer.from('<html><script>alert(1)</script></html>'), {
        filename: 'x.pdf',
        contentType: 'application/pdf',
      })
      .expect(415);
    expect(html.body.statusCode).toBe(415);
    const other = await fresh();
    const foreign = await api
      .http()
      .put(`/api/v1/respond/${other.token}/answers`)
      .send({ version: 0, answers: { 'SS.REPORT': ok.body.id } })
      .expect(400);
    expect(foreign.body.itemId).toBe('SS.REPORT');
    expect(foreign.body.message).toContain('SS.REPORT');
    expect(foreign.body.messageJa).toBe(
      '「報告書（任意）」：この調査票にアップロードされていないファイルです',
    );
  });
});
