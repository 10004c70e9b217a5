import { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditEventsTargetIndex1795700000000 implements MigrationInterface {
  name = 'AuditEventsTargetIndex1795700000000';

  // Built CONCURRENTLY (outside a transaction): every change writes audit_events, and a plain
  // CREATE INDEX would hold those writes back for as long as the build takes on a large trail.
  transaction = false;

  // The campaign's CSV of unanswered suppliers reads each assessment's last opened and saved
  // events: organization, target, then time; the action too, so the index alone answers it.
  public async up(queryRunner: QueryRunner): Promise<void> {
    // An interrupted concurrent build leaves an invalid index of this name behind.
    await queryRunner.query(
      `DROP INDEX CONCURRENTLY IF EXISTS "public"."ix_audit_events_organization_target"`,
    );
    await queryRunner.query(
      `CREATE INDEX CONCURRENTLY "ix_audit_events_organization_target" ON "audit_events"  ("organization_id", "target_type", "target_id", "created_at", "action") `,
    );
  }

  // Plain DROP INDEX: TypeORM reverts inside a transaction whatever `transaction` says.
  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_audit_events_organization_target"`);
  }
}
