// Test fixtures for the taxonomy routes: the tiny ESCO fixture imported and active, for the authorization matrix's
// examples. Production code never imports this file statically.
import type { MatrixWorld } from '../kernel/route.js';
import { readEscoSnapshot } from './esco/reader.js';
import { writeEscoFixture } from './esco/fixture.js';
import { importEscoSnapshot } from './store/import.js';
import { activeVersion } from './store/versions.js';

export { FIXTURE } from './esco/fixture.js';

export async function ensureExampleTaxonomy(world: MatrixWorld): Promise<void> {
  if (await activeVersion(world.db)) return;
  const { snapshot } = readEscoSnapshot([writeEscoFixture({}, '0.0.1')]);
  await importEscoSnapshot(world.db, snapshot, { activate: true, source: 'test fixture' }).catch(async (err) => {
    if (!(await activeVersion(world.db))) throw err;
  });
}

export { writeEscoFixture } from './esco/fixture.js';
