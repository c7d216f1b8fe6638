// Tamper evidence for the audit log: one hash chain per organisation ('' for platform entries). Each entry holds its
// place in the chain (chain_seq), the hash of the entry before it (prev_hash) and its own hash over every column but
// the client address (retention blanks that) and tx. Requests only INSERT entries, unlinked and without any lock
// (appendUnchained); a chainer links them afterwards (chainPending, AuditChainer, run by every server and by
// `corridor admin audit verify`). It reads, like the change-log followers (changes.ts), only entries of
// transactions below the oldest one still running, in (tx, id) order: those transactions have ended, so no entry
// can later appear before the chainer's cursor, and none is skipped. Chainers of several servers take turns on the
// audit_chain_start row, and the append-only trigger lets an entry's link be filled in only once, so none is
// linked twice. verifyAuditChains() walks every chain in that order and names the first broken link: an edited
// entry (its hash no longer matches), a deleted one (a gap in chain_seq, or a chain shorter than its head), an entry
// the chainer has passed but that carries no link (inserted around it), or one dated far before the entry before
// it (back-dated). Entries not linked yet are counted, not hidden. The hash is keyless on purpose (an auditor with a
// copy of the table can check it); someone who rewrites the whole chain after an entry is caught by the chain heads
// logged daily outside the database (logAuditChainHeads).
import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import { HORIZON } from './changes.js';

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
 * Writes entries unlinked, in one INSERT (ids follow the order of `rows`, so a request's entries read back in the
 * order they were written): no chain lock, so audited requests of one organisation do not queue on each other.
 * `at` is the statement's time to the millisecond (what a JavaScript Date keeps, so the hash reads it back exactly).
 */
export async function appendUnchained(db: Transaction<Database> | Db, rows: readonly AuditRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('audit_log')
    .values(
      rows.map((row) => ({
        at: sql<string>`date_trunc('milliseconds', statement_timestamp())`,
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
      })),
    )
    .execute();
}

/** Entries read back for linking or checking. */
type StoredEntry = Omit<AuditRow, 'ip'> & {
  id: string | number;
  at: Date | string;
  tx: string | number | null;
  chain_seq: string | number | null;
  prev_hash: string | null;
  hash: string | null;
};

const ROW_OF = (r: StoredEntry): Omit<AuditRow, 'ip'> => ({
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
});

/**
 * Entries linked per transaction: small enough that requests waiting for the store (PGlite has one connection) get
 * their turn between batches.
 */
const CHAIN_BATCH = 500;

/**
 * Links the next unlinked entries (at most `limit`) into their chains, in one transaction: entries of ended
 * transactions only (below the horizon), in (tx, id) order after the cursor. Returns how many were linked and
 * whether more wait below the horizon (call again at once).
 */
