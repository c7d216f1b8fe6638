import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore } from '../db/testing.js';
import type { Store } from '../db/database.js';
import { testConfig } from '../shared/config.js';
import { registerServerCommands, startServer } from './cli.js';

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

  it('rejects a bad --port before touching anything', async () => {
    const program = new Command().exitOverride();
    registerServerCommands(program, { out: () => {}, env: {} });
    await expect(program.parseAsync(['serve', '--port', 'abc'], { from: 'user' })).rejects.toThrow(
      '--port: not a port number: abc',
    );
  });
});
