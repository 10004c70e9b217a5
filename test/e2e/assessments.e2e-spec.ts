import { JobIds } from '@kakehashi/queue';
import { createTestAssessment, TestAssessment } from '../support/assessment-factory';
import { pressStart, submitAnswers } from '../support/questionnaire-session';
import { createTestTenant, loginToken, startApi, TestApi, TestTenant } from '../support/test-app';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

describe('buyer view of an assessment: answers, score, reopen, evidence', () => {
  let api: TestApi;
  let tenant: TestTenant;
  let other: TestTenant;
  let procurement: string;
  let ciso: string;
  let otherAdmin: string;

  beforeAll(async () => {
    api = await startApi({ LOGIN_ATTEMPTS_PER_MINUTE_PER_IP: '1000' });
    tenant = await createTestTenant(api.dataSource, 'assess');
    other = await createTestTenant(api.dataSource, 'assess-other');
    procurement = await loginToken(api, tenant.users.procurement.email);
    ciso = await loginToken(api, tenant.users.ciso.email);
    otherAdmin = await loginToken(api, other.users.admin.email);
  });
  afterAll(() => api.close());

  const fresh = (): Promise<TestAssessment> =>
    createTestAssessment(api.dataSource, {
      organizationId: tenant.organizationId,
      ownerId: tenant.users.procurement.id,
    });

  it('shows answers and the latest score with findings; another tenant gets 404', async () => {
    const a = await fresh();
    await submitAnswers(api, { token: a.token });
    const [score] = (await api.dataSource.query(
      `INSERT INTO assessment_scores (organization_id, assessment_id, supplier_id, campaign_id, submission, status, risk_score, tier,
         directive_maturity, overall_maturity, result, engine_version, catalog_version)
       VALUES ($1, $2, $3, $4, 1, 'scored', 42.5, 'medium', '{2,2,3,2,3,2,2,2,2,3}', 2.3,
         '{"securityAction": {"declared": "star1", "consistentWithSelfCheck": true, "selfCheckTotal": null}}', 'test', 'meti-v3.0+sa-3.1')
       RETURNING id`,
      [tenant.organizationId, a.assessmentId, a.supplierId, a.campaignId],
    )) as { id: string }[];
    await api.dataSource.query(
      `INSERT INTO findings (organization_id, score_id, assessment_id, supplier_id, position, code, severity, directives, item_ids, message, recommendation)
       VALUES ($1, $2, $3, $4, 0, 'IR.BACKUP_UNTESTED', 'medium', '{8}', '{IR.BACKUP}', '{"ja": "バックアップ未検証", "en": "Backups untested"}', '{}')`,
      [tenant.organizationId, score.id, a.assessmentId, a.supplierId],
    );
    const view = await api
      .http()
      .get(`/api/v1/assessments/${a.assessmentId}`)
      .set('authorization', `Bearer ${ciso}`)
      .expect(200);
    expect(view.body).toMatchObject({
      id: a.assessmentId,
      status: 'submitted',
      supplierId: a.supplierId,
      campaignId: a.campaignId,
      answers: { 'OT.SERVICE': 'サンプル警備保障 お助け隊サービス' },
      score: {
        status: 'scored',
        riskScore: 42.5,
        tier: 'medium',
        directiveMaturity: [2, 2, 3, 2, 3, 2, 2, 2, 2, 3],
        securityAction: { declared: 'star1' },
        findings: [
          {
            code: 'IR.BACKUP_UNTESTED',
            severity: 'medium',
            directives: [8],
            message: { ja: 'バックアップ未検証', en: 'Backups untested' },
          },
        ],
      },
    });
    await api
      .http()
      .get(`/api/v1/assessments/${a.assessmentId}`)
      .set('authorization', `Bearer ${otherAdmin}`)
      .expect(404);
    await api.http().get(`/api/v1/assessments/${a.assessmentId}`).expect(401);
  });

  it('reopens with a message: answers editable again, mail queued, a second submission is scored as 2', async () => {
    const a = await fresh();
    await submitAnswers(api, { token: a.token });
    await api
      .http()
      .post(`/api/v1/assessments/${a.assessmentId}/reopen`)
      .set('authorization', `Bearer ${ciso}`)
      .send({ message: 'x' })
      .expect(403);
    await api
      .http()
      .post(`/api/v1/assessments/${a.assessmentId}/reopen`)
      .set('authorization', `Bearer ${otherAdmin}`)
      .send({ message: 'x' })
      .expect(404);
    const malformed = await api
      .http()
      .post('/api/v1/assessments/not-an-id/reopen')
      .set('authorization', `Bearer ${procurement}`)
      .send({ message: 'x' })
      .expect(404);
    expect(malformed.body.message).toBe('Assessment not found');
    const blank = await api
      .http()
      .post(`/api/v1/assessments/${a.assessmentId}/reopen`)
      .set('authorization', `Bearer ${procurement}`)
      .send({ message: '   ' })
      .expect(400);
    expect(blank.body.message).toBe('message should not be empty');
    const reopened = await api
      .http()
      .post(`/api/v1/assessments/${a.assessmentId}/reopen`)
      .set('authorization', `Bearer ${procurement}`)
      .send({ message: 'バックアップの検証状況を<b>ご確認</b>ください' })
      .expect(200);
    expect(reopened.body).toMatchObject({
      status: 'in_progress',
      reopenMessage: 'バックアップの検証状況を<b>ご確認</b>ください',
    });
    await api
      .http()
      .post(`/api/v1/assessments/${a.assessmentId}/reopen`)
      .set('authorization', `Bearer ${procurement}`)
      .send({ message: 'again' })
      .expect(409);

    const mails = (await api.dataSource.query(
      `SELECT kind, to_email, message_key FROM mail_messages
        WHERE assessment_id = $1 AND kind <> 'submission_receipt'`,
      [a.assessmentId],
    )) as Record<string, string>[];
    expect(mails).toEqual([
      { kind: 'reopened', to_email: a.contactEmail, message_key: `reopen:${a.assessmentId}:1` },
    ]);
    expect(
      await api.dataSource.query(`SELECT job_name FROM outbox WHERE job_id = $1`, [
        JobIds.sendMail(`reopen:${a.assessmentId}:1`),
      ]),
    ).toEqual([{ job_name: 'send-mail' }]);

    // The supplier sees the message (as text) and can edit again.
    const start = await api.http().get(`/q/${a.token}`).expect(200);
    expect(start.text).toContain('バックアップの検証状況を&lt;b&gt;ご確認&lt;/b&gt;ください');
    const doc = await api.http().get(`/api/v1/respond/${a.token}`).expect(200);
    await submitAnswers(api, {
      token: a.token,
      answers: { 'IR.BACKUP': 'tested' },
      version: doc.body.version,
    });
    const jobs = (await api.dataSource.query(
      `SELECT job_id FROM outbox WHERE queue = 'scoring' AND payload->>'assessmentId' = $1 ORDER BY id`,
      [a.assessmentId],
    )) as { job_id: string }[];
    expect(jobs.map((j) => j.job_id)).toEqual([
      JobIds.score(a.assessmentId, 1),
      JobIds.score(a.assessmentId, 2),
    ]);
  });

  it('shows a reopen message of several lines on the questionnaire pages exactly as typed', async () => {
    const a = await fresh();
    await submitAnswers(api, { token: a.token });
    const message =
      '指示5の回答を見直してください。\n特にバックアップの復元テストについて。\nよろしくお願いします。';
    await api
      .http()
      .post(`/api/v1/assessments/${a.assessmentId}/reopen`)
      .set('authorization', `Bearer ${procurement}`)
      .send({ message })
      .expect(200);
    const started = await pressStart(api, a.token);
    const cookie = started.headers['set-cookie'];
    for (const path of ['/q/s/overview', '/q/s/sections/profile']) {
      const page = await api.http().get(path).set('cookie', cookie).expect(200);
      expect(page.text).toContain(`<p>${message}</p>`);
    }
  });

  it('refuses to reopen an assessment of a closed campaign: nothing changes, no mail', async () => {
    const a = await fresh();
    await submitAnswers(api, { token: a.token });
    await api
      .http()
      .post(`/api/v1/campaigns/${a.campaignId}/close`)
      .set('authorization', `Bearer ${procurement}`)
      .expect(200);
    const refused = await api
      .http()
      .post(`/api/v1/assessments/${a.assessmentId}/reopen`)
      .set('authorization', `Bearer ${procurement}`)
      .send({ message: '指示5の回答を見直してください' })
      .expect(409);
    expect(refused.body.message).toMatch(
      /campaign .* is closed: its assessments cannot be reopened/,
    );
    const [row] = (await api.dataSource.query(
      `SELECT status, reopen_message FROM assessments WHERE id = $1`,
      [a.assessmentId],
    )) as { status: string; reopen_message: string | null }[];
    expect(row).toEqual({ status: 'submitted', reopen_message: null });
    expect(
      await api.dataSource.query(
        `SELECT 1 FROM mail_messages WHERE assessment_id = $1 AND kind <> 'submission_receipt'`,
        [a.assessmentId],
      ),
    ).toEqual([]);
  });

  it('lets buyers of the tenant download evidence, nobody else', async () => {
    const a = await fresh();
    const uploaded = await api
      .http()
      .post(`/api/v1/respond/${a.token}/evidence`)
      .attach('file', PNG, '証跡 スクリーンショット.png')
      .expect(201);
    const file = await api
      .http()
      .get(`/api/v1/assessments/${a.assessmentId}/evidence/${uploaded.body.id}`)
      .set('authorization', `Bearer ${ciso}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.headers['content-disposition']).toContain(
      encodeURIComponent('証跡 スクリーンショット.png'),
    );
    expect(Buffer.compare(file.body as Buffer, PNG)).toBe(0);
    await api
      .http()
      .get(`/api/v1/assessments/${a.assessmentId}/evidence/${uploaded.body.id}`)
      .set('authorization', `Bearer ${otherAdmin}`)
      .expect(404);
    await api
      .http()
      .get(`/api/v1/assessments/${a.assessmentId}/evidence/${uploaded.body.id}`)
      .expect(401);
    const b = await fresh();
    await api
      .http()
      .get(`/api/v1/assessments/${b.assessmentId}/evidence/${uploaded.body.id}`)
      .set('authorization', `Bearer ${ciso}`)
      .expect(404);
  });
});
