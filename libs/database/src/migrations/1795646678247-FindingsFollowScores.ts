import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two follow-ups of the scoring changes:
 * - findings.score_id has no foreign key (a check per finding row cost about 15% of scoring
 *   throughput), so a trigger deletes a score's findings when the score is deleted: the
 *   cascade from assessments to scores then reaches findings too, at no cost on insert.
 * - Alerts written before the digest change linked to /console/suppliers/<id>, a path with no
 *   page; they now link to the supplier's dashboard page, as new alerts do.
 */
export class FindingsFollowScores1795646678247 implements MigrationInterface {
  name = 'FindingsFollowScores1795646678247';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE FUNCTION delete_findings_of_score() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         DELETE FROM findings WHERE score_id = OLD.id;
         RETURN NULL;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER trg_assessment_scores_delete_findings
         AFTER DELETE ON assessment_scores
         FOR EACH ROW EXECUTE FUNCTION delete_findings_of_score()`,
    );
    await queryRunner.query(
      `DELETE FROM findings f
        WHERE NOT EXISTS (SELECT 1 FROM assessment_scores s WHERE s.id = f.score_id)`,
    );
    await queryRunner.query(
      `UPDATE notifications
          SET link = '/dashboard/suppliers/' || substring(link FROM '^/console/suppliers/([0-9a-f-]{36})$')
        WHERE kind = 'high-tier' AND link ~ '^/console/suppliers/[0-9a-f-]{36}$'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DROP TRIGGER trg_assessment_scores_delete_findings ON assessment_scores`,
    );
    await queryRunner.query(`DROP FUNCTION delete_findings_of_score()`);
  }
}
