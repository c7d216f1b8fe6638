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
      expect(lines.join('')).toContain('corridor demo'); // no accounts yet: says how to get some
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

  it('rejects a bad --port before touching anything', async () => {
    const program = new Command().exitOverride();
    registerServerCommands(program, { out: () => {}, env: {} });
    await expect(program.parseAsync(['serve', '--port', 'abc'], { from: 'user' })).rejects.toThrow(
      '--port: not a port number: abc',
    );
  });
});
