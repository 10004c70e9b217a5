import { MigrationInterface, QueryRunner } from 'typeorm';

export class CampaignFanOutWaves1795645991709 implements MigrationInterface {
  name = 'CampaignFanOutWaves1795645991709';

  // Fan-out waves are counted on the campaign, no longer by counting outbox rows (which the
  // retention purge removes). Existing campaigns start from the highest wave they have used.
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "campaigns" ADD "fan_out_waves" integer NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(
      `UPDATE "campaigns" c SET "fan_out_waves" = w.waves
               FROM (SELECT o.payload ->> 'campaignId' AS campaign_id,
                            max(split_part(o.job_id, ':', 3)::int) AS waves
                       FROM "outbox" o
                      WHERE o.queue = 'campaigns' AND o.job_name = 'fan-out'
                        AND o.job_id ~ '^fanout:[^:]+:[0-9]{1,9}$'
                      GROUP BY 1) w
              WHERE c.id::text = w.campaign_id`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "campaigns" DROP COLUMN "fan_out_waves"`);
  }
}
