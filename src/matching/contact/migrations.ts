// Contact requests (matching, range 0550–0599). Forward-only: add a new migration, never edit one that has landed.
import { sql, type Kysely } from 'kysely';
import type { NamedMigration } from '../../db/migrate.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export const migrations: NamedMigration[] = [
  {
    name: '0550_matching_contact_request',
    async up(db: AnyDb) {
      await db.schema
        .createTable('contact_request')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('employer_organisation_id', 'text', (c) => c.notNull())
        .addColumn('migrant_id', 'text', (c) => c.notNull())
        .addColumn('vacancy_id', 'text', (c) => c.notNull())
        .addColumn('requested_by', 'text', (c) => c.notNull())
        .addColumn('message', 'text')
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'accepted', 'declined')`))
        .addColumn('decided_by', 'text')
        .addColumn('decided_at', 'timestamptz')
        .addColumn('decided_on_behalf', 'boolean', (c) => c.notNull().defaultTo(false))
        .addColumn('contact_enc', 'text')
        .addColumn('outcome_id', 'text')
        .addColumn('employer_seen_at', 'timestamptz')
        .addColumn('holder_seen_at', 'timestamptz')
        .addColumn('migrant_seen_at', 'timestamptz')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      // One open request per vacancy and person: asking twice is answered with the first.
      await sql`create unique index contact_request_pending on contact_request (vacancy_id, migrant_id) where status = 'pending'`.execute(
        db,
      );
      await db.schema.createIndex('contact_request_org').on('contact_request').columns(['organisation_id']).execute();
      await db.schema
        .createIndex('contact_request_employer')
        .on('contact_request')
        .columns(['employer_organisation_id'])
        .execute();
      await db.schema.createIndex('contact_request_migrant').on('contact_request').columns(['migrant_id']).execute();
    },
  },
  {
    // Issue 10: an advisor gives a person they added an account; accepting the invitation links it to this profile
    // (instead of a new, empty one). The table is profiles' (src/profiles/schema.ts); the
    // migration sits in this list because its number is from the contact work's range (0550–0599), which sorts here.
    name: '0551_matching_profile_invitation_link',
    async up(db: AnyDb) {
      await db.schema
        .createTable('profile_invitation')
        .addColumn('invitation_id', 'text', (c) => c.primaryKey())
        .addColumn('profile_id', 'text', (c) => c.notNull())
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema.createIndex('profile_invitation_profile').on('profile_invitation').column('profile_id').execute();
    },
  },
  {
    // Issue 11: the employer's message moves under the key of the person the request is about (`message_enc`,
    // context `contact_request.message:<id>`), so erasure shreds every copy. A migration has no key: messages
    // written before stay in `message` until `corridor serve` seals them (store.ts sealLegacyContactMessages), which
    // sets `message` to NULL; the partial index finds the rows left.
    name: '0552_matching_contact_sealed_message',
    async up(db: AnyDb) {
      await db.schema.alterTable('contact_request').addColumn('message_enc', 'text').execute();
      await db.schema
        .createIndex('contact_request_unsealed_message')
        .on('contact_request')
        .column('id')
        .where(sql.ref('message'), 'is not', null)
        .execute();
    },
  },
];
