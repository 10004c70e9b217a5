import { EntityManager } from 'typeorm';
import type { ScoreResult } from '@kakehashi/domain';

export interface RiskSource {
  row: {
    id: string;
    organizationId: string;
    supplierId: string;
    campaignId: string;
    submittedAt: Date | null;
  };
  scoreId: string;
  result: ScoreResult;
}

/**
 * Upserts the suppliers' current risk (what the dashboard reads) in one statement. Callers pass
 * complete results only. The latest submitted assessment wins: rescoring an older campaign's
 * assessment must not replace the risk of a newer one.
 */
export async function refreshSupplierRisk(
  manager: EntityManager,
  { sources, scoredAt }: { sources: RiskSource[]; scoredAt: Date },
): Promise<void> {
  // One row per supplier per statement (ON CONFLICT may touch a row once): the latest wins.
  const bySupplier = new Map<string, RiskSource>();
  for (const source of sources) {
    const seen = bySupplier.get(source.row.supplierId);
    const at = (s: RiskSource) => s.row.submittedAt?.getTime() ?? 0;
    if (!seen || at(source) >= at(seen)) bySupplier.set(source.row.supplierId, source);
  }
  if (bySupplier.size === 0) return;
  const records = [...bySupplier.values()].map(({ row, scoreId, result }) => ({
    supplier_id: row.supplierId,
    organization_id: row.organizationId,
    assessment_id: row.id,
    score_id: scoreId,
    campaign_id: row.campaignId,
    risk_score: result.riskScore,
    tier: result.tier,
    directive_maturity: result.directiveMaturity,
    overall_maturity: result.overallMaturity,
    security_action: result.securityAction.declared,
    otasuketai: result.otasuketai.uses,
    required_level: result.requiredLevel,
    achieved_level: result.achievedLevel,
    open_findings: result.findings.length,
  }));
  await manager.query(
    `INSERT INTO supplier_risk AS r (supplier_id, organization_id, assessment_id, score_id,
            campaign_id, risk_score, tier, directive_maturity, overall_maturity, security_action,
            otasuketai, required_level, achieved_level, open_findings, scored_at)
     SELECT x.supplier_id, x.organization_id, x.assessment_id, x.score_id, x.campaign_id,
            x.risk_score, x.tier, ARRAY(SELECT jsonb_array_elements_text(x.directive_maturity)::real),
            x.overall_maturity, x.security_action, x.otasuketai, x.required_level,
            x.achieved_level, x.open_findings, $2
       FROM jsonb_to_recordset($1::jsonb) AS x(supplier_id uuid, organization_id uuid,
            assessment_id uuid, score_id uuid, campaign_id uuid, risk_score real, tier text,
            directive_maturity jsonb, overall_maturity real, security_action text,
            otasuketai boolean, required_level text, achieved_level text, open_findings int)
     ON CONFLICT (supplier_id) DO UPDATE SET
            assessment_id = EXCLUDED.assessment_id, score_id = EXCLUDED.score_id,
            campaign_id = EXCLUDED.campaign_id, risk_score = EXCLUDED.risk_score,
            tier = EXCLUDED.tier, directive_maturity = EXCLUDED.directive_maturity,
            overall_maturity = EXCLUDED.overall_maturity,
            security_action = EXCLUDED.security_action, otasuketai = EXCLUDED.otasuketai,
            required_level = EXCLUDED.required_level, achieved_level = EXCLUDED.achieved_level,
            open_findings = EXCLUDED.open_findings, scored_at = EXCLUDED.scored_at
      WHERE r.assessment_id = EXCLUDED.assessment_id
         OR (SELECT COALESCE(a.submitted_at, a.created_at) FROM assessments a
              WHERE a.id = r.assessment_id)
         <= (SELECT COALESCE(a.submitted_at, a.created_at) FROM assessments a
              WHERE a.id = EXCLUDED.assessment_id)`,
    [JSON.stringify(records), scoredAt],
  );
}
