// Identity, consent and audit schema. Forward-only: add a new migration, never edit one that has landed.
import { sql, type Kysely } from 'kysely';
import type { NamedMigration } from '../db/migrate.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export const migrations: NamedMigration[] = [
  {
    name: '0100_identity_organisations_users',
    async up(db: AnyDb) {
      await db.schema
        .createTable('organisation')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('licence_number', 'text')
        .addColumn('country', 'text')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addCheckConstraint('organisation_self_tenant', sql`organisation_id = id`)
        .addCheckConstraint(
          'organisation_agency_licence',
          sql`type <> 'recruitment_agency' OR licence_number IS NOT NULL`,
        )
        .execute();
      await db.schema.createIndex('organisation_name_key').unique().on('organisation').column('name').execute();

      await db.schema
        .createTable('app_user')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text')
        .addColumn('totp_secret', 'text')
        .addColumn('totp_enabled', 'boolean', (c) => c.notNull().defaultTo(false))
        .addColumn('totp_last_step', 'bigint')
        .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('locked_until', 'timestamptz')
        .addColumn('disabled_at', 'timestamptz')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      // Emails are stored lower-cased; one account per address across the platform.
      await db.schema.createIndex('app_user_email_key').unique().on('app_user').column('email').execute();
      await db.schema.createIndex('app_user_org_idx').on('app_user').column('organisation_id').execute();

      await db.schema
        .createTable('user_session')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .addColumn('ip', 'text')
        .addColumn('user_agent', 'text')
        .execute();
      await db.schema.createIndex('user_session_user_idx').on('user_session').column('user_id').execute();

      await db.schema
        .createTable('invitation')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('invited_by', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .addColumn('accepted_at', 'timestamptz')
        .addColumn('accepted_user_id', 'text')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema.createIndex('invitation_org_idx').on('invitation').column('organisation_id').execute();
    },
  },
  {
    name: '0110_identity_consent',
    async up(db: AnyDb) {
      await db.schema
        .createTable('consent')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('migrant_id', 'text', (c) => c.notNull())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('target_organisation_id', 'text')
        .addColumn('field_scopes', 'jsonb')
        .addColumn('note', 'text')
        .addColumn('given_at', 'timestamptz', (c) => c.notNull())
        .addColumn('recorded_by', 'text', (c) => c.notNull())
        .addColumn('withdrawn_at', 'timestamptz')
        .addColumn('withdrawn_by', 'text')
        .addCheckConstraint(
          'consent_share_target',
          sql`(purpose = 'share_with_organisation') = (target_organisation_id IS NOT NULL)`,
        )
        .execute();
      await db.schema.createIndex('consent_migrant_idx').on('consent').columns(['migrant_id', 'purpose']).execute();
    },
  },
  {
    name: '0120_identity_audit_log',
    async up(db: AnyDb) {
      await db.schema
        .createTable('audit_log')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('organisation_id', 'text')
        .addColumn('actor_user_id', 'text')
        .addColumn('actor_role', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text')
        .addColumn('fields', 'jsonb')
        .addColumn('reason', 'text')
        .addColumn('request_id', 'text')
        .addColumn('ip', 'text')
        .execute();
      await db.schema.createIndex('audit_log_entity_idx').on('audit_log').columns(['entity', 'entity_id']).execute();
      await db.schema.createIndex('audit_log_org_at_idx').on('audit_log').columns(['organisation_id', 'at']).execute();
      // Append-only in the database itself, not just in the code: UPDATE, DELETE and TRUNCATE raise.
      await sql`
        CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
        END
        $$`.execute(db);
      await sql`
        CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`.execute(db);
      await sql`
        CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`.execute(db);
    },
  },
  {
    name: '0130_identity_password_reset',
    async up(db: AnyDb) {
      await db.schema
        .createTable('password_reset')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .addColumn('used_at', 'timestamptz')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema.createIndex('password_reset_user_idx').on('password_reset').column('user_id').execute();
    },
  },
  {
    // Retention (src/identity/retention.ts): the append-only trigger lets through exactly two things, and only in
    // the transaction that asked for them: deleting entries older than a cutoff, and setting the client address
    // to NULL (nothing else) on entries older than a second cutoff. The setting carries the transaction's id, so a
    // session-wide SET, or a value left on a pooled connection, allows nothing. Cutoffs younger than 30 days
    // (delete) or 7 days (address) are refused. TRUNCATE and every other UPDATE or DELETE still raise.
    name: '0140_identity_audit_retention',
    async up(db: AnyDb) {
      await sql`
        CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
          setting text;
          cutoff timestamptz;
        BEGIN
          IF TG_OP = 'DELETE' THEN
            setting := current_setting('corridor.audit_retention', true);
          ELSIF TG_OP = 'UPDATE' THEN
            setting := current_setting('corridor.audit_ip_retention', true);
          END IF;
          IF setting IS NOT NULL AND setting <> ''
             AND split_part(setting, ' ', 1) = pg_current_xact_id()::text THEN
            cutoff := split_part(setting, ' ', 2)::timestamptz;
            IF TG_OP = 'DELETE' THEN
              IF cutoff > now() - interval '30 days' THEN
                RAISE EXCEPTION 'audit_log is append-only (DELETE refused: retention cutoff % is less than 30 days ago)',
                  cutoff USING ERRCODE = 'insufficient_privilege';
              END IF;
              IF OLD.at < cutoff THEN
                RETURN OLD;
              END IF;
            ELSE
              IF cutoff > now() - interval '7 days' THEN
                RAISE EXCEPTION 'audit_log is append-only (UPDATE refused: address cutoff % is less than 7 days ago)',
                  cutoff USING ERRCODE = 'insufficient_privilege';
              END IF;
              IF OLD.at < cutoff AND NEW.ip IS NULL AND (to_jsonb(NEW) - 'ip') = (to_jsonb(OLD) - 'ip') THEN
                RETURN NEW;
              END IF;
            END IF;
          END IF;
          RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
        END
        $$`.execute(db);
    },
  },
  {
    // Per-address rate limit of the credential routes, shared by every server instance on this database
    // (src/server/rate-limit.ts): one row per key and fixed window; `key` is an HMAC of route and client address,
    // never the address in clear. Rows of windows that ended over an hour ago are purged by the servers.
    name: '0150_identity_rate_limit',
    async up(db: AnyDb) {
      await db.schema
        .createTable('rate_limit_hit')
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('window_start', 'timestamptz', (c) => c.notNull())
        .addColumn('hits', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('rate_limit_hit_pkey', ['key', 'window_start'])
        .execute();
      await db.schema.createIndex('rate_limit_hit_window_idx').on('rate_limit_hit').column('window_start').execute();
    },
  },
  {
    // Audit notes typed by people are encrypted under the person's data key (erasure shreds them); list reads
    // name the people shown (ids only), one entry per request.
    name: '0160_identity_audit_note_subjects',
    async up(db: AnyDb) {
      await db.schema.alterTable('audit_log').addColumn('note_enc', 'text').execute();
      await db.schema.alterTable('audit_log').addColumn('subject_ids', 'jsonb').execute();
    },
  },
  {
    // Tamper evidence (src/kernel/audit-chain.ts): every entry carries its place in its organisation's chain
    // (chain_seq), the hash of the entry before it and its own hash. audit_chain_head holds each chain's last link,
    // locked FOR UPDATE by each writer so concurrent writers cannot fork a chain, and the floor left by retention
    // (the last pruned link). Entries written before this migration (id <= legacy_max_id) stay outside the chains.
    name: '0170_identity_audit_chain',
    async up(db: AnyDb) {
      await db.schema.alterTable('audit_log').addColumn('chain_seq', 'bigint').execute();
      await db.schema.alterTable('audit_log').addColumn('prev_hash', 'text').execute();
      await db.schema.alterTable('audit_log').addColumn('hash', 'text').execute();
      await db.schema
        .createTable('audit_chain_head')
        .addColumn('chain', 'text', (c) => c.primaryKey())
        .addColumn('seq', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('hash', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('last_at', 'timestamptz')
        .addColumn('floor_seq', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('floor_hash', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
      await db.schema
        .createTable('audit_chain_start')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('legacy_max_id', 'bigint', (c) => c.notNull())
        .addCheckConstraint('audit_chain_start_one', sql`id = 1`)
        .execute();
      await sql`INSERT INTO audit_chain_start (id, legacy_max_id) SELECT 1, coalesce(max(id), 0) FROM audit_log`.execute(
        db,
      );
      await db.schema.createIndex('audit_log_chain_idx').on('audit_log').columns(['organisation_id', 'id']).execute();
    },
  },
  {
    // Sign-in throttling per account and client address (auth.ts), replacing the account-wide lock anyone could
    // trigger: both keys are HMACs, never the address or e-mail in clear. Unknown e-mails get rows too, so a
    // throttled pair says nothing about whether the account exists.
    name: '0180_identity_login_throttle',
    async up(db: AnyDb) {
      await db.schema
        .createTable('login_throttle')
        .addColumn('account_key', 'text', (c) => c.notNull())
        .addColumn('client_key', 'text', (c) => c.notNull())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('blocked_until', 'timestamptz')
        .addColumn('last_failure_at', 'timestamptz', (c) => c.notNull())
        .addPrimaryKeyConstraint('login_throttle_pkey', ['account_key', 'client_key'])
        .execute();
      await db.schema.createIndex('login_throttle_at_idx').on('login_throttle').column('last_failure_at').execute();
    },
  },
  {
    // Audit entries are linked into their chain after they are written, by a chainer (src/kernel/audit-chain.ts),
    // not under a lock on the request path. tx: the writing transaction's 64-bit id, as in change_log; the chainer
    // links entries in (tx, id) order below the oldest running transaction, and keeps its cursor in
    // audit_chain_start. The append-only trigger now also lets through, once per entry, the UPDATE that fills in an
    // unlinked entry's three chain columns and changes nothing else. fillfactor leaves room for that update on the
    // entry's own page (no new index entries: no index covers the chain columns).
    name: '0190_identity_audit_chainer',
    async up(db: AnyDb) {
      // Added without a default first, so existing entries keep tx NULL (linked by the old writer, or legacy).
      await db.schema.alterTable('audit_log').addColumn('tx', 'bigint').execute();
      await sql`ALTER TABLE audit_log ALTER COLUMN tx SET DEFAULT (pg_current_xact_id()::text)::bigint`.execute(db);
      await sql`ALTER TABLE audit_log SET (fillfactor = 80)`.execute(db);
      await db.schema.createIndex('audit_log_tx_idx').on('audit_log').columns(['tx', 'id']).execute();
      // Entries without tx (legacy, linked by the old writer, or forged) are walked by id: a small partial index.
      await sql`CREATE INDEX audit_log_no_tx_idx ON audit_log (id) WHERE tx IS NULL`.execute(db);
      await db.schema
        .alterTable('audit_chain_start')
        .addColumn('chained_tx', 'bigint', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .alterTable('audit_chain_start')
        .addColumn('chained_id', 'bigint', (c) => c.notNull().defaultTo(0))
        .execute();
      await sql`
        CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
          setting text;
          cutoff timestamptz;
          unlinked audit_log;
        BEGIN
          IF TG_OP = 'UPDATE' AND OLD.chain_seq IS NULL AND OLD.prev_hash IS NULL AND OLD.hash IS NULL
             AND NEW.chain_seq IS NOT NULL AND NEW.prev_hash IS NOT NULL AND NEW.hash IS NOT NULL THEN
            -- The new row without its link must be the old row, column for column (a row copy: cheaper than JSON).
            unlinked := NEW;
            unlinked.chain_seq := NULL;
            unlinked.prev_hash := NULL;
            unlinked.hash := NULL;
            IF unlinked IS NOT DISTINCT FROM OLD THEN
              RETURN NEW;
            END IF;
          END IF;
          IF TG_OP = 'DELETE' THEN
            setting := current_setting('corridor.audit_retention', true);
          ELSIF TG_OP = 'UPDATE' THEN
            setting := current_setting('corridor.audit_ip_retention', true);
          END IF;
          IF setting IS NOT NULL AND setting <> ''
             AND split_part(setting, ' ', 1) = pg_current_xact_id()::text THEN
            cutoff := split_part(setting, ' ', 2)::timestamptz;
            IF TG_OP = 'DELETE' THEN
              IF cutoff > now() - interval '30 days' THEN
                RAISE EXCEPTION 'audit_log is append-only (DELETE refused: retention cutoff % is less than 30 days ago)',
                  cutoff USING ERRCODE = 'insufficient_privilege';
              END IF;
              IF OLD.at < cutoff THEN
                RETURN OLD;
              END IF;
            ELSE
              IF cutoff > now() - interval '7 days' THEN
                RAISE EXCEPTION 'audit_log is append-only (UPDATE refused: address cutoff % is less than 7 days ago)',
                  cutoff USING ERRCODE = 'insufficient_privilege';
              END IF;
              IF OLD.at < cutoff AND NEW.ip IS NULL AND (to_jsonb(NEW) - 'ip') = (to_jsonb(OLD) - 'ip') THEN
                RETURN NEW;
              END IF;
            END IF;
          END IF;
          RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
        END
        $$`.execute(db);
    },
  },
  {
    // Issue 11: names and e-mails of accounts and invitations move under per-row keys (the account's key dies with
    // its erasure, an invitation's with its deletion), found by a keyed index of the e-mail (`email_index`, an HMAC;
    // unique for accounts, as the address was). A migration has no key: rows keep their values in clear until
    // `corridor serve` seals them (identity/sealed.ts sealLegacyAccounts), which empties `email` (now nullable) and
    // `name`; the partial indexes find the rows left.
    name: '0195_identity_sealed_names',
    async up(db: AnyDb) {
      for (const table of ['app_user', 'invitation']) {
        await db.schema
          .alterTable(table)
          .addColumn('name_enc', 'text')
          .addColumn('email_enc', 'text')
          .addColumn('email_index', 'text')
          .execute();
        await db.schema
          .alterTable(table)
          .alterColumn('email', (c) => c.dropNotNull())
          .execute();
        await db.schema
          .createIndex(`${table}_unsealed_idx`)
          .on(table)
          .column('id')
          .where(sql.ref('email'), 'is not', null)
          .execute();
      }
      await db.schema.createIndex('app_user_email_index_key').unique().on('app_user').column('email_index').execute();
      await db.schema.createIndex('invitation_email_index_idx').on('invitation').column('email_index').execute();
    },
  },
  {
    // Issue 11: a consent's free-text note moves under the migrant's key (`note_enc`, context `consent.note:<id>`),
    // so erasure shreds every copy. A migration has no key: notes written before stay in `note` until
    // `corridor serve` seals them (consent.ts sealLegacyConsentNotes), which sets `note` to NULL; the partial index
    // finds the rows left.
    name: '0196_identity_sealed_consent_note',
    async up(db: AnyDb) {
      await db.schema.alterTable('consent').addColumn('note_enc', 'text').execute();
      await db.schema
        .createIndex('consent_unsealed_note_idx')
        .on('consent')
        .column('id')
        .where(sql.ref('note'), 'is not', null)
        .execute();
    },
  },
];
