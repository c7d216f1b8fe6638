// Matching benchmark: in-memory index vs a straightforward PostgreSQL implementation, on a synthetic
// population drawn from the shipped ESCO. Usage:
//   npm run bench:matching -- [--profiles N] [--vacancies M] [--queries Q] [--pg-queries P] [--sample S]
//                             [--seed X] [--no-pg] [--pg-url URL]
// Ends with exactly one line:
//   matching profiles=N vacancies=M p95_ms=X pg_p95_ms=Y speedup=Z identical_top50=true|false
import { closeSync, createReadStream, openSync, rmSync, writeSync, mkdtempSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { readEscoSnapshot, shippedEscoSources } from '../src/taxonomy/esco/reader.js';
import { PopulationGenerator } from '../src/matching/generate.js';
import { MatchIndex } from '../src/matching/match-index.js';
import { SkillGraph } from '../src/matching/skill-graph.js';
import { EXAMPLE_RULES } from '../src/matching/rules.js';
import { DEFAULT_WEIGHTS, cefrRank, type MatchResult, type MatchVacancy } from '../src/matching/model.js';
import {
  EVIDENCE_CODE,
  compareResults,
  creditsFor,
  dayNumber,
  normaliseVacancy,
  scorePair,
  type ReferenceContext,
} from '../src/matching/scoring.js';

const ASOF = '2026-06-01';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isInteger(v) || v < 0) {
    process.stderr.write(`bench:matching: --${name} expects a non-negative integer\n`);
    process.exit(2);
  }
  return v;
}
const flag = (name: string): boolean => process.argv.includes(`--${name}`);
function strArg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : (process.argv[i + 1] ?? fallback);
}

const N = arg('profiles', 1_000_000);
const M = arg('vacancies', 100_000);
const Q = arg('queries', 500);
const PQ = arg('pg-queries', 60);
const S = arg('sample', N > 200_000 ? 6 : 20);
const SEED = arg('seed', 42);
const PG_URL = strArg('pg-url', 'postgres://postgres@127.0.0.1:5432/postgres');
const log = (s: string): void => void process.stdout.write(`${s}\n`);

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}
const ms = (x: number): string => x.toFixed(2);
const mb = (x: number): string => `${(x / 1e6).toFixed(0)} MB`;
function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Deterministic sample of `count` distinct integers below `n`. */
function sample(n: number, count: number, seed: number): number[] {
  const out = new Set<number>();
  let x = seed >>> 0 || 1;
  while (out.size < Math.min(count, n)) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out.add((x >>> 0) % n);
  }
  return [...out];
}

const sameList = (a: MatchResult[], b: MatchResult[], key: 'candidateId' | 'vacancyId'): boolean =>
  a.length === b.length && a.every((r, i) => r[key] === b[i]![key] && r.score === b[i]!.score);

