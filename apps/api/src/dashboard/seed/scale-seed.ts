import { randomBytes } from 'node:crypto';
import { DataSource, QueryRunner } from 'typeorm';
import { DEFAULT_REMINDER_POLICY } from '@kakehashi/database';
import { DEFAULT_CATALOG_VERSION } from '@kakehashi/domain';
import { createTenant } from '../../organizations/create-tenant.use-case';
import { scaleTemplates } from './scale-templates';

export const SCALE_TENANT_NAME = 'スケール検証株式会社';

export interface ScaleSeedOptions {
  suppliers: number;
  assessments: number;
  /** Password of the tenant's users; generated (and reported) when not given. */
  password?: string;
}

export interface ScaleSeedResult {
  organizationId: string;
  users: { email: string; role: string }[];
  password: string;
  suppliers: number;
  campaigns: number;
  assessments: number;
  scores: number;
  findings: number;
  seconds: number;
}

const OWNERS = 5;

/**
 * Fills a new tenant with N suppliers and M assessments spread over ceil(M / N) quarterly
 * campaigns, entirely in SQL (generate_series, set-based inserts). Scores, findings and the
 * supplier_risk roll-up are copies of real engine results for the fixture answer sets; findings
 * are written for each supplier's current score only (what the dashboard reads).
 */
export async function seedScale(
  ds: DataSource,
  options: ScaleSeedOptions,
): Promise<ScaleSeedResult> {
  const started = Date.now();
  const password = options.password ?? `Scale-${randomBytes(9).toString('base64url')}`;
  const tag = randomBytes(3).toString('hex');
  const tenant = await createTenant(ds, {
    name: SCALE_TENANT_NAME,
    users: [
      { email: `admin-${tag}@scale.example`, password, role: 'admin', displayName: '管理者' },
      { email: `ciso-${tag}@scale.example`, password, role: 'ciso', displayName: 'CISO' },
      ...Array.from({ length: OWNERS }, (_, i) => ({
        email: `procurement${i + 1}-${tag}@scale.example`,
        password,
        role: 'procurement' as const,
        displayName: `調達担当 ${i + 1}`,
      })),
    ],
  });
  const org = tenant.organizationId;
  const owners = tenant.users.filter((u) => u.role === 'procurement').map((u) => u.id);
  const campaigns = Math.max(1, Math.ceil(options.assessments / Math.max(1, options.suppliers)));

  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    await loadTemplates(runner);
    await insertSuppliers(runner, { org, owners, count: options.suppliers });
    await insertCampaigns(runner, { org, owner: owners[0], count: campaigns });
    await insertAssessments(runner, {
      org,
      total: options.assessments,
      suppliers: options.suppliers,
    });
    const scores = await insertScores(runner, org);
    const findings = await insertRiskAndFindings(runner, org);
    await runner.commitTransaction();
    // Fresh statistics and visibility map, as autovacuum would leave them after a while.
    for (const table of [
      'suppliers',
      'campaigns',
      'assessments',
      'assessment_scores',
      'findings',
      'supplier_risk',
    ]) {
      await runner.query(`VACUUM ANALYZE ${table}`);
    }
    return {
      organizationId: org,
      users: tenant.users.map((u) => ({ email: u.email, role: u.role })),
      password,
      suppliers: options.suppliers,
      campaigns,
      assessments: options.assessments,
      scores,
      findings,
      seconds: (Date.now() - started) / 1000,
    };
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    throw error;
  } finally {
    await runner.release();
  }
}

async function loadTemplates(runner: QueryRunner): Promise<void> {
  await runner.query(
    `CREATE TEMP TABLE scale_templates (idx int PRIMARY KEY, criticality int, answers jsonb,
       result jsonb) ON COMMIT DROP`,
  );
  for (const t of scaleTemplates()) {
    await runner.query(`INSERT INTO scale_templates VALUES ($1, $2, $3, $4)`, [
      t.idx,
      t.criticality,
      JSON.stringify(t.answers),
      JSON.stringify(t.result),
    ]);
  }
}

