import { spawnSync } from 'node:child_process';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestStore } from '../db/testing.js';
import type { Store } from '../db/database.js';
import { AUDIT_RETENTION_ACTION } from '../identity/index.js';
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
