// Profile schema. Forward-only: add a new migration, never edit one that has landed.
import { sql, type Kysely } from 'kysely';
import type { NamedMigration } from '../db/migrate.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export const migrations: NamedMigration[] = [
  {
    name: '0300_profiles_profile',
    async up(db: AnyDb) {
      await db.schema
        .createTable('profile')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
        .addColumn('user_id', 'text')
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('origin_country', 'text', (c) => c.notNull())
        .addColumn('current_country', 'text', (c) => c.notNull())
        .addColumn('current_region', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('sex', 'text', (c) => c.notNull().defaultTo('undisclosed'))
        .addColumn('birth_year', 'integer')
        .addColumn('languages', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
        .addColumn('education', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
        .addColumn('qualifications', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
        .addColumn('experience', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
        .addColumn('skills', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
        .addColumn('permits', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
        .addColumn('migration_status_enc', 'text')
        .addColumn('preferences', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
        .addColumn('seeking', 'boolean', (c) => c.notNull().defaultTo(true))
        .addColumn('available_from', 'text')
        .addColumn('highest_isced', 'integer')
        .addColumn('taxonomy_version', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('erased_at', 'timestamptz')
        .addCheckConstraint('profile_sex', sql`sex IN ('female', 'male', 'other', 'undisclosed')`)
        .addCheckConstraint('profile_isced', sql`highest_isced IS NULL OR highest_isced BETWEEN 0 AND 8`)
        .addCheckConstraint('profile_version', sql`version >= 1`)
        .addCheckConstraint('profile_lists', sql`jsonb_typeof(skills) = 'array' AND jsonb_typeof(experience) = 'array'`)
        .execute();
      await db.schema.createIndex('profile_org_idx').on('profile').columns(['organisation_id', 'updated_at']).execute();
      // One profile per migrant account.
      await db.schema
        .createIndex('profile_user_key')
        .unique()
        .on('profile')
        .column('user_id')
        .where(sql.ref('user_id'), 'is not', null)
        .execute();
    },
  },
  {
    // The language to address the migrant in (BCP-47) and the interview step the profile was left at. Nullable:
    // existing profiles have neither until someone sets them.
    name: '0310_profiles_contact_language_interview_step',
    async up(db: AnyDb) {
      await db.schema
        .alterTable('profile')
        .addColumn('contact_language', 'text')
        .addColumn('interview_step', 'integer')
        .execute();
      await db.schema
        .alterTable('profile')
        .addCheckConstraint('profile_interview_step', sql`interview_step IS NULL OR interview_step BETWEEN 1 AND 7`)
        .execute();
      await db.schema
        .alterTable('profile')
        .addCheckConstraint(
          'profile_contact_language',
          sql`contact_language IS NULL OR (length(contact_language) BETWEEN 2 AND 16 AND contact_language ~ '^[a-z]{2,3}(-[A-Za-z0-9]+)*$')`,
        )
        .execute();
    },
  },
  {
    // Countries of citizenship (ICLS 2018): a JSON array of codes, [] for a stateless person; null = not recorded.
    name: '0320_profiles_citizenships',
    async up(db: AnyDb) {
      await db.schema.alterTable('profile').addColumn('citizenships', 'jsonb').execute();
      await db.schema
        .alterTable('profile')
        .addCheckConstraint('profile_citizenships', sql`citizenships IS NULL OR jsonb_typeof(citizenships) = 'array'`)
        .execute();
    },
  },
  {
    // Issue 11, finding 5: permits (types, validity, sectors, document numbers) move into one ciphertext under the
    // person's own key (`permits_enc`), and the migration status under that key too; `status_category` is the
    // coarse ICLS category the statistics count by. Rows written before this have `status_category` NULL: profiles
    // seals them at start (sealLegacyProfiles: a migration has no key), clearing the plain `permits`.
    name: '0330_profiles_person_sealed_permits',
    async up(db: AnyDb) {
      await db.schema
        .alterTable('profile')
        .addColumn('permits_enc', 'text')
        .addColumn('status_category', 'text')
        .execute();
      // Finds the rows still to seal without a scan; empty once they are sealed.
      await db.schema
        .createIndex('profile_unsealed_idx')
        .on('profile')
        .column('id')
        .where(sql.ref('status_category'), 'is', null)
        .execute();
    },
  },
  {
    // Issue 11: the display name moves under the person's key (`display_name_enc`) with a keyed search index of its
    // tokens (`name_tokens`, HMACs; the caseload's `?name=` matches there). A migration has no key: rows written
    // before keep their name in clear until `corridor serve` seals them (sealLegacyProfiles), which empties
    // `display_name`; the partial index finds the rows left.
    name: '0340_profiles_sealed_name',
    async up(db: AnyDb) {
      await db.schema
        .alterTable('profile')
        .addColumn('display_name_enc', 'text')
        .addColumn('name_tokens', 'jsonb')
        .execute();
      await sql`CREATE INDEX profile_name_tokens_idx ON profile USING gin (name_tokens jsonb_path_ops)`.execute(db);
      await db.schema
        .createIndex('profile_unsealed_name_idx')
        .on('profile')
        .column('id')
        .where(sql.ref('display_name'), '<>', '')
        .execute();
    },
  },
  {
    // Issue 11: the free text of experience (title, description), education (title, institution) and
    // qualifications (awarding body) moves under the person's key as one JSON value (`free_text_enc`, context
    // `profile.free_text:<id>`); the JSON columns keep the coded parts matching and statistics read in SQL. A
    // migration has no key: live rows written before keep their text in clear until `corridor serve` seals them
    // (store.ts sealLegacyFreeText); the partial index finds the rows left.
    name: '0350_profiles_sealed_free_text',
    async up(db: AnyDb) {
      await db.schema.alterTable('profile').addColumn('free_text_enc', 'text').execute();
      await db.schema
        .createIndex('profile_unsealed_free_text_idx')
        .on('profile')
        .column('id')
        .where(sql<boolean>`free_text_enc IS NULL AND erased_at IS NULL`)
        .execute();
    },
  },
  {
    // Issue 11: the ICLS status category (`international-protection` reveals protection) moves under the person's
    // key (`status_category_enc`, context `profile.status_category:<id>`); the clear column stays NULL on live rows
    // and keeps the category only on statistics remainders (no key, no person). A migration has no key: rows written
    // before keep it in clear until `corridor serve` seals them (store.ts sealLegacyProfiles). The 0330 index
    // (`status_category IS NULL`) would now hold every sealed row: replaced by one on the rows left to seal.
    name: '0360_profiles_sealed_status_category',
    async up(db: AnyDb) {
      await db.schema.alterTable('profile').addColumn('status_category_enc', 'text').execute();
      await db.schema.dropIndex('profile_unsealed_idx').execute();
      // The same predicate as store.ts unsealedStatus, so the sealer's query uses this index.
      await db.schema
        .createIndex('profile_unsealed_status_idx')
        .on('profile')
        .column('id')
        .where(
          sql<boolean>`(erased_at IS NULL AND (status_category_enc IS NULL OR status_category IS NOT NULL))
            OR (erased_at IS NOT NULL AND status_category IS NULL)`,
        )
        .execute();
    },
  },
];
