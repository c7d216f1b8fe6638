// Tamper evidence for the audit log: one hash chain per organisation ('' for platform entries). Each entry holds its
// place in the chain (chain_seq), the link of the entry before it (prev_hash) and its own link: an HMAC-SHA256 over
// every column but the client address (retention blanks that) and tx, under a key derived from the instance secret
// (never stored in the database), tagged with that key's id (`hmac1.<keyId>.<hex>`) so the key can rotate. Someone
// who can run SQL as the table's owner but does not hold the secret cannot compute a link, so they cannot rewrite a
// chain from an entry to its end and its head row without `verify` noticing. Links made before the key (a bare
// SHA-256, entryHash) stay verifiable: migration 0040_kernel_audit_keyed appended one entry to each chain that
// existed, which the chainer linked with the key; its HMAC covers the keyless link before it, so the keyless part
// is sealed too. From a chain's first keyed link on, a keyless link is a break, and a chain must end keyed.
// Requests only INSERT entries, unlinked and without any lock (appendUnchained); a chainer links them afterwards
// (chainPending, AuditChainer, run by every server and by `corridor admin audit verify`). It reads, like the
// change-log followers (changes.ts), only entries of transactions below the oldest one still running, in (tx, id)
// order: those transactions have ended, so no entry can later appear before the chainer's cursor, and none is
// skipped. Chainers of several servers take turns on the audit_chain_start row, and the append-only trigger lets an
// entry's link be filled in only once, so none is linked twice. verifyAuditChains() walks every chain in that order
// and names the first broken link: an edited entry (its link no longer matches), a deleted one (a gap in chain_seq,
// or a chain shorter than its head), an entry the chainer has passed but that carries no link (inserted around it),
// one dated far before the entry before it (back-dated), a keyless link where a keyed one belongs, or a link under
// a key this instance does not hold (the wrong secret). Entries not linked yet are counted, not hidden. What keys
// cannot show: the newest entries of a chain deleted and its head set back to an earlier entry; the chain heads
// logged daily outside the database (logAuditChainHeads) catch that.
import { createHash, createHmac, hkdfSync } from 'node:crypto';
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

/** One audit-chain key: derived from an instance secret; the id is a fingerprint of the key. */
export interface AuditChainKey {
  id: string;
  key: Buffer;
}

/** The key new links are made with, and every key a link may have been made with (previous secrets). */
export interface AuditChainKeys {
  current: AuditChainKey;
  byId: ReadonlyMap<string, AuditChainKey>;
}

function chainKeyOf(secret: string): AuditChainKey {
  // HKDF as crypto.ts derives the field keys, with a purpose of its own: this key opens nothing else.
  const key = Buffer.from(
    hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), 'corridor:audit-chain:v1', 32),
  );
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 8), key };
}

/**
 * The audit-chain keys of an instance: from CORRIDOR_SECRET_KEY (or the embedded store's secret.key), the previous
 * secrets still verifying the links they made. Never stored in the database.
 */
export function auditChainKeys(config: { secretKey: string; previousSecretKeys: readonly string[] }): AuditChainKeys {
  const current = chainKeyOf(config.secretKey);
  const byId = new Map([[current.id, current]]);
  for (const old of config.previousSecretKeys) {
    const k = chainKeyOf(old);
    if (!byId.has(k.id)) byId.set(k.id, k);
  }
  return { current, byId };
}

/** Keyed links read `hmac1.<keyId>.<64 hex>`; a keyless one (before the key) is the bare 64 hex of entryHash. */
const KEYED = /^hmac1\.([0-9a-f]{8})\.([0-9a-f]{64})$/;

/** The key id of a keyed link, or null for a keyless one (or anything else). */
export function linkKeyId(link: string): string | null {
  return KEYED.exec(link)?.[1] ?? null;
}

/**
 * Raised when the chainer finds chains linked under a key this instance does not hold: linking under another key
 * would fork them, so nothing is linked.
 */
export class AuditKeyError extends Error {
  override readonly name = 'AuditKeyError';
}

