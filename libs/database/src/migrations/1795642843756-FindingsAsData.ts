import { MigrationInterface, QueryRunner } from 'typeorm';

export class FindingsAsData1795642843756 implements MigrationInterface {
  name = 'FindingsAsData1795642843756';

  // Findings become data (params) with text rendered on read; older rows keep their text. The
  // (organization, status) index is a prefix of ix_assessments_org_status_campaign, and no query
  // reads findings by supplier (they are read by score): dropping both saves index writes on
  // every status change and every finding.
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_assessments_organization_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_findings_supplier"`);
    await queryRunner.query(`ALTER TABLE "findings" ADD "params" jsonb NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "findings" ALTER COLUMN "message" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "findings" ALTER COLUMN "recommendation" DROP NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // The old schema needs text on every row: newer rows get their code as a placeholder.
    await queryRunner.query(
      `UPDATE "findings" SET "message" = jsonb_build_object('ja', "code", 'en', "code") WHERE "message" IS NULL`,
    );
    await queryRunner.query(
      `UPDATE "findings" SET "recommendation" = jsonb_build_object('ja', '', 'en', '') WHERE "recommendation" IS NULL`,
    );
    await queryRunner.query(`ALTER TABLE "findings" ALTER COLUMN "recommendation" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "findings" ALTER COLUMN "message" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "findings" DROP COLUMN "params"`);
    await queryRunner.query(
      `CREATE INDEX "ix_findings_supplier" ON "findings" USING btree ("organization_id", "supplier_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_assessments_organization_status" ON "assessments" USING btree ("organization_id", "status") `,
    );
  }
}
