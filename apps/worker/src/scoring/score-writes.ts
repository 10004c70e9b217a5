import { EntityManager } from 'typeorm';
import type { ScoreResult } from '@kakehashi/domain';

export interface ScoreRow {
  id: string;
  organizationId: string;
  supplierId: string;
  campaignId: string;
  submissionCount: number;
  catalogVersion: string;
}

export interface ScoredSubmission<R extends ScoreRow = ScoreRow> {
  row: R;
  result: ScoreResult;
}

/**
 * Inserts the scores of a batch in one statement (the result without its findings, which
 * insertFindings writes as rows); a submission scored before keeps its row
 * (unique assessment+submission+engine version). Returns score ids by assessment id, and which
 * of them are new.
 */
export async function insertScores(
  manager: EntityManager,
  scored: ScoredSubmission[],
): Promise<{ ids: Map<string, string>; fresh: Set<string> }> {
  const records = scored.map(({ row, result: { findings: _findings, ...stored } }) => ({
    organization_id: row.organizationId,
    assessment_id: row.id,
    supplier_id: row.supplierId,
    campaign_id: row.campaignId,
    submission: row.submissionCount,
    status: stored.status,
    risk_score: stored.riskScore,
    tier: stored.tier,
    directive_maturity: stored.directiveMaturity,
    overall_maturity: stored.overallMaturity,
    // The findings have rows of their own; kept out of `result` so each is written once.
    result: stored,
    engine_version: stored.engineVersion,
    catalog_version: row.catalogVersion,
  }));
  const inserted: { id: string; assessment_id: string }[] = await manager.query(
    `INSERT INTO assessment_scores (organization_id, assessment_id, supplier_id, campaign_id,
            submission, status, risk_score, tier, directive_maturity, overall_maturity, result,
            engine_version, catalog_version)
     SELECT r.organization_id, r.assessment_id, r.supplier_id, r.campaign_id, r.submission,
            r.status, r.risk_score, r.tier,
            ARRAY(SELECT jsonb_array_elements_text(r.directive_maturity)::real),
            r.overall_maturity, r.result, r.engine_version, r.catalog_version
       FROM jsonb_to_recordset($1::jsonb) AS r(organization_id uuid, assessment_id uuid,
            supplier_id uuid, campaign_id uuid, submission int, status text, risk_score real,
            tier text, directive_maturity jsonb, overall_maturity real, result jsonb,
            engine_version text, catalog_version text)
     ON CONFLICT (assessment_id, submission, engine_version) DO NOTHING
     RETURNING id, assessment_id`,
    [JSON.stringify(records)],
  );
  const ids = new Map(inserted.map((row) => [row.assessment_id, row.id]));
  const fresh = new Set(ids.keys());
  const missing = scored.filter(({ row }) => !ids.has(row.id));
  if (missing.length > 0) {
    const found: { id: string; assessment_id: string }[] = await manager.query(
      `SELECT s.id, s.assessment_id FROM assessment_scores s
         JOIN unnest($1::uuid[], $2::int[], $3::text[]) AS k(assessment_id, submission, engine)
           ON s.assessment_id = k.assessment_id AND s.submission = k.submission
          AND s.engine_version = k.engine`,
      [
        missing.map(({ row }) => row.id),
        missing.map(({ row }) => row.submissionCount),
        missing.map(({ result }) => result.engineVersion),
      ],
    );
    for (const row of found) ids.set(row.assessment_id, row.id);
  }
  return { ids, fresh };
}

/**
 * The findings of newly inserted scores, all in one statement: one JSON record per score with the
 * engine's findings as they are (data only, no text), unnested in SQL in their order.
 */
export async function insertFindings(
  manager: EntityManager,
  scored: (ScoredSubmission & { scoreId: string })[],
): Promise<void> {
  const records = scored
    .filter(({ result }) => result.findings.length > 0)
    .map(({ row, result, scoreId }) => ({
      organization_id: row.organizationId,
      score_id: scoreId,
      assessment_id: row.id,
      supplier_id: row.supplierId,
      findings: result.findings,
    }));
  if (records.length === 0) return;
  await manager.query(
    `INSERT INTO findings (organization_id, score_id, assessment_id, supplier_id, position, code,
            severity, directives, item_ids, params)
     SELECT s.organization_id, s.score_id, s.assessment_id, s.supplier_id, f.ord - 1, f.code,
            f.severity, f.directives, f.item_ids, f.params
       FROM jsonb_to_recordset($1::jsonb) AS s(organization_id uuid, score_id uuid,
            assessment_id uuid, supplier_id uuid, findings jsonb)
      CROSS JOIN LATERAL ROWS FROM (jsonb_to_recordset(s.findings) AS (code text, severity text,
            directives smallint[], "itemIds" text[], params jsonb))
            WITH ORDINALITY AS f(code, severity, directives, item_ids, params, ord)`,
    [JSON.stringify(records)],
  );
}
