import { DEFAULT_CATALOG_VERSION } from '@kakehashi/domain';
import {
  appOrigin,
  createTestTenant,
  loginToken,
  startApi,
  TestApi,
  TestTenant,
} from '../support/test-app';

/**
 * Writes to the REST API signed in by the session cookie alone must come from our own pages,
 * and bodies are JSON: what a page on a sibling subdomain (same site, so the cookie goes along)
 * could otherwise do with the signed-in buyer's browser, and what an API client is told when it
 * sends a form.
 */
describe('REST API writes: cookie sessions from our pages only, JSON bodies', () => {
  let api: TestApi;
  let tenant: TestTenant;
  let token: string;

  beforeAll(async () => {
    api = await startApi({ LOGIN_ATTEMPTS_PER_MINUTE_PER_IP: '1000' });
    tenant = await createTestTenant(api.dataSource, 'api-policy');
    token = await loginToken(api, tenant.users.procurement.email);
  });

  afterAll(async () => {
    await api?.close();
  });

  async function draftCampaign(): Promise<string> {
    const created = await api
      .http()
      .post('/api/v1/campaigns')
      .set('authorization', `Bearer ${token}`)
      .send({
        name: 'クッキー検証',
        catalogVersion: DEFAULT_CATALOG_VERSION,
        supplierIds: [],
        dueDate: new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10),
      });
    expect(created.status).toBe(201);
    return created.body.id as string;
  }

  const statusOf = async (id: string) =>
    (
      await api
        .http()
        .get(`/api/v1/campaigns/${id}`)
        .set('authorization', `Bearer ${token}`)
        .expect(200)
    ).body.status as string;

  it('refuses a cookie-signed write that does not name our origin, and changes nothing', async () => {
    const id = await draftCampaign();
    for (const origin of [
      'https://evil.example',
      'https://other.kakehashi.example',
      'null',
      undefined,
    ]) {
      const post = api
        .http()
        .post(`/api/v1/campaigns/${id}/close`)
        .set('cookie', `kk_session=${token}`);
      if (origin) post.set('origin', origin);
      const refused = await post.type('form').send('a=1');
      expect({ origin, status: refused.status }).toEqual({ origin, status: 403 });
      expect(refused.body.message).toMatch(/Origin names this site/);
    }
    // Basic or Negotiate credentials (re-sent by browsers behind an intranet proxy) do not sign
    // the request in: the cookie does, so the origin rule still applies.
    const basic = await api
      .http()
      .post(`/api/v1/campaigns/${id}/close`)
      .set('cookie', `kk_session=${token}`)
      .set('authorization', 'Basic Zm9vOmJhcg==')
      .set('origin', 'https://evil.example')
      .send();
    expect(basic.status).toBe(403);
    expect(await statusOf(id)).toBe('draft');

    // The console's own fetch (same origin, JSON) and API clients (Bearer, whatever the origin).
    await api
      .http()
      .post(`/api/v1/campaigns/${id}/close`)
      .set('cookie', `kk_session=${token}`)
      .set('origin', appOrigin(api))
      .expect(200);
    expect(await statusOf(id)).toBe('closed');
    const other = await draftCampaign();
    await api
      .http()
      .post(`/api/v1/campaigns/${other}/close`)
      .set('authorization', `Bearer ${token}`)
      .set('origin', 'https://integrator.example')
      .expect(200);
  });

  it('answers a form or text body with 415 naming JSON, and writes nothing', async () => {
    for (const [type, body] of [
      ['application/x-www-form-urlencoded', 'name=フォーム商事'],
      ['text/plain', '{"name":"フォーム商事"}'],
    ]) {
      const refused = await api
        .http()
        .post('/api/v1/suppliers')
        .set('authorization', `Bearer ${token}`)
        .set('content-type', type)
        .send(body);
      expect({ type, status: refused.status }).toEqual({ type, status: 415 });
      expect(refused.body).toEqual({
        statusCode: 415,
        error: 'Unsupported Media Type',
        message: 'send the body as application/json',
      });
    }
    const [{ count }] = await api.dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM suppliers WHERE name = 'フォーム商事'`,
    );
    expect(count).toBe(0);

    // A write without a body needs no type; the import keeps its own words for a bare CSV.
    const id = await draftCampaign();
    await api
      .http()
      .post(`/api/v1/campaigns/${id}/close`)
      .set('authorization', `Bearer ${token}`)
      .expect(200);
    const csv = await api
      .http()
      .post('/api/v1/suppliers/import')
      .set('authorization', `Bearer ${token}`)
      .set('content-type', 'text/csv')
      .send('名称\nCSV商事\n');
    expect(csv.status).toBe(415);
    expect(csv.body.message).toMatch(/CSV \(UTF-8 or Shift_JIS\) or \.xlsx/);

    // The supplier's evidence upload says how to send a file, whatever the wrong body is.
    for (const [type, body] of [
      ['text/plain', 'evidence'],
      ['application/x-www-form-urlencoded', 'file=evidence.pdf'],
      ['application/json', '{"file":"evidence.pdf"}'],
    ]) {
      const evidence = await api
        .http()
        .post('/api/v1/respond/not-a-real-token/evidence')
        .set('content-type', type)
        .send(body);
      expect({ type, status: evidence.status, code: evidence.body.code }).toEqual({
        type,
        status: 415,
        code: 'multipart',
      });
      expect(evidence.body.message).toMatch(/multipart\/form-data in the field "file"/);
    }
  });
});
