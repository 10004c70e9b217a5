import { getQueueToken } from '@nestjs/bullmq';
import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@kakehashi/database';
import {
  DEFAULT_CATALOG_VERSION,
  ENGINE_VERSION,
  getCatalog,
  score,
  type AnswerFixture,
} from '@kakehashi/domain';
import {
  FakeClock,
  ownQueuePrefix,
  startWorkerWithClock,
} from '../support/faults/in-process-worker';
import { enqueueRescore } from '../../apps/api/src/ops/rescore.use-case';
import { createScratchDatabase, ScratchDatabase } from '../support/faults/scratch-database';
import { waitUntil } from '../support/faults/worker-process';
import {
  ANSWER_FIXTURES,
  createCampaign,
  createWorkerTenant,
  seedAssessments,
  WorkerTenant,
} from '../support/scoring-factory';

const AS_OF = '2026-12-01';
// A scratch database to migrate and a worker to boot, then jobs, on a loaded machine.
jest.setTimeout(60_000);

describe('scoring on submit', () => {
  const queues = ownQueuePrefix('scoring');
  let scratch: ScratchDatabase;
  let db: DataSource;
  let worker: INestApplicationContext;
  let tenant: WorkerTenant;
  let campaignId: string;
  const clock = new FakeClock(new Date(`${AS_OF}T01:00:00Z`));

  beforeAll(async () => {
    scratch = await createScratchDatabase('scoring');
    db = await new DataSource(dataSourceOptions(scratch.url, { poolSize: 3 })).initialize();
    worker = await startWorkerWithClock(
      { DATABASE_URL: scratch.url, QUEUE_PREFIX: queues.prefix, OUTBOX_POLL_INTERVAL_MS: '50' },
      clock,
    );
    tenant = await createWorkerTenant(db, 'scoring');
    campaignId = await createCampaign(db, tenant, {
      dueDate: '2026-12-20',
      launchedAt: new Date('2026-11-20T01:00:00Z'),
    });
  });

  afterAll(async () => {
    await worker?.close();
    await db?.destroy();
    await scratch?.drop();
    await queues.cleanup();
  });

  const scoresOf = (assessmentId: string) =>
    db.query(
      `SELECT id, status, tier, risk_score AS "riskScore", submission FROM assessment_scores
        WHERE assessment_id = $1`,
      [assessmentId],
    ) as Promise<{ id: string; status: string; tier: string; riskScore: number }[]>;

  async function submitAndWait(fixture: AnswerFixture) {
    // Half an hour apart (the same Tokyo day): each high-risk supplier is its owner's first
    // alert in a while, mailed at once rather than gathered with the one before.
    clock.set(new Date(clock.now().getTime() + 30 * 60_000));
    const [assessment] = await seedAssessments(db, { tenant, campaignId, count: 1, fixture });
    await waitUntil(async () => (await scoresOf(assessment.id)).length > 0, {
      timeoutMs: 30_000,
      what: `score of ${fixture.name}`,
    });
    return assessment;
  }

  it.each(Object.values(ANSWER_FIXTURES))(
    'scores $name within seconds into its expected tier, with findings and the roll-up',
    async (fixture) => {
      const assessment = await submitAndWait(fixture);
      const expected = score(getCatalog(DEFAULT_CATALOG_VERSION)!, fixture.answers, {
        ...fixture.profile,
        asOf: AS_OF,
      });
      const [scored] = await scoresOf(assessment.id);
      expect(scored).toMatchObject({ status: 'scored', tier: fixture.expectedTier });
      const findings = await db.query(
        'SELECT code, severity FROM findings WHERE score_id = $1 ORDER BY position',
        [scored.id],
      );
      expect(findings.map((f: { code: string }) => f.code)).toEqual(
        expected.findings.map((f) => f.code),
      );
      const [status] = await db.query('SELECT status FROM assessments WHERE id = $1', [
        assessment.id,
      ]);
      expect(status.status).toBe('scored');
      const [risk] = await db.query(
        'SELECT tier, score_id FROM supplier_risk WHERE supplier_id = $1',
        [assessment.supplierId],
      );
      expect(risk).toEqual({ tier: fixture.expectedTier, score_id: scored.id });
      const [outbox] = await db.query('SELECT done_at FROM outbox WHERE job_id = $1', [
        `score:${assessment.id}:1`,
      ]);
      expect(outbox.done_at).not.toBeNull();

      const alerts = await db.query(
        `SELECT m.kind, m.to_email AS "to", m.user_id AS "userId", o.job_name AS "jobName"
           FROM mail_messages m JOIN outbox o ON o.job_id = 'mail.' || replace(m.message_key, ':', '.')
          WHERE m.message_key = $1`,
        [`alert:high-tier:${scored.id}`],
      );
      const notes = await db.query(
        'SELECT user_id, link, detail FROM notifications WHERE key = $1',
        [`high-tier:${scored.id}`],
      );
      if (fixture.expectedTier === 'high' || fixture.expectedTier === 'critical') {
        expect(alerts).toEqual([
          { kind: 'alert', to: tenant.ownerEmail, userId: tenant.ownerId, jobName: 'send-mail' },
        ]);
        // Submitted alone, the supplier gets an alert of its own, linked to its console page.
        expect(notes).toEqual([
          {
            user_id: tenant.ownerId,
            link: `/dashboard/suppliers/${assessment.supplierId}`,
            detail: [
              {
                scoreId: scored.id,
                assessmentId: assessment.id,
                supplierId: assessment.supplierId,
              },
            ],
          },
        ]);
      } else {
        expect(alerts).toEqual([]);
        expect(notes).toEqual([]);
      }
    },
  );

  it('writes one score when the same job is delivered twice', async () => {
    const assessment = await submitAndWait(ANSWER_FIXTURES.smeNothing);
    const queue = worker.get<Queue>(getQueueToken('scoring'), { strict: false });
    const again = await queue.add(
      'score-assessment',
      { organizationId: tenant.organizationId, assessmentId: assessment.id, submission: 1 },
      { jobId: `redelivered-${assessment.id}` },
    );
    await waitUntil(async () => (await again.getState()) === 'completed', {
      timeoutMs: 30_000,
      what: 'the second delivery',
    });
    expect(await again.getState()).toBe('completed');
    expect(again.returnvalue ?? (await queue.getJob(again.id!))?.returnvalue).toBe(
      'already-scored',
    );
    const scores = await scoresOf(assessment.id);
    expect(scores).toHaveLength(1);
    const [{ count }] = await db.query(
      'SELECT count(*)::int AS count FROM findings WHERE assessment_id = $1',
      [assessment.id],
    );
    const fixture = ANSWER_FIXTURES.smeNothing;
    const expected = score(getCatalog(DEFAULT_CATALOG_VERSION)!, fixture.answers, {
      ...fixture.profile,
      asOf: AS_OF,
    });
    expect(count).toBe(expected.findings.length);
    const [{ alerts }] = await db.query(
      `SELECT count(*)::int AS alerts FROM mail_messages WHERE kind = 'alert' AND assessment_id = $1`,
      [assessment.id],
    );
    expect(alerts).toBe(1);
  });

  it('keeps a complete result on the dashboard when a later submission is incomplete', async () => {
    const complete = await submitAndWait(ANSWER_FIXTURES.smeStarOtasuketai);
    const later = await createCampaign(db, tenant, {
      dueDate: '2027-01-20',
      launchedAt: new Date('2026-11-30T01:00:00Z'),
    });
    const [{ id }] = await db.query(
      `INSERT INTO assessments (organization_id, campaign_id, supplier_id, catalog_version, status,
              answers, submission_count, submitted_at)
       VALUES ($1, $2, $3, $4, 'submitted', '{}', 1, now()) RETURNING id`,
      [tenant.organizationId, later, complete.supplierId, DEFAULT_CATALOG_VERSION],
    );
    await db.query(
      `INSERT INTO outbox (organization_id, queue, job_name, job_id, payload)
       VALUES ($1, 'scoring', 'score-assessment', $2, $3)`,
      [
        tenant.organizationId,
        `score:${id}:1`,
        JSON.stringify({ organizationId: tenant.organizationId, assessmentId: id, submission: 1 }),
      ],
    );
    await waitUntil(async () => (await scoresOf(id)).length > 0, {
      timeoutMs: 30_000,
      what: 'the incomplete score',
    });
    expect((await scoresOf(id))[0].status).toBe('incomplete');
    const [risk] = await db.query(
      'SELECT assessment_id, tier FROM supplier_risk WHERE supplier_id = $1',
      [complete.supplierId],
    );
    expect(risk).toEqual({ assessment_id: complete.id, tier: 'medium' });
  });

  it('rescoring queues one job per assessment not yet scored by this engine, once', async () => {
    const [{ assessments }] = await db.query(
      `SELECT count(*)::int AS assessments FROM assessments
        WHERE organization_id = $1 AND status IN ('submitted', 'scored')`,
      [tenant.organizationId],
    );
    // Everything here was scored by the current engine: nothing to rescore.
    expect(await enqueueRescore(db, { organizationId: tenant.organizationId })).toBe(0);
    // As if those scores came from the previous engine version.
    await db.query(
      `UPDATE assessment_scores SET engine_version = '0.0.1' WHERE organization_id = $1`,
      [tenant.organizationId],
    );
    expect(await enqueueRescore(db, { organizationId: tenant.organizationId })).toBe(assessments);
    expect(await enqueueRescore(db, { organizationId: tenant.organizationId })).toBe(0);
    await waitUntil(
      async () =>
        (
          await db.query(
            `SELECT count(*)::int AS n FROM outbox WHERE job_id LIKE 'rescore.%' AND done_at IS NULL`,
          )
        )[0].n === 0,
      { timeoutMs: 30_000, what: 'the rescoring jobs' },
    );
    // One new score per assessment from the current engine, never two.
    const [{ duplicates }] = await db.query(
      `SELECT count(*)::int AS duplicates FROM (SELECT assessment_id FROM assessment_scores
        GROUP BY assessment_id, submission, engine_version HAVING count(*) > 1) d`,
    );
    expect(duplicates).toBe(0);
    const [{ rescored }] = await db.query(
      `SELECT count(DISTINCT assessment_id)::int AS rescored FROM assessment_scores
        WHERE organization_id = $1 AND engine_version = $2`,
      [tenant.organizationId, ENGINE_VERSION],
    );
    expect(rescored).toBe(assessments);
    expect(await enqueueRescore(db, { organizationId: tenant.organizationId })).toBe(0);
  });
});
