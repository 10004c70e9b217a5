import { createTestTenant, loginToken, startApi, TestApi } from '../support/test-app';

// An id that is not a UUID cannot name anything: every REST route answers it as it answers an id
// the caller's organization does not have, 404 "<Thing> not found", never 400 or 500.
describe('malformed ids in the path', () => {
  let api: TestApi;
  let token: string;
  beforeAll(async () => {
    api = await startApi({ LOGIN_ATTEMPTS_PER_MINUTE_PER_IP: '1000' });
    const tenant = await createTestTenant(api.dataSource, 'badid');
    token = await loginToken(api, tenant.users.admin.email);
  });
  afterAll(() => api.close());

  const routes: [method: 'get' | 'post' | 'patch', path: string, body: object, message: string][] =
    [
      ['get', '/api/v1/suppliers/x1', {}, 'Supplier not found'],
      ['patch', '/api/v1/suppliers/x1', { name: '取引先' }, 'Supplier not found'],
      ['get', '/api/v1/suppliers/x1/risk', {}, 'Supplier not found'],
      ['get', '/api/v1/campaigns/x1', {}, 'Campaign not found'],
      ['get', '/api/v1/campaigns/x1/assessments', {}, 'Campaign not found'],
      ['post', '/api/v1/campaigns/x1/close', {}, 'Campaign not found'],
      ['get', '/api/v1/assessments/x1', {}, 'Assessment not found'],
      // 36 characters that only look like a uuid: PostgreSQL would refuse them (500 before).
      ['get', `/api/v1/assessments/${'-'.repeat(36)}`, {}, 'Assessment not found'],
      ['get', `/api/v1/assessments/${'a'.repeat(36)}/evidence/x1`, {}, 'Assessment not found'],
      [
        'post',
        `/api/v1/assessments/${'-'.repeat(36)}/reopen`,
        { message: '確認' },
        'Assessment not found',
      ],
      ['patch', '/api/v1/findings/x1', { status: 'accepted' }, 'Finding not found'],
      ['post', '/api/v1/notifications/x1/read', {}, 'Notification not found'],
    ];

  it.each(routes)('%s %s answers 404', async (method, path, body, message) => {
    const http = api.http();
    const response = await http[method](path).set('authorization', `Bearer ${token}`).send(body);
    expect({ status: response.status, message: response.body.message }).toEqual({
      status: 404,
      message,
    });
  });
});
