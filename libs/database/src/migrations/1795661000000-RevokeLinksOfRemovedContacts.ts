import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Links minted for a contact who was later removed from the supplier kept working (their
 * contact_id was only cleared): the person who left could still answer. Removing a contact now
 * revokes their links; this revokes the ones left from before. Every link minted for a mail
 * names its contact, so a working link without one belongs to a removed contact.
 */
export class RevokeLinksOfRemovedContacts1795661000000 implements MigrationInterface {
  name = 'RevokeLinksOfRemovedContacts1795661000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "assessment_links" SET "revoked_at" = now()
        WHERE "contact_id" IS NULL AND "revoked_at" IS NULL AND "expires_at" > now()`,
    );
  }

  public async down(): Promise<void> {
    // Nothing to undo: which links were revoked here is not recorded, and they must stay so.
  }
}
