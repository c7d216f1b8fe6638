// npm run bench:taxonomy — occupation coding quality and speed, search latency, CLI memory; then the skill
// extraction bench (bench/taxonomy-skills.ts) when present (--no-cli skips the CLI run, --coding-only runs occupation
// coding alone). Dev sets are read by path, never copied:
//   CORRIDOR_OCC_DEV (default ../shared/bench/occupation-coding/hahu-dev.csv from the repository root),
//   CORRIDOR_JOB_TITLES_DEV (default ../shared/bench/occupation-coding/jobbert-titles-dev.csv: measurement only).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { readEscoSnapshot, shippedEscoSources } from '../src/taxonomy/esco/reader.js';
import type { EscoSnapshot } from '../src/taxonomy/model.js';
import { buildBaselineCoder } from '../src/taxonomy/occupations/baseline.js';
import {
  coderFromData,
  prepareCoderData,
  type CoderData,
  type CoderWeights,
  type ExplainingOccupationCoder,
  type OccupationCoder,
} from '../src/taxonomy/occupations/coder.js';
import {
  rankExamples,
  readCodedExamples,
  readTitleExamples,
  scoreCoder,
  summarise,
  timeCoder,
  type CodedExample,
  type CodingScores,
  type ScoredExample,
} from '../src/taxonomy/occupations/evaluate.js';
import { HELD_OUT_LANGS, heldOutForm, heldOutLabels, sanitySet, seeded } from '../src/taxonomy/occupations/held-out.js';
import { analyze } from '../src/taxonomy/text.js';
import { buildSearchIndex, type SearchIndex } from '../src/taxonomy/search/index.js';

const ROOT = new URL('../', import.meta.url).pathname;
const DEV = process.env.CORRIDOR_OCC_DEV ?? join(ROOT, '../shared/bench/occupation-coding/hahu-dev.csv');
const JOB_TITLES =
  process.env.CORRIDOR_JOB_TITLES_DEV ?? join(ROOT, '../shared/bench/occupation-coding/jobbert-titles-dev.csv');
// CORRIDOR_CODER_WEIGHTS='{"model":0}' measures the coder with other weights (here: without the title model).
const WEIGHTS = JSON.parse(process.env.CORRIDOR_CODER_WEIGHTS ?? '{}') as Partial<CoderWeights>;
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
const scoreCells = (s: CodingScores) => [pct(s.acc1), pct(s.acc5), pct(s.acc10), s.mrr10.toFixed(3), pct(s.isco1)];

// The coder answering with its explained results, so that the reliability tables see `iscoConfidence` too.
const explaining = (coder: ExplainingOccupationCoder): OccupationCoder => ({
  ...coder,
  classify: (query, options) => coder.explain(query, options),
});

