// A Corridor instance as an NGO office starts it: `corridor admin init` run for real (the CLI, in a child process,
// on an embedded store in a temporary folder) prints the first platform admin's invitation link; then the server
// opens that folder with the shipped ESCO. Nothing else is seeded: the browser tests do the rest through the screens.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { openStore, type Store } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/migrations.js';
import { buildServer } from '../../src/server/app.js';
import { loadConfig, testConfig } from '../../src/shared/config.js';
import { ensureTaxonomyLoaded } from '../../src/taxonomy/store/first-start.js';
import { silentProgress } from '../../src/taxonomy/store/progress.js';

export interface FreshCorridor {
  url: string;
  /** The link `corridor admin init` prints for the first platform admin. */
  adminInvitation: string;
  app: FastifyInstance;
  store: Store;
  close(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => ok(port));
    });
  });
}

export async function startFreshCorridor(admin: { email: string; name: string }): Promise<FreshCorridor> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'corridor-fresh-'));
  // publicUrl is what invitation and password links start with: they must open this very server.
  const env = { ...process.env, CORRIDOR_DATA_DIR: dataDir, CORRIDOR_PUBLIC_URL: url, DATABASE_URL: '' };
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['bin/corridor.mjs', 'admin', 'init', '--email', admin.email, '--name', admin.name],
    { env },
  );
  const link = /(http\S+\/invitation#\S+)/.exec(stdout)?.[1];
  if (!link) throw new Error(`corridor admin init printed no link:\n${stdout}`);
  // The server holds the data folder's own secret, as `corridor serve` would: what the CLI sealed (the invitation's
  // name and e-mail) opens only under it.
  const { secretKey, previousSecretKeys } = loadConfig({ env });
  const config = testConfig({ webDir: resolve('dist/web'), publicUrl: url, dataDir, secretKey, previousSecretKeys });
  const store = await openStore({ dataDir });
  await migrateToLatest(store.db);
  await ensureTaxonomyLoaded(store, { progress: silentProgress() });
  const app = await buildServer({ store, config });
  await app.listen({ port, host: '127.0.0.1' });
  return {
    url,
    adminInvitation: link,
    app,
    store,
    async close() {
      await app.close();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
