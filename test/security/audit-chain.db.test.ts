// Issue 11, finding 14: tampering with the audit log by the table owner (triggers disabled, then UPDATE, DELETE or a
// back-dated INSERT) went unnoticed. Each organisation's entries now form a hash chain; `corridor admin audit verify`
// names the first broken link of each chain and exits non-zero. Issue 15: requests write entries unlinked and
// without a lock; a chainer links them afterwards, every entry exactly once, in the order their transactions
// ended below the oldest running one (as the change log is read).
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
import {
  AuditChainer,
  AuditKeyError,
  auditChainKeys,
  chainAll,
  entryHash,
  entryMac,
  formatChainReport,
  GENESIS_HASH,
  linkKeyId,
  recordPrunedFloors,
  verifyAuditChains,
  type AuditRow,
  type ChainBreak,
} from '../../src/kernel/audit-chain.js';
import { destroyPersonKey, sealNote } from '../../src/kernel/person-keys.js';
import { createKeyring, fieldCipher } from '../../src/shared/crypto.js';
import { main } from '../../src/cli/main.js';
import { migrations as kernelMigrations } from '../../src/kernel/migrations.js';

const SECRET = 'audit-chain-test-secret-0123456789abcdef';
/** The links' keys, derived from the secret as the server and the CLI derive them. */
const KEYS = auditChainKeys({ secretKey: SECRET, previousSecretKeys: [] });

type AuditRowOf = Omit<AuditRow, 'ip'>;
/** The columns a link covers, of a stored entry (absent ones null). */
const rowOf = (r: Partial<AuditRowOf> & Pick<AuditRowOf, 'organisation_id' | 'action' | 'entity'>): AuditRowOf => ({
  organisation_id: r.organisation_id,
  actor_user_id: r.actor_user_id ?? null,
  actor_role: r.actor_role ?? null,
  action: r.action,
  entity: r.entity,
  entity_id: r.entity_id ?? null,
  fields: r.fields ?? null,
  reason: r.reason ?? null,
  note_enc: r.note_enc ?? null,
  subject_ids: r.subject_ids ?? null,
  request_id: r.request_id ?? null,
});