function codingBench(snapshot: EscoSnapshot, coder: ExplainingOccupationCoder, data: CoderData): void {
  const baseline = buildBaselineCoder(snapshot);
  console.log(
    "\noccupation coding, every source (acc@k: gold among the first k; MRR@10; ISCO-4: first result's unit group)",
  );
  console.log(row(['source', 'n', 'input', 'coder', 'acc@1', 'acc@5', 'acc@10', 'MRR@10', 'ISCO-4 acc@1']));
  console.log(row(['---', '---', '---', '---', '---', '---', '---', '---', '---']));
  const line = (source: string, n: number, input: string, name: string, s: CodingScores) =>
    console.log(row([source, n, input, name, ...scoreCells(s)]));
  const calibration: [string, ScoredExample[]][] = [];
  let hahu: CodedExample[] = [];
  if (existsSync(DEV)) {
    hahu = readCodedExamples(DEV);
    calibration.push(['hahu-dev, title + description', rankExamples(explaining(coder), hahu)]);
    for (const useDescription of [true, false]) {
      const input = useDescription ? 'title + description' : 'title only';
      line('hahu-dev', hahu.length, input, 'Corridor', scoreCoder(coder, hahu, { useDescription }));
      line('hahu-dev', hahu.length, input, 'plain BM25 (en labels)', scoreCoder(baseline, hahu, { useDescription }));
    }
    // Two halves by id parity: a change is kept only when it helps (or is neutral) on both.
    for (const parity of [0, 1]) {
      const half = hahu.filter((e) => Number(e.id) % 2 === parity);
      line(
        `hahu-dev ${parity ? 'odd' : 'even'} ids`,
        half.length,
        'title + description',
        'Corridor',
        scoreCoder(coder, half),
      );
    }
  } else console.log(`(hahu-dev not found at ${DEV}: skipped)`);
  let titles: CodedExample[] = [];
  if (existsSync(JOB_TITLES)) {
    const read = readTitleExamples(JOB_TITLES, (uri) => snapshot.occupations.get(uri)?.isco);
    titles = read.examples;
    const name = `job-board titles dev${read.unknown ? ` (${read.unknown} unknown URI dropped)` : ''}`;
    const ours = rankExamples(explaining(coder), titles);
    const theirs = rankExamples(baseline, titles);
    calibration.push(['job-board titles dev', ours]);
    line(name, titles.length, 'title only', 'Corridor', summarise(ours));
    line(name, titles.length, 'title only', 'plain BM25 (en labels)', summarise(theirs));
    byMajorGroup(ours, theirs);
  } else console.log(`(job-board titles not found at ${JOB_TITLES}: skipped)`);
  for (const lang of HELD_OUT_LANGS) {
    const set = heldOutLabels(snapshot, data, lang);
    if (!set.examples.length) continue;
    const heldCoder = coderFromData(set.heldOut, WEIGHTS);
    const held = heldOutForm(new Set(set.labels.map((l) => `${l.uri}|${lang}|${l.text}`)), (f, l) => analyze(f, l));
    const plain = buildBaselineCoder(snapshot, { lang, skip: (uri, text) => held(uri, lang, text) });
    const source = `held-out ESCO labels, ${lang}`;
    if (lang === 'en')
      calibration.push([
        'held-out ESCO labels, en',
        rankExamples(explaining(heldCoder), set.examples, { useDescription: false }),
      ]);
    line(
      source,
      set.examples.length,
      'title only',
      'Corridor',
      scoreCoder(heldCoder, set.examples, { useDescription: false }),
    );
    line(source, set.examples.length, 'title + 4 skill labels', 'Corridor', scoreCoder(heldCoder, set.examples));
    line(
      source,
      set.examples.length,
      'title only',
      `plain BM25 (${lang} labels)`,
      scoreCoder(plain, set.examples, { useDescription: false }),
    );
  }
  const sanity = sanitySet(snapshot, data);
  const sane = coderFromData(sanity.heldOut, WEIGHTS);
  for (const useDescription of [true, false]) {
    const input = useDescription ? 'title + skill descriptions' : 'title only';
    line(
      'ESCO sanity set (alt/hidden labels)',
      sanity.examples.length,
      input,
      'Corridor',
      scoreCoder(sane, sanity.examples, { useDescription }),
    );
  }
  console.log(
    "\n(held-out ESCO labels: one alternative label of ~20 % of the occupations per language, out of the coder's index " +
      'and of anything trained on ESCO; its description: labels of 4 essential skills, held out of the own profile)',
  );
  reliability(calibration);
  throughput(coder, hahu, titles);
}

/**
 * Calibration of the first result's confidence: per confidence band, how often the first result is right; and what
 * a "not sure" threshold (first result below 0.5) separates: how often those titles' first result, unit group and
 * top 5 are right, against the sure ones.
 */
