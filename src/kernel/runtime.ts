// What the CLI shell hands a capability's command-line commands: a way to open the store with a kernel, so that
// CLI writes run through the same commands as the API (policy, audit, change log).
import type { Store } from '../db/database.js';
import type { Config } from '../shared/config.js';
import type { Services } from './capability.js';
import type { Kernel } from './command.js';

export interface OpenRuntime {
  store: Store;
  config: Config;
  kernel: Kernel;
  services: Services;
  close(): Promise<void>;
}

export interface CommandLineRuntime {
  /** Opens the configured store (migrated) with every capability set up. */
  open(): Promise<OpenRuntime>;
}
