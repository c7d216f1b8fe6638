// The change log: every command appends one entry per entity it changed, in its own transaction, so whatever
// follows the log (the matching index, statistics, a phone's sync, credential status lists) sees exactly the
// committed writes, in order, on every server instance.
//
// Why followers read by transaction id and not by position: positions come from a sequence, and sequence values
// commit out of order — a transaction can take position 5, stay open, and commit after another one committed
// position 9. A follower that read 9 and moved its cursor past 5 would never see 5. So each entry records its
// transaction's 64-bit id, and a follower reads only entries of transactions below the oldest one still running
// (`pg_snapshot_xmin(pg_current_snapshot())`, the horizon): those have all ended, none can appear later. Its cursor
// is (tx, position) of the last entry applied, or (horizon, 0) once everything below the horizon was read.
import { EventEmitter } from 'node:events';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

type Db = Kysely<Database>;

export const CHANGE_OPS = ['create', 'update', 'delete', 'reset'] as const;
export type ChangeOp = (typeof CHANGE_OPS)[number];

/** What a command says it changed. */
export interface Change {
  entity: string;
  id: string;
  op: ChangeOp;
  organisationId?: string | null;
  /** The person this change concerns (a migrant id), when it concerns one. */
  subjectId?: string | null;
  version?: number | null;
}

/** An entry as followers read it. */
export interface ChangeEntry extends Required<Change> {
  position: number;
  tx: number;
  at: Date;
}

/** Where a follower stands: everything up to and including (tx, position) was applied. */
export interface ChangeCursor {
  tx: number;
  position: number;
}

/**
 * One entry per changed entity: a later change of the same entity in the same command replaces the earlier one,
 * except that a record created and then updated is still a creation.
 */
export function collapseChanges(changes: readonly Change[]): Change[] {
  const byKey = new Map<string, Change>();
  for (const c of changes) {
    const key = `${c.entity}\u0000${c.id}`;
    const before = byKey.get(key);
    byKey.delete(key); // re-insert: order of last change
    byKey.set(key, before?.op === 'create' && c.op === 'update' ? { ...c, op: 'create' } : c);
  }
  return [...byKey.values()];
}

/** Appends entries in the caller's transaction (one INSERT); returns the transaction's id, or null when none. */
export async function appendChanges(db: Db, changes: readonly Change[]): Promise<number | null> {
  if (changes.length === 0) return null;
  const rows = await db
    .insertInto('change_log')
    .values(
      changes.map((c) => ({
        organisation_id: c.organisationId ?? null,
        entity: c.entity,
        entity_id: c.id,
        subject_id: c.subjectId ?? null,
        op: c.op,
        version: c.version ?? null,
      })),
    )
    .returning('tx')
    .execute();
  return Number(rows[0]!.tx);
}

/**
 * The horizon as SQL (bigint): every transaction with a lower id has ended (committed or rolled back), so rows
 * they wrote below it are all visible and none can appear later. Read with the rows, in the same statement.
 * The audit chainer (audit-chain.ts) links audit entries below it for the same reason.
 */
export const HORIZON = sql<string>`(pg_snapshot_xmin(pg_current_snapshot())::text)::bigint`;

/** The horizon now: every transaction with a lower id has ended (committed or rolled back). */
export async function changeHorizon(db: Db): Promise<number> {
  const { rows } = await sql<{ horizon: string }>`SELECT ${HORIZON}::text AS horizon`.execute(db);
  return Number(rows[0]!.horizon);
}

export interface ChangeBatch {
  entries: ChangeEntry[];
  /** The cursor after these entries. */
  cursor: ChangeCursor;
  /** More entries below the horizon wait: read again at once. */
  more: boolean;
}

export class CursorBehindError extends Error {
  constructor(readonly floor: number) {
    super(`the change log was pruned past this follower's cursor (floor tx ${floor}); resynchronise fully`);
  }
}

/**
 * The next entries after `cursor`, at most `limit`, all from ended transactions. Throws CursorBehindError when
 * entries the follower has not read were pruned.
 */
export async function readChanges(db: Db, cursor: ChangeCursor, limit = 1000): Promise<ChangeBatch> {
  const floor = await db.selectFrom('change_log_floor').select('tx').where('id', '=', 1).executeTakeFirst();
  if (floor && cursor.tx < Number(floor.tx)) throw new CursorBehindError(Number(floor.tx));
  // One statement, one snapshot: the horizon and the entries below it are read together.
  const { rows } = await sql<{
    position: string | number;
    tx: string | number;
    organisation_id: string | null;
    entity: string;
    entity_id: string;
    subject_id: string | null;
    op: ChangeOp;
    version: number | null;
    at: Date;
    horizon: string;
  }>`
    WITH h AS (SELECT ${HORIZON} AS horizon)
    SELECT c.position, c.tx, c.organisation_id, c.entity, c.entity_id, c.subject_id, c.op, c.version, c.at,
           h.horizon::text AS horizon
    FROM h LEFT JOIN change_log c
      ON c.tx < h.horizon AND (c.tx, c.position) > (${cursor.tx}::bigint, ${cursor.position}::bigint)
    ORDER BY c.tx, c.position
    LIMIT ${limit}`.execute(db);
  const horizon = Number(rows[0]?.horizon ?? cursor.tx);
  const entries: ChangeEntry[] = rows
    .filter((r) => r.position !== null)
    .map((r) => ({
      position: Number(r.position),
      tx: Number(r.tx),
      organisationId: r.organisation_id,
      entity: r.entity,
      id: r.entity_id,
      subjectId: r.subject_id,
      op: r.op,
      version: r.version,
      at: new Date(r.at),
    }));
  const more = entries.length >= limit;
  const last = entries[entries.length - 1];
  const cursorAfter =
    more && last ? { tx: last.tx, position: last.position } : { tx: Math.max(horizon, cursor.tx), position: 0 };
  return { entries, cursor: cursorAfter, more };
}

