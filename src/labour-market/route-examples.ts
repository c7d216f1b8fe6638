// Authorization-matrix examples for the labour-market routes (loaded only when the matrix runs).
import type { MatrixWorld } from '../kernel/route.js';
import { SYSTEM } from '../kernel/command.js';
import { importOutsideFigures } from './commands.js';

/** An ISCO group of the loaded taxonomy (the ESCO test fixture has 7212), else a real ISCO-08 unit group. */
async function someIsco(world: MatrixWorld): Promise<string> {
  const row = await world.db
    .selectFrom('taxonomy_isco_group as g')
    .innerJoin('taxonomy_version as v', 'v.version', 'g.version')
    .select('g.code')
    .where('v.is_active', '=', true)
    .orderBy('g.code')
    .executeTakeFirst();
  return row?.code ?? '7212';
}

export function exampleImportFor(isco: string) {
  return {
    kind: 'shortage-list' as const,
    source: 'Example national shortage-occupation list 2026',
    csv: `country,region,isco,title,period\nES,,${isco},Example occupation,2026\n`,
  };
}

export async function exampleImport(world?: MatrixWorld) {
  return exampleImportFor(world ? await someIsco(world) : '7212');
}

export async function exampleImportId(world: MatrixWorld): Promise<string> {
  const done = await world.kernel.execute(importOutsideFigures, SYSTEM, await exampleImport(world));
  return done.id;
}
