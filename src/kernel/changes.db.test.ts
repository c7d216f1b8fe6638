import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../db/database.js';
import { openStore } from '../db/database.js';
import { createTestStore, testStoreKind } from '../db/testing.js';
import {
  appendChanges,
  changeHorizon,
  ChangeFollower,
  pruneChanges,
  readChanges,
  startCursor,
  type ChangeEntry,
} from './changes.js';

const onPostgres = testStoreKind() === 'postgres';

describe(`the change log (${testStoreKind()})`, () => {
  let store: Store & { url?: string };
  beforeAll(async () => {
    store = await createTestStore();
  }, 120_000);
  afterAll(async () => store?.close());

  const write = (id: string, entity = 'thing') =>
    store.db.transaction().execute((trx) => appendChanges(trx, [{ entity, id, op: 'update' }]));
  // The horizon is the cluster's oldest running transaction: on a PostgreSQL server shared with other work it can
  // trail our commits for a moment. Wait until it has passed everything written so far, so a read sees it.
  const settled = async () => {
    if (!onPostgres) return;
    const { rows } = await sql<{ x: string }>`SELECT txid_current()::text AS x`.execute(store.db);
    const mark = Number(rows[0]!.x);
    const until = Date.now() + 20_000;
    while ((await changeHorizon(store.db)) <= mark && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  };

  it('gives entries in commit order from a cursor, and moves the cursor past them', async () => {
    const cursor = await startCursor(store.db);
    await write('a');
    await write('b');
    await settled();
    const batch = await readChanges(store.db, cursor);
    expect(batch.entries.map((e) => e.id)).toEqual(['a', 'b']);
    expect(batch.more).toBe(false);
    expect((await readChanges(store.db, batch.cursor)).entries).toEqual([]);
  });

  it('reads in batches without skipping or repeating', async () => {
    const cursor = await startCursor(store.db);
    for (let i = 0; i < 7; i++) await write(`batch-${i}`);
    await settled();
    const seen: string[] = [];
    let at = cursor;
    for (;;) {
      const b = await readChanges(store.db, at, 3);
      seen.push(...b.entries.map((e) => e.id));
      at = b.cursor;
      if (!b.more) break;
    }
    expect(seen).toEqual(Array.from({ length: 7 }, (_, i) => `batch-${i}`));
  });

  it('tells a follower whose cursor fell below the pruned floor to resynchronise', async () => {
    const old = await startCursor(store.db);
    await write('pruned');
    await settled();
    await sql`update change_log set at = now() - interval '30 days' where entity_id = 'pruned'`.execute(store.db);
    expect(await pruneChanges(store.db, new Date(Date.now() - 7 * 86_400_000))).toBeGreaterThan(0);
    await expect(readChanges(store.db, old)).rejects.toThrow(/resynchronise/);

    let resyncs = 0;
    const applied: string[] = [];
    const follower = new ChangeFollower(store.db, old, {
      name: 'test',
      apply: async (entries) => void applied.push(...entries.map((e) => e.id)),
      resync: async () => void resyncs++,
    });
    await write('after-prune');
    await settled();
    await follower.catchUp();
    expect(resyncs).toBe(1);
    // The resync took a fresh cursor: what it rebuilt from the tables is not applied again.
    expect(applied).not.toContain('pruned');
  });

  it.runIf(onPostgres)(
    'never skips an entry whose transaction commits after a later position was read (out-of-order commits)',
    async () => {
      const cursor = await startCursor(store.db);
      const url = store.url!;
      const other = await openStore({ databaseUrl: url, poolSize: 2 });
      try {
        let release!: () => void;
        const held = new Promise<void>((r) => (release = r));
        let taken!: () => void;
        const positionTaken = new Promise<void>((r) => (taken = r));
        // T1 takes the earlier position and stays open…
        const t1 = other.db.transaction().execute(async (trx) => {
          await appendChanges(trx, [{ entity: 'race', id: 'early', op: 'update' }]);
          taken();
          await held;
        });
        await positionTaken;
        // …while T2 takes a later position and commits.
        await write('late', 'race');
        const first = await readChanges(store.db, cursor);
        // Below the horizon only: T1 is still running, so neither of its entries nor anything after the horizon.
        expect(first.entries.map((e) => e.id)).not.toContain('early');
        release();
        await t1;
        const ids: string[] = first.entries.map((e) => e.id);
        let at = first.cursor;
        for (let i = 0; i < 20 && !ids.includes('early'); i++) {
          const b = await readChanges(store.db, at);
          ids.push(...b.entries.map((e) => e.id));
          at = b.cursor;
        }
        expect(ids.filter((id) => id === 'early' || id === 'late').sort()).toEqual(['early', 'late']);
      } finally {
        await other.close();
      }
    },
  );

  it('follows 50 concurrent writers to exactly the state of the tables (no change skipped)', async () => {
    const start = await startCursor(store.db);
    const latest = new Map<string, number>();
    const follower = new ChangeFollower(store.db, start, {
      name: 'state',
      apply: async (entries: readonly ChangeEntry[]) => {
        for (const e of entries) if (e.entity === 'counter') latest.set(e.id, e.version ?? 0);
      },
      resync: async () => {
        throw new Error('no resync expected');
      },
      pollMs: 10,
    }).start();
    const writer = async (w: number) => {
      for (let v = 1; v <= 8; v++) {
        await store.db.transaction().execute(async (trx) => {
          // Vary the commit order: some transactions linger after taking their position.
          await appendChanges(trx, [{ entity: 'counter', id: `w${w}`, op: 'update', version: v }]);
          if ((w + v) % 3 === 0) await new Promise((r) => setTimeout(r, 3));
        });
      }
    };
    await Promise.all(Array.from({ length: 50 }, (_, w) => writer(w)));
    const last = await sql<{ tx: string }>`select max(tx)::text as tx from change_log`.execute(store.db);
    await follower.catchUpTo(Number(last.rows[0]!.tx), 5000);
    await follower.stop();
    const expected = new Map(Array.from({ length: 50 }, (_, w) => [`w${w}`, 8]));
    expect(Object.fromEntries(latest)).toEqual(Object.fromEntries(expected));
  });
});
