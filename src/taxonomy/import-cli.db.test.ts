import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, testStoreKind } from '../db/testing.js';
import type { Store } from '../db/database.js';
import { writeEscoFixture } from './esco/fixture.js';
import { registerTaxonomyCommands } from './import-cli.js';
import { silentProgress } from './store/progress.js';
import { testKernel } from '../kernel/testing.js';
import { sql } from 'kysely';

describe(`corridor taxonomy … (${testStoreKind()})`, () => {
  let store: Store;
  let out: string[];
  let err: string[];
  const run = async (...args: string[]) => {
    out = [];
    err = [];
    const program = new Command('corridor').enablePositionalOptions().exitOverride();
    registerTaxonomyCommands(program, {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
      openStore: async () => ({ ...store, close: async () => {} }),
      openRuntime: async () => ({ kernel: await testKernel(store.db), close: async () => {} }),
      progress: silentProgress,
    });
    await program.parseAsync(args, { from: 'user' });
    return out.join('');
  };

  beforeAll(async () => {
    store = await createTestStore();
  }, 120_000);
  afterAll(async () => store?.close());

  it('imports a download folder, taking the version from its name, and activates the first version', async () => {
    const text = await run('taxonomy', 'import', writeEscoFixture({}, '1.2.0'));
    expect(text).toMatch(/^Imported ESCO 1\.2\.0: 2 occupations, 4 skills, 5 relations in [\d.]+ s — active\n$/);
  });

  it('takes --version over the file names and does not activate unless asked', async () => {
    const text = await run('taxonomy', 'import', writeEscoFixture({}, '1.2.0'), '--version', '1.3.0');
    expect(text).toContain('Imported ESCO 1.3.0');
    expect(text).toContain('not active (run: corridor taxonomy activate 1.3.0)');
  });

  it('refuses an existing version without --replace, accepts it with --replace', async () => {
    await expect(run('taxonomy', 'import', writeEscoFixture({}, '1.2.0'))).rejects.toThrow(
      'taxonomy version 1.2.0 is already imported; pass --replace to import it again',
    );
    expect(await run('taxonomy', 'import', writeEscoFixture({}, '1.2.0'), '--replace')).toContain(
      'Replaced ESCO 1.2.0',
    );
  });

  it('lists versions with the active one marked, and switches the active version', async () => {
    let text = await run('taxonomy', 'versions');
    expect(text).toMatch(/^\* 1\.2\.0 /m);
    expect(text).toMatch(/^ {2}1\.3\.0 /m);
    await run('taxonomy', 'activate', '1.3.0');
    // Run as a command: audited and in the change log, like the platform admin's route.
    const entries = await sql<{ n: number }>`select count(*)::int as n from change_log
      where entity = 'taxonomy_version' and entity_id = '1.3.0'`.execute(store.db);
    expect(entries.rows[0]!.n).toBe(1);
    const audit = await sql<{ n: number }>`select count(*)::int as n from audit_log
      where entity = 'taxonomy_version' and entity_id = '1.3.0'`.execute(store.db);
    expect(audit.rows[0]!.n).toBe(1);
    text = await run('taxonomy', 'versions', '--json');
    const versions = JSON.parse(text) as { version: string; active: boolean }[];
    expect(versions.filter((v) => v.active).map((v) => v.version)).toEqual(['1.3.0']);
    await expect(run('taxonomy', 'activate', '9.0')).rejects.toThrow(/taxonomy version 9\.0 is not imported/);
  });

  it('rejects a bad file with file:line: reason and leaves the store as it was', async () => {
    const bad = writeEscoFixture(
      {
        'skills_en.csv':
          'conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels\nX,not-a-uri,knowledge,,a,\n',
      },
      '1.4.0',
    );
    await expect(run('taxonomy', 'import', bad)).rejects.toThrow(
      /skills_en\.csv:2: bad URI in conceptUri: "not-a-uri"/,
    );
    const versions = JSON.parse(await run('taxonomy', 'versions', '--json')) as { version: string }[];
    expect(versions.map((v) => v.version).sort()).toEqual(['1.2.0', '1.3.0']);
  });
});
