// Protection schema. Forward-only: add a new migration, never edit one that has landed.
import { sql, type Kysely } from 'kysely';
import type { NamedMigration } from '../db/migrate.js';
import { EXAMPLE_GUIDES, EXAMPLE_RATES } from './seed.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

const now = sql`now()`;

export const migrations: NamedMigration[] = [
  {
    name: '0600_protection_case',
    async up(db: AnyDb) {
      await db.schema
        .createTable('protection_case')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('migrant_id', 'text', (c) => c.notNull().unique())
        .addColumn('lead_advisor_id', 'text')
        .addColumn('advisor_ids', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .addCheckConstraint('protection_case_status', sql`status IN ('open', 'closed')`)
        .execute();
      await db.schema.createIndex('protection_case_org_idx').on('protection_case').column('organisation_id').execute();

      await db.schema
        .createTable('protection_supervision')
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('supervisor_id', 'text', (c) => c.notNull())
        .addColumn('advisor_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('protection_supervision_pk', ['supervisor_id', 'advisor_id'])
        .execute();
      await db.schema
        .createIndex('protection_supervision_advisor_idx')
        .on('protection_supervision')
        .column('advisor_id')
        .execute();

      await db.schema
        .createTable('protection_goal')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('migrant_id', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('steps', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('owner_user_id', 'text')
        .addColumn('due_date', 'text')
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .execute();
      await db.schema.createIndex('protection_goal_migrant_idx').on('protection_goal').column('migrant_id').execute();

      await db.schema
        .createTable('protection_service')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('country', 'text', (c) => c.notNull())
        .addColumn('region', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('contact', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('languages', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .execute();
      await db.schema
        .createIndex('protection_service_org_idx')
        .on('protection_service')
        .columns(['organisation_id', 'category'])
        .execute();

      await db.schema
        .createTable('protection_referral')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('migrant_id', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('service_id', 'text')
        .addColumn('target_organisation_id', 'text')
        .addColumn('note', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('urgent', 'boolean', (c) => c.notNull().defaultTo(false))
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .addCheckConstraint(
          'protection_referral_status',
          sql`status IN ('raised', 'sent', 'accepted', 'completed', 'declined')`,
        )
        .execute();
      await db.schema
        .createIndex('protection_referral_migrant_idx')
        .on('protection_referral')
        .column('migrant_id')
        .execute();
      await db.schema
        .createIndex('protection_referral_target_idx')
        .on('protection_referral')
        .column('target_organisation_id')
        .execute();

      await db.schema
        .createTable('protection_follow_up')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('migrant_id', 'text', (c) => c.notNull())
        .addColumn('due_date', 'text', (c) => c.notNull())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('assigned_to', 'text')
        .addColumn('done_at', 'timestamptz')
        .addColumn('done_note', 'text')
        .addColumn('created_by', 'text')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .execute();
      await db.schema
        .createIndex('protection_follow_up_due_idx')
        .on('protection_follow_up')
        .columns(['organisation_id', 'due_date'])
        .execute();
      await db.schema
        .createIndex('protection_follow_up_migrant_idx')
        .on('protection_follow_up')
        .column('migrant_id')
        .execute();

      await db.schema
        .createTable('protection_outcome')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('migrant_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('occurred_on', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('vacancy_id', 'text')
        .addColumn('employer_name', 'text')
        .addColumn('occupation_uri', 'text')
        .addColumn('isco', 'text')
        .addColumn('sector', 'text')
        .addColumn('contract_type', 'text')
        .addColumn('wage_amount', 'numeric(14, 2)')
        .addColumn('wage_currency', 'text')
        .addColumn('wage_period', 'text')
        .addColumn('training_title', 'text')
        .addColumn('returned_to', 'text')
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .execute();
      await db.schema
        .createIndex('protection_outcome_migrant_idx')
        .on('protection_outcome')
        .column('migrant_id')
        .execute();

      await db.schema
        .createTable('protection_transfer')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('migrant_id', 'text', (c) => c.notNull())
        .addColumn('from_organisation_id', 'text', (c) => c.notNull())
        .addColumn('to_organisation_id', 'text', (c) => c.notNull())
        .addColumn('from_advisor_id', 'text')
        .addColumn('to_advisor_id', 'text')
        .addColumn('note', 'text')
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .execute();
      await db.schema
        .createIndex('protection_transfer_migrant_idx')
        .on('protection_transfer')
        .column('migrant_id')
        .execute();
    },
  },
  {
    name: '0610_protection_screening',
    async up(db: AnyDb) {
      await db.schema
        .createTable('protection_screening')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('migrant_id', 'text', (c) => c.notNull())
        .addColumn('screened_on', 'text', (c) => c.notNull())
        .addColumn('sealed', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .execute();
      await db.schema
        .createIndex('protection_screening_migrant_idx')
        .on('protection_screening')
        .column('migrant_id')
        .execute();
      await db.schema
        .createTable('protection_report')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('migrant_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('sealed', 'text', (c) => c.notNull())
        .addColumn('seen_at', 'timestamptz')
        .addColumn('seen_by', 'text')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .execute();
      await db.schema
        .createIndex('protection_report_migrant_idx')
        .on('protection_report')
        .column('migrant_id')
        .execute();
    },
  },
  {
    name: '0620_protection_fair_recruitment',
    async up(db: AnyDb) {
      await db.schema
        .createTable('protection_recruiter')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('licence_number', 'text')
        .addColumn('country', 'text', (c) => c.notNull())
        .addColumn('licence_status', 'text', (c) => c.notNull())
        .addColumn('certification', 'text')
        .addColumn('complaints', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .execute();

      await db.schema
        .createTable('protection_fee')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('migrant_id', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('amount', 'numeric(14, 2)', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('paid_on', 'text', (c) => c.notNull())
        .addColumn('paid_by', 'text', (c) => c.notNull())
        .addColumn('loan', 'boolean', (c) => c.notNull().defaultTo(false))
        .addColumn('loan_interest', 'numeric(14, 2)', (c) => c.notNull().defaultTo(0))
        .addColumn('recruiter_id', 'text')
        .addColumn('vacancy_id', 'text')
        .addColumn('note', 'text')
        .addColumn('recorded_by', 'text')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .addCheckConstraint('protection_fee_amounts', sql`amount >= 0 AND loan_interest >= 0`)
        .execute();
      await db.schema.createIndex('protection_fee_migrant_idx').on('protection_fee').column('migrant_id').execute();
      await db.schema.createIndex('protection_fee_vacancy_idx').on('protection_fee').column('vacancy_id').execute();
      await db.schema.createIndex('protection_fee_recruiter_idx').on('protection_fee').column('recruiter_id').execute();

      await db.schema
        .createTable('protection_earnings')
        .addColumn('migrant_id', 'text', (c) => c.primaryKey())
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('month', 'text', (c) => c.notNull())
        .addColumn('amount', 'numeric(14, 2)', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('country', 'text', (c) => c.notNull())
        .addColumn('recorded_by', 'text')
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .addCheckConstraint('protection_earnings_positive', sql`amount > 0`)
        .execute();

      await db.schema
        .createTable('protection_exchange_rate')
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('valid_on', 'text', (c) => c.notNull())
        .addColumn('per_usd', 'numeric(20, 8)', (c) => c.notNull())
        .addColumn('example', 'boolean', (c) => c.notNull().defaultTo(false))
        .addPrimaryKeyConstraint('protection_exchange_rate_pk', ['currency', 'valid_on'])
        .addCheckConstraint('protection_exchange_rate_positive', sql`per_usd > 0`)
        .execute();
      // Example rates (marked so) let a fresh instance compute the indicator; administrators add real ones.
      for (const r of EXAMPLE_RATES) {
        await db
          .insertInto('protection_exchange_rate')
          .values({ currency: r.currency, valid_on: r.validOn, per_usd: String(r.perUsd), example: true })
          .execute();
      }
    },
  },
  {
    name: '0630_protection_hiring_guide',
    async up(db: AnyDb) {
      // Linked to matching's eligibility rules by rule id: what the permit allows (sectors, occupations) is read from
      // the rule itself, so the guide and matching cannot disagree.
      await db.schema
        .createTable('protection_hiring_guide')
        .addColumn('rule_id', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('hours_per_week', 'integer')
        .addColumn('change_of_employer', 'text', (c) => c.notNull())
        .addColumn('duration_months', 'integer')
        .addColumn('review_by', 'text', (c) => c.notNull())
        .addColumn('example', 'boolean', (c) => c.notNull())
        .addColumn('text', 'jsonb', (c) => c.notNull())
        .addColumn('updated_by', 'text')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .addPrimaryKeyConstraint('protection_hiring_guide_pk', ['rule_id', 'version'])
        .execute();
      const rules = new Set(
        (await db.selectFrom('matching_eligibility_rule').select('id').execute()).map((r: { id: string }) => r.id),
      );
      for (const g of EXAMPLE_GUIDES) {
        if (!rules.has(g.ruleId)) continue; // an administrator removed the example rule: no guide for it
        await db
          .insertInto('protection_hiring_guide')
          .values({
            rule_id: g.ruleId,
            version: 1,
            hours_per_week: g.hoursPerWeek,
            change_of_employer: g.changeOfEmployer,
            duration_months: g.durationMonths,
            review_by: g.reviewBy,
            example: true,
            text: JSON.stringify(g.text),
          })
          .execute();
      }
    },
  },
];