function reliability(sets: [string, ScoredExample[]][]): void {
  const bands = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
  console.log('\nconfidence of the first result: mean confidence → share right (titles), per band');
  console.log(row(['source', ...bands.map((b) => `${b.toFixed(1)}–${(b + 0.1).toFixed(1)}`), 'ECE']));
  console.log(row(['---', ...bands.map(() => '---'), '---']));
  for (const [name, scored] of sets) {
    let ece = 0;
    const cells = bands.map((lo) => {
      const inBand = scored.filter((s) => {
        const c = s.results[0]?.confidence ?? 0;
        return c >= lo && (c < lo + 0.1 || (lo === 0.9 && c <= 1));
      });
      if (!inBand.length) return '–';
      const conf = inBand.reduce((a, s) => a + (s.results[0]?.confidence ?? 0), 0) / inBand.length;
      const right = inBand.filter((s) => s.rank === 0).length / inBand.length;
      ece += (Math.abs(conf - right) * inBand.length) / scored.length;
      return `${conf.toFixed(2)} → ${right.toFixed(2)} (${inBand.length})`;
    });
    console.log(row([name, ...cells, ece.toFixed(3)]));
  }
  // The same for the first result's unit group (iscoConfidence → ISCO-4 right): the backoff's calibration.
  console.log('\nunit-group confidence of the first result (iscoConfidence): mean → share with the right ISCO-4 group');
  console.log(row(['source', ...bands.map((b) => `${b.toFixed(1)}–${(b + 0.1).toFixed(1)}`), 'ECE']));
  console.log(row(['---', ...bands.map(() => '---'), '---']));
  const groupConf = (s: ScoredExample) =>
    (s.results[0] as { iscoConfidence?: number } | undefined)?.iscoConfidence ?? 0;
  for (const [name, scored] of sets) {
    let ece = 0;
    const cells = bands.map((lo) => {
      const inBand = scored.filter((s) => {
        const c = groupConf(s);
        return c >= lo && (c < lo + 0.1 || (lo === 0.9 && c <= 1));
      });
      if (!inBand.length) return '–';
      const conf = inBand.reduce((a, s) => a + groupConf(s), 0) / inBand.length;
      const right = inBand.filter((s) => s.results[0]?.isco === s.example.isco).length / inBand.length;
      ece += (Math.abs(conf - right) * inBand.length) / scored.length;
      return `${conf.toFixed(2)} → ${right.toFixed(2)} (${inBand.length})`;
    });
    console.log(row([name, ...cells, ece.toFixed(3)]));
  }
  console.log('\nbackoff: first result not sure (< 0.5) but its unit group likely (iscoConfidence ≥ 0.5)');
  console.log(
    row(['source', 'share of all', 'ISCO-4 right (backoff)', 'acc@1 (backoff)', 'ISCO-4 right, other not sure']),
  );
  console.log(row(['---', '---', '---', '---', '---']));
  for (const [name, scored] of sets) {
    const unsure = scored.filter((s) => (s.results[0]?.confidence ?? 0) < 0.5);
    const back = unsure.filter((s) => groupConf(s) >= 0.5);
    const rest = unsure.filter((s) => groupConf(s) < 0.5);
    const [b, r] = [summarise(back), summarise(rest)];
    console.log(row([name, pct(back.length / (scored.length || 1)), pct(b.isco1), pct(b.acc1), pct(r.isco1)]));
  }
  console.log('\n"not sure" = first result\'s confidence below 0.5');
  console.log(
    row(['source', 'not sure', 'acc@1 not sure / sure', 'ISCO-4 acc@1 not sure / sure', 'acc@5 not sure / sure']),
  );
  console.log(row(['---', '---', '---', '---', '---']));
  for (const [name, scored] of sets) {
    const unsure = scored.filter((s) => (s.results[0]?.confidence ?? 0) < 0.5);
    const sure = scored.filter((s) => (s.results[0]?.confidence ?? 0) >= 0.5);
    const [u, k] = [summarise(unsure), summarise(sure)];
    console.log(
      row([
        name,
        pct(unsure.length / (scored.length || 1)),
        `${pct(u.acc1)} / ${pct(k.acc1)}`,
        `${pct(u.isco1)} / ${pct(k.isco1)}`,
        `${pct(u.acc5)} / ${pct(k.acc5)}`,
      ]),
    );
  }
}

