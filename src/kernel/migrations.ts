// The kernel's tables. Forward-only: add a migration, never edit one that has landed. Names 00xx sort first.
import { sql, type Kysely } from 'kysely';
import type { NamedMigration } from '../db/migrate.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export const migrations: NamedMigration[] = [
  {
    name: '0010_kernel_change_log',
    async up(db: AnyDb) {
      // tx: the 64-bit transaction id (xid8 as bigint; both PostgreSQL 15 and 18 have pg_current_xact_id()).
      await db.schema
        .createTable('change_log')
        .addColumn('position', 'bigserial', (c) => c.primaryKey())
        .addColumn('tx', 'bigint', (c) => c.notNull().defaultTo(sql`(pg_current_xact_id()::text)::bigint`))
        .addColumn('organisation_id', 'text')
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('subject_id', 'text')
        .addColumn('op', 'text', (c) => c.notNull())
        .addColumn('version', 'integer')
        .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addCheckConstraint('change_log_op', sql`op IN ('create', 'update', 'delete', 'reset')`)
        .execute();
      await db.schema.createIndex('change_log_tx_idx').on('change_log').columns(['tx', 'position']).execute();
      await db.schema.createIndex('change_log_at_idx').on('change_log').column('at').execute();
      await db.schema
        .createTable('change_log_floor')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('tx', 'bigint', (c) => c.notNull())
        .addColumn('pruned_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addCheckConstraint('change_log_floor_one', sql`id = 1`)
        .execute();
    },
  },
  {
    name: '0020_kernel_idempotency_key',
    async up(db: AnyDb) {
      await db.schema
        .createTable('idempotency_key')
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('command', 'text', (c) => c.notNull())
        .addColumn('request_hash', 'text', (c) => c.notNull())
        .addColumn('response', 'jsonb')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addPrimaryKeyConstraint('idempotency_key_pk', ['actor', 'key'])
        .execute();
      await db.schema.createIndex('idempotency_key_at_idx').on('idempotency_key').column('created_at').execute();
    },
  },
  {
    // Per-person data keys for crypto-shredding (person-keys.ts): erasure deletes the row.
    name: '0030_kernel_person_key',
    async up(db: AnyDb) {
      await db.schema
        .createTable('person_key')
        .addColumn('subject_id', 'text', (c) => c.primaryKey())
        .addColumn('organisation_id', 'text')
        .addColumn('wrapped', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
    },
  },
  {
    // Audit links become HMACs under a key derived from the instance secret (src/kernel/audit-chain.ts). Every chain
    // that exists gets one entry, unlinked like any other; the chainer links it with the key, and its HMAC covers the
    // keyless link before it, so the chain's keyless part is sealed and every chain ends keyed from now on (verify
    // calls a chain that ends keyless broken). Only once per database: if any chain already ends keyed, nothing is
    // added (this never seals chains someone rewrote without the key). Names sort before identity's, so on a new
    // database this runs before the audit tables exist (no chains to seal); on a database from before migration
    // 0190 (no tx column) it adds nothing either, and verify reports its chains as keyless.
    name: '0040_kernel_audit_keyed',
    async up(db: AnyDb) {
      const { rows } = await sql<{ ready: boolean }>`
        SELECT to_regclass('audit_chain_head') IS NOT NULL
           AND EXISTS (SELECT 1 FROM information_schema.columns
                       WHERE table_schema = current_schema() AND table_name = 'audit_log' AND column_name = 'tx')
           AS ready`.execute(db);
      if (!rows[0]?.ready) return;
      await sql`
        INSERT INTO audit_log (at, organisation_id, action, entity, reason)
        SELECT date_trunc('milliseconds', statement_timestamp()), NULLIF(chain, ''), 'audit.keyed', 'audit_chain',
               'links from here on are HMACs under the instance key'
        FROM audit_chain_head
        WHERE seq > 0 AND NOT EXISTS (SELECT 1 FROM audit_chain_head WHERE hash LIKE 'hmac1.%')
        ORDER BY chain`.execute(db);
    },
  },
  {
    // Stored idempotent replies are sealed from now on (command.ts: under the instance key, and under the key of
    // each person the command changed, so erasure shreds them). Replies stored before hold the answer in clear
    // (a profile's permit types): they go now. A retry of such a request runs again as a new one (a create whose
    // record exists answers as it does to any second create).
    name: '0050_kernel_idempotency_sealed',
    async up(db: AnyDb) {
      await sql`DELETE FROM idempotency_key WHERE response IS NOT NULL`.execute(db);
    },
  },
];
