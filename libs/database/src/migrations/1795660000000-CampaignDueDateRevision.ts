import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A launched campaign's due date can change: due_date_revision counts the changes (reminder and
 * change-notice keys carry it, so each date gets its own reminder steps), due_date_changed_at
 * says from which Tokyo day the reminders of the new date start. Existing campaigns keep
 * revision 0 and their reminder keys.
 */
export class CampaignDueDateRevision1795660000000 implements MigrationInterface {
  name = 'CampaignDueDateRevision1795660000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "campaigns" ADD "due_date_revision" smallint NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(
      `ALTER TABLE "campaigns" ADD "due_date_changed_at" TIMESTAMP WITH TIME ZONE`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // The previous code has no template for change notices: never send the queued ones.
    await queryRunner.query(
      `UPDATE "mail_messages" SET "status" = 'skipped', "last_error" = 'rolled back'
        WHERE "kind" = 'due_date_changed' AND "status" = 'queued'`,
    );
    await queryRunner.query(`ALTER TABLE "campaigns" DROP COLUMN "due_date_changed_at"`);
    await queryRunner.query(`ALTER TABLE "campaigns" DROP COLUMN "due_date_revision"`);
  }
}
