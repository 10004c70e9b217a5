import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { issueAssessmentLink, linkExpiry } from '@kakehashi/auth';
import {
  Assessment,
  CampaignStatus,
  DEFAULT_REMINDER_POLICY,
  Supplier,
  SupplierContact,
} from '@kakehashi/database';
import { DEFAULT_CATALOG_VERSION } from '@kakehashi/domain';

export interface TestAssessment {
  organizationId: string;
  campaignId: string;
  supplierId: string;
  contactId: string;
  contactEmail: string;
  assessmentId: string;
  /** The raw link token, as it would be mailed. */
  token: string;
}

/** A launched campaign with one supplier, its primary contact, an assessment and a link. */
export async function createTestAssessment(
  dataSource: DataSource,
  input: {
    organizationId: string;
    ownerId: string;
    supplierName?: string;
    language?: 'ja' | 'en';
    campaignStatus?: CampaignStatus;
    /** Defaults to the usual expiry for a campaign due in 30 days. */
    expiresAt?: Date;
  },
): Promise<TestAssessment> {
  const tag = randomBytes(4).toString('hex');
  const due = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  return dataSource.transaction(async (manager) => {
    // Plain SQL with the columns every schema version has, so work in progress on the campaign
    // entity elsewhere does not break the tests that only need a campaign to exist.
    const [campaign] = (await manager.query(
      `INSERT INTO campaigns (organization_id, name, catalog_version, status, due_date, reminder_policy, owner_id, launched_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now()) RETURNING id`,
      [
        input.organizationId,
        `2026年度 取引先セキュリティ調査 ${tag}`,
        DEFAULT_CATALOG_VERSION,
        input.campaignStatus ?? 'launched',
        due,
        JSON.stringify(DEFAULT_REMINDER_POLICY),
        input.ownerId,
      ],
    )) as { id: string }[];
    const supplier = await manager.getRepository(Supplier).save({
      organizationId: input.organizationId,
      name: input.supplierName ?? `テスト部品工業 ${tag} 株式会社`,
    });
    const contactEmail = `contact-${tag}@supplier.example`;
    const contact = await manager.getRepository(SupplierContact).save({
      organizationId: input.organizationId,
      supplierId: supplier.id,
      name: `山田 太郎 ${tag}`,
      email: contactEmail,
      language: input.language ?? 'ja',
      isPrimary: true,
    });
    const assessment = await manager.getRepository(Assessment).save({
      organizationId: input.organizationId,
      campaignId: campaign.id,
      supplierId: supplier.id,
      catalogVersion: DEFAULT_CATALOG_VERSION,
    });
    const token = await issueAssessmentLink(manager, {
      organizationId: input.organizationId,
      assessmentId: assessment.id,
      contactId: contact.id,
      expiresAt: input.expiresAt ?? linkExpiry(due, new Date()),
    });
    return {
      organizationId: input.organizationId,
      campaignId: campaign.id,
      supplierId: supplier.id,
      contactId: contact.id,
      contactEmail,
      assessmentId: assessment.id,
      token,
    };
  });
}
