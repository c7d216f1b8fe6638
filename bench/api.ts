// `npm run bench:api`: requests/s and latency (p50/p95/p99) of profile reads and writes, and of the matching routes
// (an employer's candidate shortlist for a vacancy, an advisor's vacancy matches for a profile), through the real server
// (`corridor serve` as a child process) under 50 concurrent clients (autocannon), on the embedded PGlite store and
// on PostgreSQL. Options: --duration <s> (default 15), --connections <n> (default 50), --only pglite|postgres,
// --write (replace the "## API" section of docs/BENCHMARKS.md with the results), --cpu-prof <dir> (the server writes a
// V8 CPU profile there on exit), --waits (PostgreSQL: samples pg_stat_activity during each scenario and prints what
// the server's connections waited on), --scenarios read,write,candidates,matches (run only these). Each row also
// gives the server process's CPU time per request (user + system, from /proc on Linux) and, on PostgreSQL, that of
// the database's backends, which depend less on what else the machine runs than the latencies do; with --cpu-prof each scenario's window in the profile is printed
// (read it alone with `npx tsx bench/cpuprofile-top.ts <file> 40 --window <from>-<to>`).
import { cpus, loadavg, totalmem } from 'node:os';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
// @ts-expect-error autocannon ships no types
import autocannon from 'autocannon';
import { sampleProfile } from '../src/profiles/testing.js';
import { openStore } from '../src/db/database.js';
import { createOrganisation, createUser } from '../src/identity/directory.js';
import { hashPassword } from '../src/identity/auth.js';
import { FIXTURE } from '../src/taxonomy/esco/fixture.js';
import { prepareTarget, signIn, startServer } from '../test/crash/server-process.js';

const MATCH_PROFILES = 300;
const MATCH_VACANCIES = 20;

interface Args {
  duration: number;
  connections: number;
  only?: 'pglite' | 'postgres';
  write: boolean;
  cpuProf?: string;
  waits: boolean;
  scenarios: Set<string>;
}

const SCENARIOS = ['read', 'write', 'candidates', 'matches'];

function parseArgs(argv: string[]): Args {
  const args: Args = { duration: 15, connections: 50, write: false, waits: false, scenarios: new Set(SCENARIOS) };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--duration') args.duration = Number(next());
    else if (a === '--connections') args.connections = Number(next());
    else if (a === '--only') {
      const v = next();
      if (v !== 'pglite' && v !== 'postgres') throw new Error('--only pglite|postgres');
      args.only = v;
    } else if (a === '--write') args.write = true;
    else if (a === '--cpu-prof') args.cpuProf = resolve(next());
    else if (a === '--waits') args.waits = true;
    else if (a === '--scenarios') {
      const list = next().split(',');
      const unknown = list.filter((x) => !SCENARIOS.includes(x));
      if (unknown.length)
        throw new Error(`--scenarios: unknown ${unknown.join(', ')} (known: ${SCENARIOS.join(', ')})`);
      args.scenarios = new Set(list);
    } else throw new Error(`unknown option ${a}`);
  }
  if (!(args.duration > 0) || !(args.connections > 0)) throw new Error('--duration and --connections must be > 0');
  return args;
}

interface Figures {
  store: string;
  scenario: string;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** Server CPU time (user + system) per request in ms; NaN where /proc is not readable. */
  cpuMs: number;
  /** CPU time of the database's backends per request in ms (PostgreSQL; NaN on PGlite, which runs in the server). */
  dbCpuMs: number;
}

