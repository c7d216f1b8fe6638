import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, testStoreKind } from '../../db/testing.js';
import type { Store } from '../../db/database.js';
import { readEscoSnapshot } from '../esco/reader.js';
import { FIXTURE, writeEscoFixture } from '../esco/fixture.js';
import type { EscoSnapshot } from '../model.js';
import { importEscoSnapshot } from './import.js';
import { loadEscoSnapshot } from './load.js';
import { activateVersion, activeVersion, listVersions } from './versions.js';
import { ensureTaxonomyLoaded } from './first-start.js';
import { silentProgress } from './progress.js';

const fixture = (version: string): EscoSnapshot => readEscoSnapshot([writeEscoFixture({}, version)]).snapshot;

async function rowCount(store: Store, table: string, version: string): Promise<number> {
  const r = await sql<{
    n: number;
  }>`select count(*)::int as n from ${sql.table(table)} where version = ${version}`.execute(store.db);
  return r.rows[0]!.n;
}

const TABLES = [
  'taxonomy_occupation',
  'taxonomy_skill',
  'taxonomy_isco_group',
  'taxonomy_label',
  'taxonomy_occupation_skill',
  'taxonomy_skill_skill',
];

describe(`taxonomy store (${testStoreKind()})`, () => {
  let store: Store;
  beforeAll(async () => {
    store = await createTestStore();
  }, 120_000); // PGlite start-up is slow when the 2 cores are busy
  afterAll(async () => store?.close());

  it('imports a snapshot and loads back the same snapshot', async () => {
    const snapshot = fixture('1.0.0');
    const stages = new Set<string>();
    const result = await importEscoSnapshot(store.db, snapshot, { onProgress: (stage) => stages.add(stage) });
    expect(result).toMatchObject({ version: '1.0.0', activated: true, occupations: 2, skills: 4, relations: 5 });
    expect(stages).toContain('occupation–skill relations');

    const back = await loadEscoSnapshot(store.db);
    expect(back.version).toBe('1.0.0');
    expect([...back.languages].sort()).toEqual([...snapshot.languages].sort());
    expect(back.occupations).toEqual(snapshot.occupations);
    expect(back.skills).toEqual(snapshot.skills);
    expect(back.iscoGroups).toEqual(snapshot.iscoGroups);
    expect(back.skillGroups).toEqual(snapshot.skillGroups);
    const key = (r: object) => JSON.stringify(r);
    expect(back.occupationSkills.map(key).sort()).toEqual(snapshot.occupationSkills.map(key).sort());
    expect(back.skillSkills).toEqual(snapshot.skillSkills);
    // Spot-check what the snapshot carries.
    expect(back.occupations.get(FIXTURE.welder)?.labels.es?.preferred).toBe('soldador/soldadora');
    expect(back.skills.get(FIXTURE.teamwork)?.collections).toEqual(['transversal']);
  });

  it('lists versions with their counts and the active one', async () => {
    const versions = await listVersions(store.db);
    expect(versions).toEqual([
      expect.objectContaining({ version: '1.0.0', status: 'ready', active: true, occupations: 2, skills: 4 }),
    ]);
  });

  it('refuses to import a version that exists unless asked to replace it', async () => {
    await expect(importEscoSnapshot(store.db, fixture('1.0.0'))).rejects.toMatchObject({
      kind: 'conflict',
      message: expect.stringContaining('--replace'),
    });
    const replaced = await importEscoSnapshot(store.db, fixture('1.0.0'), { replace: true });
    expect(replaced).toMatchObject({ replaced: true, activated: true });
    expect(await rowCount(store, 'taxonomy_occupation', '1.0.0')).toBe(2);
  });

  it('keeps versions side by side; activating a newer one leaves the older one loadable', async () => {
    const newer = fixture('2.0.0');
    newer.occupations.delete(FIXTURE.nurse);
    newer.occupationSkills = newer.occupationSkills.filter((r) => r.occupationUri !== FIXTURE.nurse);
    const r = await importEscoSnapshot(store.db, newer);
    expect(r.activated).toBe(false); // an active version exists and activation was not asked for
    expect(await activeVersion(store.db)).toBe('1.0.0');

    await activateVersion(store.db, '2.0.0');
    expect(await activeVersion(store.db)).toBe('2.0.0');
    expect((await loadEscoSnapshot(store.db)).occupations.has(FIXTURE.nurse)).toBe(false);
    // A profile coded under 1.0.0 still resolves its occupation.
    expect((await loadEscoSnapshot(store.db, '1.0.0')).occupations.has(FIXTURE.nurse)).toBe(true);
    await expect(activateVersion(store.db, '7.7.7')).rejects.toMatchObject({ kind: 'not_found' });
    await activateVersion(store.db, '1.0.0');
  });

  it('leaves no partial version and the earlier ones intact when the database rejects a row', async () => {
    const broken = fixture('3.0.0');
    // Passes the reader's types but violates the relation check constraint, late in the import.
    broken.skillSkills.push({ fromUri: FIXTURE.care, toUri: FIXTURE.weld, relation: 'bogus' as 'optional' });
    await expect(importEscoSnapshot(store.db, broken, { activate: true })).rejects.toThrow();
    for (const table of TABLES) expect(await rowCount(store, table, '3.0.0')).toBe(0);
    expect((await listVersions(store.db)).map((v) => v.version).sort()).toEqual(['1.0.0', '2.0.0']);
    expect(await activeVersion(store.db)).toBe('1.0.0');
    expect((await loadEscoSnapshot(store.db)).occupations.size).toBe(2);
  });

  it('lets one of two simultaneous imports of a version win and refuses the other cleanly', async () => {
    const results = await Promise.allSettled([
      importEscoSnapshot(store.db, fixture('7.0.0')),
      importEscoSnapshot(store.db, fixture('7.0.0')),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused?.reason).toMatchObject({ kind: 'conflict' });
    expect(await rowCount(store, 'taxonomy_occupation', '7.0.0')).toBe(2);
    expect(await activeVersion(store.db)).toBe('1.0.0');
  });

  it('refuses a version name that is not a plain identifier', async () => {
    const odd = { ...fixture('4.0.0'), version: "1'; drop table x" };
    await expect(importEscoSnapshot(store.db, odd)).rejects.toMatchObject({ kind: 'invalid' });
  });

  it('seeds ISCED 0–8, CEFR A1–C2 and EQF 1–8 with names in en/es/fr/ar', async () => {
    const levels = await store.db
      .selectFrom('reference_level')
      .select(['scheme', 'code', 'band'])
      .orderBy('scheme')
      .orderBy('ordinal')
      .execute();
    const codes = (scheme: string) => levels.filter((l) => l.scheme === scheme).map((l) => l.code);
    expect(codes('isced')).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8']);
    expect(codes('cefr')).toEqual(['A1', 'A2', 'B1', 'B2', 'C1', 'C2']);
    expect(codes('eqf')).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(levels.filter((l) => l.scheme === 'isced').map((l) => l.band)).toEqual([
      null,
      'low',
      'low',
      'medium',
      'medium',
      'high',
      'high',
      'high',
      'high',
    ]);
    const names = await store.db.selectFrom('reference_level_name').select(['lang']).execute();
    expect(names.length).toBe(levels.length * 4);
  });

  it('imports a release listing one URI as a skill and as a skill group, keeping the skill’s labels', async () => {
    const snapshot = fixture('6.0.0');
    const weld = snapshot.skills.get(FIXTURE.weld)!;
    snapshot.skillGroups.set(FIXTURE.weld, {
      uri: FIXTURE.weld,
      code: 'S9',
      labels: { en: { preferred: 'welding (group)', alt: [], hidden: [] } },
      broader: [FIXTURE.metal],
    });
    weld.broader = [FIXTURE.metal];
    await importEscoSnapshot(store.db, snapshot);
    const back = await loadEscoSnapshot(store.db, '6.0.0');
    expect(back.skills.get(FIXTURE.weld)?.labels.en?.preferred).toBe('use welding equipment');
    expect(back.skillGroups.has(FIXTURE.weld)).toBe(true);
  });
});

describe(`first start (${testStoreKind()})`, () => {
  let store: Store;
  beforeAll(async () => {
    store = await createTestStore();
  }, 120_000); // PGlite start-up is slow when the 2 cores are busy
  afterAll(async () => store?.close());

  it('imports the taxonomy when none is ready, and reuses it afterwards', async () => {
    const sources = [writeEscoFixture({}, '5.5.5')];
    const lines: string[] = [];
    const progress = { update: (phase: string, stage: string) => lines.push(`${phase}:${stage}`), stop: () => {} };
    const first = await ensureTaxonomyLoaded(store, { sources, progress });
    expect(first).toMatchObject({ version: '5.5.5', imported: true });
    expect(first.snapshot?.occupations.size).toBe(2);
    expect(lines.some((l) => l.startsWith('reading ESCO'))).toBe(true);
    expect(lines.some((l) => l.startsWith('writing taxonomy'))).toBe(true);
    const second = await ensureTaxonomyLoaded(store, { sources, progress: silentProgress() });
    expect(second).toMatchObject({ version: '5.5.5', imported: false });
    expect((await listVersions(store.db)).length).toBe(1);
  });
});
