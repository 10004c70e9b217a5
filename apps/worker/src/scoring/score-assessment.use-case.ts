import { Injectable } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { getCatalog, score, type Answers, type SupplierProfile } from '@kakehashi/domain';
import { Clock, JobPayload, QueueName, tokyoDate } from '@kakehashi/queue';
import { HighTierAlert } from './high-tier-alert';
import { insertFindings, insertScores, ScoredSubmission } from './score-writes';
import { refreshSupplierRisk } from './supplier-risk.writer';

export type ScoreOutcome = 'scored' | 'already-scored' | 'stale';
export type ScorePayload = JobPayload<typeof QueueName.Scoring, 'score-assessment'>;

interface SubmissionRow {
  id: string;
  organizationId: string;
  campaignId: string;
  supplierId: string;
  catalogVersion: string;
  submissionCount: number;
  answers: Answers;
  submittedAt: Date | null;
  criticality: number;
  sizeClass: 'sme' | 'large' | null;
  handlesConfidentialData: boolean | null;
  outageImpact: boolean | null;
  networkAccess: boolean | null;
  ownerId: string;
}

/**
 * Scores submissions. A batch (one or many jobs) commits score, findings, status, roll-up,
 * alerts and the outbox done-marks in one transaction, with a handful of set-based statements,
 * so a re-delivered job finds its score and only confirms it: BullMQ delivers at least once,
 * the unique key makes it exactly once.
 */
@Injectable()
export class ScoreAssessmentUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly alert: HighTierAlert,
  ) {}

  async execute(payload: ScorePayload, jobId: string): Promise<ScoreOutcome> {
    return (await this.executeBatch([{ payload, jobId }]))[0];
  }

  async executeBatch(items: { payload: ScorePayload; jobId: string }[]): Promise<ScoreOutcome[]> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const current = await this.claimSubmissions(manager, items);
      const scored: ScoredSubmission<SubmissionRow>[] = [...current.values()].map((row) => {
        const catalog = getCatalog(row.catalogVersion);
        if (!catalog) throw new UnrecoverableError(`unknown catalog version ${row.catalogVersion}`);
        return { row, result: score(catalog, row.answers, this.profileOf(row, now)) };
      });

      const { ids, fresh } = await insertScores(manager, scored);
      const withIds = scored.map((s) => ({ ...s, scoreId: ids.get(s.row.id)! }));
      await insertFindings(
        manager,
        withIds.filter((s) => fresh.has(s.row.id)),
      );
      const complete = withIds.filter((s) => s.result.status === 'scored');
      await refreshSupplierRisk(manager, { sources: complete, scoredAt: now });
      await this.alert.record(
        manager,
        complete
          .filter(
            (s) =>
              fresh.has(s.row.id) && (s.result.tier === 'high' || s.result.tier === 'critical'),
          )
          .map((s) => ({ ...s.row, scoreId: s.scoreId, tier: s.result.tier })),
      );
      // OutboxService.markDone's statement, for the whole batch at once.
      await manager.query(
        'UPDATE outbox SET done_at = now() WHERE job_id = ANY($1::text[]) AND done_at IS NULL',
        [items.map((item) => item.jobId)],
      );
      return items.map(({ payload }) => {
        if (!current.has(payload.assessmentId)) return 'stale';
        return fresh.has(payload.assessmentId) ? 'scored' : 'already-scored';
      });
    });
  }

  /**
   * Marks the batch's current submissions scored and returns what scoring needs, in one
   * statement: the update locks each row until the transaction commits the score with it. Keys
   * go in sorted by id, which the usual plan (a nested loop over them) follows, so overlapping
   * batches mostly lock in the same order; a deadlock, should one happen, fails the batch and
   * the batcher retries its jobs one by one. An assessment reopened, re-submitted or moved to
   * another tenant since its job was written is not returned: a newer job (or none) applies.
   */
  private async claimSubmissions(
    manager: EntityManager,
    items: { payload: ScorePayload }[],
  ): Promise<Map<string, SubmissionRow>> {
    const keys = items
      .map(({ payload }) => payload)
      .sort((a, b) =>
        a.assessmentId < b.assessmentId ? -1 : a.assessmentId > b.assessmentId ? 1 : 0,
      );
    // TypeORM answers an UPDATE with [returned rows, affected count].
    const [rows]: [SubmissionRow[], number] = await manager.query(
      `UPDATE assessments a
          SET status = 'scored',
              updated_at = CASE WHEN a.status = 'submitted' THEN now() ELSE a.updated_at END
         FROM unnest($1::uuid[], $2::int[], $3::uuid[]) AS k(id, submission, organization_id),
              suppliers s, campaigns c
        WHERE a.id = k.id AND a.submission_count = k.submission
          AND a.organization_id = k.organization_id AND a.status IN ('submitted', 'scored')
          AND s.id = a.supplier_id AND c.id = a.campaign_id
        RETURNING a.id, a.organization_id AS "organizationId", a.campaign_id AS "campaignId",
              a.supplier_id AS "supplierId", a.catalog_version AS "catalogVersion",
              a.submission_count AS "submissionCount", a.answers, a.submitted_at AS "submittedAt",
              s.criticality, s.size_class AS "sizeClass",
              s.handles_confidential_data AS "handlesConfidentialData",
              s.outage_impact AS "outageImpact", s.network_access AS "networkAccess",
              c.owner_id AS "ownerId"`,
      [
        keys.map((k) => k.assessmentId),
        keys.map((k) => k.submission),
        keys.map((k) => k.organizationId),
      ],
    );
    return new Map(rows.map((row) => [row.id, row]));
  }

  private profileOf(row: SubmissionRow, now: Date): SupplierProfile {
    const criticality = Math.min(3, Math.max(1, row.criticality)) as 1 | 2 | 3;
    return {
      criticality,
      sizeClass: row.sizeClass ?? undefined,
      handlesConfidentialData: row.handlesConfidentialData ?? undefined,
      outageImpact: row.outageImpact ?? undefined,
      networkAccess: row.networkAccess ?? undefined,
      asOf: tokyoDate(now),
    };
  }
}
