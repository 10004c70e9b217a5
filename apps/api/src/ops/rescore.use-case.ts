import { DataSource } from 'typeorm';
import { ENGINE_VERSION } from '@kakehashi/domain';

/**
 * Writes one scoring outbox row per submitted or scored assessment (optionally of one tenant),
 * so a new engine or catalog version rescores everything through the normal pipeline. The job
 * id names the engine version: running it again for the same version adds nothing.
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
     ON CONFLICT (job_id) DO NOTHING
     RETURNING id`,
    [organizationId ?? null, ENGINE_VERSION],
  );
  return rows.length;
}
