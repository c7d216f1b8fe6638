// Labour-market benchmark: a synthetic population written by `corridor generate --bulk` (generateBulk: one
// transaction, one reset change entry) into a fresh PostgreSQL database and a fresh PGlite folder, then
//   - the full rebuild of the statistics model from the tables (time, memory),
//   - the dashboard's queries, each first cold (a scan of the model) and then warm (kept current incrementally
//     while writes arrive), with wall and CPU time,
//   - a write (a profile and its consent, through the commands) until it is in the figures: in this process, and in
//     a second engine on the same database that learns of it only by polling, as another server instance would.
// Usage:
//   npm run bench:labour-market -- [--profiles N] [--vacancies M] [--store pglite|postgres|both] [--seed S]
//                                  [--pg-url URL] [--keep] [--reuse NAME|DIR]
// --keep leaves the database (or PGlite folder) in place and prints where, for EXPLAIN ANALYZE afterwards.
// --reuse measures a kept database (PostgreSQL: its name; PGlite: its folder) again without generating: the rebuild,
// the questions and the write step (which adds a few profiles); it is kept afterwards. One store per run.
// Ends with one line per store:
//   labour-market store=… profiles=N vacancies=M rebuild_s=… cold_p95_ms=… warm_p95_ms=… visible_other_instance_ms=…
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { openRuntime } from '../src/cli/runtime.js';
import type { Store } from '../src/db/database.js';
import { recordConsent } from '../src/identity/commands.js';
import { createOrganisation, createUser } from '../src/identity/directory.js';
import { instanceCipher } from '../src/kernel/person-keys.js';
import { LabourMarketEngine } from '../src/labour-market/engine.js';
import { disclosurePolicy } from '../src/labour-market/disclosure.js';
import { shortages, skillGaps, table, timeToFill, type Scope, type TableQuery } from '../src/labour-market/figures.js';
import { corridorView } from '../src/labour-market/corridor.js';
import { generateBulk } from '../src/matching/generate-bulk.js';
import { createProfile } from '../src/profiles/commands.js';
import { ensureTaxonomyLoaded } from '../src/taxonomy/store/first-start.js';
import { silentProgress } from '../src/taxonomy/store/progress.js';

const { values: args } = parseArgs({
  options: {
    profiles: { type: 'string', default: '1000000' },
    vacancies: { type: 'string', default: '100000' },
    store: { type: 'string', default: 'both' },
    seed: { type: 'string', default: '42' },
    'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'string' },
  },
});
const N = Number(args.profiles);
const M = Number(args.vacancies);
const SEED = Number(args.seed);
const log = (s: string) => void process.stdout.write(`${s}\n`);
const ms = (x: number) => x.toFixed(1);
const mb = (x: number) => `${(x / 1e6).toFixed(0)} MB`;

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

/** Wall and CPU time of one call. */
function timed<T>(f: () => T): { value: T; wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = f();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { value, wall, cpu: (c.user + c.system) / 1000 };
}

/** A kept database: its bulk organisation (the one with most profiles) and its sizes, as generateBulk reports them. */
async function reused(db: Store['db']) {
  const { rows } = await sql<{ organisation_id: string; n: string }>`
    SELECT organisation_id, count(*)::text AS n FROM profile GROUP BY organisation_id ORDER BY count(*) DESC LIMIT 1`.execute(
    db,
  );
  const vacancies = await sql<{ n: string }>`SELECT count(*)::text AS n FROM vacancy`.execute(db);
  log(
    `reused: ${rows[0]?.n ?? 0} profiles in the largest organisation, ${vacancies.rows[0]?.n ?? 0} vacancies (not generated)`,
  );
  return {
    organisationId: rows[0]!.organisation_id,
    profiles: Number(rows[0]?.n ?? 0),
    consents: 0,
    vacancies: Number(vacancies.rows[0]?.n ?? 0),
  };
}

