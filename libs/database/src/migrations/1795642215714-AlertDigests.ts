import { MigrationInterface, QueryRunner } from 'typeorm';

export class AlertDigests1795642215714 implements MigrationInterface {
  name = 'AlertDigests1795642215714';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notifications" ADD "detail" jsonb`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notifications" DROP COLUMN "detail"`);
  }
}