export async function chainPending(db: Db, limit = CHAIN_BATCH): Promise<{ chained: number; more: boolean }> {
  // Nothing after the cursor: no transaction, no lock, no write (an idle server's polls stay reads).
  const { rows: waiting } = await sql<{ any: boolean }>`
    SELECT EXISTS (SELECT 1 FROM audit_log a, audit_chain_start s
                   WHERE s.id = 1 AND a.tx >= s.chained_tx AND (a.tx, a.id) > (s.chained_tx, s.chained_id)) AS any`.execute(
    db,
  );
  if (!waiting[0]?.any) return { chained: 0, more: false };
  return db.transaction().execute(async (trx) => {
    // Chainers of several servers take turns here; the request path never touches this row.
    const { rows: starts } = await sql<{ chained_tx: string | number; chained_id: string | number }>`
      SELECT chained_tx, chained_id FROM audit_chain_start WHERE id = 1 FOR UPDATE`.execute(trx);
    if (!starts[0]) return { chained: 0, more: false };
    const cursor = { tx: Number(starts[0].chained_tx), id: Number(starts[0].chained_id) };
    // One statement, one snapshot: the horizon and the entries below it are read together (as readChanges does).
    const { rows } = await sql<StoredEntry & { horizon: string }>`
      WITH h AS (SELECT ${HORIZON} AS horizon)
      SELECT a.id, a.at, a.tx, a.organisation_id, a.actor_user_id, a.actor_role, a.action, a.entity, a.entity_id,
             a.fields, a.reason, a.note_enc, a.subject_ids, a.request_id, a.chain_seq, a.prev_hash, a.hash,
             h.horizon::text AS horizon
      FROM h LEFT JOIN LATERAL (
        SELECT * FROM audit_log
        WHERE tx < h.horizon AND (tx, id) > (${cursor.tx}::bigint, ${cursor.id}::bigint)
        ORDER BY tx, id LIMIT ${limit}
      ) a ON true
      ORDER BY a.tx, a.id`.execute(trx);
    const horizon = Number(rows[0]?.horizon ?? cursor.tx);
    const found = rows.filter((r) => r.id !== null);
    // An entry that came with a link (written around the chainer) is left as it is: verification judges it.
    const entries = found.filter((r) => r.chain_seq === null);
    const more = found.length >= limit;
    const last = found[found.length - 1];
    const next =
      more && last ? { tx: Number(last.tx), id: Number(last.id) } : { tx: Math.max(horizon, cursor.tx), id: 0 };
    if (entries.length > 0) {
      const chains = [...new Set(entries.map((r) => chainOf(r.organisation_id)))].sort();
      await trx
        .insertInto('audit_chain_head')
        .values(chains.map((chain) => ({ chain })))
        .onConflict((oc) => oc.column('chain').doNothing())
        .execute();
      // Retention moves floors on these rows too: lock them, in a fixed order.
      const { rows: heads } = await sql<{ chain: string; seq: string | number; hash: string }>`
        SELECT chain, seq, hash FROM audit_chain_head WHERE chain IN (${sql.join(chains)})
        ORDER BY chain FOR UPDATE`.execute(trx);
      const state = new Map(
        heads.map((h) => [
          h.chain,
          { seq: Number(h.seq), hash: Number(h.seq) === 0 ? GENESIS_HASH : h.hash, lastAt: null as Date | null },
        ]),
      );
      const links = entries.map((r) => {
        const head = state.get(chainOf(r.organisation_id))!;
        const at = new Date(r.at);
        head.seq += 1;
        const prevHash = head.hash;
        head.hash = entryHash(ROW_OF(r), { id: Number(r.id), seq: head.seq, at, prevHash });
        if (!head.lastAt || at > head.lastAt) head.lastAt = at;
        return sql`(${Number(r.id)}::bigint, ${head.seq}::bigint, ${prevHash}::text, ${head.hash}::text)`;
      });
      const updated = await sql`
        UPDATE audit_log AS a SET chain_seq = v.seq, prev_hash = v.prev_hash, hash = v.hash
        FROM (VALUES ${sql.join(links)}) AS v(id, seq, prev_hash, hash)
        WHERE a.id = v.id AND a.chain_seq IS NULL`.execute(trx);
      if (Number(updated.numAffectedRows ?? 0) !== entries.length)
        throw new Error('audit chainer: an entry was linked by someone else meanwhile; nothing linked, try again');
      for (const [chain, head] of state) {
        await trx
          .updateTable('audit_chain_head')
          .set({ seq: head.seq, hash: head.hash, last_at: head.lastAt?.toISOString() ?? null })
          .where('chain', '=', chain)
          .execute();
      }
    }
    await trx
      .updateTable('audit_chain_start')
      .set({ chained_tx: next.tx, chained_id: next.id })
      .where('id', '=', 1)
      .execute();
    return { chained: entries.length, more };
  });
}

/** Links every entry of the transactions that have ended (e.g. before verifying); returns how many. */
export async function chainAll(db: Db): Promise<number> {
  let total = 0;
  for (;;) {
    const { chained, more } = await chainPending(db);
    total += chained;
    if (!more) return total;
  }
}

/**
 * A server's chainer: links entries every pollMs (entries of this process and of other servers alike). One run at
 * a time; an entry stays unlinked for at most pollMs plus one run after the transactions older than its own end.
 */
export class AuditChainer {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    private readonly options: { pollMs?: number; onError?: (err: unknown) => void } = {},
  ) {}

  start(): this {
    this.timer = setInterval(() => void this.run(), this.options.pollMs ?? DEFAULT_CHAIN_POLL_MS);
    this.timer.unref();
    return this;
  }

  /** One catch-up (shared with a run already going). Errors go to onError: the next poll tries again. */
  run(): Promise<void> {
    this.running ??= chainAll(this.db)
      .then(() => undefined)
      .catch((err: unknown) => this.options.onError?.(err))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}

/** How often a server links new entries. */
export const DEFAULT_CHAIN_POLL_MS = 250;

