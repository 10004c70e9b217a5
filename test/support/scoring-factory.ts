import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DEFAULT_REMINDER_POLICY, ReminderPolicy } from '@kakehashi/database';
import { ANSWER_FIXTURES, DEFAULT_CATALOG_VERSION, type AnswerFixture } from '@kakehashi/domain';
import { JobIds } from '@kakehashi/queue';

/**
 * Writes tenants, campaigns and assessments straight into the database for worker tests, as the
 * api would leave them (the submit path writes the assessment and its scoring outbox row in one
 * transaction). No passwords: these users never log in.
 */
export interface WorkerTenant {
  organizationId: string;
  ownerId: string;
  ownerEmail: string;
}

export async function createWorkerTenant(
  dataSource: DataSource,
  label: string,
  settings: object = {},
): Promise<WorkerTenant> {
  const tag = randomBytes(4).toString('hex');
  const [org] = await dataSource.query(
    `INSERT INTO organizations (name, slug, settings) VALUES ($1, $2, $3) RETURNING id`,
    [`${label} ${tag} 株式会社`, `${label}-${tag}`, JSON.stringify(settings)],
  );
  const ownerEmail = `owner-${tag}@${label}.example`;
  const [owner] = await dataSource.query(
    `INSERT INTO users (organization_id, email, display_name, role, password_hash)
     VALUES ($1, $2, $3, 'procurement', 'not-a-login') RETURNING id`,
    [org.id, ownerEmail, `調達 ${tag}`],
  );
  return { organizationId: org.id, ownerId: owner.id, ownerEmail };
}

export interface NewCampaign {
  dueDate: string;
  launchedAt: Date;
  reminderPolicy?: ReminderPolicy;
  status?: 'launched' | 'closed';
}

