import { createHash, randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { ANSWER_FIXTURES } from '@kakehashi/domain';
import { createTestAssessment } from '../support/assessment-factory';
import { csrfOf } from '../support/questionnaire-session';
import { createTestTenant, loginToken, startApi, TestApi, TestTenant } from '../support/test-app';

/**
 * One-time tokens (supplier links, set-password links) are stored only as SHA-256; the request
 * log must not keep them either, whatever the request does with them.
 */
describe('request logs never keep a one-time token (real Postgres)', () => {
  let api: TestApi;
  let tenant: TestTenant;
  const lines: string[] = [];
  const capture = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });

  beforeAll(async () => {
    api = await startApi({ LOG_LEVEL: 'info' }, { logDestination: capture });
    tenant = await createTestTenant(api.dataSource, 'reqlog');
  });
  afterAll(() => api.close());

  /** The request-completed lines logged for requests whose logged url starts with `prefix`. */
  function logged(prefix: string): { url: string; line: string }[] {
    return lines
      .map((line) => ({ line, entry: JSON.parse(line) as { req?: { url?: string } } }))
      .filter(({ entry }) => entry.req?.url?.startsWith(prefix))
      .map(({ line, entry }) => ({ url: entry.req!.url!, line }));
  }

  it('logs supplier link and set-password requests with the token replaced', async () => {
    const a = await createTestAssessment(api.dataSource, {
      organizationId: tenant.organizationId,
      ownerId: tenant.users.procurement.id,
    });
    const page = await api.http().get(`/q/${a.token}?lang=en`).expect(200);
    await api
      .http()
      .post(`/q/${a.token}/start`)
      .set('referer', `http://localhost:3000/q/${a.token}?lang=en`)
      .type('form')
      .send({ _csrf: csrfOf(page.text) })
      .expect(303);
    await api.http().get(`/api/v1/respond/${a.token}`).expect(200);
    await api
      .http()
      .put(`/api/v1/respond/${a.token}/answers`)
      .send({
        version: 0,
        answers: { 'P.SIZE': ANSWER_FIXTURES.smeStarOtasuketai.answers['P.SIZE'] },
      })
      .expect(200);
    const unknown = randomBytes(32).toString('base64url');
    await api.http().get(`/q/${unknown}`).expect(404);
    await api.http().get(`/api/v1/respond/${unknown}`).expect(404);

    const admin = await loginToken(api, tenant.users.admin.email);
    const invited = await api
      .http()
      .post('/api/v1/users')
      .set('authorization', `Bearer ${admin}`)
      .send({
        email: `invitee-${randomBytes(3).toString('hex')}@reqlog.example`,
        displayName: '招待 花子',
        role: 'ciso',
      })
      .expect(201);
    // The worker makes the token when it mails the invitation; here the test plays that part.
    const invitation = randomBytes(32).toString('base64url');
    await api.dataSource.query(`UPDATE user_invitations SET token_hash = $1 WHERE user_id = $2`, [
      createHash('sha256').update(invitation).digest('hex'),
      (invited.body as { id: string }).id,
    ]);
    await api.http().get(`/set-password/${invitation}?lang=en`).expect(200);
    await api.http().get(`/set-password/${unknown}`).expect(404);

    // Logs are written as the responses finish: wait for the line of the last request (its token
    // replaced or not; that is checked below).
    const last = ['/set-password/[token]', `/set-password/${unknown}`];
    const deadline = Date.now() + 15_000;
    while (!logged('/set-password/').some((l) => last.includes(l.url))) {
      if (Date.now() > deadline) throw new Error('no log line for the last request');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const all = lines.join('\n');
    for (const token of [a.token, unknown, invitation]) expect(all).not.toContain(token);

    // The requests are still there, recognisable, with the rest of the path and the query.
    expect(logged('/q/').map((l) => l.url)).toEqual(
      expect.arrayContaining(['/q/[token]?lang=en', '/q/[token]/start', '/q/[token]']),
    );
    expect(logged('/q/[token]/start')[0].line).toContain(
      '"referer":"http://localhost:3000/q/[token]?lang=en"',
    );
    expect(logged('/api/v1/respond/').map((l) => l.url)).toEqual(
      expect.arrayContaining(['/api/v1/respond/[token]', '/api/v1/respond/[token]/answers']),
    );
    expect(logged('/set-password/').map((l) => l.url)).toEqual(
      expect.arrayContaining(['/set-password/[token]?lang=en', '/set-password/[token]']),
    );
  });
});