/**
 * How far an entry may be dated before the entry linked before it. Entries are dated when written and linked in
 * transaction order, so a transaction that ran for a while can put an entry a little "earlier" than the one before;
 * anything beyond this is a forged date.
 */
export const BACKDATE_TOLERANCE_MS = 60 * 60 * 1000;

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
  /**
   * Entries written but not linked yet (their transaction, or an older one, had not ended when the chainer last
   * ran): not covered by this check, and not a break.
   */
  unchained: number;
  /** When the oldest of them was written (null: none). */
  oldestUnchainedAt: string | null;
  /** Each broken chain's first broken link, in chain order. */
  breaks: ChainBreak[];
  /** The head of every chain as found: compare with the heads logged earlier. */
  heads: { chain: string; seq: number; hash: string }[];
}

const PAGE = 2000;

interface Walk {
  headSeq: number;
  headHash: string;
  floorSeq: number;
  expectSeq: number;
  prevHash: string;
  prevAt: Date | null;
  broken: ChainBreak | null;
}

/**
 * Walks every chain from its floor (genesis, or the last entry retention pruned) to its head, in the order the
 * entries were linked, and reports the first broken link of each. Reads only; safe on a live database: the heads
 * and the chainer's cursor are read together, and entries linked after that belong to a later check.
 */
