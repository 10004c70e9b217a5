import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tenant admins manage their users: invited users have no password until they set one through
 * an emailed one-time link (user_invitations keeps only the token's SHA-256), and deactivated
 * users (deactivated_at) can neither log in nor use an open session.
 */
export class UserManagement1795652469527 implements MigrationInterface {
  name = 'UserManagement1795652469527';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "user_invitations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "user_id" uuid NOT NULL, "token_hash" text, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_26608b452c35698c0512c05ffd1" UNIQUE ("token_hash"), CONSTRAINT "PK_c8005acb91c3ce9a7ae581eca8f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_user_invitations_user" ON "user_invitations"  ("organization_id", "user_id") `,
    );
    await queryRunner.query(`ALTER TABLE "users" ADD "deactivated_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "users" ALTER COLUMN "password_hash" DROP NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "user_invitations" ADD CONSTRAINT "fk_user_invitations_user" FOREIGN KEY ("user_id", "organization_id") REFERENCES "users"("id","organization_id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "user_invitations" DROP CONSTRAINT "fk_user_invitations_user"`,
    );
    // Invited users keep a hash no password matches: they still cannot log in.
    await queryRunner.query(
      `UPDATE "users" SET "password_hash" = '!' WHERE "password_hash" IS NULL`,
    );
    // Deactivated users keep being unable to log in once the column that says so is gone.
    await queryRunner.query(
      `UPDATE "users" SET "password_hash" = '!' WHERE "deactivated_at" IS NOT NULL`,
    );
    // The previous code has no context for invitation mails: never send the queued ones.
    await queryRunner.query(
      `UPDATE "mail_messages" SET "status" = 'skipped', "last_error" = 'rolled back'
        WHERE "kind" = 'user_invitation' AND "status" = 'queued'`,
    );
    await queryRunner.query(`ALTER TABLE "users" ALTER COLUMN "password_hash" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "deactivated_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_user_invitations_user"`);
    await queryRunner.query(`DROP TABLE "user_invitations"`);
  }
}
