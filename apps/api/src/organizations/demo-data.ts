import { EntityManager } from 'typeorm';
import { ANSWER_FIXTURES, DEFAULT_CATALOG_VERSION } from '@kakehashi/domain';
import { DEFAULT_REMINDER_POLICY } from '@kakehashi/database';
import { JobIds, QueueName } from '@kakehashi/queue';

interface DemoSupplier {
  name: string;
  romaji: string;
  sizeClass: 'sme' | 'large';
  criticality: 1 | 2 | 3;
  category: string;
  language: 'ja' | 'en';
  /** The fixture this supplier answered with, if it has submitted already. */
  answered?: keyof typeof ANSWER_FIXTURES;
}

const SUPPLIERS: DemoSupplier[] = [
  {
    name: '東都精密工業株式会社',
    romaji: 'Toto Seimitsu',
    sizeClass: 'large',
    criticality: 3,
    category: '部品',
    language: 'ja',
    answered: 'matureLarge',
  },
  {
    name: '株式会社さくらロジスティクス',
    romaji: 'Sakura Logistics',
    sizeClass: 'sme',
    criticality: 2,
    category: '物流',
    language: 'ja',
    answered: 'smeStarOtasuketai',
  },
  {
    name: '有限会社みなと印刷',
    romaji: 'Minato Printing',
    sizeClass: 'sme',
    criticality: 1,
    category: '印刷',
    language: 'ja',
    answered: 'smeNothing',
  },
  {
    name: '北辰システムズ株式会社',
    romaji: 'Hokushin Systems',
    sizeClass: 'sme',
    criticality: 3,
    category: 'IT',
    language: 'ja',
    answered: 'star2Contradiction',
  },
  {
    name: 'Pacific Cloud Services K.K.',
    romaji: 'Pacific Cloud Services',
    sizeClass: 'large',
    criticality: 3,
    category: 'IT',
    language: 'en',
  },
  {
    name: '株式会社浪速金型',
    romaji: 'Naniwa Kanagata',
    sizeClass: 'sme',
    criticality: 2,
    category: '部品',
    language: 'ja',
  },
  {
    name: '青葉ビルメンテナンス株式会社',
    romaji: 'Aoba Building Maintenance',
    sizeClass: 'sme',
    criticality: 1,
    category: '施設',
    language: 'ja',
  },
  {
    name: '株式会社ひまわり人材サービス',
    romaji: 'Himawari Staffing',
    sizeClass: 'sme',
    criticality: 2,
    category: '人材',
    language: 'ja',
  },
];

/**
 * Demo content for `npm start`: suppliers, a launched campaign whose invitations go out through
 * the worker, and four suppliers who already submitted (one per answer fixture), queued for
 * scoring so the dashboard has figures a minute after start.
 */
export async function insertDemoData(
  manager: EntityManager,
  tenant: { organizationId: string; procurementUserId: string; today: string },
): Promise<void> {
  const org = tenant.organizationId;
  const [campaign] = await manager.query<{ id: string }[]>(
    `INSERT INTO campaigns (organization_id, name, catalog_version, status, due_date, reminder_policy,
                            sender_name, message, owner_id, launched_at, fan_out_waves)
     VALUES ($1, '2026年度 取引先セキュリティ調査', $2, 'launched', $3::date + 21, $4, '架け橋デモ 調達部',
             'サイバーセキュリティ経営ガイドラインに基づく年次調査です。ご協力をお願いいたします。', $5, now(),
             1)
     RETURNING id`,
    [
      org,
      DEFAULT_CATALOG_VERSION,
      tenant.today,
      JSON.stringify(DEFAULT_REMINDER_POLICY),
      tenant.procurementUserId,
    ],
  );
  for (const [index, supplier] of SUPPLIERS.entries()) {
    const fixture = supplier.answered ? ANSWER_FIXTURES[supplier.answered] : undefined;
    const profile = fixture?.profile;
    const [row] = await manager.query<{ id: string }[]>(
      `INSERT INTO suppliers (organization_id, name, name_romaji, size_class, criticality, category,
                              handles_confidential_data, outage_impact, network_access, owner_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [
        org,
        supplier.name,
        supplier.romaji,
        supplier.sizeClass,
        profile?.criticality ?? supplier.criticality,
        supplier.category,
        profile?.handlesConfidentialData ?? supplier.criticality === 3,
        profile?.outageImpact ?? supplier.criticality >= 2,
        profile?.networkAccess ?? false,
        tenant.procurementUserId,
      ],
    );
    await manager.query(
      `INSERT INTO supplier_contacts (organization_id, supplier_id, name, email, language, is_primary)
       VALUES ($1, $2, $3, $4, $5, true)`,
      [
        org,
        row.id,
        supplier.language === 'en' ? 'Alex Morgan' : `担当者 ${index + 1}`,
        `contact${index + 1}@supplier${index + 1}.example.jp`,
        supplier.language,
      ],
    );
    const [assessment] = await manager.query<{ id: string }[]>(
      `INSERT INTO assessments (organization_id, campaign_id, supplier_id, catalog_version, status, answers,
                                version, submission_count, opened_at, submitted_at, submitted_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10) RETURNING id`,
      [
        org,
        campaign.id,
        row.id,
        DEFAULT_CATALOG_VERSION,
        fixture ? 'submitted' : 'invited',
        JSON.stringify(fixture?.answers ?? {}),
        fixture ? 1 : 0,
        fixture ? 1 : 0,
        fixture ? new Date() : null,
        fixture ? `contact${index + 1}@supplier${index + 1}.example.jp` : null,
      ],
    );
    if (fixture) {
      await manager.query(
        `INSERT INTO outbox (organization_id, queue, job_name, job_id, payload) VALUES ($1, $2, 'score-assessment', $3, $4)`,
        [
          org,
          QueueName.Scoring,
          JobIds.score(assessment.id, 1),
          { organizationId: org, assessmentId: assessment.id, submission: 1 },
        ],
      );
    }
  }
  // Wave 1, as the campaign row says (fan_out_waves = 1): suppliers added later get wave 2.
  await manager.query(
    `INSERT INTO outbox (organization_id, queue, job_name, job_id, payload) VALUES ($1, $2, 'fan-out', $3, $4)`,
    [
      org,
      QueueName.Campaigns,
      JobIds.fanOut(campaign.id, 1),
      { organizationId: org, campaignId: campaign.id },
    ],
  );
}
