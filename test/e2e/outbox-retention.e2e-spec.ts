import { Campaign } from '@kakehashi/database';
import { JobIds, OutboxRelayService, OutboxService, PURGE_CHUNK } from '@kakehashi/queue';
import { enqueueFanOut } from '../../apps/api/src/campaigns/campaign-suppliers';
import { createCampaign, createWorkerTenant } from '../support/scoring-factory';
import { startApi, TestApi } from '../support/test-app';
import { isolatedEnvironment, IsolatedEnvironment } from '../support/test-worker';

/** Done 8 days ago, past the default 7-day retention: more than two statements' worth. */
const OLD_DONE = 2 * PURGE_CHUNK + 1;
const RECENT_DONE = 50;

describe('outbox retention: rows done long ago are deleted, the rest stay', () => {
  let isolated: IsolatedEnvironment;
  let api: TestApi;
  let relay: OutboxRelayService;
  let campaignId: string;
  let organizationId: string;

  beforeAll(async () => {
    // A database of its own: the purge deletes across the whole table.
    isolated = await isolatedEnvironment('outbox_retention');
    api = await startApi(isolated.env);
    relay = api.app.get(OutboxRelayService);

    const insert = (sql: string, params: unknown[] = []) => api.dataSource.query(sql, params);
    const tenant = await createWorkerTenant(api.dataSource, 'retention');
    organizationId = tenant.organizationId;
    campaignId = await createCampaign(api.dataSource, tenant, {
      dueDate: '2026-12-20',
      launchedAt: new Date(Date.now() - 31 * 86_400_000),
    });
    // Two waves so far (the launch and one batch of added suppliers).
    await insert('UPDATE campaigns SET fan_out_waves = 2 WHERE id = $1', [campaignId]);
    await insert(
      `INSERT INTO outbox (queue, job_name, job_id, payload, created_at, relayed_at, done_at)
       SELECT CASE WHEN g % 2 = 0 THEN 'mail' ELSE 'scoring' END, 'old', 'old.' || g, '{}',
              now() - interval '9 days', now() - interval '9 days', now() - interval '8 days'
         FROM generate_series(1, $1::int) g`,
      [OLD_DONE],
    );
    await insert(
      `INSERT INTO outbox (queue, job_name, job_id, payload, created_at, relayed_at, done_at)
       SELECT 'mail', 'recent', 'recent.' || g, '{}',
              now() - interval '6 days', now() - interval '6 days', now() - interval '6 days'
         FROM generate_series(1, $1::int) g`,
      [RECENT_DONE],
    );
    // Not done, however old: relayed and waiting for a processor, or never relayed.
    await insert(
      `INSERT INTO outbox (queue, job_name, job_id, payload, available_at, created_at, relayed_at)
       SELECT 'scoring', 'undone', 'undone.' || g, '{}',
              now() - interval '400 days', now() - interval '400 days',
              CASE WHEN g % 2 = 0 THEN now() - interval '399 days' END
         FROM generate_series(1, 10) g`,
    );
    // A campaign's first fan-out wave, done a month ago; its second, done yesterday.
    for (const [wave, doneDaysAgo] of [
      [1, 30],
      [2, 1],
    ]) {
      await insert(
        `INSERT INTO outbox (organization_id, queue, job_name, job_id, payload, created_at,
                             relayed_at, done_at)
         VALUES ($1, 'campaigns', 'fan-out', $2, $3, now() - make_interval(days => $4 + 1),
                 now() - make_interval(days => $4 + 1), now() - make_interval(days => $4))`,
        [
          organizationId,
          JobIds.fanOut(campaignId, wave),
          { organizationId, campaignId },
          doneDaysAgo,
        ],
      );
    }
  });

  afterAll(async () => {
    await api?.close();
    await isolated?.drop();
  });

  const countsByJobName = async (): Promise<Record<string, number>> => {
    const rows: { job_name: string; n: number }[] = await api.dataSource.query(
      'SELECT job_name, count(*)::int AS n FROM outbox GROUP BY job_name',
    );
    return Object.fromEntries(rows.map((row) => [row.job_name, row.n]));
  };

  it('deletes at most one chunk per statement, then every row done over 7 days ago', async () => {
    // Rows done over 7 days ago: the OLD_DONE ones and the first fan-out wave.
    const expired = OLD_DONE + 1;
    const stillExpired = async (): Promise<number> => {
      const [row] = await api.dataSource.query(
        `SELECT count(*)::int AS n FROM outbox WHERE done_at < now() - interval '7 days'`,
      );
      return row.n;
    };
    // Stopped after its first statement (as at shutdown): exactly one chunk has gone.
    expect(await relay.purgeDone(7, { signal: AbortSignal.abort() })).toBe(PURGE_CHUNK);
    expect(await stillExpired()).toBe(expired - PURGE_CHUNK);

    expect(await relay.purgeDone(7)).toBe(expired - PURGE_CHUNK);
    expect(await stillExpired()).toBe(0);
    // The first fan-out wave (done 30 days ago) went with them; the second stays.
    expect(await countsByJobName()).toEqual({
      recent: RECENT_DONE,
      undone: 10,
      'fan-out': 1,
    });
    expect(await relay.purgeDone(7)).toBe(0);
  });

  it('a shorter retention takes the rows done 6 days ago; rows not done always stay', async () => {
    expect(await relay.purgeDone(5)).toBe(RECENT_DONE);
    expect(await countsByJobName()).toEqual({ undone: 10, 'fan-out': 1 });
    const undone: { relayed: number; pending: number }[] = await api.dataSource.query(
      `SELECT count(*) FILTER (WHERE relayed_at IS NOT NULL)::int AS relayed,
              count(*) FILTER (WHERE relayed_at IS NULL)::int AS pending
         FROM outbox WHERE done_at IS NULL`,
    );
    expect(undone).toEqual([{ relayed: 5, pending: 5 }]);
  });

  it('numbers a new fan-out wave from the campaign, whatever waves the purge removed', async () => {
    await api.dataSource.transaction((manager) =>
      enqueueFanOut(manager, api.app.get(OutboxService), {
        id: campaignId,
        organizationId,
      } as Campaign),
    );
    const waves: { job_id: string; done_at: Date | null }[] = await api.dataSource.query(
      `SELECT job_id, done_at FROM outbox WHERE job_name = 'fan-out' ORDER BY id`,
    );
    // Wave 1 was purged: counting rows would have made the new wave "2", an id still in use.
    expect(waves.map((wave) => wave.job_id)).toEqual([
      JobIds.fanOut(campaignId, 2),
      JobIds.fanOut(campaignId, 3),
    ]);
    // The new wave is waiting for the relay, not lost to a job id already used.
    expect(waves[1].done_at).toBeNull();
    const [campaign] = await api.dataSource.query(
      'SELECT fan_out_waves FROM campaigns WHERE id = $1',
      [campaignId],
    );
    expect(campaign.fan_out_waves).toBe(3);
  });
});
