// Training-offer schema. Forward-only: add a new migration, never edit one that has landed.
import { sql, type Kysely } from 'kysely';
import type { NamedMigration } from '../db/migrate.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export const migrations: NamedMigration[] = [
  {
    name: '0450_training_offer',
    async up(db: AnyDb) {
      await db.schema
        .createTable('training_offer')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('skills', 'jsonb', (c) => c.notNull())
        .addColumn('duration_hours', 'real', (c) => c.notNull())
        .addColumn('cost', 'numeric(14, 2)', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('mode', 'text', (c) => c.notNull())
        .addColumn('country', 'text')
        .addColumn('region', 'text')
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('start_date', 'text')
        .addColumn('seats', 'integer')
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
        .addColumn('taxonomy_version', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addCheckConstraint('training_offer_mode', sql`mode IN ('in-person', 'online', 'blended')`)
        .addCheckConstraint('training_offer_place', sql`mode = 'online' OR country IS NOT NULL`)
        .addCheckConstraint('training_offer_cost', sql`cost >= 0`)
        .execute();
      await db.schema
        .createIndex('training_offer_org_idx')
        .on('training_offer')
        .columns(['organisation_id', 'updated_at'])
        .execute();
    },
  },
];
