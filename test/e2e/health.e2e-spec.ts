import { createServer } from 'node:net';
import { startApi, TestApi } from '../support/test-app';

async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

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
    const broken = await startApi({ REDIS_URL: `redis://127.0.0.1:${await closedPort()}` });
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