/** The job-board titles by the gold occupation's ISCO major group. */
function byMajorGroup(ours: ScoredExample[], theirs: ScoredExample[]): void {
  console.log('\njob-board titles by ISCO-08 major group of the gold occupation');
  console.log(row(['major group', 'n', 'Corridor acc@1', 'acc@5', 'MRR@10', 'BM25 acc@1', 'acc@5', 'MRR@10']));
  console.log(row(['---', '---', '---', '---', '---', '---', '---', '---']));
  for (const major of '0123456789') {
    const pick = (xs: ScoredExample[]) => xs.filter((x) => x.example.isco.startsWith(major));
    const a = summarise(pick(ours));
    if (!a.n) continue;
    const b = summarise(pick(theirs));
    console.log(
      row([major, a.n, pct(a.acc1), pct(a.acc5), a.mrr10.toFixed(3), pct(b.acc1), pct(b.acc5), b.mrr10.toFixed(3)]),
    );
  }
}

function throughput(coder: OccupationCoder, ads: CodedExample[], titles: CodedExample[]): void {
  // Warm up, then time whole passes (single thread, top 5): ads with their descriptions, then bare titles.
  const sets: [string, CodedExample[], boolean, number][] = [
    ['hahu-dev, title + description', ads, true, 10],
    ['hahu-dev, title only', ads, false, 10],
    ['job-board titles', titles.slice(0, 5000), false, 1],
  ];
  for (const [name, examples, useDescription, passes] of sets) {
    if (!examples.length) continue;
    timeCoder(coder, examples.slice(0, 200), { useDescription });
    const t = timeCoder(coder, examples, { useDescription, passes });
    console.log(
      `throughput (${name}): ${t.titlesPerSecond.toFixed(0)} titles/s wall, ` +
        `${(1000 / t.cpuMsPerTitle).toFixed(0)} titles/s of CPU time (${t.cpuMsPerTitle.toFixed(3)} ms CPU per title)`,
    );
  }
}

/** Queries as people type them: prefixes of real labels (en/es/fr), whole words, and words with one typo. */
function searchQueries(snapshot: EscoSnapshot, count: number): { q: string; lang: string }[] {
  const labels: { text: string; lang: string }[] = [];
  for (const o of snapshot.occupations.values())
    for (const [lang, l] of Object.entries(o.labels)) labels.push({ text: l.preferred, lang });
  const rnd = seeded(42);
  const out: { q: string; lang: string }[] = [];
  while (out.length < count) {
    const { text, lang } = labels[Math.floor(rnd() * labels.length)]!;
    const words = text.split(/[\s/]+/).filter(Boolean);
    const k = 1 + Math.floor(rnd() * Math.min(3, words.length));
    let q = words.slice(0, k).join(' ');
    const r = rnd();
    if (r < 0.4)
      q = q.slice(0, Math.max(2, Math.floor(q.length * (0.3 + 0.7 * rnd())))); // still typing
    else if (r < 0.6 && q.length > 4) {
      const i = 1 + Math.floor(rnd() * (q.length - 2)); // one typo: drop a letter
      q = q.slice(0, i) + q.slice(i + 1);
    }
    out.push({ q: r < 0.8 ? q.normalize('NFD').replace(/\p{M}/gu, '') : q, lang });
  }
  return out;
}