/** A cursor from which a follower that just loaded the full state must read (taken before that load). */
export async function startCursor(db: Db): Promise<ChangeCursor> {
  return { tx: await changeHorizon(db), position: 0 };
}

/**
 * Deletes entries older than `olderThan` and raises the floor to the lowest transaction id kept (or the horizon when
 * none is kept), so followers behind it learn they must resynchronise. Returns how many entries went.
 */
export async function pruneChanges(db: Db, olderThan: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const gone = await trx.deleteFrom('change_log').where('at', '<', olderThan).returning('tx').execute();
    if (gone.length === 0) return 0;
    const maxGone = Math.max(...gone.map((g) => Number(g.tx)));
    // Entries of the same transaction may remain (a long transaction straddling the cutoff): the floor is the
    // highest pruned transaction, so a follower below or at it resynchronises.
    const floor = maxGone + 1;
    await trx
      .insertInto('change_log_floor')
      .values({ id: 1, tx: floor, pruned_at: new Date() })
      .onConflict((oc) =>
        oc.column('id').doUpdateSet({
          tx: sql`GREATEST(change_log_floor.tx, excluded.tx)`,
          pruned_at: sql`excluded.pruned_at`,
        }),
      )
      .execute();
    return gone.length;
  });
}

/**
 * In-process signal that a command committed changes: followers in this process catch up without waiting, and a
 * request that must see this process's own writes knows which transaction to wait for.
 */
export class ChangeFeed {
  private readonly emitter = new EventEmitter();
  /** The highest transaction id of a command committed in this process (0: none yet). */
  lastTx = 0;
  constructor() {
    this.emitter.setMaxListeners(0);
  }
  notify(tx: number | null): void {
    if (tx !== null && tx > this.lastTx) this.lastTx = tx;
    this.emitter.emit('committed');
  }
  subscribe(listener: () => void): () => void {
    this.emitter.on('committed', listener);
    return () => this.emitter.off('committed', listener);
  }
}

export interface FollowerOptions {
  name: string;
  /** Applies a batch of entries (in log order); the cursor moves past them only once this resolves. */
  apply: (entries: readonly ChangeEntry[]) => Promise<void>;
  /** Rebuilds the follower's whole state (cursor fell behind the floor, or a 'reset' entry); then reading goes on. */
  resync: () => Promise<void>;
  /** How often to look for writes of other processes (ms). */
  pollMs?: number;
  batchSize?: number;
  feed?: ChangeFeed;
  onError?: (err: unknown) => void;
}

/**
 * Follows the change log from a cursor: polls every pollMs (writes of other server instances) and wakes on the
 * in-process feed (this instance's writes). catchUp() brings it to the horizon now — a request that must see the
 * caller's own just-committed write awaits it; concurrent callers share one read.
 */
export class ChangeFollower {
  private cursor: ChangeCursor;
  private timer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly db: Db,
    start: ChangeCursor,
    private readonly options: FollowerOptions,
  ) {
    this.cursor = start;
  }

  get position(): ChangeCursor {
    return this.cursor;
  }

  start(): this {
    const poll = this.options.pollMs ?? 200;
    this.timer = setInterval(() => void this.catchUp().catch((err) => this.options.onError?.(err)), poll);
    this.timer.unref();
    if (this.options.feed) {
      this.unsubscribe = this.options.feed.subscribe(
        () => void this.catchUp().catch((err) => this.options.onError?.(err)),
      );
    }
    return this;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.unsubscribe?.();
    await this.running?.catch(() => {});
    await this.queued?.catch(() => {});
  }

  /**
   * Reads and applies everything below the horizon as of a moment after this call. One read at a time; callers
   * arriving while one runs share the next one (which starts after they arrived, so it sees their writes).
   */
  catchUp(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (!this.running) {
      this.running = this.drain().finally(() => {
        this.running = null;
      });
      return this.running;
    }
    if (!this.queued) {
      this.queued = this.running
        .catch(() => {})
        .then(() => {
          this.queued = null;
          return this.catchUp();
        });
    }
    return this.queued;
  }

  /**
   * Catches up until the entries of transaction `tx` were applied (the horizon passed it). The horizon waits for
   * older transactions still running; after `timeoutMs` this gives up and the caller goes on with what it has.
   */
  async catchUpTo(tx: number, timeoutMs = 2000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.cursor.tx <= tx && !this.stopped) {
      await this.catchUp();
      if (this.cursor.tx > tx || Date.now() > deadline) return;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  private async drain(): Promise<void> {
    for (;;) {
      let batch: ChangeBatch;
      try {
        batch = await readChanges(this.db, this.cursor, this.options.batchSize ?? 1000);
      } catch (err) {
        if (!(err instanceof CursorBehindError)) throw err;
        await this.resync();
        continue;
      }
      const reset = batch.entries.findIndex((e) => e.op === 'reset');
      if (reset >= 0) {
        // Everything before the reset is superseded by the full reload it asks for.
        await this.resync();
        continue;
      }
      if (batch.entries.length > 0) await this.options.apply(batch.entries);
      this.cursor = batch.cursor;
      if (!batch.more) return;
    }
  }

  private async resync(): Promise<void> {
    const cursor = await startCursor(this.db);
    await this.options.resync();
    this.cursor = cursor;
  }
}
