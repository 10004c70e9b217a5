import { startApi, TestApi } from '../support/test-app';

/**
 * A Redis address nothing answers: port 1 (tcpmux) has no listener here, and unlike a port found
 * free and closed again, no other test's `listen(0)` can be given it meanwhile.
 */
const UNREACHABLE_REDIS = 'redis://127.0.0.1:1';

describe('health', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('is live and ready when PostgreSQL and Redis answer', async () => {
    await api.http().get('/health/live').expect(200, { status: 'ok' });
    const ready = await api.http().get('/health/ready').expect(200);
    expect(ready.body.details).toMatchObject({
      database: { status: 'up' },
      redis: { status: 'up' },
    });
  });

  it('answers 503 on readiness when Redis is unreachable, while staying live', async () => {
    const broken = await startApi({ REDIS_URL: UNREACHABLE_REDIS });
    try {
      await broken.http().get('/health/live').expect(200);
      const ready = await broken.http().get('/health/ready').expect(503);
      expect(ready.body.details).toMatchObject({
        database: { status: 'up' },
        redis: { status: 'down' },
      });
    } finally {
      await broken.close();
    }
  });
});