function searchBench(snapshot: EscoSnapshot): void {
  let t = performance.now();
  const index: SearchIndex = buildSearchIndex(snapshot);
  console.log(
    `\nsearch: index of ${index.labelCount} labels (occupations + skills, ${snapshot.languages.join('/')}) built in ${(performance.now() - t).toFixed(0)} ms`,
  );
  const queries = searchQueries(snapshot, 2000);
  for (const { q, lang } of queries.slice(0, 300)) index.search(q, { lang }); // warm up
  const wall: number[] = [];
  const cpu: number[] = [];
  for (const { q, lang } of queries) {
    const c0 = process.cpuUsage();
    t = performance.now();
    index.search(q, { lang, limit: 10 });
    wall.push(performance.now() - t);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  wall.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  console.log(
    `search latency over ${queries.length} typed queries (prefixes, typos, no accents; limit 10): ` +
      `p50 ${percentile(wall, 0.5).toFixed(2)} ms, p95 ${percentile(wall, 0.95).toFixed(2)} ms, ` +
      `p99 ${percentile(wall, 0.99).toFixed(2)} ms wall; CPU p50 ${percentile(cpu, 0.5).toFixed(2)} ms, p95 ${percentile(cpu, 0.95).toFixed(2)} ms`,
  );
}

/** Runs the CLI on a generated 20k-line input; reports wall time and the child's peak RSS (VmHWM). */
async function cliBench(snapshot: EscoSnapshot, lines = 20_000): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'corridor-bench-'));
  const input = join(dir, 'titles.jsonl');
  const occs = [...snapshot.occupations.values()];
  const rows: string[] = [];
  for (let i = 0; i < lines; i++) {
    const o = occs[(i * 7919) % occs.length]!;
    const l = o.labels.en!;
    const title = i % 3 === 0 && l.alt.length ? l.alt[i % l.alt.length]! : l.preferred;
    rows.push(
      JSON.stringify({ id: `g${i}`, title: `Senior ${title}`, description: i % 2 ? l.description : undefined }),
    );
  }
  writeFileSync(input, `${rows.join('\n')}\n`);
  for (const run of ['first start (builds the cache if absent)', 'cached start']) {
    const t = performance.now();
    const child = spawn(process.execPath, ['bin/corridor.mjs', 'classify-occupation'], {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let peakKb = 0;
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peakKb = Math.max(peakKb, Number(m[1]));
      } catch {
        // The child has exited.
      }
    }, 50);
    let out = 0;
    let firstLineMs = 0;
    child.stdout.on('data', (d: Buffer) => {
      if (!out) firstLineMs = performance.now() - t;
      out += d.toString().split('\n').length - 1;
    });
    const stdin = readFileSync(input);
    child.stdin.end(stdin);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearInterval(poll);
    const secs = (performance.now() - t) / 1000;
    console.log(
      `CLI classify-occupation, ${lines} lines (${(stdin.length / 1e6).toFixed(1)} MB), ${run}: exit ${code}, ` +
        `${out} lines out, first result after ${(firstLineMs / 1000).toFixed(1)} s, total ${secs.toFixed(1)} s ` +
        `(${((lines / (secs * 1000 - firstLineMs)) * 1000).toFixed(0)} lines/s after start-up), peak RSS ${(peakKb / 1024).toFixed(0)} MB`,
    );
  }
}

async function main(): Promise<void> {
  console.log(`## Taxonomy: occupation coding and search — ${new Date().toISOString()}`);
  console.log(
    `machine: ${cpus()[0]?.model ?? '?'} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, ` +
      `load average ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')} (other work shares the cores: wall times are upper bounds)`,
  );
  let t = performance.now();
  const { snapshot } = readEscoSnapshot(shippedEscoSources());
  console.log(
    `ESCO ${snapshot.version} (${snapshot.languages.join('/')}) read in ${(performance.now() - t).toFixed(0)} ms`,
  );
  t = performance.now();
  const data = prepareCoderData(snapshot);
  const prepMs = performance.now() - t;
  t = performance.now();
  const coder = coderFromData(data, WEIGHTS);
  console.log(
    `occupation coder: analysis ${prepMs.toFixed(0)} ms (cached by the CLI), index build ${(performance.now() - t).toFixed(0)} ms`,
  );
  codingBench(snapshot, coder, data);
  // --coding-only: occupation coding alone (no search, CLI or skill extraction bench).
  if (process.argv.includes('--coding-only')) return;
  searchBench(snapshot);
  if (!process.argv.includes('--no-cli')) await cliBench(snapshot);

  const skills = new URL('./taxonomy-skills.ts', import.meta.url);
  if (existsSync(skills)) {
    console.log('');
    const mod = (await import(skills.href)) as { runSkillExtractionBench?: () => Promise<void> };
    await mod.runSkillExtractionBench?.();
  }
}

await main();
