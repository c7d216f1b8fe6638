// First-start import benchmark: a fresh embedded store (PGlite in a temporary data folder, as on a first
// `corridor serve`) imports the shipped ESCO, then a second start reuses it. With DATABASE_URL set, the same on
// PostgreSQL (the taxonomy tables of that database are emptied first — never point it at a real database).
// Run: npm run bench:import
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openStore, type Store } from '../src/db/database.js';
import { migrateToLatest } from '../src/migrations.js';
import { ensureTaxonomyLoaded } from '../src/taxonomy/store/first-start.js';
import { loadEscoSnapshot } from '../src/taxonomy/store/load.js';
import { terminalProgress } from '../src/taxonomy/store/progress.js';
import { buildTaxonomyService } from '../src/taxonomy/service.js';

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
function timed<T>(fn: () => Promise<T>): Promise<{ value: T; wall: number; cpu: number }>;
async function timed<T>(fn: () => Promise<T> | T) {
  const w = performance.now();
  const c = cpuMs();
  const value = await fn();
  return { value, wall: performance.now() - w, cpu: cpuMs() - c };
}
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
function check(ok: boolean, what: string): void {
  if (!ok) {
    console.error(`FAILED: ${what}`);
    process.exit(1);
  }
}

const pgUrl = process.env.DATABASE_URL;
const dir = pgUrl ? null : mkdtempSync(join(tmpdir(), 'corridor-bench-'));
const open = async (): Promise<Store> => {
  const store = await openStore(pgUrl ? { databaseUrl: pgUrl } : { dataDir: dir! });
  await migrateToLatest(store.db);
  return store;
};

console.log(
  `machine: ${(await import('node:os')).cpus().length} CPU, load average ${(await import('node:os'))
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
console.log(`store: ${pgUrl ? 'PostgreSQL' : `PGlite in ${dir}`}`);

const total = performance.now();
const opened = await timed(open);
let store = opened.value;
if (pgUrl) {
  for (const t of [
    'taxonomy_occupation',
    'taxonomy_skill',
    'taxonomy_isco_group',
    'taxonomy_skill_group',
    'taxonomy_label',
    'taxonomy_occupation_skill',
    'taxonomy_skill_skill',
    'taxonomy_broader',
    'taxonomy_version',
  ]) {
    await sql`delete from ${sql.table(t)}`.execute(store.db);
  }
}
const first = await timed(() => ensureTaxonomyLoaded(store, { progress: terminalProgress() }));
const firstStart = performance.now() - total;
check(first.value.imported, 'first start imports');
await store.close();

const again = await timed(async () => {
  const st = await open();
  const r = await ensureTaxonomyLoaded(st);
  return { st, r };
});
store = again.value.st;
check(!again.value.r.imported && again.value.r.version === first.value.version, 'second start reuses the version');

const loaded = await timed(() => loadEscoSnapshot(store.db));
const snap = loaded.value;
check(snap.occupations.size === 3007, `3,007 occupations (got ${snap.occupations.size})`);
check(snap.skills.size === 13896, `13,896 skills (got ${snap.skills.size})`);
const relations = snap.occupationSkills.length + snap.skillSkills.length;
check(relations > 120_000, `~124k relations (got ${relations})`);
check(
  ['en', 'es', 'fr'].every((l) => snap.languages.includes(l)),
  'labels in en, es, fr',
);

const service = buildTaxonomyService(snap);
const search = await timed(async () => service.search('welder'));
const classify = await timed(async () => service.classifyOccupation({ title: 'welder' }));
const extract = await timed(async () => service.extractSkills('I weld steel pipes and read technical drawings.'));
check(classify.value[0]?.isco === '7212', 'the loaded taxonomy codes "welder" to ISCO 7212');
await store.close();
if (dir) rmSync(dir, { recursive: true, force: true });

console.log(`
first start (open + migrate + read CSV + import, one transaction): ${s(firstStart)}
  open + migrate:        ${s(opened.wall)} (CPU ${s(opened.cpu)})
  read CSV + import:     ${s(first.wall)} (CPU ${s(first.cpu)}), ${(first.value.ms / 1000).toFixed(1)} s inside ensureTaxonomyLoaded
second start (open + migrate + check): ${s(again.wall)}
load snapshot from the store: ${s(loaded.wall)} (CPU ${s(loaded.cpu)}) — ${snap.occupations.size} occupations, ${snap.skills.size} skills, ${relations} relations, languages ${snap.languages.join(',')}
first search (builds the index):     ${s(search.wall)}
first classify (builds the coder):   ${s(classify.wall)}
first extract (builds the extractor): ${s(extract.wall)}
`);
