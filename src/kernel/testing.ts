// A kernel for tests that work below HTTP: commands run exactly as the server runs them (policy, validation,
// audit, change log), on a test store, with the test configuration.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { testConfig } from '../shared/config.js';
import { createKeyring, fieldCipher, type FieldCipher } from '../shared/crypto.js';
import { CapabilitySet, type Capability } from './capability.js';
import { ChangeFeed } from './changes.js';
import { Kernel } from './command.js';

export async function testKernel(
  db: Kysely<Database>,
  options: { cipher?: FieldCipher; capabilities?: Capability[] } = {},
): Promise<Kernel> {
  const config = testConfig();
  const feed = new ChangeFeed();
  const set = new CapabilitySet({ db, config, feed });
  for (const c of options.capabilities ?? []) await c.setup(set);
  set.provide('personalData', { contributors: set.contributors, participants: set.participants });
  return new Kernel({
    db,
    config,
    cipher: options.cipher ?? fieldCipher(createKeyring(config.secretKey, config.previousSecretKeys)),
    services: set.view(),
    feed,
  });
}
