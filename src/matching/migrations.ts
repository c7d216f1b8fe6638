// Matching schema. Forward-only: add a new migration, never edit one that has landed.
import { sql, type Kysely } from 'kysely';
import type { NamedMigration } from '../db/migrate.js';
import { EXAMPLE_RULES } from './rules.js';
import { migrations as contactMigrations } from './contact/migrations.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export const migrations: NamedMigration[] = [
  {
    // Legal-eligibility rules: reference data for every organisation (like the taxonomy), edited by admins.
    name: '0500_matching_eligibility_rule',
    async up(db: AnyDb) {
      await db.schema
        .createTable('matching_eligibility_rule')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('country', 'text', (c) => c.notNull())
        .addColumn('permit_type', 'text', (c) => c.notNull())
        .addColumn('sectors', 'jsonb', (c) => c.notNull())
        .addColumn('isco_prefixes', 'jsonb', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('example', 'boolean', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      // The seed set is example data (example = true), shown as such in every explanation that uses it.
      for (const r of EXAMPLE_RULES)
        await db
          .insertInto('matching_eligibility_rule')
          .values({
            id: r.id,
            country: r.country,
            permit_type: r.permitType,
            sectors: JSON.stringify(r.sectors),
            isco_prefixes: JSON.stringify(r.iscoPrefixes),
            description: r.description,
            example: true,
          })
          .execute();
    },
  },
  // Contact requests (issue 10).
  ...contactMigrations,
];
