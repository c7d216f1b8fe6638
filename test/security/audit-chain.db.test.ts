// Issue 11, finding 14: tampering with the audit log by the table owner (triggers disabled, then UPDATE, DELETE or a
// back-dated INSERT) went unnoticed. Each organisation's entries now form a hash chain; `corridor admin audit verify`
// names the first broken link of each chain and exits non-zero.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openStore, type Store } from '../../src/db/database.js';
import type { Database } from '../../src/db/schema.js';
import { createTestStore, testStoreKind } from '../../src/db/testing.js';
import { migrateToLatest } from '../../src/migrations.js';
import { audit, auditMany } from '../../src/kernel/audit.js';
import { entryHash, recordPrunedFloors, verifyAuditChains, type ChainBreak } from '../../src/kernel/audit-chain.js';
import { destroyPersonKey, sealNote } from '../../src/kernel/person-keys.js';
import { createKeyring, fieldCipher } from '../../src/shared/crypto.js';
import { main } from '../../src/cli/main.js';

const SECRET = 'audit-chain-test-secret-0123456789abcdef';

describe(`the audit log is a hash chain per organisation (${testStoreKind()})`, () => {
  let store: Store & { url?: string };
  let db: Kysely<Database>;
  let dataDir: string | null = null;

  beforeAll(async () => {
    if (testStoreKind() === 'pglite') {
      // On disk, so the CLI can open the same data after the test closes it.
      dataDir = mkdtempSync(join(tmpdir(), 'corridor-audit-'));
      store = await openStore({ dataDir });
      await migrateToLatest(store.db);
    } else {
      store = await createTestStore();
    }
    db = store.db;
  }, 120_000);
  afterAll(async () => {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    else await store.close();
  });

  /** n entries in organisation `org`, each in its own transaction, as requests write them. */
  const write = async (org: string | null, n: number, entity = 'profile') => {
    for (let i = 0; i < n; i++) {
      await audit({ db, user: null }, { action: 'read', entity, entityId: `${org}-${i}`, organisationId: org });
    }
  };
  const idsOf = async (org: string) =>
    (await db.selectFrom('audit_log').select('id').where('organisation_id', '=', org).orderBy('id').execute()).map(
      (r) => Number(r.id),
    );
  const breakOf = async (org: string): Promise<ChainBreak | undefined> =>
    (await verifyAuditChains(db)).breaks.find((b) => b.chain === org);
  /** Runs SQL as the table owner with the append-only trigger out of the way, as an attacker with the owner role can. */
  const asOwner = async (statement: ReturnType<typeof sql>) => {
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete`.execute(db);
    try {
      await statement.execute(db);
    } finally {
      await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete`.execute(db);
    }
  };

  it('verifies entries written by many writers at once, in several organisations and the platform', async () => {
    await write(null, 2, 'organisation');
    // Concurrent writers on one chain queue on its head row instead of forking it (on PostgreSQL these run on
    // separate connections; PGlite has one).
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        db.transaction().execute((trx) =>
          auditMany({ db: trx, user: null }, [
            { action: 'read', entity: 'profile', entityId: `c${i}`, organisationId: 'org-conc' },
            { action: 'read', entity: 'profile', entityId: `d${i}`, organisationId: i % 2 ? 'org-other' : 'org-conc' },
          ]),
        ),
      ),
    );
    const report = await verifyAuditChains(db);
    expect(report.breaks).toEqual([]);
    expect(report.ok).toBe(true);
    const seqs = await db
      .selectFrom('audit_log')
      .select('chain_seq')
      .where('organisation_id', '=', 'org-conc')
      .orderBy('chain_seq')
      .execute();
    expect(seqs.map((r) => Number(r.chain_seq))).toEqual(Array.from({ length: 36 }, (_, i) => i + 1));
  });

  it('still verifies after an erasure shreds the key of a note in the chain', async () => {
    const cipher = fieldCipher(createKeyring(SECRET));
    const noteEnc = await sealNote(db, cipher, 'person-e', 'org-erase', 'Interview with Amina Diallo');
    await audit(
      { db, user: null },
      { action: 'read', entity: 'profile', entityId: 'person-e', organisationId: 'org-erase', noteEnc },
    );
    await write('org-erase', 2);
    expect(await destroyPersonKey(db, 'person-e')).toBe(1);
    expect(await breakOf('org-erase')).toBeUndefined();
  });

  it('still verifies after retention prunes the oldest entries and records the floor', async () => {
    await write('org-prune', 5);
    const ids = await idsOf('org-prune');
    // What applyAuditRetention does for entries past the retention (its trigger window needs entries 30 days old).
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete`.execute(db);
    try {
      await db.transaction().execute(async (trx) => {
        const pruned = await trx
          .deleteFrom('audit_log')
          .where('id', 'in', ids.slice(0, 2))
          .returning(['organisation_id', 'chain_seq', 'hash'])
          .execute();
        await recordPrunedFloors(trx, pruned);
      });
    } finally {
      await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete`.execute(db);
    }
    expect(await breakOf('org-prune')).toBeUndefined();
    await write('org-prune', 1);
    expect(await breakOf('org-prune')).toBeUndefined();
  });

  it('names the entry an UPDATE changed', async () => {
    await write('org-upd', 4);
    const ids = await idsOf('org-upd');
    await asOwner(sql`UPDATE audit_log SET reason = 'nothing to see' WHERE id = ${ids[1]}`);
    expect(await breakOf('org-upd')).toMatchObject({ entryId: ids[1], seq: 2, problem: 'altered' });
  });

  it('names the entry after one a DELETE removed, and a chain whose last entries were deleted', async () => {
    await write('org-del', 4);
    const ids = await idsOf('org-del');
    await asOwner(sql`DELETE FROM audit_log WHERE id = ${ids[1]}`);
    expect(await breakOf('org-del')).toMatchObject({ entryId: ids[2], seq: 3, problem: 'missing' });

    await write('org-tail', 3);
    const tail = await idsOf('org-tail');
    await asOwner(sql`DELETE FROM audit_log WHERE id = ${tail[2]}`);
    expect(await breakOf('org-tail')).toMatchObject({ entryId: null, problem: 'truncated' });
  });

  it('names a back-dated INSERT, whether or not the forger computed a link for it', async () => {
    await write('org-ins', 3);
    const lastYear = new Date(Date.now() - 365 * 86_400_000).toISOString();
    await sql`INSERT INTO audit_log (at, organisation_id, action, entity, entity_id, reason)
      VALUES (${lastYear}, 'org-ins', 'read', 'profile', 'forged', 'back-dated')`.execute(db);
    const forged = await db.selectFrom('audit_log').select('id').where('entity_id', '=', 'forged').executeTakeFirst();
    expect(await breakOf('org-ins')).toMatchObject({ entryId: Number(forged!.id), problem: 'unlinked' });

    // A forger who knows the hash and moves the head along: the date still gives it away.
    await write('org-fake', 2);
    const head = await db
      .selectFrom('audit_chain_head')
      .selectAll()
      .where('chain', '=', 'org-fake')
      .executeTakeFirstOrThrow();
    const { rows } = await sql<{ id: string }>`SELECT nextval(pg_get_serial_sequence('audit_log', 'id')) AS id`.execute(
      db,
    );
    const row = {
      organisation_id: 'org-fake',
      actor_user_id: null,
      actor_role: null,
      action: 'read',
      entity: 'profile',
      entity_id: 'forged',
      fields: null,
      reason: null,
      note_enc: null,
      subject_ids: null,
      request_id: null,
    };
    const link = { id: Number(rows[0]!.id), seq: Number(head.seq) + 1, at: new Date(lastYear), prevHash: head.hash };
    const hash = entryHash(row, link);
    await sql`INSERT INTO audit_log (id, at, organisation_id, action, entity, entity_id, chain_seq, prev_hash, hash)
      VALUES (${link.id}, ${lastYear}, 'org-fake', 'read', 'profile', 'forged', ${link.seq}, ${head.hash}, ${hash})`.execute(
      db,
    );
    await db.updateTable('audit_chain_head').set({ seq: link.seq, hash }).where('chain', '=', 'org-fake').execute();
    expect(await breakOf('org-fake')).toMatchObject({ entryId: link.id, problem: 'back-dated' });
  });

  it('`corridor admin audit verify` reports the broken links and exits non-zero', async () => {
    const env = {
      CORRIDOR_SECRET_KEY: SECRET,
      ...(dataDir ? { CORRIDOR_DATA_DIR: dataDir, DATABASE_URL: '' } : { DATABASE_URL: store.url! }),
    };
    if (dataDir) await store.close(); // the embedded store serves one process at a time
    const saved = { ...process.env };
    const out: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out.push(String(chunk));
      return true;
    });
    const exitCode = process.exitCode;
    try {
      Object.assign(process.env, env);
      await main(['admin', 'audit', 'verify']);
      expect(process.exitCode, out.join('')).toBe(1);
    } finally {
      spy.mockRestore();
      process.env = saved;
      process.exitCode = exitCode;
    }
    const text = out.join('');
    expect(text).toMatch(/BROKEN organisation org-upd: entry \d+ \(place 2\): altered/);
    expect(text).toMatch(/BROKEN organisation org-del: entry \d+ \(place 3\): missing/);
    expect(text).toMatch(/BROKEN organisation org-ins: entry \d+: unlinked/);
    expect(text).toMatch(/BROKEN organisation org-fake: entry \d+ \(place 3\): back-dated/);
    expect(text).toMatch(/^FAILED: \d+ chains, \d+ entries checked, 5 broken/m);
    expect(text).not.toMatch(/BROKEN (platform|organisation (org-conc|org-other|org-erase|org-prune))/);
  });
});
