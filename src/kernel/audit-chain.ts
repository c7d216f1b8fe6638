// Tamper evidence for the audit log: one hash chain per organisation ('' for platform entries). Each entry holds its
// place in the chain (chain_seq), the hash of the entry before it (prev_hash) and its own hash over every column but
// the client address (retention blanks that). A writer locks its chain's head row (audit_chain_head) FOR UPDATE in
// its transaction, so concurrent writers queue instead of forking the chain. verifyAuditChains() walks every chain and
// names the first broken link: an edited entry (its hash no longer matches), a deleted one (a gap in chain_seq, or a
// chain shorter than its head), an entry inserted outside the writer (no link) or back-dated (older than the entry
// before it). The hash is keyless on purpose (an auditor with a copy of the table can check it); someone who rewrites
// the whole chain after an entry is caught by the chain heads logged daily outside the database (logAuditChainHeads).
import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.js';

type Db = Kysely<Database>;

/** prev_hash of a chain's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The chain an entry belongs to. */
export const chainOf = (organisationId: string | null | undefined): string => organisationId ?? '';

/** An entry as written, before it has an id, time and link. */
export interface AuditRow {
  organisation_id: string | null;
  actor_user_id: string | null;
  actor_role: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  fields: readonly string[] | null;
  reason: string | null;
  note_enc: string | null;
  subject_ids: readonly string[] | null;
  request_id: string | null;
  ip: string | null;
}

interface Linked {
  id: number;
  seq: number;
  at: Date;
  prevHash: string;
}