async function insertSuppliers(
  runner: QueryRunner,
  input: { org: string; owners: string[]; count: number },
): Promise<void> {
  await runner.query(
    `CREATE TEMP TABLE scale_suppliers ON COMMIT DROP AS
     SELECT g AS n, gen_random_uuid() AS id, 1 + g % 3 AS criticality FROM generate_series(1, $1) g`,
    [input.count],
  );
  await runner.query(`CREATE INDEX ON scale_suppliers (n)`);
  await runner.query(
    `INSERT INTO suppliers (id, organization_id, name, size_class, criticality, category, owner_id,
       handles_confidential_data)
     SELECT id, $1, 'スケール取引先' || lpad(n::text, 6, '0') || ' 株式会社',
       CASE WHEN n % 4 = 0 THEN 'large' ELSE 'sme' END, criticality,
       (ARRAY['IT', '製造', '物流', 'サービス', '建設'])[1 + n % 5],
       ($2::uuid[])[1 + n % ${input.owners.length}], n % 2 = 0
     FROM scale_suppliers`,
    [input.org, input.owners],
  );
}

async function insertCampaigns(
  runner: QueryRunner,
  input: { org: string; owner: string; count: number },
): Promise<void> {
  // Quarterly, the last one still open (due in 30 days), the others past their due date.
  await runner.query(
    `CREATE TEMP TABLE scale_campaigns ON COMMIT DROP AS
     SELECT k, gen_random_uuid() AS id,
       (current_date + 30 - (($1 - k) * 91))::date AS due_date
     FROM generate_series(1, $1) k`,
    [input.count],
  );
  await runner.query(
    `INSERT INTO campaigns (id, organization_id, name, catalog_version, status, due_date,
       reminder_policy, owner_id, launched_at, created_at)
     SELECT id, $1, 'スケール検証 調査 第' || k || '回', $2, 'launched', due_date, $3, $4,
       due_date - 30, due_date - 31
     FROM scale_campaigns`,
    [input.org, DEFAULT_CATALOG_VERSION, JSON.stringify(DEFAULT_REMINDER_POLICY), input.owner],
  );
}

async function insertAssessments(
  runner: QueryRunner,
  input: { org: string; total: number; suppliers: number },
): Promise<void> {
  // Deterministic spread: older campaigns ~85% scored, the open one ~50%; the template (which
  // fixture answered) varies by supplier and campaign, matching the supplier's criticality.
  await runner.query(
    `CREATE TEMP TABLE scale_assessments ON COMMIT DROP AS
     SELECT gen_random_uuid() AS id, s.id AS supplier_id, c.id AS campaign_id, c.k, s.n,
       c.due_date,
       ((s.n * 7 + c.k * 13) % 4) * 3 + s.criticality - 1 AS template,
       CASE
         WHEN c.k = (SELECT max(k) FROM scale_campaigns) THEN
           CASE WHEN (s.n * 31 + c.k) % 100 < 50 THEN 'scored'
                WHEN (s.n * 31 + c.k) % 100 < 60 THEN 'submitted'
                WHEN (s.n * 31 + c.k) % 100 < 80 THEN 'in_progress' ELSE 'invited' END
         ELSE
           CASE WHEN (s.n * 31 + c.k) % 100 < 85 THEN 'scored'
                WHEN (s.n * 31 + c.k) % 100 < 90 THEN 'submitted'
                WHEN (s.n * 31 + c.k) % 100 < 95 THEN 'opened' ELSE 'invited' END
       END AS status
     FROM scale_campaigns c JOIN scale_suppliers s ON (c.k - 1) * $2 + s.n <= $1`,
    [input.total, input.suppliers],
  );
  await runner.query(
    `INSERT INTO assessments (id, organization_id, campaign_id, supplier_id, catalog_version,
       status, answers, version, submission_count, opened_at, submitted_at, created_at, updated_at)
     SELECT a.id, $1, a.campaign_id, a.supplier_id, $2, a.status,
       CASE WHEN a.status = 'invited' THEN '{}'::jsonb ELSE t.answers END,
       CASE WHEN a.status = 'invited' THEN 0 ELSE 3 END,
       CASE WHEN a.status IN ('submitted', 'scored') THEN 1 ELSE 0 END,
       CASE WHEN a.status = 'invited' THEN NULL ELSE a.due_date - 20 END,
       CASE WHEN a.status IN ('submitted', 'scored') THEN a.due_date - 10 + (a.n % 7) END,
       a.due_date - 30, a.due_date - 10
     FROM scale_assessments a JOIN scale_templates t ON t.idx = a.template`,
    [input.org, DEFAULT_CATALOG_VERSION],
  );
}

