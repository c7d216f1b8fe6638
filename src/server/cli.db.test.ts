import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestStore, testStoreKind } from '../db/testing.js';
import { openStore, type Store } from '../db/database.js';
import { AUDIT_RETENTION_ACTION, createUser } from '../identity/index.js';
import { testConfig } from '../shared/config.js';
import { AUDIT_RETENTION_EVERY_MS, registerServerCommands, startServer } from './cli.js';

describe('corridor serve', () => {
  let store: Store;
  beforeAll(async () => {
    store = await createTestStore();
  }, 120_000);
  afterAll(() => store.close());

  it('listens on a real port, prints where, answers health/ready, and refuses a busy port in one line', async () => {
    const lines: string[] = [];
    const running = await startServer(testConfig({ port: 0 }), {
      store,
      runServeTasks: false,
      io: { out: (t) => lines.push(t) },
    });
    try {
      expect(lines[0]).toMatch(/^Corridor is running at http:\/\/127\.0\.0\.1:\d+ /);
      expect(lines.join('')).toContain('npm start -- --demo'); // no accounts yet: says how to get some
      expect(await (await fetch(`${running.url}/api/v1/health`)).json()).toEqual({ status: 'ok' });
      expect((await (await fetch(`${running.url}/api/v1/ready`)).json()).status).toBe('ready');
      const port = Number(new URL(running.url).port);
      await expect(startServer(testConfig({ port }), { store, runServeTasks: false })).rejects.toThrow(
        `port ${port} is in use; choose another with --port or PORT`,
      );
    } finally {
      await running.close();
    }
  });

  it('--demo creates the demo accounts in the server process and prints them', async () => {
    const lines: string[] = [];
    const running = await startServer(testConfig({ port: 0 }), {
      store,
      runServeTasks: false,
      demo: true,
      io: { out: (t) => lines.push(t) },
    });
    try {
      const text = lines.join('');
      expect(text).toMatch(/Demo accounts .*password: /);
      expect(text).toContain('advisor@demo.corridor.example');
      expect(text).not.toContain('No accounts yet');
      // The running server sees them at once (a second process on an embedded store would not).
      const res = await fetch(`${running.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'advisor@demo.corridor.example', password: /password: (\S+)/.exec(text)![1] }),
      });
      expect(res.status).toBe(200);
    } finally {
      await running.close();
    }
  });

  it('applies the audit retention at start and then daily, until closed', async () => {
    /** An audit entry of 800 days ago (older than the default 730-day retention), by request id. */
    const oldEntry = (requestId: string) =>
      store.db
        .insertInto('audit_log')
        .values({
          at: new Date(Date.now() - 800 * 24 * 60 * 60 * 1000).toISOString(),
          action: 'read',
          entity: 'profile',
          request_id: requestId,
          ip: '192.0.2.20',
        })
        .execute();
    const present = async (requestId: string) =>
      (await store.db.selectFrom('audit_log').select('id').where('request_id', '=', requestId).execute()).length;
    const prunes = async () =>
      (await store.db.selectFrom('audit_log').select('id').where('action', '=', AUDIT_RETENTION_ACTION).execute())
        .length;
    await oldEntry('retention-start');
    const before = await prunes();
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const running = await startServer(testConfig({ port: 0 }), { store, runServeTasks: false });
      expect(await present('retention-start')).toBe(0);
      expect(await prunes()).toBe(before + 1);
      await oldEntry('retention-daily');
      vi.advanceTimersByTime(AUDIT_RETENTION_EVERY_MS);
      await running.close(); // waits for the run the timer started
      expect(await present('retention-daily')).toBe(0);
      expect(await prunes()).toBe(before + 2);
      vi.advanceTimersByTime(AUDIT_RETENTION_EVERY_MS); // closed: the timer is gone
      expect(vi.getTimerCount()).toBe(0);
      expect(await prunes()).toBe(before + 2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('admin audit-retention --dry-run prints the counts as JSON', async () => {
    const lines: string[] = [];
    const program = new Command().exitOverride();
    registerServerCommands(program, { out: (t) => lines.push(t), env: { CORRIDOR_DATA_DIR: 'memory://' } });
    await program.parseAsync(['admin', 'audit-retention', '--dry-run'], { from: 'user' });
    expect(JSON.parse(lines.join(''))).toMatchObject({
      dryRun: true,
      retentionDays: 730,
      ipDays: 90,
      deleted: 0,
      ipBlanked: 0,
    });
  });

  it('admin audit-retention refuses a bad setting in one line and exits non-zero', () => {
    const r = spawnSync(process.execPath, ['bin/corridor.mjs', 'admin', 'audit-retention'], {
      encoding: 'utf8',
      env: { ...process.env, CORRIDOR_DATA_DIR: 'memory://', DATABASE_URL: '', CORRIDOR_AUDIT_RETENTION_DAYS: '7' },
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe(
      'corridor: CORRIDOR_AUDIT_RETENTION_DAYS (auditRetentionDays): must be a whole number from 30 to 36500',
    );
  }, 60_000);

  it('rejects a bad --port before touching anything', async () => {
    const program = new Command().exitOverride();
    registerServerCommands(program, { out: () => {}, env: {} });
    await expect(program.parseAsync(['serve', '--port', 'abc'], { from: 'user' })).rejects.toThrow(
      '--port: not a port number: abc',
    );
  });
});

describe('corridor admin init and reset-link run identity’s commands', () => {
  // The CLI opens the configured store itself: on PostgreSQL the test database, else an embedded store in a
  // temporary folder, opened here between runs (one process at a time) to read what the command left.
  let pg: (Store & { url?: string }) | null = null;
  let dir = '';
  const publicUrl = 'https://corridor.example.org';
  const env = () => ({
    ...(pg?.url ? { DATABASE_URL: pg.url } : { CORRIDOR_DATA_DIR: dir }),
    CORRIDOR_SECRET_KEY: testConfig().secretKey,
    CORRIDOR_PUBLIC_URL: publicUrl,
  });
  async function read<T>(f: (db: Store['db']) => Promise<T>): Promise<T> {
    if (pg) return f(pg.db);
    const store = await openStore({ dataDir: dir });
    try {
      return await f(store.db);
    } finally {
      await store.close();
    }
  }
  async function run(...args: string[]): Promise<string> {
    const lines: string[] = [];
    const program = new Command().exitOverride();
    registerServerCommands(program, { out: (t) => lines.push(t), env: env() });
    await program.parseAsync(['admin', ...args], { from: 'user' });
    return lines.join('');
  }
  /** The audit entries and change entries the CLI left for an entity. */
  const trail = (entity: string, entityId: string) =>
    read(async (db) => ({
      audit: await db
        .selectFrom('audit_log')
        .select(['action', 'actor_user_id', 'organisation_id', 'reason'])
        .where('entity', '=', entity)
        .where('entity_id', '=', entityId)
        .execute(),
      changes: await db
        .selectFrom('change_log')
        .select(['op', 'organisation_id', 'tx'])
        .where('entity', '=', entity)
        .where('entity_id', '=', entityId)
        .execute(),
    }));

  beforeAll(async () => {
    if (testStoreKind() === 'postgres') pg = await createTestStore();
    else dir = mkdtempSync(join(tmpdir(), 'corridor-cli-'));
  }, 120_000);
  afterAll(async () => {
    await pg?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('admin init: the organisation and the invitation, each audited and in the change log, in one transaction', async () => {
    const text = await run('init', '--email', 'First.Admin@example.org', '--name', 'First Admin');
    const token = /\/invitation#(\S+)\n/.exec(text)?.[1];
    expect(text).toContain(`${publicUrl}/invitation#`);
    const { org, invitation } = await read(async (db) => ({
      org: await db.selectFrom('organisation').select(['id', 'type']).where('name', '=', 'Corridor platform').execute(),
      invitation: await db
        .selectFrom('invitation')
        .select(['id', 'organisation_id', 'role', 'invited_by', 'token_hash', 'email'])
        .where('role', '=', 'platform_admin')
        .executeTakeFirstOrThrow(),
    }));
    expect(org).toEqual([{ id: invitation.organisation_id, type: 'government' }]);
    expect(invitation).toMatchObject({ role: 'platform_admin', invited_by: 'system' });
    expect(invitation.token_hash).not.toContain(token); // only the hash is kept
    expect(invitation.email ?? '').not.toContain('first.admin'); // the address is sealed (the CLI holds the key)
    const orgTrail = await trail('organisation', invitation.organisation_id);
    const inviteTrail = await trail('invitation', invitation.id);
    expect(orgTrail.audit).toEqual([
      { action: 'create', actor_user_id: null, organisation_id: invitation.organisation_id, reason: null },
    ]);
    expect(inviteTrail.audit).toEqual([
      {
        action: 'create',
        actor_user_id: null,
        organisation_id: invitation.organisation_id,
        reason: 'role platform_admin',
      },
    ]);
    expect(orgTrail.changes).toMatchObject([{ op: 'create', organisation_id: invitation.organisation_id }]);
    expect(inviteTrail.changes).toMatchObject([{ op: 'create', organisation_id: invitation.organisation_id }]);
    // One transaction: both change entries carry its id.
    expect(String(inviteTrail.changes[0]!.tx)).toBe(String(orgTrail.changes[0]!.tx));
  }, 120_000);

  it('admin init: an invitation the command refuses leaves no organisation behind', async () => {
    const count = () => read(async (db) => (await db.selectFrom('organisation').select('id').execute()).length);
    const before = await count();
    await expect(
      run('init', '--email', 'not-an-email', '--name', 'Someone', '--organisation', 'Second'),
    ).rejects.toThrow('Not an email address');
    expect(await count()).toBe(before);
  }, 120_000);

  it('admin reset-link: the reset is audited as the command line’s and is in the change log', async () => {
    const user = await read(async (db) => {
      const org = await db
        .selectFrom('organisation')
        .select('id')
        .where('name', '=', 'Corridor platform')
        .executeTakeFirstOrThrow();
      return createUser(db, {
        organisationId: org.id,
        email: 'locked@example.org',
        name: 'Locked',
        role: 'platform_admin',
      });
    });
    const first = await run('reset-link', '--email', 'Locked@example.org');
    expect(first).toMatch(/ https:\/\/corridor\.example\.org\/password-reset#\S{20,}\n$/);
    await run('reset-link', '--email', 'locked@example.org'); // a second link replaces the first
    const resets = await read((db) =>
      db.selectFrom('password_reset').select(['id', 'created_by']).where('user_id', '=', user.id).execute(),
    );
    expect(resets).toEqual([{ id: expect.any(String), created_by: 'command line' }]);
    const { audit, changes } = await trail('password_reset', resets[0]!.id);
    expect(audit).toEqual([
      {
        action: 'create',
        actor_user_id: null,
        organisation_id: user.organisationId,
        reason: `for user ${user.id} (command line)`,
      },
    ]);
    expect(changes).toMatchObject([{ op: 'create', organisation_id: user.organisationId }]);
    await expect(run('reset-link', '--email', 'nobody@example.org')).rejects.toThrow(
      'no active account with email nobody@example.org',
    );
  }, 120_000);
});