export async function verifyAuditChains(db: Db): Promise<ChainReport> {
  const { rows: found } = await sql<{
    legacy_max_id: string | number;
    chained_tx: string | number;
    chained_id: string | number;
    chain: string | null;
    seq: string | number | null;
    hash: string | null;
    floor_seq: string | number | null;
    floor_hash: string | null;
  }>`
    SELECT s.legacy_max_id, s.chained_tx, s.chained_id, h.chain, h.seq, h.hash, h.floor_seq, h.floor_hash
    FROM audit_chain_start s LEFT JOIN audit_chain_head h ON true
    ORDER BY h.chain`.execute(db);
  const legacyMaxId = Number(found[0]?.legacy_max_id ?? 0);
  const cursor = { tx: Number(found[0]?.chained_tx ?? 0), id: Number(found[0]?.chained_id ?? 0) };
  const heads = found.filter((h) => h.chain !== null);
  const walks = new Map<string, Walk>(
    heads.map((h) => [
      h.chain!,
      {
        headSeq: Number(h.seq),
        headHash: h.hash!,
        floorSeq: Number(h.floor_seq),
        expectSeq: Number(h.floor_seq) + 1,
        prevHash: Number(h.floor_seq) === 0 ? GENESIS_HASH : h.floor_hash!,
        prevAt: null,
        broken: null,
      },
    ]),
  );
  const breaks: ChainBreak[] = [];
  const headless = new Set<string>();
  let entries = 0;

  const check = (r: StoredEntry) => {
    const chain = chainOf(r.organisation_id);
    const id = Number(r.id);
    const seq = r.chain_seq === null ? null : Number(r.chain_seq);
    const at1 = (problem: ChainBreak['problem'], detail: string): ChainBreak => ({
      chain,
      entryId: id,
      seq,
      problem,
      detail,
    });
    const walk = walks.get(chain);
    if (!walk) {
      // Entries of a chain that has no head row (the head deleted, or an entry forged for a new organisation).
      if (!headless.has(chain)) {
        headless.add(chain);
        breaks.push(
          seq === null
            ? at1('unlinked', 'the entry carries no chain link: it was written outside the audit writer')
            : at1('no-head', 'entries of a chain that has no head row'),
        );
      }
      return;
    }
    if (walk.broken) return;
    // Below the floor: linked before an entry retention pruned, kept because it is dated just after the cutoff.
    if (seq !== null && seq <= walk.floorSeq) return;
    // Linked after the head was read: a later check's.
    if (seq !== null && seq > walk.headSeq) return;
    entries += 1;
    const at = new Date(r.at);
    // Entries linked by the old writer (no tx) were dated in chain order exactly.
    const tolerance = r.tx === null ? 0 : BACKDATE_TOLERANCE_MS;
    if (r.hash === null || r.prev_hash === null || seq === null) {
      walk.broken = at1(
        'unlinked',
        'the entry carries no chain link although the chainer has passed it: it was written outside the audit writer',
      );
    } else if (seq > walk.expectSeq) {
      walk.broken = at1('missing', `entries ${walk.expectSeq}–${seq - 1} of the chain are gone (deleted)`);
    } else if (seq < walk.expectSeq) {
      walk.broken = at1('out-of-order', `a second entry claims place ${seq} (expected ${walk.expectSeq})`);
    } else if (r.prev_hash !== walk.prevHash) {
      walk.broken = at1('missing', 'the entry does not link to the one before it (an entry was deleted or replaced)');
    } else if (entryHash(ROW_OF(r), { id, seq, at, prevHash: walk.prevHash }) !== r.hash) {
      walk.broken = at1('altered', 'the entry was changed after it was written (its hash no longer matches)');
    } else if (walk.prevAt && at.getTime() < walk.prevAt.getTime() - tolerance) {
      walk.broken = at1('back-dated', `the entry is dated ${at.toISOString()}, before the one before it`);
    }
    if (walk.broken) {
      breaks.push(walk.broken);
      return;
    }
    walk.expectSeq = seq! + 1;
    walk.prevHash = r.hash!;
    if (!walk.prevAt || at > walk.prevAt) walk.prevAt = at;
  };

  // First the entries without tx (linked by the old writer, in id order), then the chainer's, in its order, up to
  // its cursor: everything there must be linked.
  let afterId = legacyMaxId;
  for (;;) {
    const page = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('tx', 'is', null)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    for (const r of page) check(r);
    if (page.length < PAGE) break;
    afterId = Number(page[page.length - 1]!.id);
  }
  let after = { tx: 0, id: 0 };
  for (;;) {
    const { rows: page } = await sql<StoredEntry>`
      SELECT * FROM audit_log
      WHERE tx IS NOT NULL AND (tx, id) > (${after.tx}::bigint, ${after.id}::bigint)
        AND (tx, id) <= (${cursor.tx}::bigint, ${cursor.id}::bigint)
      ORDER BY tx, id LIMIT ${PAGE}`.execute(db);
    for (const r of page) check(r);
    if (page.length < PAGE) break;
    const last = page[page.length - 1]!;
    after = { tx: Number(last.tx), id: Number(last.id) };
  }
  for (const [chain, walk] of walks) {
    if (walk.broken) continue;
    if (walk.expectSeq - 1 !== walk.headSeq) {
      walk.broken = {
        chain,
        entryId: null,
        seq: walk.expectSeq,
        problem: 'truncated',
        detail: `the chain ends at place ${walk.expectSeq - 1} but its head is at ${walk.headSeq}: its last entries were deleted`,
      };
    } else if (walk.headSeq > 0 && walk.prevHash !== walk.headHash) {
      walk.broken = {
        chain,
        entryId: null,
        seq: walk.headSeq,
        problem: 'truncated',
        detail: 'the last entry does not match the chain head',
      };
    }
    if (walk.broken) breaks.push(walk.broken);
  }
  breaks.sort((a, b) => (a.chain < b.chain ? -1 : a.chain > b.chain ? 1 : 0));
  const { rows: counts } = await sql<{ legacy: number; unchained: number; oldest: Date | null }>`
    SELECT count(*) FILTER (WHERE id <= ${legacyMaxId})::int AS legacy,
           count(*) FILTER (WHERE tx IS NOT NULL AND (tx, id) > (${cursor.tx}::bigint, ${cursor.id}::bigint))::int
             AS unchained,
           min(at) FILTER (WHERE tx IS NOT NULL AND (tx, id) > (${cursor.tx}::bigint, ${cursor.id}::bigint)) AS oldest
    FROM audit_log`.execute(db);
  return {
    ok: breaks.length === 0,
    chains: heads.length,
    entries,
    legacy: counts[0]!.legacy,
    unchained: counts[0]!.unchained,
    oldestUnchainedAt: counts[0]!.oldest ? new Date(counts[0]!.oldest).toISOString() : null,
    breaks,
    heads: heads.map((h) => ({ chain: h.chain!, seq: Number(h.seq), hash: h.hash! })),
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
  if (report.unchained > 0) {
    lines.push(
      `NOT YET CHAINED: ${report.unchained} entries (the oldest written ${report.oldestUnchainedAt}), not covered: ` +
        'the chainer links them once the transactions before them have ended',
    );
  }
  for (const h of report.heads) lines.push(`head ${name(h.chain)}: ${h.seq} ${h.hash}`);
  return lines.join('\n') + '\n';
}