async function insertScores(runner: QueryRunner, org: string): Promise<number> {
  const rows: { n: number }[] = await runner.query(
    `WITH ins AS (
       INSERT INTO assessment_scores (organization_id, assessment_id, supplier_id, campaign_id,
         submission, status, risk_score, tier, directive_maturity, overall_maturity, result,
         engine_version, catalog_version, created_at)
       SELECT $1, a.id, a.supplier_id, a.campaign_id, 1, t.result->>'status',
         (t.result->>'riskScore')::real, t.result->>'tier',
         ARRAY(SELECT jsonb_array_elements_text(t.result->'directiveMaturity')::real),
         (t.result->>'overallMaturity')::real, t.result - 'findings', t.result->>'engineVersion', $2,
         a.due_date - 9 + (a.n % 7)
       FROM scale_assessments a JOIN scale_templates t ON t.idx = a.template
       WHERE a.status = 'scored'
       RETURNING 1)
     SELECT count(*)::int AS n FROM ins`,
    [org, DEFAULT_CATALOG_VERSION],
  );
  return rows[0].n;
}

async function insertRiskAndFindings(runner: QueryRunner, org: string): Promise<number> {
  await runner.query(
    `INSERT INTO supplier_risk (supplier_id, organization_id, assessment_id, score_id, campaign_id,
       risk_score, tier, directive_maturity, overall_maturity, security_action, otasuketai,
       required_level, achieved_level, open_findings, scored_at)
     SELECT DISTINCT ON (sc.supplier_id) sc.supplier_id, $1, sc.assessment_id, sc.id,
       sc.campaign_id, sc.risk_score, sc.tier, sc.directive_maturity, sc.overall_maturity,
       sc.result->'securityAction'->>'declared', (sc.result->'otasuketai'->>'uses')::boolean,
       sc.result->>'requiredLevel', sc.result->>'achievedLevel',
       jsonb_array_length(t.result->'findings'), sc.created_at
     FROM assessment_scores sc
     JOIN scale_assessments a ON a.id = sc.assessment_id
     JOIN scale_templates t ON t.idx = a.template
     WHERE sc.organization_id = $1
     ORDER BY sc.supplier_id, sc.created_at DESC`,
    [org],
  );
  const rows: { n: number }[] = await runner.query(
    `WITH ins AS (
       INSERT INTO findings (organization_id, score_id, assessment_id, supplier_id, position, code,
         severity, directives, item_ids, params)
       SELECT $1, r.score_id, r.assessment_id, r.supplier_id, f.ord - 1, f.value->>'code',
         f.value->>'severity',
         ARRAY(SELECT jsonb_array_elements_text(f.value->'directives')::smallint),
         ARRAY(SELECT jsonb_array_elements_text(f.value->'itemIds')), f.value->'params'
       FROM supplier_risk r
       JOIN scale_assessments a ON a.id = r.assessment_id
       JOIN scale_templates t ON t.idx = a.template,
         jsonb_array_elements(t.result->'findings') WITH ORDINALITY f(value, ord)
       WHERE r.organization_id = $1
       RETURNING 1)
     SELECT count(*)::int AS n FROM ins`,
    [org],
  );
  return rows[0].n;
}
