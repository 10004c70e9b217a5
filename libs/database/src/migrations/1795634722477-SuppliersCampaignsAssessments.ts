import { MigrationInterface, QueryRunner } from 'typeorm';

export class SuppliersCampaignsAssessments1795634722477 implements MigrationInterface {
  name = 'SuppliersCampaignsAssessments1795634722477';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "assessments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "campaign_id" uuid NOT NULL, "supplier_id" uuid NOT NULL, "catalog_version" text NOT NULL, "status" text NOT NULL DEFAULT 'invited', "answers" jsonb NOT NULL DEFAULT '{}'::jsonb, "version" integer NOT NULL DEFAULT '0', "submission_count" integer NOT NULL DEFAULT '0', "opened_at" TIMESTAMP WITH TIME ZONE, "submitted_at" TIMESTAMP WITH TIME ZONE, "submitted_by" text, "reopen_message" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a3442bd80a00e9111cefca57f6c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_assessments_supplier" ON "assessments"  ("supplier_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_assessments_organization_status" ON "assessments"  ("organization_id", "status") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_assessments_campaign_supplier" ON "assessments"  ("campaign_id", "supplier_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "assessment_links" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "assessment_id" uuid NOT NULL, "contact_id" uuid, "token_hash" text NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_89fcacf1ad4748f24c5e0f5b3c0" UNIQUE ("token_hash"), CONSTRAINT "PK_429cd5131b50f79fb093598db00" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_assessment_links_assessment" ON "assessment_links"  ("assessment_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "assessment_scores" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "assessment_id" uuid NOT NULL, "supplier_id" uuid NOT NULL, "campaign_id" uuid NOT NULL, "submission" integer NOT NULL, "status" text NOT NULL, "risk_score" real NOT NULL, "tier" text NOT NULL, "directive_maturity" real array NOT NULL, "overall_maturity" real NOT NULL, "result" jsonb NOT NULL, "engine_version" text NOT NULL, "catalog_version" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e4ff9a378c0bffd01452253a5da" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_assessment_scores_supplier" ON "assessment_scores"  ("supplier_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_assessment_scores_submission" ON "assessment_scores"  ("assessment_id", "submission", "engine_version") `,
    );
    await queryRunner.query(
      `CREATE TABLE "campaigns" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "name" text NOT NULL, "catalog_version" text NOT NULL, "status" text NOT NULL DEFAULT 'draft', "due_date" date NOT NULL, "reminder_policy" jsonb NOT NULL, "sender_name" text, "message" text, "owner_id" uuid NOT NULL, "launched_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_831e3fcd4fc45b4e4c3f57a9ee4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_campaigns_organization_created" ON "campaigns"  ("organization_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "evidence_files" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "assessment_id" uuid NOT NULL, "filename" text NOT NULL, "content_type" text NOT NULL, "size" bigint NOT NULL, "sha256" text NOT NULL, "storage_key" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f8d1a9a8e0430b749e2f4694460" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_evidence_files_assessment" ON "evidence_files"  ("assessment_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "findings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "score_id" uuid NOT NULL, "assessment_id" uuid NOT NULL, "supplier_id" uuid NOT NULL, "position" integer NOT NULL, "code" text NOT NULL, "severity" text NOT NULL, "directives" smallint array NOT NULL, "item_ids" text array NOT NULL, "message" jsonb NOT NULL, "recommendation" jsonb NOT NULL, "status" text NOT NULL DEFAULT 'open', CONSTRAINT "PK_ae9807d6293c23c13ff8804d09c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_findings_supplier" ON "findings"  ("organization_id", "supplier_id") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_findings_score" ON "findings"  ("score_id") `);
    await queryRunner.query(
      `CREATE TABLE "mail_messages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "message_key" text NOT NULL, "kind" text NOT NULL, "status" text NOT NULL DEFAULT 'queued', "to_email" text NOT NULL, "to_name" text, "locale" text NOT NULL DEFAULT 'ja', "contact_id" uuid, "user_id" uuid, "campaign_id" uuid, "assessment_id" uuid, "subject" text, "attempts" integer NOT NULL DEFAULT '0', "smtp_response" text, "smtp_message_id" text, "last_error" text, "sent_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_78a7e705d27a1cd919bd9faa140" UNIQUE ("message_key"), CONSTRAINT "PK_1bd6e76ef3b3d4aff7d0510a509" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_mail_messages_assessment" ON "mail_messages"  ("assessment_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_mail_messages_campaign_status" ON "mail_messages"  ("campaign_id", "status") `,
    );
    await queryRunner.query(
      `CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "user_id" uuid, "key" text NOT NULL, "kind" text NOT NULL, "title" jsonb NOT NULL, "link" text, "read_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_d51d565cc502858700f21071677" UNIQUE ("key"), CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_notifications_organization_created" ON "notifications"  ("organization_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "suppliers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "name" text NOT NULL, "name_romaji" text, "corporate_number" character(13), "size_class" text, "criticality" smallint NOT NULL DEFAULT '2', "handles_confidential_data" boolean, "outage_impact" boolean, "network_access" boolean, "category" text, "tags" text array NOT NULL DEFAULT '{}', "owner_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b70ac51766a9e3144f778cfe81e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_suppliers_organization_corporate_number" ON "suppliers"  ("organization_id", "corporate_number") WHERE corporate_number IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_suppliers_organization_name" ON "suppliers"  ("organization_id", "name") `,
    );
    await queryRunner.query(
      `CREATE TABLE "supplier_contacts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "supplier_id" uuid NOT NULL, "name" text NOT NULL, "email" text NOT NULL, "language" text NOT NULL DEFAULT 'ja', "is_primary" boolean NOT NULL DEFAULT false, "undeliverable_at" TIMESTAMP WITH TIME ZONE, "undeliverable_reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f2aee15a54abcc155a5d7f37dc2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_supplier_contacts_primary" ON "supplier_contacts"  ("supplier_id") WHERE is_primary`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_supplier_contacts_supplier" ON "supplier_contacts"  ("supplier_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "supplier_risk" ("supplier_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "assessment_id" uuid NOT NULL, "score_id" uuid NOT NULL, "campaign_id" uuid NOT NULL, "risk_score" real NOT NULL, "tier" text NOT NULL, "directive_maturity" real array NOT NULL, "overall_maturity" real NOT NULL, "security_action" text NOT NULL, "otasuketai" boolean NOT NULL, "required_level" text NOT NULL, "achieved_level" text NOT NULL, "open_findings" integer NOT NULL DEFAULT '0', "scored_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_3386010b42629b44575f18ab664" PRIMARY KEY ("supplier_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_supplier_risk_organization_score" ON "supplier_risk"  ("organization_id", "risk_score") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_supplier_risk_organization_tier" ON "supplier_risk"  ("organization_id", "tier") `,
    );
    await queryRunner.query(
      `ALTER TABLE "organizations" ADD "settings" jsonb NOT NULL DEFAULT '{}'::jsonb`,
    );
    await queryRunner.query(
      `ALTER TABLE "audit_events" ALTER COLUMN "details" SET DEFAULT '{}'::jsonb`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_events" ALTER COLUMN "details" SET DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "settings"`);
    await queryRunner.query(`DROP INDEX "public"."ix_supplier_risk_organization_tier"`);
    await queryRunner.query(`DROP INDEX "public"."ix_supplier_risk_organization_score"`);
    await queryRunner.query(`DROP TABLE "supplier_risk"`);
    await queryRunner.query(`DROP INDEX "public"."ix_supplier_contacts_supplier"`);
    await queryRunner.query(`DROP INDEX "public"."uq_supplier_contacts_primary"`);
    await queryRunner.query(`DROP TABLE "supplier_contacts"`);
    await queryRunner.query(`DROP INDEX "public"."ix_suppliers_organization_name"`);
    await queryRunner.query(`DROP INDEX "public"."uq_suppliers_organization_corporate_number"`);
    await queryRunner.query(`DROP TABLE "suppliers"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notifications_organization_created"`);
    await queryRunner.query(`DROP TABLE "notifications"`);
    await queryRunner.query(`DROP INDEX "public"."ix_mail_messages_campaign_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_mail_messages_assessment"`);
    await queryRunner.query(`DROP TABLE "mail_messages"`);
    await queryRunner.query(`DROP INDEX "public"."ix_findings_score"`);
    await queryRunner.query(`DROP INDEX "public"."ix_findings_supplier"`);
    await queryRunner.query(`DROP TABLE "findings"`);
    await queryRunner.query(`DROP INDEX "public"."ix_evidence_files_assessment"`);
    await queryRunner.query(`DROP TABLE "evidence_files"`);
    await queryRunner.query(`DROP INDEX "public"."ix_campaigns_organization_created"`);
    await queryRunner.query(`DROP TABLE "campaigns"`);
    await queryRunner.query(`DROP INDEX "public"."uq_assessment_scores_submission"`);
    await queryRunner.query(`DROP INDEX "public"."ix_assessment_scores_supplier"`);
    await queryRunner.query(`DROP TABLE "assessment_scores"`);
    await queryRunner.query(`DROP INDEX "public"."ix_assessment_links_assessment"`);
    await queryRunner.query(`DROP TABLE "assessment_links"`);
    await queryRunner.query(`DROP INDEX "public"."uq_assessments_campaign_supplier"`);
    await queryRunner.query(`DROP INDEX "public"."ix_assessments_organization_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_assessments_supplier"`);
    await queryRunner.query(`DROP TABLE "assessments"`);
  }
}
