import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@kakehashi/database';
import {
  LAST_ACTIVITY_SQL,
  OPENED_ACTIONS,
  SAVED_ACTION,
} from '../../apps/api/src/campaigns/export/unanswered-export.service';
import { createScratchDatabase, ScratchDatabase } from '../support/faults/scratch-database';
import { createCampaign, seedAssessments, WorkerTenant } from '../support/scoring-factory';
import { createTestTenant, loginToken, startApi, TestApi } from '../support/test-app';

jest.setTimeout(120_000);

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}
const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

/**
 * The CSV of a campaign's unanswered suppliers reads each one's last opened and saved event from
 * the audit trail. A tenant's trail grows with every change anyone makes; the read must go
 * through the (organization, target) index rather than scanning the trail since the launch.
 */
describe('the unanswered-suppliers CSV on a long audit trail', () => {
  let scratch: ScratchDatabase;
  let api: TestApi;
  let db: DataSource;

  beforeAll(async () => {
    scratch = await createScratchDatabase(`csvindex_${process.pid}`);
    api = await startApi({ DATABASE_URL: scratch.url });
    db = await new DataSource(dataSourceOptions(scratch.url, { poolSize: 2 })).initialize();
  });

  afterAll(async () => {
    await db?.destroy();
    await api?.close();
    await scratch?.drop();
  });

  it('reads the last opened and saved times through the target index, and exports them', async () => {
    const tenant = await createTestTenant(api.dataSource, 'csvindex');
    const owner: WorkerTenant = {
      organizationId: tenant.organizationId,
      ownerId: tenant.users.procurement.id,
      ownerEmail: tenant.users.procurement.email,
    };
    const launchedAt = new Date(Date.now() - 40 * 86_400_000);
    const campaignId = await createCampaign(db, owner, {
      dueDate: new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10),
      launchedAt,
    });
    const assessments = await seedAssessments(db, { tenant: owner, campaignId, count: 200 });
    const ids = assessments.map((a) => a.id);
    // 100,000 events since the launch: the campaign's suppliers opening and saving (until three
    // days ago), other campaigns' suppliers, and the buyers' work on suppliers, users, campaigns.
    await db.query(
      `INSERT INTO audit_events (organization_id, actor_type, action, target_type, target_id,
              created_at)
       SELECT $1::uuid, 'supplier', ($3::text[])[1 + g % 3], 'assessment',
              CASE WHEN g % 10 = 0 THEN ($2::text[])[1 + g / 10 % 200]
                   ELSE gen_random_uuid()::text END,
              now() - interval '3 days' - interval '36 days' * random()
         FROM generate_series(1, 60000) g
       UNION ALL
       SELECT $1::uuid, 'user', 'supplier.updated', (ARRAY['supplier', 'user', 'campaign'])[1 + g % 3],
              gen_random_uuid()::text, now() - interval '39 days' * random()
         FROM generate_series(1, 40000) g`,
      [
        tenant.organizationId,
        ids,
        ['assessment.opened', 'assessment.answers_saved', 'assessment.session_started'],
      ],
    );
    // One supplier's latest events, at known times.
    const first = assessments[0];
    const opened = new Date(Date.now() - 2 * 86_400_000);
    const saved = new Date(Date.now() - 86_400_000);
    await db.query(
      `INSERT INTO audit_events (organization_id, actor_type, action, target_type, target_id,
              created_at)
       VALUES ($1, 'supplier', 'assessment.session_started', 'assessment', $2, $3),
              ($1, 'supplier', 'assessment.answers_saved', 'assessment', $2, $4)`,
      [tenant.organizationId, first.id, opened, saved],
    );
    await db.query('VACUUM ANALYZE audit_events');

    const [
      {
        'QUERY PLAN': [plan],
      },
    ] = await db.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }[]>(
      `EXPLAIN (FORMAT JSON) ${LAST_ACTIVITY_SQL}`,
      [tenant.organizationId, launchedAt, ids, OPENED_ACTIONS, SAVED_ACTION],
    );
    const onAuditEvents = nodesOf(plan.Plan).filter((n) => n['Relation Name'] === 'audit_events');
    expect(onAuditEvents.map((n) => n['Node Type'])).not.toContain('Seq Scan');
    expect(onAuditEvents.map((n) => n['Index Name'])).toContain(
      'ix_audit_events_organization_target',
    );

    // The export answers from it: the supplier's last opening and saving, in Japan time.
    const bearer = await loginToken(api, tenant.users.procurement.email);
    const csv = await api
      .http()
      .get(`/api/v1/campaigns/${campaignId}/assessments.csv?lang=en`)
      .set('authorization', `Bearer ${bearer}`)
      .expect(200);
    const rows = csv.text
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter(Boolean)
      .map((line) => line.split(','));
    expect(rows).toHaveLength(1 + 200);
    const tokyo = (d: Date) =>
      new Intl.DateTimeFormat('sv-SE', {
        timeZone: 'Asia/Tokyo',
        dateStyle: 'short',
        timeStyle: 'short',
      }).format(d);
    const row = rows.find((r) => r[10]?.endsWith(`/console/assessments/${first.id}`))!;
    expect(row.slice(6, 8)).toEqual([tokyo(opened), tokyo(saved)]);
  });
});
