// Labour-market schema. Forward-only: add a new migration, never edit one that has landed.
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { NamedMigration } from '../db/migrate.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export const migrations: NamedMigration[] = [
  {
    name: '0800_labour-market_settings_imports',
    async up(db: AnyDb) {
      await db.schema
        .createTable('lm_setting')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('salt', 'text', (c) => c.notNull())
        .addColumn('k', 'integer', (c) => c.notNull().defaultTo(5))
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('updated_by', 'text')
        .addCheckConstraint('lm_setting_one_row', sql`id = 1`)
        .addCheckConstraint('lm_setting_k_floor', sql`k >= 3`)
        .execute();
      // The salt is made once, here: every server instance reads the same one, so every instance publishes the
      // same noise for the same cell.
      await db
        .insertInto('lm_setting')
        .values({ id: 1, salt: randomBytes(32).toString('hex'), k: 5 })
        .execute();
      await db.schema
        .createTable('lm_import')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organisation_id', 'text')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('rows', 'integer', (c) => c.notNull())
        .addColumn('imported_by', 'text')
        .addColumn('imported_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addCheckConstraint('lm_import_kind', sql`kind IN ('shortage-list', 'labour-force-survey')`)
        .execute();
      await db.schema
        .createTable('lm_shortage_occupation')
        .addColumn('import_id', 'text', (c) => c.notNull().references('lm_import.id').onDelete('cascade'))
        .addColumn('line', 'integer', (c) => c.notNull())
        .addColumn('country', 'text', (c) => c.notNull())
        .addColumn('region', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('isco', 'text', (c) => c.notNull())
        .addColumn('title', 'text')
        .addColumn('period', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('lm_shortage_occupation_pk', ['import_id', 'line'])
        .execute();
      await db.schema
        .createIndex('lm_shortage_occupation_country_idx')
        .on('lm_shortage_occupation')
        .columns(['country', 'isco'])
        .execute();
      await db.schema
        .createTable('lm_outside_figure')
        .addColumn('import_id', 'text', (c) => c.notNull().references('lm_import.id').onDelete('cascade'))
        .addColumn('line', 'integer', (c) => c.notNull())
        .addColumn('country', 'text', (c) => c.notNull())
        .addColumn('indicator', 'text', (c) => c.notNull())
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('isco', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('sex', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('age_group', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('isced_band', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('value', 'numeric', (c) => c.notNull())
        .addColumn('unit', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('lm_outside_figure_pk', ['import_id', 'line'])
        .execute();
      await db.schema
        .createIndex('lm_outside_figure_country_idx')
        .on('lm_outside_figure')
        .columns(['country', 'indicator'])
        .execute();
    },
  },
];
