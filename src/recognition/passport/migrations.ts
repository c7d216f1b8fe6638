// Passport schema (numbers 0750–0799). Forward-only: add a new migration, never edit one that has landed.
import { sql, type Kysely } from 'kysely';
import type { NamedMigration } from '../../db/migrate.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;
const now = sql`now()`;

export const migrations: NamedMigration[] = [
  {
    name: '0750_passport_tables',
    async up(db: AnyDb) {
      await db.schema
        .createTable('passport_issuer_key')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('did', 'text', (c) => c.notNull())
        .addColumn('verification_method', 'text', (c) => c.notNull().unique())
        .addColumn('public_key_multibase', 'text', (c) => c.notNull())
        .addColumn('secret_key', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .addColumn('retired_at', 'timestamptz')
        .execute();
      // One current key per organisation.
      await sql`CREATE UNIQUE INDEX passport_issuer_key_current ON passport_issuer_key (organisation_id) WHERE retired_at IS NULL`.execute(
        db,
      );

      await db.schema
        .createTable('passport_credential')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('migrant_id', 'text', (c) => c.notNull())
        .addColumn('derived_from', 'text', (c) => c.references('passport_credential.id').onDelete('cascade'))
        .addColumn('disclosure', 'jsonb', (c) => c.notNull())
        .addColumn('status_index', 'integer', (c) => c.notNull())
        .addColumn('credential', 'text')
        .addColumn('issuer_key_id', 'text', (c) => c.notNull().references('passport_issuer_key.id'))
        .addColumn('issued_by', 'text')
        .addColumn('issued_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .addColumn('valid_until', 'timestamptz', (c) => c.notNull())
        .addColumn('revoked_at', 'timestamptz')
        .addColumn('revoked_reason', 'text')
        .addUniqueConstraint('passport_credential_status', ['organisation_id', 'status_index'])
        .execute();
      await db.schema
        .createIndex('passport_credential_migrant_idx')
        .on('passport_credential')
        .column('migrant_id')
        .execute();

      await db.schema
        .createTable('passport_status_list')
        .addColumn('organisation_id', 'text', (c) => c.primaryKey())
        .addColumn('length', 'integer', (c) => c.notNull())
        .addColumn('credential', 'jsonb', (c) => c.notNull())
        .addColumn('published_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .execute();

      await db.schema
        .createTable('passport_share')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('credential_id', 'text', (c) => c.notNull().references('passport_credential.id').onDelete('cascade'))
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .addColumn('stopped_at', 'timestamptz')
        .execute();

      await db.schema
        .createTable('passport_trusted_issuer')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('did', 'text', (c) => c.notNull())
        .addColumn('verification_method', 'text', (c) => c.notNull().unique())
        .addColumn('public_key_multibase', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('imported_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .addColumn('imported_by', 'text')
        .execute();

      await db.schema
        .createTable('passport_import')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('migrant_id', 'text', (c) => c.notNull())
        .addColumn('credential_id', 'text', (c) => c.notNull())
        .addColumn('issuer_did', 'text', (c) => c.notNull())
        .addColumn('issuer_name', 'text', (c) => c.notNull())
        .addColumn('valid_from', 'text', (c) => c.notNull())
        .addColumn('skills', 'jsonb', (c) => c.notNull())
        .addColumn('imported_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
        .addColumn('imported_by', 'text')
        .addUniqueConstraint('passport_import_once', ['migrant_id', 'credential_id'])
        .execute();
    },
  },
];
