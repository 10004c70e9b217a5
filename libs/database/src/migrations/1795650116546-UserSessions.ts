import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Buyer sessions that logout can end: a JWT is accepted only while the row named by its jti is
 * there, unrevoked and unexpired. Tokens issued before this migration carry no jti and are
 * refused, so everyone signs in once more after the deploy.
 */
export class UserSessions1795650116546 implements MigrationInterface {
  name = 'UserSessions1795650116546';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "user_sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_e93e031a5fed190d4789b6bfd83" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_user_sessions_expires" ON "user_sessions"  ("expires_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_user_sessions_user" ON "user_sessions"  ("organization_id", "user_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "user_sessions" ADD CONSTRAINT "fk_user_sessions_user" FOREIGN KEY ("user_id", "organization_id") REFERENCES "users"("id","organization_id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "user_sessions" DROP CONSTRAINT "fk_user_sessions_user"`);
    await queryRunner.query(`DROP INDEX "public"."ix_user_sessions_user"`);
    await queryRunner.query(`DROP INDEX "public"."ix_user_sessions_expires"`);
    await queryRunner.query(`DROP TABLE "user_sessions"`);
  }
}
