import { sql, type Kysely, type Transaction } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { createTestStore } from '../db/testing.js';
import { AUDIT_RETENTION_ACTION, applyAuditRetention, openRetentionWindow } from './retention.js';

const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY);

describe('audit retention', () => {
  let store: Store;
  let db: Kysely<Database>;
  beforeAll(async () => {
    store = await createTestStore();
    db = store.db;
  }, 120_000);
  afterAll(() => store.close());

  /** Entries of one test (by request id), at the given ages in days, each with a client address. */
  const seed = async (requestId: string, ages: Record<string, number>) => {
    await db
      .insertInto('audit_log')
      .values(
        Object.entries(ages).map(([entityId, age]) => ({
          at: daysAgo(age).toISOString(),
          organisation_id: 'org-r',
          actor_user_id: 'user-r',
          actor_role: 'advisor',
          action: 'read',
          entity: 'profile',
          entity_id: entityId,
          fields: JSON.stringify(['migration_status']),
          reason: 'case work',
          request_id: requestId,
          ip: '192.0.2.10',
        })),
      )
      .execute();
  };
  const rowsOf = (requestId: string) =>
    db
      .selectFrom('audit_log')
      .select(['entity_id', 'organisation_id', 'actor_user_id', 'actor_role', 'action', 'reason', 'fields', 'ip'])
      .where('request_id', '=', requestId)
      .orderBy('entity_id')
      .execute();
  const retentionEntries = () =>
    db.selectFrom('audit_log').selectAll().where('action', '=', AUDIT_RETENTION_ACTION).orderBy('id').execute();
  const kept = { organisation_id: 'org-r', actor_user_id: 'user-r', actor_role: 'advisor', action: 'read' };
  const window = { deleteBefore: daysAgo(100), blankIpBefore: daysAgo(50) };
  /** Runs fn in a transaction whose retention window is open (deletes before 100 days, addresses before 50). */
  const inWindow = (fn: (trx: Transaction<Database>) => Promise<unknown>) =>
    db.transaction().execute(async (trx) => {
      await openRetentionWindow(trx, window);
      await fn(trx);
    });

  it('dry run counts what would go and changes nothing', async () => {
    await seed('dry', { old1: 800, old2: 731, mid: 200, young: 10 });
    const before = await rowsOf('dry');
    const result = await applyAuditRetention(db, { retentionDays: 730, ipDays: 90, dryRun: true });
    expect(result).toMatchObject({ dryRun: true, retentionDays: 730, ipDays: 90, deleted: 2, ipBlanked: 1 });
    expect(await rowsOf('dry')).toEqual(before);
    expect(await retentionEntries()).toEqual([]);
  });

  it('deletes entries older than the retention, blanks older addresses, keeps the rest, and records itself', async () => {
    const now = new Date();
    const result = await applyAuditRetention(db, { now, retentionDays: 730, ipDays: 90 });
    expect(result).toEqual({
      dryRun: false,
      retentionDays: 730,
      ipDays: 90,
      deleteBefore: new Date(now.getTime() - 730 * DAY).toISOString(),
      blankIpBefore: new Date(now.getTime() - 90 * DAY).toISOString(),
      deleted: 2,
      ipBlanked: 1,
    });
    const entry = { ...kept, reason: 'case work', fields: ['migration_status'] };
    expect(await rowsOf('dry')).toEqual([
      { ...entry, entity_id: 'mid', ip: null }, // kept, address blanked, everything else (organisation too) as it was
      { ...entry, entity_id: 'young', ip: '192.0.2.10' },
    ]);
    const [prune, ...more] = await retentionEntries();
    expect(more).toEqual([]);
    expect(prune).toMatchObject({
      entity: 'audit_log',
      entity_id: null,
      organisation_id: null,
      actor_user_id: null,
      ip: null,
      fields: ['ip'],
    });
    expect(prune!.reason).toBe(
      `retention: deleted 2 entries older than 730 days (before ${result.deleteBefore}); ` +
        `blanked the client address of 1 entries older than 90 days (before ${result.blankIpBefore})`,
    );
    expect(prune!.reason).not.toContain('192.0.2');

    // Idempotent: a second run (another server, the next day) finds nothing and says so.
    expect(await applyAuditRetention(db, { retentionDays: 730, ipDays: 90 })).toMatchObject({
      deleted: 0,
      ipBlanked: 0,
    });
    expect(await retentionEntries()).toHaveLength(2);
  });

  it('still refuses UPDATE, DELETE and TRUNCATE outside the retention transaction, also after one ran', async () => {
    await seed('outside', { old: 800, mid: 200 });
    await expect(sql`delete from audit_log where request_id = 'outside'`.execute(db)).rejects.toThrow(
      /append-only \(DELETE refused\)/,
    );
    await expect(
      sql`update audit_log set ip = null where request_id = 'outside' and entity_id = 'mid'`.execute(db),
    ).rejects.toThrow(/append-only \(UPDATE refused\)/);
    await expect(sql`truncate audit_log`.execute(db)).rejects.toThrow(/append-only \(TRUNCATE refused\)/);
    // A retention run has opened and closed its window on this database; nothing of it stays behind.
    await applyAuditRetention(db, { retentionDays: 1000, ipDays: 300 });
    await expect(sql`delete from audit_log where request_id = 'outside'`.execute(db)).rejects.toThrow(/append-only/);
    // A window set for the whole session instead of the transaction allows nothing once that transaction ended…
    await db.transaction().execute(async (trx) => {
      const cutoff = window.deleteBefore.toISOString();
      await sql`select set_config('corridor.audit_retention', pg_current_xact_id()::text || ' ' || ${cutoff}, false)`.execute(
        trx,
      );
    });
    await expect(sql`delete from audit_log where request_id = 'outside'`.execute(db)).rejects.toThrow(/append-only/);
    // …and a window naming another transaction allows nothing in this one.
    await expect(
      db.transaction().execute(async (trx) => {
        const value = `1 ${window.deleteBefore.toISOString()}`;
        await sql`select set_config('corridor.audit_retention', ${value}, true)`.execute(trx);
        await sql`delete from audit_log where request_id = 'outside'`.execute(trx);
      }),
    ).rejects.toThrow(/append-only \(DELETE refused\)/);
    expect(await rowsOf('outside')).toHaveLength(2);
  });

  it('inside the retention transaction allows only deleting old entries and blanking old addresses', async () => {
    await seed('inside', { old: 800, mid: 70, young: 10 });
    const refused = (statement: (trx: Transaction<Database>) => Promise<unknown>, op: string) =>
      expect(inWindow(statement)).rejects.toThrow(new RegExp(`append-only \\(${op} refused`));
    const where = (entityId: string) => sql`request_id = 'inside' and entity_id = ${entityId}`;
    // Other columns of old entries, even together with the address, or an address other than none.
    await refused((trx) => sql`update audit_log set reason = 'rewritten' where ${where('old')}`.execute(trx), 'UPDATE');
    await refused(
      (trx) => sql`update audit_log set ip = null, reason = 'x' where ${where('old')}`.execute(trx),
      'UPDATE',
    );
    await refused(
      (trx) => sql`update audit_log set ip = null, at = now() where ${where('old')}`.execute(trx),
      'UPDATE',
    );
    await refused(
      (trx) => sql`update audit_log set ip = null, organisation_id = null where ${where('old')}`.execute(trx),
      'UPDATE',
    );
    await refused((trx) => sql`update audit_log set ip = '198.51.100.1' where ${where('old')}`.execute(trx), 'UPDATE');
    // Entries younger than the cutoffs.
    await refused((trx) => sql`delete from audit_log where ${where('mid')}`.execute(trx), 'DELETE');
    await refused((trx) => sql`update audit_log set ip = null where ${where('young')}`.execute(trx), 'UPDATE');
    // All or nothing: the old entry deleted before the refused one comes back.
    await refused(async (trx) => {
      await sql`delete from audit_log where ${where('old')}`.execute(trx);
      await sql`delete from audit_log where ${where('young')}`.execute(trx);
    }, 'DELETE');
    await refused((trx) => sql`truncate audit_log`.execute(trx), 'TRUNCATE');
    expect((await rowsOf('inside')).map((r) => [r.entity_id, r.ip, r.reason])).toEqual([
      ['mid', '192.0.2.10', 'case work'],
      ['old', '192.0.2.10', 'case work'],
      ['young', '192.0.2.10', 'case work'],
    ]);

    // What the window is for.
    await inWindow(async (trx) => {
      await sql`update audit_log set ip = null where ${where('mid')}`.execute(trx);
      await sql`delete from audit_log where ${where('old')}`.execute(trx);
    });
    expect((await rowsOf('inside')).map((r) => [r.entity_id, r.ip])).toEqual([
      ['mid', null],
      ['young', '192.0.2.10'],
    ]);
  });

  it('refuses cutoffs younger than 30 days (entries) or 7 days (addresses) in the database too', async () => {
    await seed('floor', { a: 40, b: 20 });
    const tryWindow = (deleteBefore: Date, blankIpBefore: Date, statement: string) =>
      db.transaction().execute(async (trx) => {
        await openRetentionWindow(trx, { deleteBefore, blankIpBefore });
        await sql.raw(statement).execute(trx);
      });
    await expect(
      tryWindow(daysAgo(10), daysAgo(10), "delete from audit_log where request_id = 'floor' and entity_id = 'b'"),
    ).rejects.toThrow(/DELETE refused: retention cutoff .* less than 30 days ago/);
    await expect(
      tryWindow(daysAgo(100), daysAgo(1), "update audit_log set ip = null where request_id = 'floor'"),
    ).rejects.toThrow(/UPDATE refused: address cutoff .* less than 7 days ago/);
    // A `now` ahead of the database's clock cannot move the cutoffs past the floor either.
    await expect(
      applyAuditRetention(db, { now: new Date(Date.now() + 720 * DAY), retentionDays: 730, ipDays: 90 }),
    ).rejects.toThrow(/less than 30 days ago/);
    expect((await rowsOf('floor')).map((r) => [r.entity_id, r.ip])).toEqual([
      ['a', '192.0.2.10'],
      ['b', '192.0.2.10'],
    ]);
  });

  it('refuses bad settings with a clear message before touching anything', async () => {
    const count = async () =>
      (await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(db)).rows[0]!.n;
    const n = await count();
    await expect(applyAuditRetention(db, { retentionDays: 10, ipDays: 7 })).rejects.toThrow(
      'CORRIDOR_AUDIT_RETENTION_DAYS: must be a whole number of days, at least 30',
    );
    await expect(applyAuditRetention(db, { retentionDays: 365.5, ipDays: 90 })).rejects.toThrow(
      /CORRIDOR_AUDIT_RETENTION_DAYS/,
    );
    await expect(applyAuditRetention(db, { retentionDays: 100, ipDays: 200 })).rejects.toThrow(
      'CORRIDOR_AUDIT_IP_DAYS: must be a whole number of days from 7 to CORRIDOR_AUDIT_RETENTION_DAYS (100)',
    );
    await expect(applyAuditRetention(db, { retentionDays: 100, ipDays: 3 })).rejects.toThrow(/CORRIDOR_AUDIT_IP_DAYS/);
    expect(await count()).toBe(n);
  });
});
