import { MigrationInterface, QueryRunner } from 'typeorm';

export class DashboardAssessmentIndex1795637863729 implements MigrationInterface {
  name = 'DashboardAssessmentIndex1795637863729';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_assessments_org_status_campaign" ON "assessments"  ("organization_id", "status", "campaign_id", "supplier_id") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_assessments_org_status_campaign"`);
  }
}
