import { MigrationInterface, QueryRunner } from 'typeorm';

export class NotificationsUnreadIndex1795644053695 implements MigrationInterface {
  name = 'NotificationsUnreadIndex1795644053695';

  // The console header counts a user's unread notifications on every page: the partial index
  // holds only unread rows. The other serves a user's list, newest first.
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_notifications_user_unread" ON "notifications"  ("user_id", "created_at") WHERE "read_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_notifications_user_created" ON "notifications"  ("user_id", "created_at") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_notifications_user_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notifications_user_unread"`);
  }
}
