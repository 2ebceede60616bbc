import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * E-mails are stored and looked up in Unicode NFC from now on (src/http/fields.ts,
 * normaliseEmail). An address registered before in another form (a decomposed "é")
 * would no longer be found at login, so it is brought to NFC here. Where two accounts
 * differ only in composition, the one that already has the NFC form keeps it, or, when
 * neither has, the oldest gets it; the others stay as they are (rare; an operator can
 * merge them by hand).
 *
 * PostgreSQL's normalize() needs a UTF8 database; in any other encoding no stored
 * address can hold a decomposed letter in the first place.
 */
export class NormaliseEmailsToNfc1764510000000 implements MigrationInterface {
  name = 'NormaliseEmailsToNfc1764510000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$
      BEGIN
        IF current_setting('server_encoding') = 'UTF8' THEN
          UPDATE users u SET email = normalize(u.email, NFC)
          FROM (
            SELECT DISTINCT ON (normalize(email, NFC)) id
            FROM users WHERE email IS NOT NFC NORMALIZED
            ORDER BY normalize(email, NFC), id
          ) oldest
          WHERE u.id = oldest.id AND NOT EXISTS (SELECT 1 FROM users o WHERE o.email = normalize(u.email, NFC));
        END IF;
      END $$`);
  }

  async down(): Promise<void> {
    // The forms the addresses had before are not kept: NFC is as good a spelling of each.
  }
}
