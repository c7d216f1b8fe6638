// Audit-log retention (storage limitation): entries older than the retention are deleted, and client addresses
// older than a shorter period are blanked while the entry stays. The audit_log triggers (migration 0140) allow
// exactly this, and only inside the transaction that opened the window; everything else stays append-only. The hash
// chains survive it: the address is not hashed, and each chain's last pruned link is kept as its floor.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import { AUDIT_IP_MIN_DAYS, AUDIT_RETENTION_MIN_DAYS, CONFIG_ENV_NAMES } from '../shared/config.js';
import { invalid } from '../kernel/errors.js';
import { audit } from '../kernel/audit.js';
import { recordPrunedFloors } from '../kernel/audit-chain.js';

export const AUDIT_RETENTION_ACTION = 'audit.retention';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface AuditRetentionOptions {
  /** Entries older than this many days are deleted (at least 30). */
  retentionDays: number;
  /** Client addresses of entries older than this many days are blanked (at least 7, at most retentionDays). */
  ipDays: number;
  /** The moment the cutoffs count back from; by default the database's clock, which the triggers check against. */
  now?: Date;
  /** Count what would be deleted and blanked, change nothing, record nothing. */
  dryRun?: boolean;
}

export interface AuditRetentionResult {
  dryRun: boolean;
  retentionDays: number;
  ipDays: number;
  /** Entries before this moment are (or would be) deleted. */
  deleteBefore: string;
  /** Entries before this moment keep no client address. */
  blankIpBefore: string;
  deleted: number;
  ipBlanked: number;
}

export interface RetentionCutoffs {
  deleteBefore: Date;
  blankIpBefore: Date;
}

/**
 * Opens the triggers' window for the current transaction only: DELETE of entries before `deleteBefore`, and
 * UPDATE setting `ip` to NULL (nothing else) on entries before `blankIpBefore`. The setting names the transaction,
 * so it allows nothing once the transaction ends, nor on another one.
 */
export async function openRetentionWindow(trx: Transaction<Database>, cutoffs: RetentionCutoffs): Promise<void> {
  await sql`
    select
      set_config('corridor.audit_retention', pg_current_xact_id()::text || ' ' || ${cutoffs.deleteBefore.toISOString()}, true),
      set_config('corridor.audit_ip_retention', pg_current_xact_id()::text || ' ' || ${cutoffs.blankIpBefore.toISOString()}, true)
  `.execute(trx);
}

function checkDays(options: AuditRetentionOptions): void {
  const { retentionDays, ipDays } = options;
  if (!Number.isInteger(retentionDays) || retentionDays < AUDIT_RETENTION_MIN_DAYS) {
    throw invalid(
      `${CONFIG_ENV_NAMES.auditRetentionDays}: must be a whole number of days, at least ${AUDIT_RETENTION_MIN_DAYS}`,
    );
  }
  if (!Number.isInteger(ipDays) || ipDays < AUDIT_IP_MIN_DAYS || ipDays > retentionDays) {
    throw invalid(
      `${CONFIG_ENV_NAMES.auditIpDays}: must be a whole number of days from ${AUDIT_IP_MIN_DAYS} to ` +
        `${CONFIG_ENV_NAMES.auditRetentionDays} (${retentionDays})`,
    );
  }
}

/**
 * Applies the retention in one transaction: deletes old entries, blanks old client addresses, and appends one
 * entry recording the prune (counts and cutoffs, no personal values). Idempotent; safe to run from several
 * processes at once (the second finds nothing left to do). Inside a caller's transaction it joins that one.
 */
export async function applyAuditRetention(
  db: Kysely<Database>,
  options: AuditRetentionOptions,
): Promise<AuditRetentionResult> {
  checkDays(options);
  const { retentionDays, ipDays } = options;
  const dryRun = options.dryRun === true;
  const run = async (trx: Transaction<Database>): Promise<AuditRetentionResult> => {
    const now = options.now ?? (await databaseNow(trx));
    const deleteBefore = new Date(now.getTime() - retentionDays * DAY_MS);
    const blankIpBefore = new Date(now.getTime() - ipDays * DAY_MS);
    const before = (cutoff: Date) => sql<Date>`${cutoff.toISOString()}::timestamptz`;
    let deleted: number;
    let ipBlanked: number;
    if (dryRun) {
      const counts = await trx
        .selectFrom('audit_log')
        .select([
          sql<number>`count(*) filter (where at < ${before(deleteBefore)})::int`.as('deleted'),
          sql<number>`count(*) filter (where at >= ${before(deleteBefore)} and at < ${before(blankIpBefore)} and ip is not null)::int`.as(
            'ipBlanked',
          ),
        ])
        .executeTakeFirstOrThrow();
      deleted = counts.deleted;
      ipBlanked = counts.ipBlanked;
    } else {
      await openRetentionWindow(trx, { deleteBefore, blankIpBefore });
      const pruned = await trx
        .deleteFrom('audit_log')
        .where('at', '<', before(deleteBefore))
        .returning(['organisation_id', 'chain_seq', 'hash'])
        .execute();
      // The first kept entry of each chain links to the last pruned one: that link becomes the chain's floor.
      const floors = await recordPrunedFloors(trx, pruned);
      const upd = await trx
        .updateTable('audit_log')
        .set({ ip: null })
        .where('at', '<', before(blankIpBefore))
        .where('ip', 'is not', null)
        .executeTakeFirst();
      deleted = pruned.length;
      ipBlanked = Number(upd.numUpdatedRows);
      await audit(
        { db: trx, user: null },
        {
          action: AUDIT_RETENTION_ACTION,
          entity: 'audit_log',
          fields: ['ip'],
          reason:
            `retention: deleted ${deleted} entries older than ${retentionDays} days (before ${deleteBefore.toISOString()}); ` +
            `blanked the client address of ${ipBlanked} entries older than ${ipDays} days (before ${blankIpBefore.toISOString()})` +
            (floors ? `; moved the floor of ${floors} audit chains` : ''),
        },
      );
    }
    return {
      dryRun,
      retentionDays,
      ipDays,
      deleteBefore: deleteBefore.toISOString(),
      blankIpBefore: blankIpBefore.toISOString(),
      deleted,
      ipBlanked,
    };
  };
  return db.isTransaction ? run(db as Transaction<Database>) : db.transaction().execute(run);
}

/** The transaction's now(): the clock the triggers compare the cutoffs with. */
async function databaseNow(trx: Transaction<Database>): Promise<Date> {
  const { rows } = await sql<{ now: Date | string }>`select now() as now`.execute(trx);
  return new Date(rows[0]!.now);
}