async function run(kind: 'pglite' | 'postgres'): Promise<string> {
  log(`\n## ${kind}: ${N} job seekers, ${M} vacancies (seed ${SEED})`);
  let dbName = '';
  let dataDir = '';
  const env: NodeJS.ProcessEnv = { ...process.env, CORRIDOR_SECRET_KEY: 'bench-secret-key-0123456789abcdefghijklmn' };
  if (kind === 'postgres') {
    dbName = args.reuse ?? `corridor_bench_lm_${Date.now().toString(36)}`;
    if (!args.reuse) {
      const admin = new pg.Client({ connectionString: args['pg-url'] });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${dbName}`);
      await admin.end();
    }
    const url = new URL(args['pg-url']!);
    url.pathname = `/${dbName}`;
    env.DATABASE_URL = url.toString();
  } else {
    dataDir = args.reuse ?? mkdtempSync(join(tmpdir(), 'corridor-bench-lm-'));
    env.CORRIDOR_DATA_DIR = dataDir;
    delete env.DATABASE_URL;
  }
  const open = await openRuntime(env);
  try {
    const db = open.store.db;
    let t0 = performance.now();
    await ensureTaxonomyLoaded(open.store, { progress: silentProgress() });
    const snapshot = (await open.services.get('taxonomy').current(db)).snapshot;
    log(`taxonomy: ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    t0 = performance.now();
    let last = 0;
    const written = args.reuse
      ? await reused(db)
      : await generateBulk(
          db,
          snapshot,
          {
            profiles: N,
            vacancies: M,
            seed: SEED,
            onProgress: (done, total) => {
              if (done - last >= total / 10 || done === total) {
                last = done;
                log(`  generate --bulk: ${done}/${total} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
              }
            },
          },
          open.kernel.feed,
        );
    const generateS = (performance.now() - t0) / 1000;
    if (!args.reuse)
      log(
        `generate --bulk: ${written.profiles} profiles, ${written.consents} consents, ${written.vacancies} vacancies in ${generateS.toFixed(1)} s (one transaction)`,
      );

    // Full rebuild: what a server does on first use, after a reset entry, or when its cursor fell behind.
    const engine = open.services.get('labourMarket');
    global.gc?.();
    const before = process.memoryUsage();
    const c0 = process.cpuUsage();
    t0 = performance.now();
    const ctx = await engine.figures(snapshot);
    const rebuildS = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(c0);
    global.gc?.();
    const after = process.memoryUsage();
    const model = ctx.model;
    log(
      `rebuild: ${model.people.live} counted job seekers (of ${written.profiles}), ${model.vacancies.live} vacancies in ${rebuildS.toFixed(1)} s ` +
        `(CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s); columns ${mb(model.bytes)}, heap +${mb(after.heapUsed - before.heapUsed)}, ` +
        `RSS ${mb(after.rss)} (array buffers ${mb(after.arrayBuffers)})`,
    );

    // The dashboard's questions: what the screens ask on load and on the usual clicks.
    const policy = disclosurePolicy({ k: 5 });
    const orgScope: Scope = { organisationId: written.organisationId };
    const platform: Scope = { organisationId: null };
    const tables: [TableQuery, Scope][] = [];
    for (const scope of [orgScope, platform]) {
      for (const measure of ['supply', 'demand'] as const) {
        tables.push([{ measure, rows: 'isco1' }, scope]);
        tables.push([{ measure, rows: 'isco2', filters: { isco1: '7' } }, scope]);
        tables.push([{ measure, rows: 'isco3', filters: { isco2: '51' } }, scope]);
        tables.push([{ measure, rows: 'isco4', filters: { isco3: '512' } }, scope]);
        tables.push([{ measure, rows: 'isco1', filters: { country: 'ES' } }, scope]);
        tables.push([{ measure, rows: 'isco1', filters: { region: 'ES:ES30' } }, scope]);
        tables.push([{ measure, rows: 'country' }, scope]);
        tables.push([{ measure, rows: 'region', filters: { country: 'ES' } }, scope]);
      }
      for (const cols of ['sex', 'ageGroup', 'iscedBand', 'migrationStatus', 'originCountry', 'citizenship'] as const) {
        tables.push([{ measure: 'supply', rows: 'isco1', cols }, scope]);
        tables.push([{ measure: 'supply', rows: 'isco1', cols, filters: { country: 'ES' } }, scope]);
      }
    }
    const other: [string, () => unknown][] = [
      ['shortages isco2 ES', () => shortages(ctx, 'isco2', { country: 'ES' }, platform, policy)],
      ['shortages isco4 FR', () => shortages(ctx, 'isco4', { country: 'FR' }, platform, policy)],
      ['skill gaps collections ES30', () => skillGaps(ctx, 'skillCollection', { region: 'ES:ES30' }, platform, policy)],
      ['skill gaps groups ES', () => skillGaps(ctx, 'skillGroup', { country: 'ES' }, platform, policy)],
      ['time to fill isco1', () => timeToFill(ctx, 'isco1', {}, platform, policy)],
    ];
    const run1 = (q: TableQuery, scope: Scope) => table(ctx, q, scope, policy);
    const cold = tables.map(([q, s]) => timed(() => run1(q, s)));
    const coldOther = other.map(([, f]) => timed(f));
    // Warm: the same questions again while writes arrive (each write updates the kept tables incrementally).
    const kernel = open.kernel;
    const service = await createOrganisation(db, { name: `Bench service ${Date.now()}`, type: 'ngo', country: 'ES' });
    const advisor = await createUser(db, {
      organisationId: service.id,
      email: `bench-${Date.now().toString(36)}@example.org`,
      name: 'Bench advisor',
      role: 'advisor',
    });
    const occupation = [...snapshot.occupations.values()].find((o) => o.isco === '5120')!;
    const writeOne = async (i: number) => {
      const p = await kernel.execute(
        createProfile,
        { user: advisor },
        {
          displayName: `Bench person ${i}`,
          profilingConsent: true,
          originCountry: 'MA',
          citizenships: ['MA'],
          currentCountry: 'ES',
          currentRegion: 'ES30',
          sex: i % 2 ? 'female' : 'male',
          birthYear: 1990,
          experience: [{ occupationUri: occupation.uri, country: 'MA', months: 12, formal: true }],
          seeking: true,
        },
      );
      await kernel.execute(recordConsent, { user: advisor }, { migrantId: p.id, purpose: 'anonymised_statistics' });
      return p.id;
    };
    const warm: number[] = [];
    const warmCpu: number[] = [];
    for (let round = 0; round < 5; round++) {
      await writeOne(round);
      const fresh = await engine.figures(snapshot); // applies this process's writes first
      for (const [q, s] of tables) {
        const r = timed(() => table(fresh, q, s, policy));
        warm.push(r.wall);
        warmCpu.push(r.cpu);
      }
    }
    const coldWall = [...cold, ...coldOther].map((r) => r.wall);
    const coldCpu = [...cold, ...coldOther].map((r) => r.cpu);
    log(`dashboard tables: ${tables.length} questions (+ ${other.length} shortage/skill-gap/duration figures)`);
    log(`| figure | p50 ms | p95 ms | p99 ms | max ms | CPU p95 ms |`);
    log(`|---|---|---|---|---|---|`);
    log(
      `| cold (scan) | ${ms(pct(coldWall, 50))} | ${ms(pct(coldWall, 95))} | ${ms(pct(coldWall, 99))} | ${ms(Math.max(...coldWall))} | ${ms(pct(coldCpu, 95))} |`,
    );
    log(
      `| warm, writes between rounds | ${ms(pct(warm, 50))} | ${ms(pct(warm, 95))} | ${ms(pct(warm, 99))} | ${ms(Math.max(...warm))} | ${ms(pct(warmCpu, 95))} |`,
    );
    // The slowest cold tables by name, so a p95 over budget says which question to look at.
    const describe = (q: TableQuery, s: Scope) =>
      `${q.measure} ${q.rows}${q.cols ? ` × ${q.cols}` : ''}${q.filters ? ` ${JSON.stringify(q.filters)}` : ''} (${s.organisationId ? 'org' : 'platform'})`;
    const slowest = cold
      .map((r, i) => ({ r, i }))
      .sort((a, b) => b.r.wall - a.r.wall)
      .slice(0, 3);
    for (const { r, i } of slowest)
      log(`  slowest cold: ${describe(...tables[i]!)}: ${ms(r.wall)} ms (CPU ${ms(r.cpu)})`);
    for (const [i, [name]] of other.entries())
      log(`  ${name}: ${ms(coldOther[i]!.wall)} ms (CPU ${ms(coldOther[i]!.cpu)})`);
    const corridor = timed(() =>
      corridorView(model, { origin: 'MA', destination: 'ES', officialShortages: [], training: [] }, platform, policy),
    );
    log(`  corridor MA→ES (no training offers): ${ms(corridor.wall)} ms (CPU ${ms(corridor.cpu)})`);
    // With offers: each teaches half of one occupation's essential skills (every 10th occupation), so some people
    // are one offer away and the per-person training check runs.
    const essentialOf = new Map<string, string[]>();
    for (const r of snapshot.occupationSkills)
      if (r.relation === 'essential')
        essentialOf.set(r.occupationUri, [...(essentialOf.get(r.occupationUri) ?? []), r.skillUri]);
    const training = [...essentialOf.entries()]
      .filter((_, i) => i % 10 === 0)
      .map(([uri, skills], i) => ({ id: `offer-${i}-${uri}`, skills: skills.slice(0, Math.ceil(skills.length / 2)) }));
    const corridorTrained = timed(() =>
      corridorView(model, { origin: 'MA', destination: 'ES', officialShortages: [], training }, platform, policy),
    );
    log(
      `  corridor MA→ES (${training.length} training offers): ${ms(corridorTrained.wall)} ms (CPU ${ms(corridorTrained.cpu)})`,
    );

    // A write, seen by this process at once and by another instance through its poll of the change log.
    const otherInstance = new LabourMarketEngine(
      db,
      new (await import('../src/kernel/changes.js')).ChangeFeed(),
      instanceCipher(open.config),
      { pollMs: 1000 },
    );
    await otherInstance.model(snapshot);
    const w0 = performance.now();
    const id = await writeOne(1000);
    const written1 = performance.now();
    const here = (await engine.model(snapshot)).people.has(id);
    const hereMs = performance.now() - written1;
    let otherMs = NaN;
    for (;;) {
      // The other engine is not told of the write; its follower polls every second.
      const m = await otherInstance.model(snapshot);
      if (m.people.has(id)) {
        otherMs = performance.now() - written1;
        break;
      }
      if (performance.now() - w0 > 120_000) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await otherInstance.close();
    log(
      `write → figures: commands ${ms(written1 - w0)} ms; this process ${here ? ms(hereMs) : 'NOT SEEN'} ms; other instance (1 s poll) ${ms(otherMs)} ms`,
    );
    return (
      `labour-market store=${kind} profiles=${written.profiles} vacancies=${written.vacancies} counted=${model.people.live} rebuild_s=${rebuildS.toFixed(1)} ` +
      `rss_mb=${(after.rss / 1e6).toFixed(0)} cold_p95_ms=${ms(pct(coldWall, 95))} warm_p95_ms=${ms(pct(warm, 95))} ` +
      `visible_other_instance_ms=${ms(otherMs)}`
    );
  } finally {
    await open.close();
    if (args.keep || args.reuse) log(`kept: ${dbName ? `database ${dbName}` : `PGlite folder ${dataDir}`}`);
    else if (dbName) {
      const admin = new pg.Client({ connectionString: args['pg-url'] });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.end();
    }
    if (dataDir && !args.keep && !args.reuse) rmSync(dataDir, { recursive: true, force: true });
  }
}

log(
  `# bench:labour-market — ${new Date().toISOString()}; ${cpus().length} × ${cpus()[0]?.model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ` +
    `Node ${process.version}; load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
);
const stores = args.store === 'both' ? (['postgres', 'pglite'] as const) : [args.store as 'pglite' | 'postgres'];
const lines: string[] = [];
for (const s of stores) lines.push(await run(s));
log('');
for (const l of lines) log(l);