async function main(): Promise<void> {
  log(
    `# matching benchmark — ${new Date().toISOString()} — node ${process.version}, ${cpus().length}× ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, load ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
  let t = performance.now();
  const { snapshot } = readEscoSnapshot(shippedEscoSources());
  log(
    `esco: ${snapshot.occupations.size} occupations, ${snapshot.skills.size} skills, read in ${ms(performance.now() - t)} ms`,
  );
  const gen = new PopulationGenerator(snapshot, { seed: SEED, asOf: ASOF });
  const graph = SkillGraph.fromSnapshot(snapshot);
  const index = new MatchIndex({ graph, rules: EXAMPLE_RULES });

  gc();
  const before = process.memoryUsage();
  t = performance.now();
  let genMs = 0;
  for (let i = 0; i < N; i++) {
    const g0 = performance.now();
    const c = gen.profile(i).candidate;
    genMs += performance.now() - g0;
    index.upsertCandidate(c);
  }
  for (let j = 0; j < M; j++) {
    const g0 = performance.now();
    const v = gen.vacancy(j);
    genMs += performance.now() - g0;
    index.upsertVacancy(v);
  }
  const buildMs = performance.now() - t - genMs;
  // Group people by partition (what a rebuild from the database does too): queries then stay cache-local.
  t = performance.now();
  index.compact();
  const compactMs = performance.now() - t;
  gc();
  const after = process.memoryUsage();
  const st = index.stats();
  log(
    `index: ${st.candidates} profiles, ${st.vacancies} vacancies, ${st.candidatePostings} profile-skill and ${st.vacancyPostings} vacancy-skill postings`,
  );
  log(
    `index build: ${ms(buildMs / 1000)} s incremental upserts (excluding ${ms(genMs / 1000)} s generating records) + ${ms(compactMs / 1000)} s compaction by partition`,
  );
  log(
    `index memory: heap +${mb(after.heapUsed - before.heapUsed)}, array buffers +${mb(after.arrayBuffers - before.arrayBuffers)}, rss ${mb(after.rss)}`,
  );

  // Latency: top-50 candidates per vacancy (with explanations, as the API returns them) and without.
  const vSample = sample(M, Q, SEED + 1).map((j) => `v${j}`);
  const pSample = sample(N, Q, SEED + 2).map((i) => `p${i}`);
  for (const id of vSample.slice(0, 20)) index.topCandidates(id, { k: 50, asOf: ASOF }); // warm-up
  // Wall-clock latency, and the process CPU time of the same call (a guide when the machine is shared).
  const time = (ids: string[], g: (id: string) => unknown): { wall: number[]; cpu: number[] } => {
    const wall: number[] = [];
    const cpu: number[] = [];
    for (const id of ids) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      g(id);
      wall.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
    return { wall, cpu };
  };
  const line = (what: string, x: { wall: number[]; cpu: number[] }): void =>
    log(
      `${what}: p50 ${ms(pct(x.wall, 50))} ms, p95 ${ms(pct(x.wall, 95))} ms, p99 ${ms(pct(x.wall, 99))} ms (cpu p50 ${ms(pct(x.cpu, 50))}, p95 ${ms(pct(x.cpu, 95))}, p99 ${ms(pct(x.cpu, 99))})`,
    );
  const cand = time(vSample, (id) => index.topCandidates(id, { k: 50, asOf: ASOF }));
  const candBare = time(vSample, (id) => index.topCandidates(id, { k: 50, asOf: ASOF, explain: false }));
  const vac = time(pSample, (id) => index.topVacancies(id, { k: 20, asOf: ASOF }));
  const candLat = cand.wall;
  const work = { postings: 0, touched: 0, scored: 0 };
  const sizes = vSample.map((id) => {
    const n = index.topCandidates(id, { k: 50, asOf: ASOF, explain: false }).length;
    work.postings += index.lastQuery.postings;
    work.touched += index.lastQuery.touched;
    work.scored += index.lastQuery.scored;
    return n;
  });
  log(
    `work per vacancy query (mean): ${(work.postings / Q).toFixed(0)} postings read, ${(work.touched / Q).toFixed(0)} people touched, ${(work.scored / Q).toFixed(0)} fully scored`,
  );
  line(`top-50 candidates per vacancy, explained (${Q} vacancies)`, cand);
  line(`top-50 candidates per vacancy, ranking only`, candBare);
  line(`top-20 vacancies per profile, explained (${Q} profiles)`, vac);
  log(
    `result sizes: ${sizes.filter((s) => s === 50).length}/${Q} vacancies got a full 50, ${sizes.filter((s) => s === 0).length} got none`,
  );

  // Incremental writes: a clone of each vacancy's best candidate, written under a new id, must be ranked by the very
  // next query (the 1 s target is met by construction: nothing is deferred); upserts are timed.
  const upserts: number[] = [];
  let visible = 0;
  let tried = 0;
  for (const id of vSample.slice(0, 100)) {
    const [best] = index.topCandidates(id, { k: 1, asOf: ASOF, explain: false });
    if (!best) continue;
    const clone = { ...index.getCandidate(best.candidateId)!, id: `new-${id}` };
    const t0 = performance.now();
    index.upsertCandidate(clone);
    upserts.push(performance.now() - t0);
    tried++;
    if (index.topCandidates(id, { k: 2, asOf: ASOF, explain: false }).some((r) => r.candidateId === clone.id))
      visible++;
    index.removeCandidate(clone.id);
  }
  log(
    `incremental upsert: p50 ${ms(pct(upserts, 50))} ms, p95 ${ms(pct(upserts, 95))} ms; written profile ranked by the next query: ${visible}/${tried}`,
  );

  // Exactness: the engine against a brute-force scorer over the whole population for a sample.
  const ctx: ReferenceContext = {
    graph,
    rules: EXAMPLE_RULES,
    weights: DEFAULT_WEIGHTS,
    asOfDay: dayNumber(ASOF),
    credits: creditsFor(DEFAULT_WEIGHTS),
  };
  t = performance.now();
  const sv = vSample.slice(0, S).map((id) => index.getVacancy(id)!);
  const found: MatchResult[][] = sv.map(() => []);
  for (let i = 0; i < N; i++) {
    const c = gen.profile(i).candidate;
    for (let k = 0; k < sv.length; k++) {
      const r = scorePair(c, sv[k]!, ctx);
      if (r) found[k]!.push({ candidateId: r.candidateId, vacancyId: r.vacancyId, score: r.score });
    }
  }
  const byScore = (a: MatchResult, b: MatchResult): number =>
    compareResults({ score: a.score, id: a.candidateId }, { score: b.score, id: b.candidateId });
  let identical = true;
  for (let k = 0; k < sv.length; k++) {
    const brute = found[k]!.sort(byScore).slice(0, 50);
    const engine = index.topCandidates(sv[k]!.id, { k: 50, asOf: ASOF, explain: false });
    if (!sameList(engine, brute, 'candidateId')) identical = false;
  }
  const allVacancies: MatchVacancy[] = [];
  for (let j = 0; j < M; j++) allVacancies.push(gen.vacancy(j));
  for (const id of pSample.slice(0, S)) {
    const c = index.getCandidate(id)!;
    const brute = allVacancies
      .map((v) => scorePair(c, v, ctx))
      .filter((r): r is MatchResult => r !== null)
      .map((r) => ({ candidateId: r.candidateId, vacancyId: r.vacancyId, score: r.score }))
      .sort((a, b) => compareResults({ score: a.score, id: a.vacancyId }, { score: b.score, id: b.vacancyId }))
      .slice(0, 20);
    if (!sameList(index.topVacancies(id, { k: 20, asOf: ASOF, explain: false }), brute, 'vacancyId')) identical = false;
  }
  log(
    `brute-force check: ${S} vacancies (top-50) and ${S} profiles (top-20) over the whole population: ${identical ? 'identical' : 'DIFFERENT'} (${ms((performance.now() - t) / 1000)} s)`,
  );

  let pgP95 = NaN;
  if (!flag('no-pg')) {
    pgP95 = await postgresBaseline(gen, graph, index, vSample.slice(0, PQ), ctx);
  }
  const p95 = pct(candLat, 95);
  const speedup = pgP95 / p95;
  log(
    `matching profiles=${N} vacancies=${M} p95_ms=${ms(p95)} pg_p95_ms=${Number.isNaN(pgP95) ? 'NaN' : ms(pgP95)} speedup=${Number.isNaN(speedup) ? 'NaN' : speedup.toFixed(1)} identical_top50=${identical}`,
  );
}

/** Loads the same population into a throw-away PostgreSQL database and answers the same vacancy queries in SQL. */
async function postgresBaseline(
  gen: PopulationGenerator,
  graph: SkillGraph,
  index: MatchIndex,
  vacancyIds: string[],
  ctx: ReferenceContext,
): Promise<number> {
  const dbName = `corridor_bench_matching_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const url = new URL(PG_URL);
  url.pathname = `/${dbName}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  const dir = mkdtempSync(join(tmpdir(), 'corridor-bench-'));
  try {
    await client.query(`
      create table cand (id int primary key, ext text not null, org text not null, seeking bool not null,
        consent_matching bool not null, consent_share bool not null, country text not null, region text not null,
        relocate bool not null, reloc_countries text[] not null, available_day int, isced int);
      create table cand_skill (cand int not null, skill int not null, ev smallint not null);
      create table cand_exp (cand int not null, occ text not null, isco int not null);
      create table cand_lang (cand int not null, lang text not null, rank int not null);
      create table cand_permit (cand int not null, country text not null, type text not null, valid_day int, sectors text[] not null);
      create table rule (id text primary key, country text not null, permit_type text not null, sectors text[] not null, isco_prefixes text[] not null);
      create table skill_near (skill int not null, near int not null, kind smallint not null);`);
    // Write tab-separated files in one generation pass, then COPY each.
    const t0 = performance.now();
    const files = ['cand', 'cand_skill', 'cand_exp', 'cand_lang', 'cand_permit'] as const;
    const fds = Object.fromEntries(files.map((f) => [f, openSync(join(dir, `${f}.tsv`), 'w')])) as Record<
      (typeof files)[number],
      number
    >;
    const bufs: Record<string, string[]> = Object.fromEntries(files.map((f) => [f, []]));
    let pending = 0;
    const flush = (): void => {
      for (const f of files) {
        if (bufs[f]!.length) writeSync(fds[f], bufs[f]!.join(''));
        bufs[f] = [];
      }
      pending = 0;
    };
    const arr = (xs: string[]): string => `{${xs.join(',')}}`;
    const nul = (x: unknown): string => (x === null || x === undefined ? '\\N' : String(x));
    for (let i = 0; i < N; i++) {
      const c = gen.profile(i).candidate;
      bufs.cand!.push(
        `${i}\t${c.id}\t${c.organisationId}\t${c.seeking}\t${c.consent.matching}\t${c.consent.shareWithEmployers}\t${c.location.country}\t${c.location.region}\t${c.relocation.willing}\t${arr(c.relocation.countries)}\t${nul(c.availableFrom && dayNumber(c.availableFrom))}\t${nul(c.iscedLevel)}\n`,
      );
      const seen = new Map<number, number>();
      for (const s of c.skills) {
        const id = graph.id(s.uri);
        const ev = EVIDENCE_CODE[s.evidence];
        if (!seen.has(id) || ev < seen.get(id)!) seen.set(id, ev);
      }
      for (const [id, ev] of seen) bufs.cand_skill!.push(`${i}\t${id}\t${ev}\n`);
      for (const x of c.experience) bufs.cand_exp!.push(`${i}\t${x.occupationUri}\t${Number(x.isco)}\n`);
      for (const l of c.languages) bufs.cand_lang!.push(`${i}\t${l.lang}\t${cefrRank(l.level)}\n`);
      for (const p of c.permits)
        bufs.cand_permit!.push(
          `${i}\t${p.country}\t${p.type}\t${nul(p.validUntil && dayNumber(p.validUntil))}\t${arr(p.sectors)}\n`,
        );
      if (++pending === 20_000) flush();
    }
    flush();
    for (const f of files) closeSync(fds[f]);
    for (const f of files)
      await pipeline(createReadStream(join(dir, `${f}.tsv`)), client.query(copyFrom(`COPY ${f} FROM STDIN`)));
    for (const r of EXAMPLE_RULES)
      await client.query('insert into rule values ($1,$2,$3,$4,$5)', [
        r.id,
        r.country,
        r.permitType,
        r.sectors,
        r.iscoPrefixes,
      ]);
    const near: string[] = [];
    for (let s = 0; s < graph.size; s++) {
      const list = graph.nearList(s);
      for (let x = 0; x < list.length; x += 2) near.push(`${s}\t${list[x]}\t${list[x + 1]}\n`);
    }
    const nf = join(dir, 'near.tsv');
    const fd = openSync(nf, 'w');
    writeSync(fd, near.join(''));
    closeSync(fd);
    await pipeline(createReadStream(nf), client.query(copyFrom('COPY skill_near FROM STDIN')));
    const loadMs = performance.now() - t0;
    const t1 = performance.now();
    await client.query(`
      create index on cand_skill (skill, cand, ev);
      create index on cand_exp (isco, cand);
      create index on cand_exp (cand);
      create index on cand_lang (cand);
      create index on cand_permit (cand);
      create index on skill_near (skill);
      analyze;`);
    log(
      `postgres: loaded with COPY in ${ms(loadMs / 1000)} s, indexed + analyzed in ${ms((performance.now() - t1) / 1000)} s`,
    );

    const w = DEFAULT_WEIGHTS;
    const cr = ctx.credits;
    const nearCredits = cr.near.flatMap((row) => [...row]);
    const f8 = (x: number): string => `${x}::float8`;
    const latencies: number[] = [];
    let same = 0;
    for (const id of vacancyIds) {
      const v = normaliseVacancy(index.getVacancy(id)!);
      const skills = [...v.essentialSkills, ...v.optionalSkills].map((s) => graph.id(s));
      const ess = skills.map((_, j) => j < v.essentialSkills.length);
      const nEss = v.essentialSkills.length;
      const nOpt = v.optionalSkills.length;
      const nLang = v.languages.length;
      // Same arithmetic, in the same order, as combineScore().
      let num = `${f8(w.experience)} * (exp::float8 / 1000)`;
      let den = w.experience;
      if (nEss > 0) {
        num += ` + ${f8(w.essentialSkills)} * (ess_sum::float8 / ${1000 * nEss})`;
        den += w.essentialSkills;
      }
      if (nOpt > 0) {
        num += ` + ${f8(w.optionalSkills)} * (opt_sum::float8 / ${1000 * nOpt})`;
        den += w.optionalSkills;
      }
      if (nLang > 0) {
        num += ` + ${f8(w.languages)} * (lang_sum::float8 / ${1000 * nLang})`;
        den += w.languages;
      }
      if (v.minIsced !== null) {
        num += ` + ${f8(w.education)} * (edu::float8 / 1000)`;
        den += w.education;
      }
      const refDay = v.startDate ? Math.max(ctx.asOfDay, dayNumber(v.startDate)) : ctx.asOfDay;
      const text = `
        with vs as (select s.skill, s.ess, s.j from unnest($1::int[], $2::bool[]) with ordinality as s(skill, ess, j)),
        expanded as (
          select vs.j, vs.ess, vs.skill as held, -1 as kind from vs
          union all select vs.j, vs.ess, n.near, n.kind from vs join skill_near n on n.skill = vs.skill),
        per_skill as (
          select cs.cand, e.j, bool_or(e.ess) as ess,
                 max(case when e.kind < 0 then ($3::int[])[cs.ev + 1] else ($4::int[])[e.kind * 4 + cs.ev + 1] end) as c
          from expanded e join cand_skill cs on cs.skill = e.held group by cs.cand, e.j),
        sums as (
          select cand, coalesce(sum(c) filter (where ess), 0) as ess_sum, coalesce(sum(c) filter (where not ess), 0) as opt_sum
          from per_skill group by cand),
        relevant as (
          select cand, sum(ess_sum) as ess_sum, sum(opt_sum) as opt_sum from (
            select cand, ess_sum, opt_sum from sums
            union all select distinct cand, 0, 0 from cand_exp where isco = $5) r group by cand),
        eligible as (
          select c.id, c.ext, c.isced, r.ess_sum, r.opt_sum from relevant r join cand c on c.id = r.cand
          where $16::bool and c.seeking and c.consent_matching and (c.consent_share or c.org = $6)
            and (c.available_day is null or c.available_day <= $7::int + ${w.availabilityGraceDays})
            and ((c.country = $8 and c.region = $9)
                 or (c.relocate and (cardinality(c.reloc_countries) = 0 or $8 = any(c.reloc_countries))))
            and exists (select 1 from cand_permit p join rule ru on ru.country = p.country and ru.permit_type = p.type
                        where p.cand = c.id and p.country = $8 and (p.valid_day is null or p.valid_day >= $7::int)
                          and (cardinality(p.sectors) = 0 or $10 = any(p.sectors))
                          and ('*' = any(ru.sectors) or $10 = any(ru.sectors))
                          and (cardinality(ru.isco_prefixes) = 0
                               or exists (select 1 from unnest(ru.isco_prefixes) pf where $11::text like pf || '%')))),
        scored as (
          select e.ext, e.ess_sum, e.opt_sum,
            coalesce((select max(case when x.occ = $12 then ${cr.experience.occupation}
                                      when x.isco = $5 then ${cr.experience.iscoUnit}
                                      when x.isco / 10 = $5 / 10 then ${cr.experience.iscoMinor} else 0 end)
                      from cand_exp x where x.cand = e.id), 0) as exp,
            coalesce((select sum(case when h.rank is null then 0 when h.rank >= q.rank then 1000
                                       when h.rank = q.rank - 1 then ${cr.oneLevelShort} else 0 end)
                      from unnest($13::text[], $14::int[]) as q(lang, rank)
                      left join lateral (select max(l.rank) as rank from cand_lang l where l.cand = e.id and l.lang = q.lang) h on true), 0) as lang_sum,
            case when $15::int is null or e.isced is null then 0 when e.isced >= $15::int then 1000
                 when e.isced = $15::int - 1 then ${cr.oneLevelShort} else 0 end as edu
          from eligible e)
        select ext, (${num}) / ${f8(den)} as score from scored order by score desc, ext collate "C" limit 50`;
      const params = [
        skills,
        ess,
        [...cr.exact],
        nearCredits,
        Number(v.isco),
        v.employerOrganisationId,
        refDay,
        v.location.country,
        v.location.region,
        v.sector,
        v.isco,
        v.occupationUri,
        v.languages.map((l) => l.lang),
        v.languages.map((l) => cefrRank(l.level)),
        v.minIsced,
        v.open,
      ];
      const t2 = performance.now();
      const res = await client.query<{ ext: string; score: number }>(text, params);
      latencies.push(performance.now() - t2);
      const engine = index.topCandidates(id, { k: 50, asOf: ASOF, explain: false });
      if (engine.length === res.rows.length && engine.every((r, i) => r.candidateId === res.rows[i]!.ext)) same++;
      else if (process.env.BENCH_DEBUG)
        log(
          `differs on ${id}: engine ${JSON.stringify(engine.slice(0, 5).map((r) => [r.candidateId, r.score]))} pg ${JSON.stringify(res.rows.slice(0, 5).map((r) => [r.ext, r.score]))} (${engine.length}/${res.rows.length})`,
        );
    }
    const p95 = pct(latencies, 95);
    log(
      `postgres top-50 candidates (${vacancyIds.length} vacancies): p50 ${ms(pct(latencies, 50))} ms, p95 ${ms(p95)} ms, p99 ${ms(pct(latencies, 99))} ms; same top-50 as the engine: ${same}/${vacancyIds.length}`,
    );
    return p95;
  } finally {
    await client.end();
    rmSync(dir, { recursive: true, force: true });
    const drop = new pg.Client({ connectionString: PG_URL });
    await drop.connect();
    await drop.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await drop.end();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:matching: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
