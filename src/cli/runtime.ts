// The CLI's runtime: the configured store, migrated, every capability set up, and a kernel to run commands.
import { openStore } from '../db/database.js';
import { migrateToLatest } from '../migrations.js';
import { CapabilitySet } from '../kernel/capability.js';
import { ChangeFeed } from '../kernel/changes.js';
import { Kernel } from '../kernel/command.js';
import type { CommandLineRuntime, OpenRuntime } from '../kernel/runtime.js';
import { loadConfig } from '../shared/config.js';
import { createKeyring, fieldCipher } from '../shared/crypto.js';
import { allCapabilities } from '../server/routes.js';

export async function openRuntime(env: NodeJS.ProcessEnv = process.env): Promise<OpenRuntime> {
  const config = loadConfig({ env });
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(store.db);
    const feed = new ChangeFeed();
    const set = new CapabilitySet({ db: store.db, config, feed });
    for (const c of allCapabilities) await c.setup(set);
    set.provide('personalData', { contributors: set.contributors, participants: set.participants });
    const services = set.view();
    const cipher = fieldCipher(createKeyring(config.secretKey, config.previousSecretKeys));
    const kernel = new Kernel({ db: store.db, config, cipher, services, feed });
    return {
      store,
      config,
      kernel,
      services,
      close: async () => {
        await set.close();
        await store.close();
      },
    };
  } catch (err) {
    await store.close();
    throw err;
  }
}

export const cliRuntime: CommandLineRuntime = { open: () => openRuntime() };

/** Just the configured store, migrated (commands that need no capability, e.g. a taxonomy import). */
export async function openMigratedStore(env: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig({ env });
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(store.db);
  } catch (err) {
    await store.close();
    throw err;
  }
  return store;
}