export async function createCampaign(
  dataSource: DataSource,
  tenant: WorkerTenant,
  campaign: NewCampaign,
): Promise<string> {
  const [row] = await dataSource.query(
    `INSERT INTO campaigns (organization_id, name, catalog_version, status, due_date,
            reminder_policy, owner_id, launched_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [
      tenant.organizationId,
      `2026年度 セキュリティ調査 ${randomBytes(2).toString('hex')}`,
      DEFAULT_CATALOG_VERSION,
      campaign.status ?? 'launched',
      campaign.dueDate,
      JSON.stringify(campaign.reminderPolicy ?? DEFAULT_REMINDER_POLICY),
      tenant.ownerId,
      campaign.launchedAt,
    ],
  );
  return row.id;
}

export interface SeedAssessments {
  tenant: WorkerTenant;
  campaignId: string;
  count: number;
  /** Answers and supplier profile; without it the assessment is open (invited, no answers). */
  fixture?: AnswerFixture;
  /** Write the scoring outbox row as the submit would (default: when a fixture is given). */
  submit?: boolean;
  /**
   * Leave the fixture's answers saved but not submitted (in progress, no outbox row), for a
   * caller that submits them later with `submitSeeded`.
   */
  answeredOnly?: boolean;
  undeliverable?: boolean;
}

export interface SeededAssessment {
  id: string;
  supplierId: string;
  contactEmail: string;
}

/** Inserts `count` suppliers (with a primary contact) and their assessments in a few statements. */
export async function seedAssessments(
  dataSource: DataSource,
  seed: SeedAssessments,
): Promise<SeededAssessment[]> {
  const tag = randomBytes(4).toString('hex');
  const profile = seed.fixture?.profile;
  const submitted = Boolean(seed.fixture) && !seed.answeredOnly;
  return dataSource.transaction(async (manager) => {
    const rows: SeededAssessment[] = await manager.query(
      `WITH s AS (
         INSERT INTO suppliers (organization_id, name, size_class, criticality,
                handles_confidential_data, outage_impact, network_access)
         SELECT $1, '取引先 ' || $2 || '-' || n, $3, $4, $5, $6, $7 FROM generate_series(1, $8) n
         RETURNING id, name
       ), c AS (
         INSERT INTO supplier_contacts (organization_id, supplier_id, name, email, is_primary,
                undeliverable_at, undeliverable_reason)
         SELECT $1, s.id, '担当 ' || s.name, 'contact-' || s.id || '@supplier.example', true,
                CASE WHEN $12 THEN now() END, CASE WHEN $12 THEN '550 no such user' END
           FROM s RETURNING supplier_id, email
       ), a AS (
         INSERT INTO assessments (organization_id, campaign_id, supplier_id, catalog_version,
                status, answers, version, submission_count, submitted_at)
         SELECT $1, $9, s.id, $10,
                CASE WHEN $13 THEN 'submitted' WHEN $14 THEN 'in_progress' ELSE 'invited' END, $11,
                CASE WHEN $13 THEN 1 ELSE 0 END, CASE WHEN $13 THEN 1 ELSE 0 END,
                CASE WHEN $13 THEN now() END
           FROM s RETURNING id, supplier_id
       )
       SELECT a.id, a.supplier_id AS "supplierId", c.email AS "contactEmail"
         FROM a JOIN c ON c.supplier_id = a.supplier_id`,
      [
        seed.tenant.organizationId,
        tag,
        profile?.sizeClass ?? null,
        profile?.criticality ?? 2,
        profile?.handlesConfidentialData ?? null,
        profile?.outageImpact ?? null,
        profile?.networkAccess ?? null,
        seed.count,
        seed.campaignId,
        DEFAULT_CATALOG_VERSION,
        JSON.stringify(seed.fixture?.answers ?? {}),
        seed.undeliverable ?? false,
        submitted,
        Boolean(seed.fixture),
      ],
    );
    if (submitted && (seed.submit ?? true)) {
      await manager.query(
        `INSERT INTO outbox (organization_id, queue, job_name, job_id, payload)
         SELECT $1::uuid, 'scoring', 'score-assessment', x.job_id,
                jsonb_build_object('organizationId', $1::text, 'assessmentId', x.id, 'submission', 1)
           FROM unnest($2::uuid[], $3::text[]) AS x(id, job_id)`,
        [
          seed.tenant.organizationId,
          rows.map((row) => row.id),
          rows.map((row) => scoreJobId(row.id)),
        ],
      );
    }
    return rows;
  });
}

/**
 * Submits answered assessments in one transaction, writing what the supplier's submit writes for
 * each (RespondAnswersService.submit) that leads to the score: the assessment, its scoring outbox
 * row and an audit event. The submit's receipt mail to the supplier is left out: it is mail
 * work, measured by the fan-out bench, and would add 10,000 mails to the scoring figure.
 */
export async function submitSeeded(
  dataSource: DataSource,
  tenant: WorkerTenant,
  assessmentIds: string[],
): Promise<void> {
  await dataSource.transaction(async (manager) => {
    const [rows]: [{ id: string; submission: number }[], number] = await manager.query(
      `UPDATE assessments
          SET status = 'submitted', submission_count = submission_count + 1,
              submitted_at = now(), version = version + 1, updated_at = now()
        WHERE organization_id = $1 AND id = ANY($2::uuid[]) AND status = 'in_progress'
        RETURNING id, submission_count AS submission`,
      [tenant.organizationId, assessmentIds],
    );
    await manager.query(
      `INSERT INTO outbox (organization_id, queue, job_name, job_id, payload)
       SELECT $1::uuid, 'scoring', 'score-assessment', x.job_id,
              jsonb_build_object('organizationId', $1::text, 'assessmentId', x.id,
                                 'submission', x.submission)
         FROM unnest($2::uuid[], $3::int[], $4::text[]) AS x(id, submission, job_id)`,
      [
        tenant.organizationId,
        rows.map((row) => row.id),
        rows.map((row) => row.submission),
        rows.map((row) => JobIds.score(row.id, row.submission)),
      ],
    );
    await manager.query(
      `INSERT INTO audit_events (organization_id, actor_type, action, target_type, target_id,
              details)
       SELECT $1::uuid, 'supplier', 'assessment.submitted', 'assessment', x.id::text,
              jsonb_build_object('submission', x.submission)
         FROM unnest($2::uuid[], $3::int[]) AS x(id, submission)`,
      [tenant.organizationId, rows.map((row) => row.id), rows.map((row) => row.submission)],
    );
  });
}

/** The id the submit path gives the scoring job (kept in step with JobIds.score). */
export const scoreJobId = (assessmentId: string): string => JobIds.score(assessmentId, 1);

export { ANSWER_FIXTURES };
