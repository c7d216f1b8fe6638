// Taxonomy schema: ESCO versions side by side, and the ISCED / CEFR / EQF reference levels.
// Forward-only: add a new migration, never edit one that has landed. Global reference tables (no organisation_id).
import { sql, type Kysely } from 'kysely';
import type { NamedMigration } from '../db/migrate.js';
import { REFERENCE_LEVELS } from './reference/levels.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export const migrations: NamedMigration[] = [
  {
    name: '0200_taxonomy_versions_concepts',
    async up(db: AnyDb) {
      await db.schema
        .createTable('taxonomy_version')
        .addColumn('version', 'text', (c) => c.primaryKey())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('is_active', 'boolean', (c) => c.notNull().defaultTo(false))
        .addColumn('languages', sql`text[]`, (c) => c.notNull())
        .addColumn('occupation_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('skill_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('relation_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('source', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('imported_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('activated_at', 'timestamptz')
        .addCheckConstraint('taxonomy_version_status', sql`status in ('importing', 'ready')`)
        .addCheckConstraint('taxonomy_version_active_ready', sql`not is_active or status = 'ready'`)
        .execute();
      // At most one active version.
      await sql`create unique index taxonomy_version_one_active on taxonomy_version (is_active) where is_active`.execute(
        db,
      );

      // Concept and relation rows carry no foreign keys: the importer validates them and writes ~220k rows in one
      // transaction, where per-row constraint triggers would cost more than they protect. Deleting a version deletes
      // its rows table by table (see store/versions.ts).
      await db.schema
        .createTable('taxonomy_occupation')
        .addColumn('version', 'text', (c) => c.notNull())
        .addColumn('uri', 'text', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('isco', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('taxonomy_occupation_pk', ['version', 'uri'])
        .execute();
      await db.schema
        .createIndex('taxonomy_occupation_isco_idx')
        .on('taxonomy_occupation')
        .columns(['version', 'isco'])
        .execute();

      await db.schema
        .createTable('taxonomy_skill')
        .addColumn('version', 'text', (c) => c.notNull())
        .addColumn('uri', 'text', (c) => c.notNull())
        .addColumn('skill_type', 'text', (c) => c.notNull())
        .addColumn('reuse_level', 'text', (c) => c.notNull())
        .addColumn('collections', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
        .addPrimaryKeyConstraint('taxonomy_skill_pk', ['version', 'uri'])
        .execute();

      await db.schema
        .createTable('taxonomy_isco_group')
        .addColumn('version', 'text', (c) => c.notNull())
        .addColumn('uri', 'text', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('taxonomy_isco_group_pk', ['version', 'uri'])
        .execute();

      await db.schema
        .createTable('taxonomy_skill_group')
        .addColumn('version', 'text', (c) => c.notNull())
        .addColumn('uri', 'text', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('taxonomy_skill_group_pk', ['version', 'uri'])
        .execute();

      await db.schema
        .createTable('taxonomy_label')
        .addColumn('version', 'text', (c) => c.notNull())
        .addColumn('uri', 'text', (c) => c.notNull())
        .addColumn('lang', 'text', (c) => c.notNull())
        .addColumn('preferred', 'text', (c) => c.notNull())
        .addColumn('alt', sql`text[]`, (c) => c.notNull())
        .addColumn('hidden', sql`text[]`, (c) => c.notNull())
        .addColumn('description', 'text')
        .addPrimaryKeyConstraint('taxonomy_label_pk', ['version', 'uri', 'lang'])
        .execute();

      await db.schema
        .createTable('taxonomy_occupation_skill')
        .addColumn('version', 'text', (c) => c.notNull())
        .addColumn('occupation_uri', 'text', (c) => c.notNull())
        .addColumn('skill_uri', 'text', (c) => c.notNull())
        .addColumn('relation', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('taxonomy_occupation_skill_pk', ['version', 'occupation_uri', 'skill_uri'])
        .addCheckConstraint('taxonomy_occupation_skill_relation', sql`relation in ('essential', 'optional')`)
        .execute();
      // "Which occupations need this skill" (matching, gap analysis).
      await db.schema
        .createIndex('taxonomy_occupation_skill_skill_idx')
        .on('taxonomy_occupation_skill')
        .columns(['version', 'skill_uri'])
        .execute();

      await db.schema
        .createTable('taxonomy_skill_skill')
        .addColumn('version', 'text', (c) => c.notNull())
        .addColumn('from_uri', 'text', (c) => c.notNull())
        .addColumn('to_uri', 'text', (c) => c.notNull())
        .addColumn('relation', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('taxonomy_skill_skill_pk', ['version', 'from_uri', 'to_uri'])
        .addCheckConstraint('taxonomy_skill_skill_relation', sql`relation in ('essential', 'optional')`)
        .execute();

      await db.schema
        .createTable('taxonomy_broader')
        .addColumn('version', 'text', (c) => c.notNull())
        .addColumn('uri', 'text', (c) => c.notNull())
        .addColumn('broader_uri', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('taxonomy_broader_pk', ['version', 'uri', 'broader_uri'])
        .execute();
    },
  },
  {
    name: '0201_taxonomy_reference_levels',
    async up(db: AnyDb) {
      await db.schema
        .createTable('reference_level')
        .addColumn('scheme', 'text', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('ordinal', 'integer', (c) => c.notNull())
        .addColumn('band', 'text')
        .addPrimaryKeyConstraint('reference_level_pk', ['scheme', 'code'])
        .addCheckConstraint('reference_level_scheme', sql`scheme in ('isced', 'cefr', 'eqf')`)
        .execute();
      await db.schema
        .createTable('reference_level_name')
        .addColumn('scheme', 'text', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('lang', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('reference_level_name_pk', ['scheme', 'code', 'lang'])
        .addForeignKeyConstraint('reference_level_name_level_fk', ['scheme', 'code'], 'reference_level', [
          'scheme',
          'code',
        ])
        .execute();
      await db
        .insertInto('reference_level')
        .values(REFERENCE_LEVELS.map((l) => ({ scheme: l.scheme, code: l.code, ordinal: l.ordinal, band: l.band })))
        .execute();
      await db
        .insertInto('reference_level_name')
        .values(
          REFERENCE_LEVELS.flatMap((l) =>
            Object.entries(l.names).map(([lang, n]) => ({
              scheme: l.scheme,
              code: l.code,
              lang,
              name: n.name,
              description: n.description,
            })),
          ),
        )
        .execute();
    },
  },
];