/** Why a link may not verify: the secret is not the one that made it. */
const WRONG_KEY_HINT =
  'is CORRIDOR_SECRET_KEY (or the data folder’s secret.key) the one the server uses? A secret rotated out belongs in ' +
  'CORRIDOR_PREVIOUS_SECRET_KEYS';

/** The keyed link of one entry: HMAC-SHA256 under the key, over the entry as entryHash covers it plus the key id. */
export function entryMac(key: AuditChainKey, row: Omit<AuditRow, 'ip'>, link: Linked): string {
  const mac = createHmac('sha256', key.key)
    .update(canonicalEntry('corridor-audit-v2', key.id, row, link))
    .digest('hex');
  return `hmac1.${key.id}.${mac}`;
}

/** The keyless hash of one entry (links made before the key): every column but `ip`, in a fixed order, as JSON. */
export function entryHash(row: Omit<AuditRow, 'ip'>, link: Linked): string {
  return createHash('sha256')
    .update(canonicalEntry('corridor-audit-v1', null, row, link))
    .digest('hex');
}

function canonicalEntry(version: string, keyId: string | null, row: Omit<AuditRow, 'ip'>, link: Linked): string {
  return JSON.stringify([
    version,
    ...(keyId === null ? [] : [keyId]),
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
 * Links the next unlinked entries (at most `limit`) into their chains, in one transaction, under the current key:
 * entries of ended transactions only (below the horizon), in (tx, id) order after the cursor. Returns how many were
 * linked and whether more wait below the horizon (call again at once). Throws AuditKeyError, linking nothing, when
 * a chain it would extend ends in a link under a key it does not hold.
 */
export async function chainPending(
  db: Db,
  keys: AuditChainKeys,
  limit = CHAIN_BATCH,
): Promise<{ chained: number; more: boolean }> {
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
      // A server started with another secret must not link under it, not even a new chain: when no chain ends under
      // a key it holds but some end under another, it links nothing. (A chain forged under some other key, next to
      // chains under this one, is verify's to report; linking goes on.)
      const { rows: keyIds } = await sql<{ key_id: string }>`
        SELECT DISTINCT split_part(hash, '.', 2) AS key_id FROM audit_chain_head WHERE hash LIKE 'hmac1.%'`.execute(
        trx,
      );
      const held = keyIds.filter((k) => keys.byId.has(k.key_id));
      if (keyIds.length > 0 && held.length === 0) {
        throw new AuditKeyError(
          `audit chainer: the chains are linked under key ${keyIds.map((k) => k.key_id).join(', ')}, which this ` +
            `instance does not hold (its key is ${keys.current.id}); nothing linked: ${WRONG_KEY_HINT}`,
        );
      }
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
        head.hash = entryMac(keys.current, ROW_OF(r), { id: Number(r.id), seq: head.seq, at, prevHash });
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
export async function chainAll(db: Db, keys: AuditChainKeys): Promise<number> {
  let total = 0;
  for (;;) {
    const { chained, more } = await chainPending(db, keys);
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
    private readonly keys: AuditChainKeys,
    private readonly options: { pollMs?: number; onError?: (err: unknown) => void } = {},
  ) {}

  start(): this {
    this.timer = setInterval(() => void this.run(), this.options.pollMs ?? DEFAULT_CHAIN_POLL_MS);
    this.timer.unref();
    return this;
  }

  /** One catch-up (shared with a run already going). Errors go to onError: the next poll tries again. */
  run(): Promise<void> {
    this.running ??= chainAll(this.db, this.keys)
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
  problem:
    | 'altered'
    | 'unlinked'
    | 'missing'
    | 'out-of-order'
    | 'back-dated'
    | 'truncated'
    | 'no-head'
    /** A keyless link after the chain's keyed ones, or a chain that ends keyless: made without the key. */
    | 'keyless'
    /** A link under a key this instance does not hold: the wrong secret, or one made by someone else. */
    | 'unknown-key';
  detail: string;
}

export interface ChainReport {
  ok: boolean;
  chains: number;
  /** Chained entries checked. */
  entries: number;
  /** Of them, entries whose link opened under a key this check holds (none while some are under another: wrong secret). */
  keyed: number;
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
  /** The id of the key this check made links with (compare with the ids in the links). */
  keyId: string;
}

const PAGE = 2000;

interface Walk {
  headSeq: number;
  headHash: string;
  floorSeq: number;
  expectSeq: number;
  prevHash: string;
  prevAt: Date | null;
  /** A keyed link was met: from here on every link must be keyed. */
  keyed: boolean;
  broken: ChainBreak | null;
}

/**
 * Walks every chain from its floor (genesis, or the last entry retention pruned) to its head, in the order the
 * entries were linked, and reports the first broken link of each. Reads only; safe on a live database: the heads
 * and the chainer's cursor are read together, and entries linked after that belong to a later check. Keyed links
 * are checked under `keys` (a link under a key it lacks is a break, never skipped).
 */
export async function verifyAuditChains(db: Db, keys: AuditChainKeys): Promise<ChainReport> {
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
        keyed: linkKeyId(Number(h.floor_seq) === 0 ? '' : h.floor_hash!) !== null,
        broken: null,
      },
    ]),
  );
  const breaks: ChainBreak[] = [];
  const headless = new Set<string>();
  let entries = 0;
  let keyed = 0;

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
    } else {
      const link = { id, seq, at, prevHash: walk.prevHash };
      const keyId = linkKeyId(r.hash);
      const key = keyId === null ? null : keys.byId.get(keyId);
      if (keyId !== null && !key) {
        walk.broken = at1(
          'unknown-key',
          `the entry is linked under key ${keyId}, which this check does not hold: ${WRONG_KEY_HINT}`,
        );
      } else if ((key ? entryMac(key, ROW_OF(r), link) : entryHash(ROW_OF(r), link)) !== r.hash) {
        walk.broken = at1('altered', 'the entry was changed after it was written (its link no longer matches)');
      } else if (walk.prevAt && at.getTime() < walk.prevAt.getTime() - tolerance) {
        walk.broken = at1('back-dated', `the entry is dated ${at.toISOString()}, before the one before it`);
      } else if (!key && walk.keyed) {
        walk.broken = at1(
          'keyless',
          'the entry is linked without the key after entries linked with it: it was linked, or rewritten, by someone ' +
            'who does not hold the key',
        );
      }
      if (key) walk.keyed = true;
      if (key && !walk.broken) keyed += 1;
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
    } else if (walk.headSeq > 0 && linkKeyId(walk.headHash) === null) {
      // Every chain that existed got a keyed entry (migration 0040), and new chains are keyed from their first entry.
      walk.broken = {
        chain,
        entryId: null,
        seq: walk.headSeq,
        problem: 'keyless',
        detail:
          'the chain ends in a link made without the key: its newest entries, from its last keyed one (or its start) ' +
          'on, were rewritten by someone who does not hold the key; or the chainer has not yet linked the entry ' +
          'migration 0040 appended (counted as not yet chained)',
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
    keyed,
    legacy: counts[0]!.legacy,
    unchained: counts[0]!.unchained,
    oldestUnchainedAt: counts[0]!.oldest ? new Date(counts[0]!.oldest).toISOString() : null,
    breaks,
    heads: heads.map((h) => ({ chain: h.chain!, seq: Number(h.seq), hash: h.hash! })),
    keyId: keys.current.id,
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
  const foreign = report.breaks.filter((b) => b.problem === 'unknown-key').length;
  if (foreign > 0 && report.keyed === 0) {
    lines.push(
      `WRONG SECRET: no link opens under this check's key (${report.keyId}); chains with links under another: ` +
        `${foreign}. ${WRONG_KEY_HINT[0]!.toUpperCase()}${WRONG_KEY_HINT.slice(1)}.`,
    );
  } else if (foreign > 0) {
    lines.push(
      `UNKNOWN KEY: chains with links under a key this instance does not hold, next to links under its own ` +
        `(${report.keyId}): ${foreign}. Someone who does not hold the secret made them.`,
    );
  }
  for (const h of report.heads) lines.push(`head ${name(h.chain)}: ${h.seq} ${h.hash}`);
  return lines.join('\n') + '\n';
}