/** The server's CPU time so far (ms, user + system), from /proc/<pid>/stat; NaN off Linux. */
function serverCpuMs(pid: number | undefined): number {
  try {
    // Fields after the command name (which may hold spaces) start at state; utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}
/**
 * CPU time of the PostgreSQL backends serving the bench database (the server's pool): a function that, called at
 * the end of a scenario, answers the ms they used since this was called. Backends of other databases (other tests
 * on the same PostgreSQL) are not counted; the WAL writer and checkpointer are not either.
 */
async function databaseCpu(databaseUrl: string): Promise<() => Promise<number>> {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const backends = async () => {
    const { rows } = await client.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
         AND backend_type = 'client backend'`,
    );
    return new Map(rows.map((r) => [r.pid, serverCpuMs(r.pid)]));
  };
  const before = await backends();
  return async () => {
    const after = await backends();
    await client.end();
    let ms = 0;
    for (const [pid, cpu] of after) if (Number.isFinite(cpu)) ms += cpu - (before.get(pid) ?? 0);
    return ms;
  };
}

/** USER_HZ: 100 on every Linux this runs on (getconf CLK_TCK). */
const CLOCK_TICKS = 100;

/** The server being measured: its pid (CPU time) and when it started (windows in its CPU profile). */
interface Measured {
  pid: number | undefined;
  startedAt: number;
  profiling: boolean;
  /** PostgreSQL: the bench database, whose backends' CPU time is counted. */
  databaseUrl?: string;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * Samples, every 20 ms, what the server's PostgreSQL connections are doing (active, waiting on a lock, idle in a
 * transaction…) until stopped; returns the counts, most frequent first. Shows lock queues that a CPU profile of the
 * server cannot.
 */
async function sampleWaits(databaseUrl: string): Promise<() => Promise<string>> {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const counts = new Map<string, number>();
  let samples = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const { rows } = await client.query<{ what: string }>(
        `SELECT state || coalesce(' / ' || wait_event_type || ':' || wait_event, '') ||
                coalesce(' — ' || left(regexp_replace(query, '[[:space:]]+', ' ', 'g'), 70), '') AS what
         FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'
           AND state <> 'idle'`,
      );
      samples++;
      for (const r of rows) counts.set(r.what, (counts.get(r.what) ?? 0) + 1);
      await new Promise((ok) => setTimeout(ok, 20));
    }
  })();
  return async () => {
    stopped = true;
    await loop;
    await client.end();
    return [...counts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 12)
      .map(([what, n]) => `  ${(n / samples).toFixed(2).padStart(6)} conns  ${what}`)
      .join('\n');
  };
}

async function run(
  store: string,
  scenario: string,
  opts: Record<string, unknown>,
  duration: number,
  connections: number,
  server: Measured,
  waitsOf?: string,
): Promise<Figures> {
  const stopSampling = waitsOf ? await sampleWaits(waitsOf) : null;
  const dbCpu = server.databaseUrl ? await databaseCpu(server.databaseUrl) : null;
  const cpuBefore = serverCpuMs(server.pid);
  const from = (performance.now() - server.startedAt) / 1000;
  const latencies: number[] = [];
  let non2xx = 0;
  const result = await new Promise<{ errors: number; timeouts: number }>((ok, fail) => {
    const instance = autocannon({ ...opts, connections, duration, timeout: 30 }, (err: Error | null, res: never) =>
      err ? fail(err) : ok(res),
    );
    instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
      latencies.push(ms);
      if (status < 200 || status >= 300) non2xx++;
    });
  });
  const cpu = serverCpuMs(server.pid) - cpuBefore;
  const db = dbCpu ? await dbCpu() : NaN;
  const to = (performance.now() - server.startedAt) / 1000;
  latencies.sort((a, b) => a - b);
  if (server.profiling && scenario !== 'warm-up')
    process.stderr.write(`bench:api ${store} ${scenario}: CPU profile window ${from.toFixed(1)}-${to.toFixed(1)} s\n`);
  if (stopSampling)
    process.stderr.write(
      `bench:api ${store} ${scenario}: busy connections (mean per sample)\n${await stopSampling()}\n`,
    );
  return {
    store,
    scenario,
    requests: latencies.length,
    rps: latencies.length / duration,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    non2xx,
    errors: result.errors + result.timeouts,
    cpuMs: cpu / latencies.length,
    dbCpuMs: db / latencies.length,
  };
}

/** An employer organisation and user who can sign in, written to the store before the server starts (PGlite is
 * single-process). */
async function addEmployer(env: Record<string, string>): Promise<{ email: string; password: string }> {
  const store = await openStore(
    env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir: env.CORRIDOR_DATA_DIR! },
  );
  const email = `employer.${Date.now().toString(36)}@bench.example.org`;
  const password = 'bench-employer-password-1';
  try {
    const org = await createOrganisation(store.db, { name: 'Bench Metal Works SL', type: 'employer' });
    const user = await createUser(store.db, {
      organisationId: org.id,
      role: 'employer',
      name: 'Bench employer',
      email,
    });
    await store.db
      .updateTable('app_user')
      .set({ password_hash: await hashPassword(password) })
      .where('id', '=', user.id)
      .execute();
  } finally {
    await store.close();
  }
  return { email, password };
}

// Job seekers and vacancies on the small ESCO fixture, shaped like src/matching/routes.db.test.ts: welders and nurse
// assistants in ES51 with a Spanish general work permit (accepted by the es-work-general rule).
const WELDER = { occupation: FIXTURE.welder, skills: [FIXTURE.weld, FIXTURE.metal] };
const NURSE = { occupation: FIXTURE.nurse, skills: [FIXTURE.care, FIXTURE.teamwork] };
const seekerProfile = (i: number) => {
  const o = i % 2 ? NURSE : WELDER;
  return {
    displayName: `Bench seeker ${i}`,
    profilingConsent: true,
    originCountry: 'MA',
    currentCountry: 'ES',
    currentRegion: 'ES51',
    sex: i % 3 ? 'male' : 'female',
    birthYear: 1970 + (i % 30),
    languages: [{ lang: 'es', speaking: i % 4 ? 'B2' : 'A2', listening: 'B2' }],
    education: [{ iscedLevel: 2 + (i % 3), title: 'Secondary', completed: true }],
    experience: [{ occupationUri: o.occupation, country: 'FR', months: 6 + (i % 60), formal: i % 2 === 0 }],
    skills: o.skills.slice(0, 1 + (i % 2)).map((uri) => ({ uri, evidence: 'assessed', source: 'assessment' })),
    workAuthorization: {
      migrationStatus: 'temporary protection',
      permits: [
        { country: 'ES', type: 'work-general', validUntil: '2030-01-01', sectors: [], documentNumber: `Y${i}Z` },
      ],
    },
    seeking: true,
  };
};
const vacancy = (i: number) => ({
  title: `Bench vacancy ${i}`,
  occupationUri: i % 2 ? FIXTURE.nurse : FIXTURE.welder,
  sector: i % 2 ? 'Q' : 'C',
  languages: [{ lang: 'es', level: 'B1' }],
  location: { country: 'ES', region: 'ES51' },
  posts: 1 + (i % 3),
  contractType: 'permanent',
  employerSponsorsPermit: false,
  employerPaysRecruitmentFees: true,
});

async function benchStore(kind: 'pglite' | 'postgres', args: Args): Promise<Figures[]> {
  const target = await prepareTarget(kind);
  const employer = await addEmployer(target.env);
  const startedAt = performance.now();
  const server = await startServer(
    target.env,
    undefined,
    args.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${args.cpuProf}`] : [],
  );
  const waits = args.waits && target.env.DATABASE_URL ? target.env.DATABASE_URL : undefined;
  const want = (s: string) => args.scenarios.has(s);
  const measured: Measured = {
    pid: server.child.pid,
    startedAt,
    profiling: !!args.cpuProf,
    databaseUrl: target.env.DATABASE_URL,
  };
  try {
    const session = await signIn(server.url, target.email, target.password);
    const headers = { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf };
    const body = (i: number) => JSON.stringify(sampleProfile({ displayName: `Bench person ${i}` }, target.codes));
    // A caseload to read from.
    const ids: string[] = [];
    for (let i = 0; i < 200; i++) {
      const res = await fetch(`${server.url}/api/v1/profiles`, { method: 'POST', headers, body: body(i) });
      if (res.status !== 201) throw new Error(`seeding failed: ${res.status} ${await res.text()}`);
      ids.push(((await res.json()) as { id: string }).id);
    }
    const figures: Figures[] = [];
    let n = 0;
    const read = {
      url: server.url,
      requests: [
        {
          method: 'GET',
          headers: { cookie: session.cookie },
          setupRequest: (req: { path: string }) => ({ ...req, path: `/api/v1/profiles/${ids[n++ % ids.length]}` }),
        },
      ],
    };
    // Warm-up (JIT, connection pool, caches), not recorded.
    if (want('read') || want('write')) await run(kind, 'warm-up', read, 3, args.connections, measured);
    if (want('read'))
      figures.push(await run(kind, 'read GET /profiles/:id', read, args.duration, args.connections, measured, waits));
    let w = 1000;
    const write = {
      url: server.url,
      requests: [
        {
          method: 'POST',
          path: '/api/v1/profiles',
          headers,
          setupRequest: (req: object) => ({ ...req, body: body(w++) }),
        },
      ],
    };
    if (want('write'))
      figures.push(await run(kind, 'write POST /profiles', write, args.duration, args.connections, measured, waits));

    // Matching: consenting job seekers (of the advisor's organisation) and the employer's vacancies.
    const post = async (path: string, hdrs: Record<string, string>, payload: unknown) => {
      const res = await fetch(`${server.url}/api/v1${path}`, {
        method: 'POST',
        headers: hdrs,
        body: JSON.stringify(payload),
      });
      if (res.status !== 201) throw new Error(`seeding ${path} failed: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { id: string }).id;
    };
    const seekers: string[] = [];
    for (let i = 0; i < MATCH_PROFILES; i++) {
      const id = await post('/profiles', headers, seekerProfile(i));
      await post(`/migrants/${id}/consents`, headers, { purpose: 'matching_with_employers' });
      seekers.push(id);
    }
    const es = await signIn(server.url, employer.email, employer.password);
    const eHeaders = { 'content-type': 'application/json', cookie: es.cookie, 'x-csrf-token': es.csrf };
    const vacancies: string[] = [];
    for (let i = 0; i < MATCH_VACANCIES; i++) vacancies.push(await post('/vacancies', eHeaders, vacancy(i)));
    let c = 0;
    const candidates = {
      url: server.url,
      requests: [
        {
          method: 'GET',
          headers: { cookie: es.cookie },
          setupRequest: (req: { path: string }) => ({
            ...req,
            path: `/api/v1/vacancies/${vacancies[c++ % vacancies.length]}/candidates?lang=en`,
          }),
        },
      ],
    };
    // Sanity check: a full page of explained candidates (the first request also builds the matching index).
    const probe = await fetch(`${server.url}/api/v1/vacancies/${vacancies[0]}/candidates?lang=en`, {
      headers: { cookie: es.cookie },
    });
    const probed = (await probe.json()) as { items?: { explanation?: unknown }[] };
    if (probe.status !== 200 || !probed.items?.length || !probed.items[0]!.explanation)
      throw new Error(`candidates probe: ${probe.status} ${JSON.stringify(probed).slice(0, 300)}`);
    if (want('candidates')) await run(kind, 'warm-up', candidates, 3, args.connections, measured);
    if (want('candidates'))
      figures.push(
        await run(
          kind,
          'GET /vacancies/:id/candidates (employer)',
          candidates,
          args.duration,
          args.connections,
          measured,
          waits,
        ),
      );
    let m = 0;
    const matches = {
      url: server.url,
      requests: [
        {
          method: 'GET',
          headers: { cookie: session.cookie },
          setupRequest: (req: { path: string }) => ({
            ...req,
            path: `/api/v1/profiles/${seekers[m++ % seekers.length]}/matches?lang=en`,
          }),
        },
      ],
    };
    const probe2 = await fetch(`${server.url}/api/v1/profiles/${seekers[0]}/matches?lang=en`, {
      headers: { cookie: session.cookie },
    });
    const probed2 = (await probe2.json()) as { items?: { explanation?: unknown }[] };
    if (probe2.status !== 200 || !probed2.items?.length || !probed2.items[0]!.explanation)
      throw new Error(`matches probe: ${probe2.status} ${JSON.stringify(probed2).slice(0, 300)}`);
    if (want('matches')) await run(kind, 'warm-up', matches, 3, args.connections, measured);
    if (want('matches'))
      figures.push(
        await run(
          kind,
          'GET /profiles/:id/matches (advisor)',
          matches,
          args.duration,
          args.connections,
          measured,
          waits,
        ),
      );
    process.stderr.write(
      `bench:api ${kind}: candidates page ${probed.items.length} items, matches page ${probed2.items.length} items\n`,
    );
    return figures;
  } finally {
    await server.stop();
    await target.cleanup();
  }
}

function table(figures: Figures[]): string {
  const rows = figures.map(
    (f) =>
      `| ${f.store} | ${f.scenario} | ${f.rps.toFixed(0)} | ${f.p50.toFixed(0)} | ${f.p95.toFixed(0)} | ${f.p99.toFixed(0)} | ${f.cpuMs.toFixed(2)} | ${Number.isNaN(f.dbCpuMs) ? '–' : f.dbCpuMs.toFixed(2)} | ${f.requests} | ${f.non2xx + f.errors} |`,
  );
  return [
    '| store | scenario | requests/s | p50 ms | p95 ms | p99 ms | server CPU ms/req | PostgreSQL CPU ms/req | requests | non-2xx + errors |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const kinds = (['pglite', 'postgres'] as const).filter((k) => !args.only || args.only === k);
  const figures: Figures[] = [];
  const load = loadavg()[0]!.toFixed(1);
  for (const kind of kinds) {
    process.stderr.write(`bench:api ${kind}…\n`);
    figures.push(...(await benchStore(kind, args)));
  }
  const cpu = cpus();
  const machine = `${cpu.length} × ${cpu[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, load average ${load} at start`;
  const report = [
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine}.`,
    `Command: \`npm run bench:api -- --duration ${args.duration} --connections ${args.connections}${args.only ? ` --only ${args.only}` : ''}${args.scenarios.size < SCENARIOS.length ? ` --scenarios ${[...args.scenarios].join(',')}` : ''}\``,
    '',
    table(figures),
  ].join('\n');
  process.stdout.write(report + '\n');
  if (args.write) writeSection(report);
}

/** Replaces the body of the "## API" section of docs/BENCHMARKS.md. */
function writeSection(report: string): void {
  const file = resolve(import.meta.dirname, '../docs/BENCHMARKS.md');
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf('## API\n');
  if (start < 0) throw new Error('docs/BENCHMARKS.md has no "## API" section');
  const after = text.indexOf('\n## ', start + 7);
  const end = after < 0 ? text.length : after + 1;
  const intro =
    'Profile reads and writes through the real server (`corridor serve` as a child process on a fresh store with the ' +
    'small ESCO test fixture) under 50 concurrent autocannon clients; 200 profiles seeded; 3 s warm-up not recorded; ' +
    'latency per request as autocannon sees it. A read is session lookup + one profile row (access rule and handler ' +
    'share it) + JSON. A write is session + CSRF check, schema validation, active-taxonomy lookup and ESCO ' +
    'existence checks (2 queries), AES-GCM encryption of the sensitive fields, the insert and its audit row in one ' +
    'transaction. PGlite is one embedded connection in the server process, so requests queue on it; PostgreSQL ' +
    'uses a pool of 10. The matching rows run after the write scenario on 300 more consenting job seekers and 20 ' +
    'employer vacancies: top 20 candidates of a vacancy for its employer (explanations, one audit row per candidate) ' +
    'and top 10 vacancy matches of a profile for its advisor, both `?lang=en`.';
  writeFileSync(file, `${text.slice(0, start)}## API\n\n${intro}\n\n${report}\n\n${text.slice(end)}`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:api: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