/** Runs SQL as the table owner with the append-only trigger out of the way, as an attacker with the owner role can. */
async function asOwnerOf(db: Kysely<Database>, statement: ReturnType<typeof sql>): Promise<void> {
  await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete`.execute(db);
  try {
    await statement.execute(db);
  } finally {
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete`.execute(db);
  }
}

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
  /** As write, then linked: tampering after this is what the chain must show. */
  const writeLinked = async (org: string | null, n: number, entity = 'profile') => {
    await write(org, n, entity);
    await chainAll(db, KEYS);
  };
  const idsOf = async (org: string) =>
    (await db.selectFrom('audit_log').select('id').where('organisation_id', '=', org).orderBy('id').execute()).map(
      (r) => Number(r.id),
    );
  /** The chain's first break, after the chainer linked what it can (as `corridor admin audit verify` does). */
  const breakOf = async (org: string): Promise<ChainBreak | undefined> => {
    await chainAll(db, KEYS);
    return (await verifyAuditChains(db, KEYS)).breaks.find((b) => b.chain === org);
  };
  const linksOf = async (org: string) =>
    (
      await db
        .selectFrom('audit_log')
        .select(['id', 'chain_seq'])
        .where('organisation_id', '=', org)
        .orderBy('id')
        .execute()
    ).map((r) => ({ id: Number(r.id), seq: r.chain_seq === null ? null : Number(r.chain_seq) }));
  const pg = testStoreKind() === 'postgres';
  const asOwner = (statement: ReturnType<typeof sql>) => asOwnerOf(db, statement);

  it('links every entry of many concurrent writers exactly once, with chainers running alongside, and verifies', async () => {
    await write(null, 2, 'organisation');
    // Writers take no lock: on PostgreSQL these run on separate connections (PGlite has one), interleaved with
    // three chainers, as three servers on one database would run them.
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        Promise.all([
          db.transaction().execute((trx) =>
            auditMany({ db: trx, user: null }, [
              { action: 'read', entity: 'profile', entityId: `c${i}`, organisationId: 'org-conc' },
              {
                action: 'read',
                entity: 'profile',
                entityId: `d${i}`,
                organisationId: i % 2 ? 'org-other' : 'org-conc',
              },
            ]),
          ),
          i % 4 === 0 ? chainAll(db, KEYS) : null,
        ]),
      ),
    );
    await Promise.all([chainAll(db, KEYS), chainAll(db, KEYS)]);
    const report = await verifyAuditChains(db, KEYS);
    expect(report.breaks).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.unchained).toBe(0);
    for (const [org, n] of [
      ['org-conc', 36],
      ['org-other', 12],
    ] as const) {
      const seqs = (await linksOf(org)).map((l) => l.seq);
      expect(seqs).not.toContain(null);
      expect([...seqs].sort((a, b) => a! - b!)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    }
  });

  it.runIf(pg)(
    'links an entry whose transaction commits after a later one, before it, and counts it as not chained until then',
    async () => {
      // A takes its transaction id first, B writes and commits while A is still open, then A writes (a higher
      // entry id) and commits. The chainer must neither skip A's entry nor link B's before A has ended.
      const pool = store.db;
      let releaseA!: () => void;
      const aWrote = new Promise<void>((ok) => (releaseA = ok));
      let commitA!: () => void;
      const aMayCommit = new Promise<void>((ok) => (commitA = ok));
      const a = pool.transaction().execute(async (trx) => {
        await sql`SELECT pg_current_xact_id()`.execute(trx);
        await aWrote; // B writes meanwhile
        await auditMany({ db: trx, user: null }, [
          { action: 'read', entity: 'profile', entityId: 'A', organisationId: 'org-race' },
        ]);
        await aMayCommit;
      });
      await new Promise((ok) => setTimeout(ok, 50));
      await audit(
        { db: pool, user: null },
        { action: 'read', entity: 'profile', entityId: 'B', organisationId: 'org-race' },
      );
      releaseA();
      await new Promise((ok) => setTimeout(ok, 50));
      await chainAll(db, KEYS);
      const waiting = await verifyAuditChains(db, KEYS);
      expect(waiting.ok).toBe(true);
      expect(waiting.unchained).toBeGreaterThanOrEqual(1); // B: A, older, is still running
      expect(waiting.oldestUnchainedAt).not.toBeNull();
      expect((await linksOf('org-race')).map((l) => l.seq)).toEqual([null]);
      commitA();
      await a;
      await chainAll(db, KEYS);
      const links = await linksOf('org-race');
      // B has the lower id, A the lower transaction id: A comes first in the chain.
      expect(links.map((l) => l.seq)).toEqual([2, 1]);
      const report = await verifyAuditChains(db, KEYS);
      expect(report.breaks.filter((b) => b.chain === 'org-race')).toEqual([]);
      expect(report.unchained).toBe(0);
    },
  );

  it('links a new entry within the poll interval once the transactions before it have ended', async () => {
    const chainer = new AuditChainer(db, KEYS, { pollMs: 50 }).start();
    try {
      await chainAll(db, KEYS);
      const t0 = Date.now();
      await write('org-window', 3);
      let seqs = (await linksOf('org-window')).map((l) => l.seq);
      while (seqs.includes(null) && Date.now() - t0 < 5000) {
        await new Promise((ok) => setTimeout(ok, 10));
        seqs = (await linksOf('org-window')).map((l) => l.seq);
      }
      expect(seqs).toEqual([1, 2, 3]);
      // 50 ms polls plus one run; generous for a loaded machine, far below anything a person would notice.
      expect(Date.now() - t0).toBeLessThan(2000);
      if (pg) {
        // An older transaction still open holds the entry back (it could still write before it), visibly.
        let release!: () => void;
        const held = new Promise<void>((ok) => (release = ok));
        const open = store.db.transaction().execute(async (trx) => {
          await sql`SELECT pg_current_xact_id()`.execute(trx);
          await held;
        });
        await new Promise((ok) => setTimeout(ok, 50));
        await write('org-window', 1);
        await new Promise((ok) => setTimeout(ok, 300));
        expect((await linksOf('org-window')).map((l) => l.seq)).toEqual([1, 2, 3, null]);
        expect((await verifyAuditChains(db, KEYS)).unchained).toBeGreaterThanOrEqual(1);
        release();
        await open;
        const t1 = Date.now();
        while ((await linksOf('org-window')).some((l) => l.seq === null) && Date.now() - t1 < 5000)
          await new Promise((ok) => setTimeout(ok, 10));
        expect((await linksOf('org-window')).map((l) => l.seq)).toEqual([1, 2, 3, 4]);
        expect(Date.now() - t1).toBeLessThan(2000);
      }
    } finally {
      await chainer.stop();
    }
  });

  it("lets the chainer fill in an entry's link once, and nothing else", async () => {
    await write('org-trigger', 1);
    await chainAll(db, KEYS);
    const [entry] = await linksOf('org-trigger');
    await expect(
      sql`UPDATE audit_log SET chain_seq = 9, prev_hash = 'x', hash = 'y' WHERE id = ${entry!.id}`.execute(db),
    ).rejects.toThrow(/append-only/);
    await write('org-trigger', 1, 'other');
    const fresh = (await linksOf('org-trigger'))[1]!;
    expect(fresh.seq).toBeNull();
    await expect(
      sql`UPDATE audit_log SET chain_seq = 2, prev_hash = 'x', hash = 'y', reason = 'changed' WHERE id = ${fresh.id}`.execute(
        db,
      ),
    ).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log WHERE id = ${fresh.id}`.execute(db)).rejects.toThrow(/append-only/);
    expect(await breakOf('org-trigger')).toBeUndefined();
  });

  it('still verifies after an erasure shreds the key of a note in the chain', async () => {
    const cipher = fieldCipher(createKeyring(SECRET));
    const noteEnc = await sealNote(db, cipher, 'person-e', 'org-erase', 'Interview with Amina Diallo');
    await audit(
      { db, user: null },
      { action: 'read', entity: 'profile', entityId: 'person-e', organisationId: 'org-erase', noteEnc },
    );
    await writeLinked('org-erase', 2);
    expect(await destroyPersonKey(db, 'person-e')).toBe(1);
    expect(await breakOf('org-erase')).toBeUndefined();
  });

  it('still verifies after retention prunes the oldest entries and records the floor', async () => {
    await writeLinked('org-prune', 5);
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
    await writeLinked('org-prune', 1);
    expect(await breakOf('org-prune')).toBeUndefined();
  });

  it('names the entry an UPDATE changed', async () => {
    await writeLinked('org-upd', 4);
    const ids = await idsOf('org-upd');
    await asOwner(sql`UPDATE audit_log SET reason = 'nothing to see' WHERE id = ${ids[1]}`);
    expect(await breakOf('org-upd')).toMatchObject({ entryId: ids[1], seq: 2, problem: 'altered' });
  });

  it('names the entry after one a DELETE removed, and a chain whose last entries were deleted', async () => {
    await writeLinked('org-del', 4);
    const ids = await idsOf('org-del');
    await asOwner(sql`DELETE FROM audit_log WHERE id = ${ids[1]}`);
    expect(await breakOf('org-del')).toMatchObject({ entryId: ids[2], seq: 3, problem: 'missing' });

    await writeLinked('org-tail', 3);
    const tail = await idsOf('org-tail');
    await asOwner(sql`DELETE FROM audit_log WHERE id = ${tail[2]}`);
    expect(await breakOf('org-tail')).toMatchObject({ entryId: null, problem: 'truncated' });
  });

  it('names entries reordered after they were linked', async () => {
    await writeLinked('org-reorder', 4);
    const ids = await idsOf('org-reorder');
    // Entries 2 and 3 swap places (their links move with them).
    await asOwner(sql`UPDATE audit_log AS a SET chain_seq = b.chain_seq, prev_hash = b.prev_hash, hash = b.hash
      FROM audit_log AS b WHERE (a.id, b.id) IN ((${ids[1]}, ${ids[2]}), (${ids[2]}, ${ids[1]}))`);
    expect(await breakOf('org-reorder')).toMatchObject({ entryId: ids[1], seq: 3, problem: 'missing' });
  });

  it('names an entry the chainer has passed that carries no link (written around it)', async () => {
    await writeLinked('org-unlinked', 2);
    // A transaction id long ended: below the chainer's cursor, so it will never be linked.
    await sql`INSERT INTO audit_log (tx, organisation_id, action, entity, entity_id)
      VALUES (3, 'org-unlinked', 'read', 'profile', 'slipped-in')`.execute(db);
    const forged = await db
      .selectFrom('audit_log')
      .select('id')
      .where('entity_id', '=', 'slipped-in')
      .executeTakeFirst();
    expect(await breakOf('org-unlinked')).toMatchObject({ entryId: Number(forged!.id), problem: 'unlinked' });
    expect((await linksOf('org-unlinked')).map((l) => l.seq)).toEqual([1, 2, null]);
  });

  it('names a back-dated INSERT, whether or not the forger computed a link for it', async () => {
    await writeLinked('org-ins', 3);
    const lastYear = new Date(Date.now() - 365 * 86_400_000).toISOString();
    await sql`INSERT INTO audit_log (at, organisation_id, action, entity, entity_id, reason)
      VALUES (${lastYear}, 'org-ins', 'read', 'profile', 'forged', 'back-dated')`.execute(db);
    const forged = await db.selectFrom('audit_log').select('id').where('entity_id', '=', 'forged').executeTakeFirst();
    // The chainer links it like any entry; its date, a year before the entry before it, gives it away.
    expect(await breakOf('org-ins')).toMatchObject({ entryId: Number(forged!.id), seq: 4, problem: 'back-dated' });

    // A forger who knows the hash and moves the head along: the date still gives it away.
    await writeLinked('org-fake', 2);
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

  /** A chain's entries in link order, as stored. */
  const chainRows = async (org: string) =>
    db.selectFrom('audit_log').selectAll().where('organisation_id', '=', org).orderBy('chain_seq').execute();
  /**
   * Rewrites a chain as the table's owner from place `fromSeq` to its end, and its head row: each entry's reason is
   * changed and its link recomputed with `link` (the keyless formula, or a key of the forger's own), as someone
   * who can run SQL but does not hold the instance secret can.
   */
  const rewriteTail = async (
    org: string,
    fromSeq: number,
    link: (row: AuditRowOf, at: { id: number; seq: number; at: Date; prevHash: string }) => string,
  ) => {
    const rows = await chainRows(org);
    let prevHash = fromSeq === 1 ? GENESIS_HASH : rows[fromSeq - 2]!.hash!;
    for (const r of rows.slice(fromSeq - 1)) {
      const row = { ...rowOf(r), reason: 'rewritten' };
      const hash = link(row, { id: Number(r.id), seq: Number(r.chain_seq), at: new Date(r.at), prevHash });
      await asOwner(sql`UPDATE audit_log SET reason = 'rewritten', prev_hash = ${prevHash}, hash = ${hash}
        WHERE id = ${Number(r.id)}`);
      prevHash = hash;
    }
    await db.updateTable('audit_chain_head').set({ hash: prevHash }).where('chain', '=', org).execute();
    return rows.map((r) => Number(r.id));
  };

  it('names the first link of a tail rewritten without the key, its head row recomputed', async () => {
    await writeLinked('org-rewrite', 5);
    expect(await breakOf('org-rewrite')).toBeUndefined(); // untouched: clean
    expect((await chainRows('org-rewrite')).map((r) => linkKeyId(r.hash!))).toEqual(Array(5).fill(KEYS.current.id));
    const ids = await rewriteTail('org-rewrite', 3, entryHash);
    expect(await breakOf('org-rewrite')).toMatchObject({ entryId: ids[2], seq: 3, problem: 'keyless' });

    // The whole chain rewritten, from its first entry: nothing keyed is left, and a chain must end keyed.
    await writeLinked('org-rewrite-all', 3);
    await rewriteTail('org-rewrite-all', 1, entryHash);
    expect(await breakOf('org-rewrite-all')).toMatchObject({ entryId: null, seq: 3, problem: 'keyless' });
  });

  it('names a tail rewritten under a key of the forger’s own, whether or not it carries the instance’s key id', async () => {
    const forger = auditChainKeys({ secretKey: 'a-forger-secret-0123456789abcdefghijkl', previousSecretKeys: [] });
    await writeLinked('org-foreign', 4);
    const ids = await rewriteTail('org-foreign', 2, (row, link) => entryMac(forger.current, row, link));
    expect(await breakOf('org-foreign')).toMatchObject({ entryId: ids[1], seq: 2, problem: 'unknown-key' });

    await writeLinked('org-forged-id', 4);
    const posing = { id: KEYS.current.id, key: forger.current.key };
    const forged = await rewriteTail('org-forged-id', 2, (row, link) => entryMac(posing, row, link));
    expect(await breakOf('org-forged-id')).toMatchObject({ entryId: forged[1], seq: 2, problem: 'altered' });
  });

  it('names an INSERT whose link the forger computed with the keyless formula, dated now', async () => {
    await writeLinked('org-fake-now', 2);
    const head = await db
      .selectFrom('audit_chain_head')
      .selectAll()
      .where('chain', '=', 'org-fake-now')
      .executeTakeFirstOrThrow();
    const { rows } = await sql<{ id: string }>`SELECT nextval(pg_get_serial_sequence('audit_log', 'id')) AS id`.execute(
      db,
    );
    const at = new Date(Math.floor(Date.now() / 1000) * 1000);
    const link = { id: Number(rows[0]!.id), seq: Number(head.seq) + 1, at, prevHash: head.hash };
    const row = {
      ...rowOf({ organisation_id: 'org-fake-now', action: 'read', entity: 'profile' }),
      entity_id: 'forged',
    };
    const hash = entryHash(row, link);
    await sql`INSERT INTO audit_log (id, at, organisation_id, action, entity, entity_id, chain_seq, prev_hash, hash)
      VALUES (${link.id}, ${at.toISOString()}, 'org-fake-now', 'read', 'profile', 'forged', ${link.seq}, ${head.hash},
              ${hash})`.execute(db);
    await db.updateTable('audit_chain_head').set({ seq: link.seq, hash }).where('chain', '=', 'org-fake-now').execute();
    expect(await breakOf('org-fake-now')).toMatchObject({ entryId: link.id, seq: 3, problem: 'keyless' });
  });

  it('checked with the wrong secret: every keyed chain fails clearly, and the chainer links nothing', async () => {
    const wrong = auditChainKeys({ secretKey: 'not-the-instance-secret-0123456789abcd', previousSecretKeys: [] });
    await writeLinked('org-conc', 1); // chains linked under the instance's key (on their own when run alone)
    await write('org-wrong-key', 2);
    await expect(chainAll(db, wrong)).rejects.toThrow(AuditKeyError);
    await expect(chainAll(db, wrong)).rejects.toThrow(/does not hold .*CORRIDOR_SECRET_KEY/);
    expect((await linksOf('org-wrong-key')).map((l) => l.seq)).toEqual([null, null]);
    const report = await verifyAuditChains(db, wrong);
    expect(report.ok).toBe(false);
    expect(report.breaks.find((b) => b.chain === 'org-conc')).toMatchObject({ seq: 1, problem: 'unknown-key' });
    // Every chain linked under the instance's key is reported, at its first keyed link.
    for (const chain of ['', 'org-conc', 'org-other', 'org-erase', 'org-prune', 'org-window', 'org-trigger']) {
      expect(report.breaks.find((b) => b.chain === chain)).toMatchObject({ problem: 'unknown-key' });
    }
    expect(report.keyed).toBe(0);
    expect(formatChainReport(report)).toMatch(/^WRONG SECRET: no link opens .*CORRIDOR_PREVIOUS_SECRET_KEYS/m);
    // With the right secret they are linked; after a rotation the old secret, kept in CORRIDOR_PREVIOUS_SECRET_KEYS,
    // still opens every link it made (the breaks found are the same ones).
    await chainAll(db, KEYS);
    expect((await linksOf('org-wrong-key')).map((l) => l.seq)).toEqual([1, 2]);
    const rotated = auditChainKeys({
      secretKey: 'the-next-instance-secret-0123456789ab',
      previousSecretKeys: [SECRET],
    });
    expect(rotated.current.id).not.toBe(KEYS.current.id);
    expect((await verifyAuditChains(db, rotated)).breaks).toEqual((await verifyAuditChains(db, KEYS)).breaks);
    expect(await breakOf('org-wrong-key')).toBeUndefined();
  });

  it('`corridor admin audit verify` reports the broken links and exits non-zero; under another secret it says so', async () => {
    if (dataDir) await store.close(); // the embedded store serves one process at a time
    /** One run of the command, as an operator starts it, with the given instance secret. */
    const verify = async (secret: string) => {
      const env = {
        CORRIDOR_SECRET_KEY: secret,
        ...(dataDir ? { CORRIDOR_DATA_DIR: dataDir, DATABASE_URL: '' } : { DATABASE_URL: store.url! }),
      };
      const saved = { ...process.env };
      const out: string[] = [];
      const err: string[] = [];
      const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
        out.push(String(chunk));
        return true;
      });
      const errSpy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
        err.push(String(chunk));
        return true;
      });
      const exitCode = process.exitCode;
      try {
        Object.assign(process.env, env);
        await main(['admin', 'audit', 'verify']);
        return { code: process.exitCode, out: out.join(''), err: err.join('') };
      } finally {
        spy.mockRestore();
        errSpy.mockRestore();
        process.env = saved;
        process.exitCode = exitCode;
      }
    };
    const { code, out: text } = await verify(SECRET);
    expect(code, text).toBe(1);
    expect(text).toMatch(/BROKEN organisation org-upd: entry \d+ \(place 2\): altered/);
    expect(text).toMatch(/BROKEN organisation org-del: entry \d+ \(place 3\): missing/);
    expect(text).toMatch(/BROKEN organisation org-ins: entry \d+ \(place 4\): back-dated/);
    expect(text).toMatch(/BROKEN organisation org-fake: entry \d+ \(place 3\): back-dated/);
    expect(text).toMatch(/BROKEN organisation org-reorder: entry \d+ \(place 3\): missing/);
    expect(text).toMatch(/BROKEN organisation org-unlinked: entry \d+: unlinked/);
    expect(text).toMatch(/BROKEN organisation org-rewrite: entry \d+ \(place 3\): keyless/);
    expect(text).toMatch(/BROKEN organisation org-rewrite-all: at the end \(place 3\): keyless/);
    expect(text).toMatch(/BROKEN organisation org-foreign: entry \d+ \(place 2\): unknown-key/);
    expect(text).toMatch(/BROKEN organisation org-forged-id: entry \d+ \(place 2\): altered/);
    expect(text).toMatch(/BROKEN organisation org-fake-now: entry \d+ \(place 3\): keyless/);
    expect(text).toMatch(/^FAILED: \d+ chains, \d+ entries checked, 12 broken/m);
    expect(text).not.toMatch(
      /BROKEN (platform|organisation (org-conc|org-other|org-erase|org-prune|org-window|org-wrong-key))/,
    );
    expect(text).not.toMatch(/NOT YET CHAINED/);
    expect(text).toMatch(/^UNKNOWN KEY: chains with links under a key this instance does not hold.*: 1\. /m); // org-foreign

    // Another secret: a clear failure naming the likely cause, no stack trace, nothing linked under it.
    const wrong = await verify('not-the-instance-secret-0123456789abcd');
    expect(wrong.code, wrong.out).toBe(1);
    expect(wrong.out).toMatch(/BROKEN organisation org-conc: entry \d+ \(place 1\): unknown-key/);
    expect(wrong.out).toMatch(/^WRONG SECRET: no link opens .*CORRIDOR_SECRET_KEY/m);
    expect(wrong.out).toMatch(/^FAILED: /m);
    expect(`${wrong.out}${wrong.err}`).not.toMatch(/\n\s+at /);
  });
});

describe(`chains linked before the key are sealed by migration 0040 (${testStoreKind()})`, () => {
  let store: Store;
  let db: Kysely<Database>;
  beforeAll(async () => {
    store = await createTestStore();
    db = store.db;
  }, 120_000);
  afterAll(async () => store?.close());

  const sealMigration = () => kernelMigrations.find((m) => m.name === '0040_kernel_audit_keyed')!;
  /** Links the unlinked entries as the chainer did before the key: keyless links, in (tx, id) order. */
  const linkKeyless = async () => {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('chain_seq', 'is', null)
      .orderBy('tx')
      .orderBy('id')
      .execute();
    const heads = new Map<string, { seq: number; hash: string }>();
    for (const r of rows) {
      const chain = r.organisation_id ?? '';
      const head = heads.get(chain) ?? { seq: 0, hash: GENESIS_HASH };
      const link = { id: Number(r.id), seq: head.seq + 1, at: new Date(r.at), prevHash: head.hash };
      const hash = entryHash(rowOf(r), link);
      await sql`UPDATE audit_log SET chain_seq = ${link.seq}, prev_hash = ${link.prevHash}, hash = ${hash}
        WHERE id = ${link.id}`.execute(db);
      heads.set(chain, { seq: link.seq, hash });
    }
    for (const [chain, h] of heads) {
      await db.insertInto('audit_chain_head').values({ chain, seq: h.seq, hash: h.hash }).execute();
    }
  };
  const rowsOf = (org: string | null) =>
    db
      .selectFrom('audit_log')
      .selectAll()
      .where('organisation_id', org === null ? 'is' : '=', org)
      .orderBy('chain_seq')
      .execute();
  /**
   * Links what is pending, then checks. On PostgreSQL the horizon is the whole server's: a transaction another test
   * run keeps open in another database holds entries back for a moment, so wait (briefly) until they are linked.
   */
  const verify = async () => {
    const t0 = Date.now();
    for (;;) {
      await chainAll(db, KEYS);
      const report = await verifyAuditChains(db, KEYS);
      if (report.unchained === 0 || Date.now() - t0 > 10_000) return report;
      await new Promise((ok) => setTimeout(ok, 20));
    }
  };

  it('keeps checking the keyless links, seals them under the first keyed one, and never seals twice', async () => {
    for (const org of ['org-old', 'org-old', 'org-old', null, null]) {
      await audit({ db, user: null }, { action: 'read', entity: 'profile', entityId: 'p', organisationId: org });
    }
    await linkKeyless();
    // Before the seal: the chains verify link by link, but end keyless, which from now on is a break.
    const before = await verify();
    expect(before.breaks.map((b) => [b.chain, b.entryId, b.problem])).toEqual([
      ['', null, 'keyless'],
      ['org-old', null, 'keyless'],
    ]);

    await sealMigration().up(db);
    expect(await verify()).toMatchObject({ ok: true, breaks: [], entries: 7, keyed: 2 });
    const old = await rowsOf('org-old');
    expect(old.map((r) => [r.action, linkKeyId(r.hash!)])).toEqual([
      ['read', null],
      ['read', null],
      ['read', null],
      ['audit.keyed', KEYS.current.id],
    ]);
    expect(old[3]!.prev_hash).toBe(old[2]!.hash);
    // Run again (its record removed by hand, say): a chain already ends keyed, so nothing is added.
    await sealMigration().up(db);
    await audit({ db, user: null }, { action: 'read', entity: 'profile', entityId: 'q', organisationId: 'org-old' });
    const after = await verify();
    expect(after).toMatchObject({ ok: true, entries: 8, keyed: 3 });
    expect((await rowsOf('org-old')).filter((r) => r.action === 'audit.keyed')).toHaveLength(1);

    // The keyless part rewritten consistently with the keyless formula: the keyed link after it no longer matches.
    let prevHash = GENESIS_HASH;
    for (const r of old.slice(0, 3)) {
      const hash = entryHash(
        { ...rowOf(r), reason: 'rewritten' },
        { id: Number(r.id), seq: Number(r.chain_seq), at: new Date(r.at), prevHash },
      );
      await asOwnerOf(
        db,
        sql`UPDATE audit_log SET reason = 'rewritten', prev_hash = ${prevHash}, hash = ${hash} WHERE id = ${Number(r.id)}`,
      );
      prevHash = hash;
    }
    // A keyless entry changed in place.
    const platform = await rowsOf(null);
    await asOwnerOf(db, sql`UPDATE audit_log SET entity_id = 'someone else' WHERE id = ${Number(platform[0]!.id)}`);
    const broken = await verify();
    expect(broken.breaks).toMatchObject([
      { chain: '', entryId: Number(platform[0]!.id), seq: 1, problem: 'altered' },
      { chain: 'org-old', entryId: Number(old[3]!.id), seq: 4, problem: 'missing' },
    ]);
  });
});
