import { randomBytes } from 'node:crypto';
import { issueAssessmentLink, linkExpiry } from '@kakehashi/auth';
import { SupplierContact } from '@kakehashi/database';
import { RESPOND_COOKIE } from '../../apps/api/src/respond/respond-session.service';
import { corporateNumber, JA_HEADER, utf8WithBom } from '../fixtures/import/supplier-files';
import { createTestAssessment, TestAssessment } from '../support/assessment-factory';
import { csrfOf, pressStart, submitAnswers } from '../support/questionnaire-session';
import {
  appOrigin,
  createTestTenant,
  loginToken,
  startApi,
  TestApi,
  TestTenant,
} from '../support/test-app';

const RESEND_BUTTON = '新しいリンクを送る';

function cookieValue(setCookie: unknown, name: string): string | undefined {
  return new RegExp(`${name}=([^;]+)`).exec(String(setCookie))?.[1];
}

/**
 * Supplier links that stop working: those of a contact procurement removes from the supplier
 * (API, console form; not the import, which keeps the former contact), and every link of an
 * assessment withdrawn on purpose (POST /api/v1/assessments/:id/links/revoke and the console
 * page). A withdrawn link answers 410, and the questionnaire session it was exchanged for ends.
 */
describe('withdrawing supplier links', () => {
  let api: TestApi;
  let tenant: TestTenant;
  let other: TestTenant;
  const bearer: Record<string, string> = {};
  const cookie: Record<string, string> = {};
  let otherAdmin: string;

  beforeAll(async () => {
    api = await startApi({ LOGIN_ATTEMPTS_PER_MINUTE_PER_IP: '1000' });
    tenant = await createTestTenant(api.dataSource, 'link-revoke');
    other = await createTestTenant(api.dataSource, 'link-revoke-other');
    for (const role of ['admin', 'procurement', 'ciso', 'auditor'] as const) {
      bearer[role] = await loginToken(api, tenant.users[role].email);
      cookie[role] = `kk_session=${bearer[role]}`;
    }
    otherAdmin = await loginToken(api, other.users.admin.email);
  });
  afterAll(() => api.close());

  const fresh = (over: Partial<Parameters<typeof createTestAssessment>[1]> = {}) =>
    createTestAssessment(api.dataSource, {
      organizationId: tenant.organizationId,
      ownerId: tenant.users.procurement.id,
      ...over,
    });

  /** A second contact of the assessment's supplier, with a link of its own. */
  async function secondContact(
    a: TestAssessment,
    label: string,
  ): Promise<{ id: string; email: string; token: string }> {
    const email = `${label}-${randomBytes(3).toString('hex')}@supplier.example`;
    const contact = await api.dataSource.getRepository(SupplierContact).save({
      organizationId: a.organizationId,
      supplierId: a.supplierId,
      name: `副担当 ${label}`,
      email,
      language: 'ja',
      isPrimary: false,
    });
    const token = await anotherLink(a, contact.id);
    return { id: contact.id, email, token };
  }

  function anotherLink(a: TestAssessment, contactId: string | null): Promise<string> {
    const due = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    return issueAssessmentLink(api.dataSource.manager, {
      organizationId: a.organizationId,
      assessmentId: a.assessmentId,
      contactId,
      expiresAt: linkExpiry(due, new Date()),
    });
  }

  /** Presses Start on the link; the session cookie and the CSRF token of its pages. */
  async function startSession(token: string): Promise<{ cookie: string; csrf: string }> {
    const started = await pressStart(api, token);
    const value = cookieValue(started.headers['set-cookie'], RESPOND_COOKIE);
    const session = `${RESPOND_COOKIE}=${value}`;
    const page = await api.http().get('/q/s/sections/profile').set('cookie', session).expect(200);
    return { cookie: session, csrf: csrfOf(page.text) };
  }

  const respond = (token: string) => api.http().get(`/api/v1/respond/${token}`);
  const saveBySession = (a: TestAssessment, session: { cookie: string; csrf: string }) =>
    api
      .http()
      .put(`/q/s/a/${a.assessmentId}/answers`)
      .set('cookie', session.cookie)
      .set('x-csrf-token', session.csrf)
      .send({ version: 0, answers: { 'P.EMPLOYEES': 12 } });
  const patchContacts = (
    supplierId: string,
    contacts: { name: string; email: string; isPrimary?: boolean }[],
  ) =>
    api
      .http()
      .patch(`/api/v1/suppliers/${supplierId}`)
      .set('authorization', `Bearer ${bearer.procurement}`)
      .send({ contacts });
  const linkRows = (assessmentId: string) =>
    api.dataSource.query<{ contact_id: string | null; revoked: boolean }[]>(
      `SELECT contact_id, revoked_at IS NOT NULL AS revoked FROM assessment_links
        WHERE assessment_id = $1 ORDER BY created_at, id`,
      [assessmentId],
    );
  const auditOf = (action: string, targetId: string) =>
    api.dataSource.query<{ actor_id: string; details: Record<string, unknown> }[]>(
      `SELECT actor_id, details FROM audit_events WHERE action = $1 AND target_id = $2 ORDER BY id`,
      [action, targetId],
    );

  /** The link answers the 410 of a withdrawn link: API JSON and the page offering a fresh one. */
  async function expectRevoked(token: string): Promise<void> {
    const json = await respond(token).expect(410);
    expect(json.body).toMatchObject({ statusCode: 410, reason: 'revoked' });
    const page = await api.http().get(`/q/${token}`).expect(410);
    expect(page.text).toContain('このリンクは有効期限切れか、無効になっています');
    expect(page.text).toContain(RESEND_BUTTON);
  }

  describe('when procurement removes a contact', () => {
    it('withdraws the removed contact’s links and ends their session; a contact that stays keeps working', async () => {
      const a = await fresh();
      const kept = await secondContact(a, 'kept');
      const leaving = await startSession(a.token);
      const staying = await startSession(kept.token);
      await saveBySession(a, leaving).expect(200);

      const newEmail = `new-${randomBytes(3).toString('hex')}@supplier.example`;
      await patchContacts(a.supplierId, [
        { name: '残る担当', email: kept.email, isPrimary: true },
        { name: '新しい担当', email: newEmail },
      ]).expect(200);

      await expectRevoked(a.token);
      await api
        .http()
        .put(`/api/v1/respond/${a.token}/answers`)
        .send({ version: 1, answers: { 'P.EMPLOYEES': 13 } })
        .expect(410);
      await api.http().post(`/api/v1/respond/${a.token}/submit`).expect(410);
      // The session exchanged for the removed contact's link ends with it.
      const ended = await api
        .http()
        .get('/q/s/sections/profile')
        .set('cookie', leaving.cookie)
        .expect(410);
      expect(ended.text).toContain(RESEND_BUTTON);
      const refused = await api
        .http()
        .put(`/q/s/a/${a.assessmentId}/answers`)
        .set('cookie', leaving.cookie)
        .set('x-csrf-token', leaving.csrf)
        .send({ version: 1, answers: { 'P.EMPLOYEES': 13 } })
        .expect(410);
      expect(refused.body).toMatchObject({ reason: 'revoked' });

      // The contact who stays: link and session go on (version 1 is the removed one's save).
      await respond(kept.token).expect(200);
      await api.http().get('/q/s/sections/profile').set('cookie', staying.cookie).expect(200);
      await api
        .http()
        .put(`/q/s/a/${a.assessmentId}/answers`)
        .set('cookie', staying.cookie)
        .set('x-csrf-token', staying.csrf)
        .send({ version: 1, answers: { 'P.EMPLOYEES': 14 } })
        .expect(200);

      expect(await linkRows(a.assessmentId)).toEqual([
        { contact_id: null, revoked: true },
        { contact_id: kept.id, revoked: false },
      ]);
      const [audit] = await auditOf('supplier.update', a.supplierId);
      expect(audit.details).toMatchObject({ removedContacts: 1, revokedLinks: 1 });
    });

    it('sends a fresh link asked for from a withdrawn link to the current primary contact, never to the removed one', async () => {
      const a = await fresh();
      const newEmail = `successor-${randomBytes(3).toString('hex')}@supplier.example`;
      await patchContacts(a.supplierId, [{ name: '後任', email: newEmail }]).expect(200);
      const gone = await api.http().get(`/q/${a.token}`).expect(410);
      await api
        .http()
        .post(`/q/${a.token}/resend`)
        .type('form')
        .send({ _csrf: csrfOf(gone.text), email: a.contactEmail })
        .expect(200);
      const mails = await api.dataSource.query<{ kind: string; to_email: string }[]>(
        `SELECT kind, to_email FROM mail_messages WHERE assessment_id = $1`,
        [a.assessmentId],
      );
      expect(mails).toEqual([{ kind: 'link', to_email: newEmail }]);
    });

    it('sends mail not yet sent to the removed contact to the new primary contact instead', async () => {
      const a = await fresh();
      await submitAnswers(api, { token: a.token });
      await api
        .http()
        .post(`/api/v1/assessments/${a.assessmentId}/reopen`)
        .set('authorization', `Bearer ${bearer.procurement}`)
        .send({ message: '指示8の回答を見直してください' })
        .expect(200);
      const successor = `successor-${randomBytes(3).toString('hex')}@supplier.example`;
      await patchContacts(a.supplierId, [{ name: 'Successor', email: successor }]).expect(200);
      const [contact] = await api.dataSource.query<{ id: string }[]>(
        `SELECT id FROM supplier_contacts WHERE supplier_id = $1 AND is_primary`,
        [a.supplierId],
      );
      const mails = await api.dataSource.query<
        { kind: string; status: string; to_email: string; to_name: string; contact_id: string }[]
      >(
        `SELECT kind, status, to_email, to_name, contact_id FROM mail_messages
          WHERE assessment_id = $1 AND kind <> 'submission_receipt'`,
        [a.assessmentId],
      );
      expect(mails).toEqual([
        {
          kind: 'reopened',
          status: 'queued',
          to_email: successor,
          to_name: 'Successor',
          contact_id: contact.id,
        },
      ]);
    });

    it('withdraws the link when the console edit form replaces the primary contact', async () => {
      const a = await fresh();
      const email = `form-${randomBytes(3).toString('hex')}@supplier.example`;
      const [supplier] = await api.dataSource.query<{ name: string }[]>(
        'SELECT name FROM suppliers WHERE id = $1',
        [a.supplierId],
      );
      await api
        .http()
        .post(`/console/suppliers/${a.supplierId}/edit`)
        .set('cookie', cookie.procurement)
        .set('origin', appOrigin(api))
        .type('form')
        .send({
          name: supplier.name,
          criticality: '2',
          contactName: '新しい主担当',
          contactEmail: email,
          contactLanguage: 'ja',
        })
        .expect(303);
      await expectRevoked(a.token);
      // Saving the form again with the same contact withdraws nothing more.
      const kept = await anotherLink(
        a,
        (
          await api.dataSource.query<{ id: string }[]>(
            'SELECT id FROM supplier_contacts WHERE supplier_id = $1',
            [a.supplierId],
          )
        )[0].id,
      );
      await api
        .http()
        .post(`/console/suppliers/${a.supplierId}/edit`)
        .set('cookie', cookie.procurement)
        .set('origin', appOrigin(api))
        .type('form')
        .send({
          name: supplier.name,
          criticality: '3',
          contactName: '新しい主担当',
          contactEmail: email.toUpperCase(),
          contactLanguage: 'ja',
        })
        .expect(303);
      await respond(kept).expect(200);
    });

    it('keeps the former contact’s link when an import names a new primary contact (the former one stays registered)', async () => {
      const a = await fresh();
      const number = corporateNumber(700000000 + Math.floor(Math.random() * 99_999_999));
      await api.dataSource.query('UPDATE suppliers SET corporate_number = $2 WHERE id = $1', [
        a.supplierId,
        number,
      ]);
      const [supplier] = await api.dataSource.query<{ name: string }[]>(
        'SELECT name FROM suppliers WHERE id = $1',
        [a.supplierId],
      );
      const newEmail = `import-${randomBytes(3).toString('hex')}@supplier.example`;
      const rows = [
        JA_HEADER,
        [supplier.name, number, '', '2', '', '新担当', newEmail, 'ja', '', '', ''],
      ];
      const imported = await api
        .http()
        .post('/api/v1/suppliers/import')
        .set('authorization', `Bearer ${bearer.procurement}`)
        .attach('file', utf8WithBom(rows), 'contacts.csv')
        .expect(200);
      expect(imported.body).toMatchObject({ created: 0, updated: 1 });
      const contacts = await api.dataSource.query<{ email: string; is_primary: boolean }[]>(
        `SELECT email, is_primary FROM supplier_contacts WHERE supplier_id = $1 ORDER BY is_primary`,
        [a.supplierId],
      );
      expect(contacts).toEqual([
        { email: a.contactEmail, is_primary: false },
        { email: newEmail, is_primary: true },
      ]);
      await respond(a.token).expect(200);
    });

    it('says “closed” for a removed contact’s link of a closed campaign, offering no fresh link', async () => {
      const a = await fresh({ campaignStatus: 'closed' });
      await patchContacts(a.supplierId, [{ name: '後任', email: `c-${a.contactEmail}` }]).expect(
        200,
      );
      const json = await respond(a.token).expect(410);
      expect(json.body).toMatchObject({ reason: 'closed' });
      const page = await api.http().get(`/q/${a.token}`).expect(410);
      expect(page.text).toContain('回答の受付は終了しました');
      expect(page.text).not.toContain(RESEND_BUTTON);
    });
  });

  describe('POST /api/v1/assessments/:id/links/revoke', () => {
    const revoke = (id: string, token: string) =>
      api
        .http()
        .post(`/api/v1/assessments/${id}/links/revoke`)
        .set('authorization', `Bearer ${token}`);

    it('withdraws every working link of the assessment, for procurement and admins only, audited', async () => {
      const a = await fresh();
      const second = await anotherLink(a, a.contactId);
      const session = await startSession(a.token);

      for (const role of ['ciso', 'auditor'] as const) {
        await revoke(a.assessmentId, bearer[role]).expect(403);
      }
      await revoke(a.assessmentId, otherAdmin).expect(404);
      await revoke('not-an-id', bearer.procurement).expect(404);
      await revoke('00000000-0000-4000-8000-000000000000', bearer.procurement).expect(404);
      await respond(a.token).expect(200);

      const done = await revoke(a.assessmentId, bearer.procurement).expect(200);
      expect(done.body).toEqual({ revoked: 2 });
      await expectRevoked(a.token);
      await expectRevoked(second);
      await saveBySession(a, session).expect(410);
      await api.http().get('/q/s/overview').set('cookie', session.cookie).expect(410);

      const again = await revoke(a.assessmentId, bearer.admin).expect(200);
      expect(again.body).toEqual({ revoked: 0 });
      expect(await auditOf('assessment.links_revoked', a.assessmentId)).toEqual([
        { actor_id: tenant.users.procurement.id, details: { revoked: 2 } },
        { actor_id: tenant.users.admin.id, details: { revoked: 0 } },
      ]);
    });

    it('mails a fresh link asked for from a withdrawn link only to the registered contact', async () => {
      const a = await fresh();
      await revoke(a.assessmentId, bearer.procurement).expect(200);
      const gone = await api.http().get(`/q/${a.token}`).expect(410);
      await api
        .http()
        .post(`/q/${a.token}/resend`)
        .type('form')
        .send({ _csrf: csrfOf(gone.text), email: 'someone-else@evil.example' })
        .expect(200);
      const mails = await api.dataSource.query<{ kind: string; to_email: string }[]>(
        `SELECT kind, to_email FROM mail_messages WHERE assessment_id = $1`,
        [a.assessmentId],
      );
      expect(mails).toEqual([{ kind: 'link', to_email: a.contactEmail }]);
    });

    it('refuses a closed campaign’s assessment with 409 (its links no longer open anyway)', async () => {
      const a = await fresh({ campaignStatus: 'closed' });
      const refused = await revoke(a.assessmentId, bearer.procurement).expect(409);
      expect(refused.body.message).toContain('is closed');
      expect(await linkRows(a.assessmentId)).toEqual([{ contact_id: a.contactId, revoked: false }]);
    });
  });

  describe('the console assessment page', () => {
    const page = (id: string, as: string, query = '') =>
      api.http().get(`/console/assessments/${id}${query}`).set('cookie', as);
    const post = (id: string, as: string, form: Record<string, string>, origin = appOrigin(api)) =>
      api
        .http()
        .post(`/console/assessments/${id}/links/revoke`)
        .set('cookie', as)
        .set('origin', origin)
        .type('form')
        .send(form);

    it('withdraws the links behind a confirmation tick and says how many stopped working', async () => {
      const a = await fresh();
      for (const role of ['ciso', 'auditor'] as const) {
        const { text } = await page(a.assessmentId, cookie[role]).expect(200);
        expect(text).not.toContain('data-testid="revoke-form"');
        const refused = await post(a.assessmentId, cookie[role], { confirm: 'yes' }).expect(403);
        expect(refused.text).toContain('この操作は許可されていません');
      }
      // Signed out: to the login page, then back to the assessment page (not to the action).
      const signedOut = await api
        .http()
        .post(`/console/assessments/${a.assessmentId}/links/revoke`)
        .set('origin', appOrigin(api))
        .type('form')
        .send({ confirm: 'yes' })
        .expect(303);
      expect(signedOut.headers.location).toBe(
        `/login?next=${encodeURIComponent(`/console/assessments/${a.assessmentId}`)}`,
      );
      const { text: form } = await page(a.assessmentId, cookie.procurement).expect(200);
      expect(form).toContain(`action="/console/assessments/${a.assessmentId}/links/revoke"`);
      expect(form).toContain('リンクを無効にする');
      expect(form).toContain('現在有効なリンク: 1 件');
      expect(form).toContain('新しいリンクは登録済みの担当者のメールアドレスにだけ送られます');

      // No tick: refused in the page's words, nothing withdrawn.
      const unticked = await post(a.assessmentId, cookie.procurement, {}).expect(400);
      expect(unticked.text).toContain(
        'リンクを無効にするには、確認のチェックを入れてから「リンクを無効にする」を押してください。',
      );
      expect(unticked.text).toContain('aria-invalid="true"');
      const crossSite = await post(
        a.assessmentId,
        cookie.procurement,
        { confirm: 'yes' },
        'https://evil.example',
      ).expect(403);
      expect(crossSite.text).toContain('別のサイトから送信されたフォームは受け付けられません。');
      const foreign = await api
        .http()
        .post(`/console/assessments/${a.assessmentId}/links/revoke`)
        .set('cookie', `kk_session=${otherAdmin}`)
        .set('origin', appOrigin(api))
        .type('form')
        .send({ confirm: 'yes' })
        .expect(404);
      expect(foreign.text).not.toContain('テスト部品工業');
      await respond(a.token).expect(200);

      const done = await post(a.assessmentId, cookie.procurement, { confirm: 'yes' }).expect(303);
      expect(done.headers.location).toBe(
        `/console/assessments/${a.assessmentId}?done=links-revoked&revoked=1`,
      );
      await expectRevoked(a.token);
      const { text: after } = await page(
        a.assessmentId,
        cookie.procurement,
        '?done=links-revoked&revoked=1',
      ).expect(200);
      expect(after).toContain(
        '1 件のリンクを無効にしました。サプライヤーは新しいリンクを依頼できますが、登録済みの担当者のメールアドレスにだけ送られます。',
      );
      expect(after).toContain('現在有効なリンク: 0 件');
      const { text: english } = await page(
        a.assessmentId,
        cookie.procurement,
        '?done=links-revoked&revoked=1&lang=en',
      ).expect(200);
      expect(english).toContain(
        '1 link stopped working. The supplier can ask for a new one, which is mailed only to the contact’s registered address.',
      );
      expect(english).toContain('Withdraw the links');

      // An admin may too; with nothing working any more the page says so.
      const again = await post(a.assessmentId, cookie.admin, { confirm: 'yes' }).expect(303);
      const { text: none } = await page(
        a.assessmentId,
        cookie.admin,
        new URL(again.headers.location, 'http://x').search,
      ).expect(200);
      expect(none).toContain('有効なリンクはありませんでした。無効にしたリンクはありません。');
      expect(await auditOf('assessment.links_revoked', a.assessmentId)).toHaveLength(2);
    });

    it('offers no withdrawal on a closed campaign and says why if posted', async () => {
      const a = await fresh({ campaignStatus: 'closed' });
      const { text } = await page(a.assessmentId, cookie.procurement).expect(200);
      expect(text).not.toContain('data-testid="revoke-form"');
      const refused = await post(a.assessmentId, cookie.procurement, { confirm: 'yes' }).expect(
        409,
      );
      expect(refused.text).toContain(
        'このキャンペーンは終了しているため、リンクはすでに開けません。',
      );
    });
  });
});
