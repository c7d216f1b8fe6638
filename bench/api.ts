// `npm run bench:api`: requests/s and latency (p50/p95/p99) of profile reads and writes through the real server
// (`corridor serve` as a child process) under 50 concurrent clients (autocannon), on the embedded PGlite store and
// on PostgreSQL. Options: --duration <s> (default 15), --connections <n> (default 50), --only pglite|postgres,
// --write (replace the "## API" section of docs/BENCHMARKS.md with the results).
import { cpus, loadavg, totalmem } from 'node:os';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
// @ts-expect-error autocannon ships no types
import autocannon from 'autocannon';
import { sampleProfile } from '../src/profiles/testing.js';
import { prepareTarget, signIn, startServer } from '../test/crash/server-process.js';

interface Args {
  duration: number;
  connections: number;
  only?: 'pglite' | 'postgres';
  write: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { duration: 15, connections: 50, write: false };
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
    else throw new Error(`unknown option ${a}`);
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
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function run(
  store: string,
  scenario: string,
  opts: Record<string, unknown>,
  duration: number,
  connections: number,
): Promise<Figures> {
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
  latencies.sort((a, b) => a - b);
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
  };
}

async function benchStore(kind: 'pglite' | 'postgres', args: Args): Promise<Figures[]> {
  const target = await prepareTarget(kind);
  const server = await startServer(target.env);
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
    await run(kind, 'warm-up', read, 3, args.connections);
    figures.push(await run(kind, 'read GET /profiles/:id', read, args.duration, args.connections));
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
    figures.push(await run(kind, 'write POST /profiles', write, args.duration, args.connections));
    return figures;
  } finally {
    await server.stop();
    await target.cleanup();
  }
}

function table(figures: Figures[]): string {
  const rows = figures.map(
    (f) =>
      `| ${f.store} | ${f.scenario} | ${f.rps.toFixed(0)} | ${f.p50.toFixed(0)} | ${f.p95.toFixed(0)} | ${f.p99.toFixed(0)} | ${f.requests} | ${f.non2xx + f.errors} |`,
  );
  return [
    '| store | scenario | requests/s | p50 ms | p95 ms | p99 ms | requests | non-2xx + errors |',
    '|---|---|---:|---:|---:|---:|---:|---:|',
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
    `Command: \`npm run bench:api -- --duration ${args.duration} --connections ${args.connections}${args.only ? ` --only ${args.only}` : ''}\``,
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
    'uses a pool of 10.';
  writeFileSync(file, `${text.slice(0, start)}## API\n\n${intro}\n\n${report}\n\n${text.slice(end)}`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:api: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
