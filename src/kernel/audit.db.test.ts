import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../db/database.js';
import { createTestStore, testStoreKind } from '../db/testing.js';
import { audit, auditMany, type AuditContext } from './audit.js';

describe(`audit entries (${testStoreKind()})`, () => {
  let store: Store;
  beforeAll(async () => {
    store = await createTestStore();
  }, 120_000);
  afterAll(async () => store?.close());

  const ctx = (requestId: string): AuditContext => ({ db: store.db, user: null, requestId });
  const rowsOf = (prefix: string) =>
    store.db
      .selectFrom('audit_log')
      .select(['id', 'tx', 'request_id', 'reason'])
      .where('request_id', 'like', `${prefix}%`)
      .orderBy('id')
      .execute();

  it('stores the reads of concurrent requests together (group commit), each request’s entries in order', async () => {
    const requests = Array.from({ length: 40 }, (_, i) => `group-${String(i).padStart(2, '0')}`);
    await Promise.all(
      requests.map((r) =>
        auditMany(ctx(r), [
          { action: 'read', entity: 'profile', reason: 'first' },
          { action: 'read', entity: 'profile', reason: 'second' },
        ]),
      ),
    );
    const rows = await rowsOf('group-');
    expect(rows).toHaveLength(80);
    // Each request's entries are stored in one transaction, in the order given (ids rise in that order). Two
    // batches may be under way at once, so entries of different requests can interleave by id.
    for (const r of requests) {
      const own = rows.filter((row) => row.request_id === r);
      expect(own.map((row) => row.reason)).toEqual(['first', 'second']);
      expect(new Set(own.map((row) => String(row.tx))).size).toBe(1);
    }
    expect(new Set(rows.map((r) => r.request_id))).toEqual(new Set(requests));
    // Fewer transactions than requests: they were written together.
    expect(new Set(rows.map((r) => String(r.tx))).size).toBeLessThan(requests.length);
  });

  it('fails only the request whose entry the database refuses', async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        audit(ctx(`isolated-${i}`), {
          action: 'read',
          entity: 'profile',
          // A NUL byte: no PostgreSQL text column takes it.
          reason: i === 3 ? 'bad\u0000reason' : 'fine',
        }),
      ),
    );
    expect(outcomes.map((o) => o.status)).toEqual(
      Array.from({ length: 10 }, (_, i) => (i === 3 ? 'rejected' : 'fulfilled')),
    );
    const rows = await rowsOf('isolated-');
    expect(rows.map((r) => r.request_id).sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `isolated-${i}`).filter((r) => r !== 'isolated-3'),
    );
  });

  it('writes inside a transaction with it: rolled back, nothing stays', async () => {
    await expect(
      store.db.transaction().execute(async (trx) => {
        await audit({ db: trx, user: null, requestId: 'rolled-back' }, { action: 'update', entity: 'profile' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await rowsOf('rolled-back')).toEqual([]);
  });
});
