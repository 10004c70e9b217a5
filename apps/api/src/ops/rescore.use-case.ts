import { DataSource } from 'typeorm';
import { ENGINE_VERSION } from '@kakehashi/domain';

/**
 * Writes one scoring outbox row per submitted or scored assessment (optionally of one tenant)
 * that has no score from this engine version for its current submission yet, so a new engine
 * or catalog version rescores everything through the normal pipeline. Running it again adds
 * nothing: those scored since are skipped, and the job id (naming the engine version) keeps a
 * second run from queueing twice what the first one queued.
 */
export async function enqueueRescore(
  dataSource: DataSource,
  { organizationId }: { organizationId?: string } = {},
): Promise<number> {
  const rows: unknown[] = await dataSource.query(
    `INSERT INTO outbox (organization_id, queue, job_name, job_id, payload)
     SELECT a.organization_id, 'scoring', 'score-assessment',
            'rescore.' || a.id || '.' || a.submission_count || '.' || $2,
            jsonb_build_object('organizationId', a.organization_id, 'assessmentId', a.id,
                               'submission', a.submission_count)
       FROM assessments a
      WHERE a.status IN ('submitted', 'scored') AND a.submission_count > 0
        AND ($1::uuid IS NULL OR a.organization_id = $1::uuid)
        AND NOT EXISTS (SELECT 1 FROM assessment_scores s
                         WHERE s.assessment_id = a.id AND s.submission = a.submission_count
                           AND s.engine_version = $2)
     ON CONFLICT (job_id) DO NOTHING
     RETURNING id`,
    [organizationId ?? null, ENGINE_VERSION],
  );
  return rows.length;
}
