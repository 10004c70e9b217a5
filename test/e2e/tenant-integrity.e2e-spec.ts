import { randomUUID } from 'node:crypto';
import { DataSource, QueryFailedError } from 'typeorm';
import { dataSourceOptions } from '@kakehashi/database';
import {
  fixtureScore,
  insertAssessment,
  insertCampaign,
  insertScoredAssessment,
  insertSupplier,
} from '../support/dashboard-factory';
import { createWorkerTenant, WorkerTenant } from '../support/scoring-factory';

/**
 * The database itself keeps tenants apart and references whole: a row can only point at a row of
 * its own tenant that exists, owned rows go with their owner, and history is not deleted from
 * under anyone.
 */
describe('tenant integrity: foreign keys of the schema', () => {
  let db: DataSource;
  let a: WorkerTenant;
  let b: WorkerTenant;
  let campaignA: string;
  let campaignB: string;

  /** The constraint that refused the statement (a foreign-key violation, SQLSTATE 23503). */
  async function refusedBy(statement: Promise<unknown>): Promise<string> {
    const error: unknown = await statement.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(QueryFailedError);
    const { code, constraint } = (error as QueryFailedError).driverError as unknown as {
      code: string;
      constraint: string;
    };
    expect(code).toBe('23503');
    return constraint;
  }

  const count = async (sql: string, params: unknown[]): Promise<number> =>
    (await db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${sql}`, params))[0].n;

  async function insertContact(tenant: WorkerTenant, supplierId: string): Promise<string> {
    const [row] = await db.query<{ id: string }[]>(
      `INSERT INTO supplier_contacts (organization_id, supplier_id, name, email, is_primary)
       VALUES ($1, $2, '担当 太郎', $3, true) RETURNING id`,
      [tenant.organizationId, supplierId, `${randomUUID()}@supplier.example`],
    );
    return row.id;
  }

  beforeAll(async () => {
    db = await new DataSource(
      dataSourceOptions(process.env.DATABASE_URL!, { poolSize: 2 }),
    ).initialize();
    a = await createWorkerTenant(db, 'integrity-a');
    b = await createWorkerTenant(db, 'integrity-b');
    campaignA = await insertCampaign(db, a.organizationId, {
      dueDate: '2026-12-31',
      ownerId: a.ownerId,
    });
    campaignB = await insertCampaign(db, b.organizationId, {
      dueDate: '2026-12-31',
      ownerId: b.ownerId,
    });
  });

  afterAll(async () => {
    await db?.destroy();
  });

  it("refuses an assessment that names another tenant's supplier or campaign", async () => {
    const supplierA = await insertSupplier(db, a.organizationId, {
      name: '自社の取引先',
      criticality: 2,
    });
    const supplierB = await insertSupplier(db, b.organizationId, {
      name: '他社の取引先',
      criticality: 2,
    });

    expect(
      await refusedBy(
        insertAssessment(db, {
          organizationId: a.organizationId,
          campaignId: campaignA,
          supplierId: supplierB,
          status: 'invited',
        }),
      ),
    ).toBe('fk_assessments_supplier');
    expect(
      await refusedBy(
        insertAssessment(db, {
          organizationId: a.organizationId,
          campaignId: campaignB,
          supplierId: supplierA,
          status: 'invited',
        }),
      ),
    ).toBe('fk_assessments_campaign');
    expect(await count('assessments WHERE supplier_id = ANY($1)', [[supplierA, supplierB]])).toBe(
      0,
    );

    // The same rows within one tenant are accepted.
    await insertAssessment(db, {
      organizationId: a.organizationId,
      campaignId: campaignA,
      supplierId: supplierA,
      status: 'invited',
    });
    expect(await count('assessments WHERE supplier_id = $1', [supplierA])).toBe(1);
  });

  it("refuses a campaign owned by another tenant's user, and a contact of another tenant on a mail", async () => {
    expect(
      await refusedBy(
        insertCampaign(db, a.organizationId, { dueDate: '2026-12-31', ownerId: b.ownerId }),
      ),
    ).toBe('fk_campaigns_owner');

    const supplierB = await insertSupplier(db, b.organizationId, {
      name: '他社の取引先 2',
      criticality: 1,
    });
    const contactB = await insertContact(b, supplierB);
    expect(
      await refusedBy(
        db.query(
          `INSERT INTO mail_messages (organization_id, message_key, kind, to_email, contact_id)
           VALUES ($1, $2, 'invitation', 'someone@supplier.example', $3)`,
          [a.organizationId, `integrity:${randomUUID()}`, contactB],
        ),
      ),
    ).toBe('fk_mail_messages_contact');
  });

  it('deletes a supplier with its contacts, and refuses while it has assessments', async () => {
    const unused = await insertSupplier(db, a.organizationId, {
      name: '未調査の取引先',
      criticality: 1,
    });
    await insertContact(a, unused);
    await db.query('DELETE FROM suppliers WHERE id = $1', [unused]);
    expect(await count('suppliers WHERE id = $1', [unused])).toBe(0);
    expect(await count('supplier_contacts WHERE supplier_id = $1', [unused])).toBe(0);

    const assessed = await insertSupplier(db, a.organizationId, {
      name: '調査済みの取引先',
      criticality: 3,
    });
    await insertContact(a, assessed);
    await insertScoredAssessment(db, {
      organizationId: a.organizationId,
      campaignId: campaignA,
      supplierId: assessed,
      result: fixtureScore('smeNothing'),
    });
    expect(await refusedBy(db.query('DELETE FROM suppliers WHERE id = $1', [assessed]))).toBe(
      'fk_assessments_supplier',
    );
    expect(await count('supplier_contacts WHERE supplier_id = $1', [assessed])).toBe(1);
    expect(await count('supplier_risk WHERE supplier_id = $1', [assessed])).toBe(1);
  });

  it("deletes an assessment with its scores, their findings and the supplier's roll-up of them", async () => {
    const supplier = await insertSupplier(db, a.organizationId, {
      name: '再調査の取引先',
      criticality: 2,
    });
    const scored = await insertScoredAssessment(db, {
      organizationId: a.organizationId,
      campaignId: campaignA,
      supplierId: supplier,
      result: fixtureScore('smeNothing'),
    });
    expect(await count('supplier_risk WHERE supplier_id = $1', [supplier])).toBe(1);

    expect(scored.findingIds.length).toBeGreaterThan(0);
    await db.query('DELETE FROM assessments WHERE id = $1', [scored.assessmentId]);
    expect(await count('assessment_scores WHERE id = $1', [scored.scoreId])).toBe(0);
    // No foreign key on findings.score_id (scoring cost); a trigger takes them with the score.
    expect(await count('findings WHERE id = ANY($1)', [scored.findingIds])).toBe(0);
    expect(await count('supplier_risk WHERE supplier_id = $1', [supplier])).toBe(0);
    expect(await count('suppliers WHERE id = $1', [supplier])).toBe(1);
  });

  it('refuses to delete an assessment that was mailed about', async () => {
    const supplier = await insertSupplier(db, a.organizationId, {
      name: '招待済みの取引先',
      criticality: 2,
    });
    const assessment = await insertAssessment(db, {
      organizationId: a.organizationId,
      campaignId: campaignA,
      supplierId: supplier,
      status: 'invited',
    });
    await db.query(
      `INSERT INTO mail_messages (organization_id, message_key, kind, to_email, campaign_id, assessment_id)
       VALUES ($1, $2, 'invitation', 'someone@supplier.example', $3, $4)`,
      [a.organizationId, `integrity:${randomUUID()}`, campaignA, assessment],
    );
    expect(await refusedBy(db.query('DELETE FROM assessments WHERE id = $1', [assessment]))).toBe(
      'fk_mail_messages_assessment',
    );
    expect(await count('assessments WHERE id = $1', [assessment])).toBe(1);
  });

  it("keeps a contact's mail and links when the contact is deleted, without the contact", async () => {
    const supplier = await insertSupplier(db, a.organizationId, {
      name: '担当交代の取引先',
      criticality: 2,
    });
    const contact = await insertContact(a, supplier);
    const assessment = await insertAssessment(db, {
      organizationId: a.organizationId,
      campaignId: campaignA,
      supplierId: supplier,
      status: 'invited',
    });
    const key = `integrity:${randomUUID()}`;
    await db.query(
      `INSERT INTO mail_messages (organization_id, message_key, kind, to_email, contact_id, assessment_id)
       VALUES ($1, $2, 'invitation', 'old@supplier.example', $3, $4)`,
      [a.organizationId, key, contact, assessment],
    );
    await db.query(
      `INSERT INTO assessment_links (organization_id, assessment_id, contact_id, token_hash, expires_at)
       VALUES ($1, $2, $3, $4, now() + interval '30 days')`,
      [a.organizationId, assessment, contact, randomUUID()],
    );

    await db.query('DELETE FROM supplier_contacts WHERE id = $1', [contact]);
    const [mail] = await db.query<{ organization_id: string; contact_id: string | null }[]>(
      'SELECT organization_id, contact_id FROM mail_messages WHERE message_key = $1',
      [key],
    );
    expect(mail).toEqual({ organization_id: a.organizationId, contact_id: null });
    const links = await db.query<{ contact_id: string | null }[]>(
      'SELECT contact_id FROM assessment_links WHERE assessment_id = $1',
      [assessment],
    );
    expect(links).toEqual([{ contact_id: null }]);
  });
});
