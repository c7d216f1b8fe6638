// Vacancy schema. Forward-only: add a new migration, never edit one that has landed.
import { sql, type Kysely } from 'kysely';
import type { NamedMigration } from '../db/migrate.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export const migrations: NamedMigration[] = [
  {
    name: '0400_vacancies_vacancy',
    async up(db: AnyDb) {
      await db.schema
        .createTable('vacancy')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('occupation_uri', 'text', (c) => c.notNull())
        .addColumn('isco', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('sector', 'text', (c) => c.notNull())
        .addColumn('essential_skills', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
        .addColumn('optional_skills', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
        .addColumn('skills_from_esco', 'boolean', (c) => c.notNull().defaultTo(false))
        .addColumn('min_isced', 'integer')
        .addColumn('languages', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
        .addColumn('country', 'text', (c) => c.notNull())
        .addColumn('region', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('posts', 'integer', (c) => c.notNull())
        .addColumn('contract_type', 'text', (c) => c.notNull())
        .addColumn('hours_per_week', 'real')
        .addColumn('wage_amount', 'numeric(14, 2)')
        .addColumn('wage_currency', 'text')
        .addColumn('wage_period', 'text')
        .addColumn('start_date', 'text')
        .addColumn('employer_sponsors_permit', 'boolean', (c) => c.notNull())
        .addColumn('employer_pays_recruitment_fees', 'boolean', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
        .addColumn('taxonomy_version', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addCheckConstraint('vacancy_posts', sql`posts >= 1`)
        .addCheckConstraint('vacancy_status', sql`status IN ('open', 'closed')`)
        .addCheckConstraint('vacancy_isced', sql`min_isced IS NULL OR min_isced BETWEEN 0 AND 8`)
        .addCheckConstraint(
          'vacancy_wage_whole',
          sql`(wage_amount IS NULL) = (wage_currency IS NULL) AND (wage_amount IS NULL) = (wage_period IS NULL)`,
        )
        .execute();
      await db.schema.createIndex('vacancy_org_idx').on('vacancy').columns(['organisation_id', 'updated_at']).execute();
      await db.schema.createIndex('vacancy_open_idx').on('vacancy').columns(['status', 'country']).execute();
    },
  },
  {
    name: '0410_vacancies_deletion',
    async up(db: AnyDb) {
      // A delete leaves no row for matching's sync() to poll: this one says which vacancy went, and when.
      await db.schema
        .createTable('vacancy_deletion')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('deleted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema.createIndex('vacancy_deletion_at_idx').on('vacancy_deletion').column('deleted_at').execute();
    },
  },
  {
    name: '0420_vacancies_drop_deletion',
    async up(db: AnyDb) {
      // Followers learn of deletes from the change log (kernel); the deletion records are no longer written.
      await db.schema.dropTable('vacancy_deletion').ifExists().execute();
    },
  },
  {
    name: '0430_vacancies_posts_filled',
    async up(db: AnyDb) {
      // Placements recorded by advisors fill posts; the vacancy closes when the last one is filled.
      await db.schema
        .alterTable('vacancy')
        .addColumn('posts_filled', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
  },
];
