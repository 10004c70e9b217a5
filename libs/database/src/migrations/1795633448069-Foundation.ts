import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795633448069 implements MigrationInterface {
  name = 'Foundation1795633448069';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_events" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "organization_id" uuid, "actor_type" text NOT NULL, "actor_id" text, "action" text NOT NULL, "target_type" text, "target_id" text, "details" jsonb NOT NULL DEFAULT '{}'::jsonb, "ip" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_910f64d901a5c3e9878f0d4a407" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_audit_events_organization_created" ON "audit_events"  ("organization_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "organizations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "slug" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_963693341bd612aa01ddf3a4b68" UNIQUE ("slug"), CONSTRAINT "PK_6b031fcd0863e3f6b44230163f9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "outbox" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "organization_id" uuid, "queue" text NOT NULL, "job_name" text NOT NULL, "job_id" text NOT NULL, "payload" jsonb NOT NULL, "available_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "relayed_at" TIMESTAMP WITH TIME ZONE, "done_at" TIMESTAMP WITH TIME ZONE, "relay_count" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_fca572df71a1e08db50f81f7617" UNIQUE ("job_id"), CONSTRAINT "PK_340ab539f309f03bdaa14aa7649" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_outbox_unfinished" ON "outbox"  ("relayed_at") WHERE relayed_at IS NOT NULL AND done_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_outbox_pending" ON "outbox"  ("available_at") WHERE relayed_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."user_role" AS ENUM('admin', 'procurement', 'ciso', 'auditor')`,
    );
    await queryRunner.query(
      `CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "email" text NOT NULL, "display_name" text NOT NULL, "role" "public"."user_role" NOT NULL, "password_hash" text NOT NULL, "locale" text NOT NULL DEFAULT 'ja', "last_login_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_users_email" ON "users"  ("email") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_users_organization_email" ON "users"  ("organization_id", "email") `,
    );
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "FK_21a659804ed7bf61eb91688dea7" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "FK_21a659804ed7bf61eb91688dea7"`);
    await queryRunner.query(`DROP INDEX "public"."uq_users_organization_email"`);
    await queryRunner.query(`DROP INDEX "public"."ix_users_email"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP TYPE "public"."user_role"`);
    await queryRunner.query(`DROP INDEX "public"."ix_outbox_pending"`);
    await queryRunner.query(`DROP INDEX "public"."ix_outbox_unfinished"`);
    await queryRunner.query(`DROP TABLE "outbox"`);
    await queryRunner.query(`DROP TABLE "organizations"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_events_organization_created"`);
    await queryRunner.query(`DROP TABLE "audit_events"`);
  }
}
