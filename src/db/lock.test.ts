import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from './database.js';

describe('embedded store lock', () => {
  it('refuses a folder another live process holds, takes over a dead holder, releases on close', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'corridor-lock-'));
    const lock = join(dir, 'corridor.lock');
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    await new Promise((resolve) => other.once('spawn', resolve));
    try {
      writeFileSync(lock, String(other.pid));
      await expect(openStore({ dataDir: dir })).rejects.toThrow(
        `is open in another Corridor process (pid ${other.pid}`,
      );
    } finally {
      other.kill('SIGKILL');
      await new Promise((resolve) => other.once('exit', resolve));
    }
    // The holder is gone (a crash leaves its lock behind): the next opening takes the folder over.
    const store = await openStore({ dataDir: dir });
    expect(readFileSync(lock, 'utf8')).toBe(String(process.pid));
    await store.close();
    expect(existsSync(lock)).toBe(false);
  }, 60_000);
});
