// Recognition schema. Forward-only: add a new migration, never edit one that has landed.
import { sql, type Kysely } from 'kysely';
import type { NamedMigration } from '../db/migrate.js';
import { EXAMPLE_FRAMEWORKS } from './seed.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

const now = sql`now()`;
const emptyArray = sql`'[]'::jsonb`;

export const migrations: NamedMigration[] = [
  {
    name: '0700_recognition_qualification',
    async up(db: AnyDb) {
      await db.schema
        .createTable('recognition_qualification')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('migrant_id', 'text', (c) => c.notNull())
        .addColumn('original_title', 'text', (c) => c.notNull())
        .addColumn('title_translation', 'text')
        .addColumn('translation_lang', 'text')
        .addColumn('awarding_body', 'text', (c) => c.notNull())
        .addColumn('country', 'text', (c) => c.notNull())
        .addColumn('year', 'integer')
        .addColumn('isced_field', 'text')
        .addColumn('national_framework', 'text')
        .addColumn('national_level', 'text')
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('recorded'))
        .addColumn('eqf_level', 'integer')
        .addColumn('created_by', 'text')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .addCheckConstraint(
          'recognition_qualification_status',
          sql`status IN ('recorded', 'in_assessment', 'recognised', 'partially_recognised', 'not_recognised', 'referred_to_rpl', 'withdrawn')`,
        )
        .addCheckConstraint('recognition_qualification_eqf', sql`eqf_level IS NULL OR eqf_level BETWEEN 1 AND 8`)
        .execute();
      await db.schema
        .createIndex('recognition_qualification_migrant_idx')
        .on('recognition_qualification')
        .column('migrant_id')
        .execute();

      await db.schema
        .createTable('recognition_document')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('migrant_id', 'text', (c) => c.notNull())
        .addColumn('qualification_id', 'text', (c) =>
          c.notNull().references('recognition_qualification.id').onDelete('cascade'),
        )
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('file_name_enc', 'text', (c) => c.notNull())
        .addColumn('media_type', 'text', (c) => c.notNull())
        .addColumn('size_bytes', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('content_enc', 'text', (c) => c.notNull())
        .addColumn('uploaded_by', 'text')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .addCheckConstraint(
          'recognition_document_media_type',
          sql`media_type IN ('application/pdf', 'image/jpeg', 'image/png')`,
        )
        .addCheckConstraint('recognition_document_size', sql`size_bytes > 0 AND size_bytes <= 10485760`)
        .execute();
      await db.schema
        .createIndex('recognition_document_qualification_idx')
        .on('recognition_document')
        .column('qualification_id')
        .execute();
      await db.schema
        .createIndex('recognition_document_migrant_idx')
        .on('recognition_document')
        .column('migrant_id')
        .execute();
    },
  },
  {
    name: '0701_recognition_framework',
    async up(db: AnyDb) {
      await db.schema
        .createTable('recognition_framework')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('country', 'text')
        .addColumn('example', 'boolean', (c) => c.notNull().defaultTo(false))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .addCheckConstraint('recognition_framework_kind', sql`kind IN ('meta', 'regional', 'national')`)
        .execute();
      await db.schema
        .createTable('recognition_framework_level')
        .addColumn('framework', 'text', (c) => c.notNull().references('recognition_framework.code').onDelete('cascade'))
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('rank', 'integer', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('descriptor', 'text', (c) => c.notNull())
        .addColumn('eqf_level', 'integer')
        .addColumn('regional_framework', 'text')
        .addColumn('regional_level', 'text')
        .addColumn('example', 'boolean', (c) => c.notNull().defaultTo(false))
        .addPrimaryKeyConstraint('recognition_framework_level_pk', ['framework', 'level'])
        .addCheckConstraint('recognition_framework_level_eqf', sql`eqf_level IS NULL OR eqf_level BETWEEN 1 AND 8`)
        .execute();
      for (const f of EXAMPLE_FRAMEWORKS) {
        await db
          .insertInto('recognition_framework')
          .values({ code: f.code, name: f.name, kind: f.kind, country: f.country, example: true })
          .execute();
        await db
          .insertInto('recognition_framework_level')
          .values(
            f.levels.map((l, i) => ({
              framework: f.code,
              level: l.level,
              rank: i + 1,
              title: l.title,
              descriptor: l.descriptor,
              eqf_level: l.eqfLevel,
              regional_framework: l.regionalFramework ?? null,
              regional_level: l.regionalLevel ?? null,
              example: true,
            })),
          )
          .execute();
      }
    },
  },
  {
    name: '0702_recognition_case',
    async up(db: AnyDb) {
      await db.schema
        .createTable('recognition_case')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('migrant_id', 'text', (c) => c.notNull())
        .addColumn('qualification_id', 'text', (c) =>
          c.notNull().references('recognition_qualification.id').onDelete('cascade'),
        )
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('requested'))
        .addColumn('requested_by', 'text')
        .addColumn('requested_by_role', 'text', (c) => c.notNull())
        .addColumn('request_note', 'text')
        .addColumn('destination_framework', 'text', (c) => c.notNull())
        .addColumn('destination_country', 'text')
        .addColumn('assessor_id', 'text')
        .addColumn('documents_checked', 'boolean', (c) => c.notNull().defaultTo(false))
        .addColumn('documents_note', 'text')
        .addColumn('interview', 'jsonb', (c) => c.notNull().defaultTo(emptyArray))
        .addColumn('comparison_note', 'text')
        .addColumn('outcome', 'text')
        .addColumn('eqf_level', 'integer')
        .addColumn('destination_level', 'text')
        .addColumn('comparable_qualification', 'text')
        .addColumn('occupation_uris', 'jsonb', (c) => c.notNull().defaultTo(emptyArray))
        .addColumn('missing_skills', 'jsonb', (c) => c.notNull().defaultTo(emptyArray))
        .addColumn('compensation', 'jsonb', (c) => c.notNull().defaultTo(emptyArray))
        .addColumn('reasons', 'jsonb', (c) => c.notNull().defaultTo(emptyArray))
        .addColumn('decision_note', 'text')
        .addColumn('decided_by', 'text')
        .addColumn('decided_at', 'timestamptz')
        .addColumn('appeal_reason', 'text')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .addCheckConstraint('recognition_case_status', sql`status IN ('requested', 'assessing', 'decided', 'appealed')`)
        .addCheckConstraint(
          'recognition_case_outcome',
          sql`outcome IS NULL OR outcome IN ('recognised', 'partially_recognised', 'not_recognised', 'referred_to_rpl')`,
        )
        .execute();
      await db.schema.createIndex('recognition_case_migrant_idx').on('recognition_case').column('migrant_id').execute();
      await db.schema
        .createIndex('recognition_case_queue_idx')
        .on('recognition_case')
        .columns(['organisation_id', 'status'])
        .execute();
      await db.schema
        .createTable('recognition_case_event')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('case_id', 'text', (c) => c.notNull().references('recognition_case.id').onDelete('cascade'))
        .addColumn('step', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('detail', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
        .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .execute();
      await db.schema
        .createIndex('recognition_case_event_case_idx')
        .on('recognition_case_event')
        .column('case_id')
        .execute();
    },
  },
  {
    name: '0703_recognition_rpl',
    async up(db: AnyDb) {
      await db.schema
        .createTable('recognition_rpl_assessment')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('migrant_id', 'text', (c) => c.notNull())
        .addColumn('occupation_uri', 'text', (c) => c.notNull())
        .addColumn('case_id', 'text', (c) => c.references('recognition_case.id').onDelete('set null'))
        .addColumn('assessor_id', 'text', (c) => c.notNull())
        .addColumn('assessor_name', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('in_progress'))
        .addColumn('completed_on', 'text')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .addCheckConstraint('recognition_rpl_status', sql`status IN ('in_progress', 'completed')`)
        .execute();
      await db.schema
        .createIndex('recognition_rpl_assessment_migrant_idx')
        .on('recognition_rpl_assessment')
        .column('migrant_id')
        .execute();
      await db.schema
        .createTable('recognition_rpl_skill')
        .addColumn('assessment_id', 'text', (c) =>
          c.notNull().references('recognition_rpl_assessment.id').onDelete('cascade'),
        )
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('skill_uri', 'text', (c) => c.notNull())
        .addColumn('method', 'text')
        .addColumn('result', 'text', (c) => c.notNull().defaultTo('pending'))
        .addColumn('note', 'text')
        .addPrimaryKeyConstraint('recognition_rpl_skill_pk', ['assessment_id', 'skill_uri'])
        .addCheckConstraint('recognition_rpl_skill_result', sql`result IN ('pending', 'demonstrated', 'not_yet')`)
        .addCheckConstraint(
          'recognition_rpl_skill_method',
          sql`method IS NULL OR method IN ('interview', 'observation', 'practical_test', 'portfolio', 'employer_attestation')`,
        )
        .execute();
    },
  },
  {
    name: '0704_recognition_referral',
    async up(db: AnyDb) {
      // A case referred to an assessing organisation (a qualifications authority, an assessment centre) on this
      // instance. The home organisation keeps the case; the referral only opens it, while the person's
      // recognition_referral consent naming that organisation is in force.
      await db.schema
        .createTable('recognition_referral')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('migrant_id', 'text', (c) => c.notNull())
        .addColumn('case_id', 'text', (c) => c.notNull().references('recognition_case.id').onDelete('cascade'))
        .addColumn('assessing_organisation_id', 'text', (c) => c.notNull())
        .addColumn('consent_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
        .addColumn('note', 'text')
        .addColumn('referred_by', 'text')
        .addColumn('withdrawn_by', 'text')
        .addColumn('withdrawn_at', 'timestamptz')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .addCheckConstraint('recognition_referral_status', sql`status IN ('active', 'withdrawn')`)
        .execute();
      await db.schema
        .createIndex('recognition_referral_active_case_idx')
        .on('recognition_referral')
        .column('case_id')
        .unique()
        .where(sql.ref('status'), '=', 'active')
        .execute();
      await db.schema
        .createIndex('recognition_referral_queue_idx')
        .on('recognition_referral')
        .columns(['assessing_organisation_id', 'status'])
        .execute();
      // The consent purpose this needs names its organisation, as share_with_organisation does (identity's table;
      // the purpose is registered in shared/vocabulary.ts).
      await sql`ALTER TABLE consent DROP CONSTRAINT consent_share_target`.execute(db);
      await sql`ALTER TABLE consent ADD CONSTRAINT consent_share_target CHECK ((purpose IN ('share_with_organisation', 'recognition_referral')) = (target_organisation_id IS NOT NULL))`.execute(
        db,
      );
    },
  },
];
