import { MigrationInterface, QueryRunner } from 'typeorm';

export class TenantForeignKeys1795645306039 implements MigrationInterface {
  name = 'TenantForeignKeys1795645306039';

  // Tenant-safe references: a child's (organization_id, <parent>_id) must name a parent row of
  // the same tenant, so each referenced parent gets a unique (organization_id, id) index. Which
  // parent a delete takes its children with (CASCADE), clears the reference of (SET NULL), or
  // refuses (NO ACTION) is said beside each relation in the entities. TypeORM cannot write a
  // column list for SET NULL; it is added here by hand so only the nullable reference is
  // cleared, never organization_id (TypeORM compares the action only, so no drift is seen).
  //
  // Rows that already break a reference make ADD CONSTRAINT fail, naming the table and the
  // constraint, and the whole migration rolls back: nothing is changed or deleted to make them
  // fit, with one exception. Replacing a supplier's contacts has always deleted contact rows,
  // leaving mail_messages and assessment_links pointing at contacts that no longer exist; those
  // references are cleared first, which is what ON DELETE SET NULL would have done. A contact
  // that exists in another tenant is not cleared: the constraint refuses it.
  //
  // findings.score_id has no foreign key on purpose (see FindingRecord.scoreId): about ten rows
  // per score are written by one code path, and the check cost about 15% of scoring throughput.
  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['mail_messages', 'assessment_links']) {
      await queryRunner.query(
        `UPDATE "${table}" t SET "contact_id" = NULL
          WHERE t."contact_id" IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM "supplier_contacts" c WHERE c."id" = t."contact_id")`,
      );
    }
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_users_organization_id" ON "users"  ("organization_id", "id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_campaigns_organization_id" ON "campaigns"  ("organization_id", "id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_suppliers_organization_id" ON "suppliers"  ("organization_id", "id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_assessments_organization_id" ON "assessments"  ("organization_id", "id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_supplier_contacts_organization_id" ON "supplier_contacts"  ("organization_id", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_assessment_links_contact" ON "assessment_links"  ("contact_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_assessment_scores_organization_id" ON "assessment_scores"  ("organization_id", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_mail_messages_contact" ON "mail_messages"  ("contact_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "campaigns" ADD CONSTRAINT "fk_campaigns_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "campaigns" ADD CONSTRAINT "fk_campaigns_owner" FOREIGN KEY ("owner_id", "organization_id") REFERENCES "users"("id","organization_id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "suppliers" ADD CONSTRAINT "fk_suppliers_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "suppliers" ADD CONSTRAINT "fk_suppliers_owner" FOREIGN KEY ("owner_id", "organization_id") REFERENCES "users"("id","organization_id") ON DELETE SET NULL ("owner_id") ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessments" ADD CONSTRAINT "fk_assessments_campaign" FOREIGN KEY ("campaign_id", "organization_id") REFERENCES "campaigns"("id","organization_id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessments" ADD CONSTRAINT "fk_assessments_supplier" FOREIGN KEY ("supplier_id", "organization_id") REFERENCES "suppliers"("id","organization_id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "supplier_contacts" ADD CONSTRAINT "fk_supplier_contacts_supplier" FOREIGN KEY ("supplier_id", "organization_id") REFERENCES "suppliers"("id","organization_id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment_links" ADD CONSTRAINT "fk_assessment_links_assessment" FOREIGN KEY ("assessment_id", "organization_id") REFERENCES "assessments"("id","organization_id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment_links" ADD CONSTRAINT "fk_assessment_links_contact" FOREIGN KEY ("contact_id", "organization_id") REFERENCES "supplier_contacts"("id","organization_id") ON DELETE SET NULL ("contact_id") ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment_scores" ADD CONSTRAINT "fk_assessment_scores_assessment" FOREIGN KEY ("assessment_id", "organization_id") REFERENCES "assessments"("id","organization_id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "audit_events" ADD CONSTRAINT "fk_audit_events_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "evidence_files" ADD CONSTRAINT "fk_evidence_files_assessment" FOREIGN KEY ("assessment_id", "organization_id") REFERENCES "assessments"("id","organization_id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "mail_messages" ADD CONSTRAINT "fk_mail_messages_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "mail_messages" ADD CONSTRAINT "fk_mail_messages_contact" FOREIGN KEY ("contact_id", "organization_id") REFERENCES "supplier_contacts"("id","organization_id") ON DELETE SET NULL ("contact_id") ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "mail_messages" ADD CONSTRAINT "fk_mail_messages_user" FOREIGN KEY ("user_id", "organization_id") REFERENCES "users"("id","organization_id") ON DELETE SET NULL ("user_id") ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "mail_messages" ADD CONSTRAINT "fk_mail_messages_campaign" FOREIGN KEY ("campaign_id", "organization_id") REFERENCES "campaigns"("id","organization_id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "mail_messages" ADD CONSTRAINT "fk_mail_messages_assessment" FOREIGN KEY ("assessment_id", "organization_id") REFERENCES "assessments"("id","organization_id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notifications" ADD CONSTRAINT "fk_notifications_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notifications" ADD CONSTRAINT "fk_notifications_user" FOREIGN KEY ("user_id", "organization_id") REFERENCES "users"("id","organization_id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "supplier_risk" ADD CONSTRAINT "fk_supplier_risk_supplier" FOREIGN KEY ("supplier_id", "organization_id") REFERENCES "suppliers"("id","organization_id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "supplier_risk" ADD CONSTRAINT "fk_supplier_risk_score" FOREIGN KEY ("score_id", "organization_id") REFERENCES "assessment_scores"("id","organization_id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "supplier_risk" DROP CONSTRAINT "fk_supplier_risk_score"`);
    await queryRunner.query(
      `ALTER TABLE "supplier_risk" DROP CONSTRAINT "fk_supplier_risk_supplier"`,
    );
    await queryRunner.query(`ALTER TABLE "notifications" DROP CONSTRAINT "fk_notifications_user"`);
    await queryRunner.query(
      `ALTER TABLE "notifications" DROP CONSTRAINT "fk_notifications_organization"`,
    );
    await queryRunner.query(
      `ALTER TABLE "mail_messages" DROP CONSTRAINT "fk_mail_messages_assessment"`,
    );
    await queryRunner.query(
      `ALTER TABLE "mail_messages" DROP CONSTRAINT "fk_mail_messages_campaign"`,
    );
    await queryRunner.query(`ALTER TABLE "mail_messages" DROP CONSTRAINT "fk_mail_messages_user"`);
    await queryRunner.query(
      `ALTER TABLE "mail_messages" DROP CONSTRAINT "fk_mail_messages_contact"`,
    );
    await queryRunner.query(
      `ALTER TABLE "mail_messages" DROP CONSTRAINT "fk_mail_messages_organization"`,
    );
    await queryRunner.query(
      `ALTER TABLE "evidence_files" DROP CONSTRAINT "fk_evidence_files_assessment"`,
    );
    await queryRunner.query(
      `ALTER TABLE "audit_events" DROP CONSTRAINT "fk_audit_events_organization"`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment_scores" DROP CONSTRAINT "fk_assessment_scores_assessment"`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment_links" DROP CONSTRAINT "fk_assessment_links_contact"`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment_links" DROP CONSTRAINT "fk_assessment_links_assessment"`,
    );
    await queryRunner.query(
      `ALTER TABLE "supplier_contacts" DROP CONSTRAINT "fk_supplier_contacts_supplier"`,
    );
    await queryRunner.query(`ALTER TABLE "assessments" DROP CONSTRAINT "fk_assessments_supplier"`);
    await queryRunner.query(`ALTER TABLE "assessments" DROP CONSTRAINT "fk_assessments_campaign"`);
    await queryRunner.query(`ALTER TABLE "suppliers" DROP CONSTRAINT "fk_suppliers_owner"`);
    await queryRunner.query(`ALTER TABLE "suppliers" DROP CONSTRAINT "fk_suppliers_organization"`);
    await queryRunner.query(`ALTER TABLE "campaigns" DROP CONSTRAINT "fk_campaigns_owner"`);
    await queryRunner.query(`ALTER TABLE "campaigns" DROP CONSTRAINT "fk_campaigns_organization"`);
    await queryRunner.query(`DROP INDEX "public"."ix_mail_messages_contact"`);
    await queryRunner.query(`DROP INDEX "public"."uq_assessment_scores_organization_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_assessment_links_contact"`);
    await queryRunner.query(`DROP INDEX "public"."uq_supplier_contacts_organization_id"`);
    await queryRunner.query(`DROP INDEX "public"."uq_assessments_organization_id"`);
    await queryRunner.query(`DROP INDEX "public"."uq_suppliers_organization_id"`);
    await queryRunner.query(`DROP INDEX "public"."uq_campaigns_organization_id"`);
    await queryRunner.query(`DROP INDEX "public"."uq_users_organization_id"`);
  }
}