/** The hash of one entry: every column but `ip`, in a fixed order, as JSON. */
export function entryHash(row: Omit<AuditRow, 'ip'>, link: Linked): string {
  const canonical = JSON.stringify([
    'corridor-audit-v1',
    chainOf(row.organisation_id),
    link.seq,
    link.id,
    link.at.toISOString(),
    row.organisation_id,
    row.actor_user_id,
    row.actor_role,
    row.action,
    row.entity,
    row.entity_id,
    row.fields ?? null,
    row.reason,
    row.note_enc,
    row.subject_ids ?? null,
    row.request_id,
    link.prevHash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * Appends entries to their chains inside `trx`. Chains are locked in a fixed order (sorted) so two transactions
 * writing to the same two chains cannot deadlock on each other. The head stays locked until `trx` ends.
 */
export async function appendChained(trx: Transaction<Database> | Db, rows: readonly AuditRow[]): Promise<void> {
  const byChain = new Map<string, AuditRow[]>();
  for (const row of rows) {
    const chain = chainOf(row.organisation_id);
    byChain.set(chain, [...(byChain.get(chain) ?? []), row]);
  }
  for (const chain of [...byChain.keys()].sort()) {
    const list = byChain.get(chain)!;
    await trx
      .insertInto('audit_chain_head')
      .values({ chain })
      .onConflict((oc) => oc.column('chain').doNothing())
      .execute();
    // clock_timestamp(), read under the lock, to the millisecond (what a JavaScript Date keeps): entries of one chain
    // never go back in time unless the clock does, which last_at guards against.
    const { rows: heads } = await sql<{ seq: string | number; hash: string; last_at: Date | null; now: Date }>`
      SELECT seq, hash, last_at, date_trunc('milliseconds', clock_timestamp()) AS now
      FROM audit_chain_head WHERE chain = ${chain} FOR UPDATE`.execute(trx);
    const head = heads[0]!;
    const { rows: ids } = await sql<{ id: string | number }>`
      SELECT nextval(pg_get_serial_sequence('audit_log', 'id')) AS id FROM generate_series(1, ${list.length})`.execute(
      trx,
    );
    const sortedIds = ids.map((r) => Number(r.id)).sort((a, b) => a - b);
    const lastAt = head.last_at ? new Date(head.last_at) : null;
    const at = lastAt && lastAt > new Date(head.now) ? lastAt : new Date(head.now);
    let seq = Number(head.seq);
    let prevHash = seq === 0 ? GENESIS_HASH : head.hash;
    const values = list.map((row, i) => {
      seq += 1;
      const link = { id: sortedIds[i]!, seq, at, prevHash };
      const hash = entryHash(row, link);
      prevHash = hash;
      return {
        id: link.id,
        at: at.toISOString(),
        organisation_id: row.organisation_id,
        actor_user_id: row.actor_user_id,
        actor_role: row.actor_role,
        action: row.action,
        entity: row.entity,
        entity_id: row.entity_id,
        fields: row.fields ? JSON.stringify(row.fields) : null,
        reason: row.reason,
        note_enc: row.note_enc,
        subject_ids: row.subject_ids ? JSON.stringify(row.subject_ids) : null,
        request_id: row.request_id,
        ip: row.ip,
        chain_seq: seq,
        prev_hash: link.prevHash,
        hash,
      };
    });
    await trx.insertInto('audit_log').values(values).execute();
    await trx
      .updateTable('audit_chain_head')
      .set({ seq, hash: prevHash, last_at: at.toISOString() })
      .where('chain', '=', chain)
      .execute();
  }
}

export interface ChainBreak {
  /** The organisation id, or '' for platform entries. */
  chain: string;
  /** The first entry found wrong (null: the chain ends before its head says it does). */
  entryId: number | null;
  seq: number | null;
  problem: 'altered' | 'unlinked' | 'missing' | 'out-of-order' | 'back-dated' | 'truncated' | 'no-head';
  detail: string;
}

export interface ChainReport {
  ok: boolean;
  chains: number;
  /** Chained entries checked. */
  entries: number;
  /** Entries written before the chains existed (not covered). */
  legacy: number;
  /** Each broken chain's first broken link, in chain order. */
  breaks: ChainBreak[];
  /** The head of every chain as found: compare with the heads logged earlier. */
  heads: { chain: string; seq: number; hash: string }[];
}

const PAGE = 2000;

/**
 * Walks every chain from its floor (genesis, or the last entry retention pruned) to its head and reports the first
 * broken link of each. Reads only; safe on a live database (entries committed after the head was read are ignored).
 */
export async function verifyAuditChains(db: Db): Promise<ChainReport> {
  const start = await db.selectFrom('audit_chain_start').select('legacy_max_id').executeTakeFirst();
  const legacyMaxId = Number(start?.legacy_max_id ?? 0);
  const heads = await db.selectFrom('audit_chain_head').selectAll().orderBy('chain').execute();
  const breaks: ChainBreak[] = [];
  let entries = 0;
  const { rows: legacyRows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM audit_log WHERE id <= ${legacyMaxId}`.execute(db);
  const known = new Set(heads.map((h) => h.chain));
  // Entries whose chain has no head (the head row deleted, or an entry forged for a new organisation).
  const { rows: orphans } = await sql<{ chain: string; id: string | number }>`
    SELECT coalesce(organisation_id, '') AS chain, min(id) AS id FROM audit_log WHERE id > ${legacyMaxId}
    GROUP BY coalesce(organisation_id, '')`.execute(db);
  for (const o of orphans) {
    if (!known.has(o.chain)) {
      breaks.push({
        chain: o.chain,
        entryId: Number(o.id),
        seq: null,
        problem: 'no-head',
        detail: 'entries of a chain that has no head row',
      });
    }
  }
  for (const head of heads) {
    const headSeq = Number(head.seq);
    let expectSeq = Number(head.floor_seq) + 1;
    let prevHash = Number(head.floor_seq) === 0 ? GENESIS_HASH : head.floor_hash;
    let prevAt: Date | null = null;
    let broken: ChainBreak | null = null;
    let afterId = legacyMaxId;
    const org = head.chain === '' ? null : head.chain;
    walk: for (;;) {
      let q = db.selectFrom('audit_log').selectAll().where('id', '>', afterId).orderBy('id').limit(PAGE);
      q = org === null ? q.where('organisation_id', 'is', null) : q.where('organisation_id', '=', org);
      const page = await q.execute();
      for (const r of page) {
        afterId = Number(r.id);
        const seq = r.chain_seq === null ? null : Number(r.chain_seq);
        // Entries written after the head was read belong to a later check.
        if (seq !== null && seq > headSeq && r.prev_hash !== null) break walk;
        entries += 1;
        const at = new Date(r.at);
        const at1 = (problem: ChainBreak['problem'], detail: string): ChainBreak => ({
          chain: head.chain,
          entryId: afterId,
          seq,
          problem,
          detail,
        });
        if (r.hash === null || r.prev_hash === null || seq === null) {
          broken = at1('unlinked', 'the entry carries no chain link: it was written outside the audit writer');
        } else if (seq > expectSeq) {
          broken = at1('missing', `entries ${expectSeq}–${seq - 1} of the chain are gone (deleted)`);
        } else if (seq < expectSeq) {
          broken = at1('out-of-order', `a second entry claims place ${seq} (expected ${expectSeq})`);
        } else if (r.prev_hash !== prevHash) {
          broken = at1('missing', 'the entry does not link to the one before it (an entry was deleted or replaced)');
        } else if (
          entryHash(
            {
              organisation_id: r.organisation_id,
              actor_user_id: r.actor_user_id,
              actor_role: r.actor_role,
              action: r.action,
              entity: r.entity,
              entity_id: r.entity_id,
              fields: r.fields,
              reason: r.reason,
              note_enc: r.note_enc,
              subject_ids: r.subject_ids,
              request_id: r.request_id,
            },
            { id: afterId, seq, at, prevHash },
          ) !== r.hash
        ) {
          broken = at1('altered', 'the entry was changed after it was written (its hash no longer matches)');
        } else if (prevAt && at < prevAt) {
          broken = at1('back-dated', `the entry is dated ${at.toISOString()}, before the one before it`);
        }
        if (broken) break walk;
        expectSeq = seq! + 1;
        prevHash = r.hash!;
        prevAt = at;
      }
      if (page.length < PAGE) break;
    }
    if (!broken && expectSeq - 1 !== headSeq) {
      broken = {
        chain: head.chain,
        entryId: null,
        seq: expectSeq,
        problem: 'truncated',
        detail: `the chain ends at place ${expectSeq - 1} but its head is at ${headSeq}: its last entries were deleted`,
      };
    } else if (!broken && headSeq > 0 && prevHash !== head.hash) {
      broken = {
        chain: head.chain,
        entryId: null,
        seq: headSeq,
        problem: 'truncated',
        detail: 'the last entry does not match the chain head',
      };
    }
    if (broken) breaks.push(broken);
  }
  return {
    ok: breaks.length === 0,
    chains: heads.length,
    entries,
    legacy: legacyRows[0]!.n,
    breaks,
    heads: heads.map((h) => ({ chain: h.chain, seq: Number(h.seq), hash: h.hash })),
  };
}

/**
 * Retention deleted a prefix of some chains: records, per chain, the last deleted link as the chain's floor, so
 * verification starts from it. (Entries of a chain are dated in chain order, so a cutoff by date removes a prefix.)
 */
export async function recordPrunedFloors(
  trx: Db,
  pruned: readonly { organisation_id: string | null; chain_seq: number | string | null; hash: string | null }[],
): Promise<number> {
  const floors = new Map<string, { seq: number; hash: string }>();
  for (const p of pruned) {
    if (p.chain_seq === null || p.hash === null) continue;
    const chain = chainOf(p.organisation_id);
    const seq = Number(p.chain_seq);
    if (seq > (floors.get(chain)?.seq ?? 0)) floors.set(chain, { seq, hash: p.hash });
  }
  for (const [chain, floor] of floors) {
    await trx
      .updateTable('audit_chain_head')
      .set({ floor_seq: floor.seq, floor_hash: floor.hash })
      .where('chain', '=', chain)
      .where('floor_seq', '<', floor.seq)
      .execute();
  }
  return floors.size;
}

/** The current head of every chain, for the log (an outside copy anchors them). */
export async function auditChainHeads(db: Db): Promise<{ chain: string; seq: number; hash: string }[]> {
  const rows = await db.selectFrom('audit_chain_head').select(['chain', 'seq', 'hash']).orderBy('chain').execute();
  return rows.map((r) => ({ chain: r.chain, seq: Number(r.seq), hash: r.hash }));
}

/** The report as `corridor admin audit verify` prints it: one line per chain break, then a summary. */
export function formatChainReport(report: ChainReport): string {
  const name = (chain: string) => (chain === '' ? 'platform' : `organisation ${chain}`);
  const lines = report.breaks.map(
    (b) =>
      `BROKEN ${name(b.chain)}: ${b.entryId === null ? 'at the end' : `entry ${b.entryId}`}` +
      `${b.seq === null ? '' : ` (place ${b.seq})`}: ${b.problem}: ${b.detail}`,
  );
  lines.push(
    `${report.ok ? 'OK' : 'FAILED'}: ${report.chains} chains, ${report.entries} entries checked, ` +
      `${report.breaks.length} broken, ${report.legacy} entries older than the chains (not covered)`,
  );
  for (const h of report.heads) lines.push(`head ${name(h.chain)}: ${h.seq} ${h.hash}`);
  return lines.join('\n') + '\n';
}
