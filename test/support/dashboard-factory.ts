import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DEFAULT_REMINDER_POLICY } from '@kakehashi/database';
import {
  ANSWER_FIXTURES,
  DEFAULT_CATALOG_VERSION,
  getCatalog,
  score,
  type ScoreResult,
} from '@kakehashi/domain';

/**
 * Writes what the scoring processor leaves behind (scores, findings, the supplier_risk roll-up)
 * straight into the database, with figures from the real engine over the shared answer fixtures.
 */
export type FixtureName = keyof typeof ANSWER_FIXTURES;

export interface NewSupplier {
  name: string;
  criticality: 1 | 2 | 3;
  category?: string | null;
  sizeClass?: 'sme' | 'large' | null;
  ownerId?: string | null;
}

export async function insertSupplier(
  ds: DataSource,
  organizationId: string,
  s: NewSupplier,
): Promise<string> {
  const [row] = await ds.query<{ id: string }[]>(
    `INSERT INTO suppliers (organization_id, name, criticality, category, size_class, owner_id)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [
      organizationId,
      s.name,
      s.criticality,
      s.category ?? null,
      s.sizeClass ?? null,
      s.ownerId ?? null,
    ],
  );
  return row.id;
}

export async function insertCampaign(
  ds: DataSource,
  organizationId: string,
  c: { name?: string; dueDate: string; ownerId: string; launchedAt?: Date; status?: string },
): Promise<string> {
  const [row] = await ds.query<{ id: string }[]>(
    `INSERT INTO campaigns (organization_id, name, catalog_version, status, due_date,
       reminder_policy, owner_id, launched_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [
      organizationId,
      c.name ?? `調査 ${randomBytes(2).toString('hex')}`,
      DEFAULT_CATALOG_VERSION,
      c.status ?? 'launched',
      c.dueDate,
      JSON.stringify(DEFAULT_REMINDER_POLICY),
      c.ownerId,
      c.launchedAt ?? new Date(),
    ],
  );
  return row.id;
}

export async function insertAssessment(
  ds: DataSource,
  a: { organizationId: string; campaignId: string; supplierId: string; status: string },
): Promise<string> {
  const submitted = a.status === 'submitted' || a.status === 'scored';
  const [row] = await ds.query<{ id: string }[]>(
    `INSERT INTO assessments (organization_id, campaign_id, supplier_id, catalog_version, status,
       submission_count, submitted_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [
      a.organizationId,
      a.campaignId,
      a.supplierId,
      DEFAULT_CATALOG_VERSION,
      a.status,
      submitted ? 1 : 0,
      submitted ? new Date() : null,
    ],
  );
  return row.id;
}

/** The engine's result for a fixture, with the buyer's criticality for this supplier. */
export function fixtureScore(fixture: FixtureName, criticality?: 1 | 2 | 3): ScoreResult {
  const f = ANSWER_FIXTURES[fixture];
  const profile = { ...f.profile, ...(criticality ? { criticality } : {}) };
  return score(getCatalog(DEFAULT_CATALOG_VERSION)!, f.answers, profile);
}

export interface ScoredAssessment {
  assessmentId: string;
  scoreId: string;
  findingIds: string[];
  result: ScoreResult;
}

/** A scored assessment with its score, findings and (when `current`) the supplier's roll-up row. */
export async function insertScoredAssessment(
  ds: DataSource,
  input: {
    organizationId: string;
    campaignId: string;
    supplierId: string;
    result: ScoreResult;
    scoredAt?: Date;
    current?: boolean;
  },
): Promise<ScoredAssessment> {
  const { organizationId, campaignId, supplierId, result } = input;
  const scoredAt = input.scoredAt ?? new Date();
  const assessmentId = await insertAssessment(ds, {
    organizationId,
    campaignId,
    supplierId,
    status: 'scored',
  });
  const { scoreId, findingIds } = await insertScore(ds, {
    organizationId,
    campaignId,
    supplierId,
    assessmentId,
    result,
    scoredAt,
  });
  if (input.current !== false) {
    await ds.query(
      `INSERT INTO supplier_risk (supplier_id, organization_id, assessment_id, score_id, campaign_id,
         risk_score, tier, directive_maturity, overall_maturity, security_action, otasuketai,
         required_level, achieved_level, open_findings, scored_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
       ON CONFLICT (supplier_id) DO UPDATE SET assessment_id = EXCLUDED.assessment_id,
         score_id = EXCLUDED.score_id, campaign_id = EXCLUDED.campaign_id,
         risk_score = EXCLUDED.risk_score, tier = EXCLUDED.tier,
         directive_maturity = EXCLUDED.directive_maturity,
         overall_maturity = EXCLUDED.overall_maturity, security_action = EXCLUDED.security_action,
         otasuketai = EXCLUDED.otasuketai, required_level = EXCLUDED.required_level,
         achieved_level = EXCLUDED.achieved_level, open_findings = EXCLUDED.open_findings,
         scored_at = EXCLUDED.scored_at`,
      [
        supplierId,
        organizationId,
        assessmentId,
        scoreId,
        campaignId,
        result.riskScore,
        result.tier,
        result.directiveMaturity,
        result.overallMaturity,
        result.securityAction.declared,
        result.otasuketai.uses,
        result.requiredLevel,
        result.achievedLevel,
        result.findings.length,
        scoredAt,
      ],
    );
  }
  return { assessmentId, scoreId, findingIds, result };
}

/** The score of submission 1 of an existing assessment and its findings, as the worker writes them. */
export async function insertScore(
  ds: DataSource,
  input: {
    organizationId: string;
    campaignId: string;
    supplierId: string;
    assessmentId: string;
    result: ScoreResult;
    /** Defaults to the database's now(). */
    scoredAt?: Date;
  },
): Promise<{ scoreId: string; findingIds: string[] }> {
  const { organizationId, campaignId, supplierId, assessmentId, result } = input;
  const [scoreRow] = await ds.query<{ id: string }[]>(
    `INSERT INTO assessment_scores (organization_id, assessment_id, supplier_id, campaign_id,
       submission, status, risk_score, tier, directive_maturity, overall_maturity, result,
       engine_version, catalog_version, created_at)
     VALUES ($1, $2, $3, $4, 1, $5, $6, $7, $8, $9, $10, $11, $12, COALESCE($13, now()))
     RETURNING id`,
    [
      organizationId,
      assessmentId,
      supplierId,
      campaignId,
      result.status,
      result.riskScore,
      result.tier,
      result.directiveMaturity,
      result.overallMaturity,
      JSON.stringify({ ...result, findings: undefined }),
      result.engineVersion,
      DEFAULT_CATALOG_VERSION,
      input.scoredAt ?? null,
    ],
  );
  const findingIds: string[] = [];
  for (const [position, f] of result.findings.entries()) {
    const [row] = await ds.query<{ id: string }[]>(
      `INSERT INTO findings (organization_id, score_id, assessment_id, supplier_id, position, code,
         severity, directives, item_ids, params)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [
        organizationId,
        scoreRow.id,
        assessmentId,
        supplierId,
        position,
        f.code,
        f.severity,
        f.directives,
        f.itemIds,
        JSON.stringify(f.params),
      ],
    );
    findingIds.push(row.id);
  }
  return { scoreId: scoreRow.id, findingIds };
}

export async function insertContact(
  ds: DataSource,
  c: {
    organizationId: string;
    supplierId: string;
    name: string;
    email: string;
    undeliverable?: string;
  },
): Promise<string> {
  const [row] = await ds.query<{ id: string }[]>(
    `INSERT INTO supplier_contacts (organization_id, supplier_id, name, email, is_primary,
       undeliverable_at, undeliverable_reason)
     VALUES ($1, $2, $3, $4, true, $5, $6) RETURNING id`,
    [
      c.organizationId,
      c.supplierId,
      c.name,
      c.email,
      c.undeliverable ? new Date() : null,
      c.undeliverable ?? null,
    ],
  );
  return row.id;
}
