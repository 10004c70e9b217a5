import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Buyer users who have forgotten their password ask for a reset link on the login page: it is a
 * set-password link like an invitation's, so user_invitations says which of the two a row is.
 * Every existing row is an invitation.
 */
export class PasswordReset1795662000000 implements MigrationInterface {
  name = 'PasswordReset1795662000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "user_invitations" ADD "purpose" text NOT NULL DEFAULT 'invitation'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // The previous code has no context for reset mails, and would take an open reset link for
    // an invitation: never send the queued ones, and drop the links.
    await queryRunner.query(
      `UPDATE "mail_messages" SET "status" = 'skipped', "last_error" = 'rolled back'
        WHERE "kind" = 'password_reset' AND "status" = 'queued'`,
    );
    await queryRunner.query(`DELETE FROM "user_invitations" WHERE "purpose" = 'password_reset'`);
    await queryRunner.query(`ALTER TABLE "user_invitations" DROP COLUMN "purpose"`);
  }
}
