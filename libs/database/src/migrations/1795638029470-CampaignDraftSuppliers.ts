import { MigrationInterface, QueryRunner } from 'typeorm';

export class CampaignDraftSuppliers1795638029470 implements MigrationInterface {
  name = 'CampaignDraftSuppliers1795638029470';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "campaigns" ADD "draft_supplier_ids" uuid array NOT NULL DEFAULT '{}'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "campaigns" DROP COLUMN "draft_supplier_ids"`);
  }
}
