// npm run bench:taxonomy — occupation coding quality and speed, search latency, CLI memory; then the skill
// extraction bench (bench/taxonomy-skills.ts) when present. The dev set is read by path, never copied:
//   CORRIDOR_OCC_DEV (default ../shared/bench/occupation-coding/hahu-dev.csv from the repository root).
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
  type OccupationCoder,
} from '../src/taxonomy/occupations/coder.js';
import { readCodedExamples, scoreCoder, type CodedExample } from '../src/taxonomy/occupations/evaluate.js';
import { buildSearchIndex, type SearchIndex } from '../src/taxonomy/search/index.js';
import { analyze, labelForms } from '../src/taxonomy/text.js';

const ROOT = new URL('../', import.meta.url).pathname;
const DEV = process.env.CORRIDOR_OCC_DEV ?? join(ROOT, '../shared/bench/occupation-coding/hahu-dev.csv');
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/** A repeatable pseudo-random sequence in [0, 1) (the bench's sets must not change between runs). */
function seeded(seed: number): () => number {
  return () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
}

/** Each occupation's essential skills (URIs), in the release's order. */
function essentialSkills(snapshot: EscoSnapshot): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of snapshot.occupationSkills)
    if (r.relation === 'essential') out.set(r.occupationUri, [...(out.get(r.occupationUri) ?? []), r.skillUri]);
  return out;
}

/** The coder's data without the labels of `lang` that `drop(occupation, label text, label stems)` names. */
function withoutLabels(
  data: CoderData,
  lang: string,
  drop: (occ: number, text: string, terms: string[]) => boolean,
): CoderData {
  const L = data.labels[lang];
  if (!L) return data;
  const keep = L.terms.map((terms, k) => !drop(L.occ[k]!, L.text[k]!, terms));
  const pick = <T>(xs: T[]) => xs.filter((_, k) => keep[k]);
  const labels = { terms: pick(L.terms), text: pick(L.text), occ: pick(L.occ), kind: pick(L.kind) };
  return { ...data, labels: { ...data.labels, [lang]: labels } };
}

/**
 * An ESCO-derived sanity set, so tuning on the small dev set cannot quietly make general inputs worse: ~20 % of
 * the occupations with two or more English alternative/hidden labels (seeded), one of those labels as the title
 * (removed from the coder's label index: held out), and as description the descriptions of up to 4 of the
 * occupation's essential skills plus half the words of its own description, shuffled. (Profiles still hold alt
 * labels and skill labels, so this set is easier than real ads; it guards against regressions, not for tuning.)
 */
function sanitySet(snapshot: EscoSnapshot, data: CoderData): { examples: CodedExample[]; heldOut: CoderData } {
  const rnd = seeded(7);
  const skillsOf = essentialSkills(snapshot);
  const examples: CodedExample[] = [];
  const held = new Set<string>();
  data.occupations.forEach((o, i) => {
    const l = snapshot.occupations.get(o.uri)?.labels.en;
    if (!l) return;
    const pool = [...l.alt, ...l.hidden];
    if (pool.length < 2 || rnd() > 0.2) return;
    const title = pool[Math.floor(rnd() * pool.length)]!;
    const skills = [...(skillsOf.get(o.uri) ?? [])].sort(() => rnd() - 0.5).slice(0, 4);
    const sentences = skills.map((u) => snapshot.skills.get(u)?.labels.en?.description ?? '').filter(Boolean);
    const words = (l.description ?? '')
      .split(/\s+/)
      .filter(() => rnd() < 0.5)
      .sort(() => rnd() - 0.5);
    const description = [...sentences, words.join(' ')].sort(() => rnd() - 0.5).join(' ');
    examples.push({ id: String(i), title, description, escoUri: o.uri, escoCode: o.code, isco: o.isco, label: '' });
    held.add(`${i}|${analyze(title, 'en').join(' ')}`);
  });
  const heldOut = withoutLabels(data, 'en', (occ, _, terms) => held.has(`${occ}|${terms.join(' ')}`));
  return { examples, heldOut };
}

/**
 * Held-out labels per language: ~20 % of the occupations with an alternative label in that language (seeded)
 * lose one of them from the coder's index, and its text (the first gendered form) is coded as a title. Shows the
 * coder in es/fr as well as en. Each title also gets a description in its language: a label (preferred or
 * alternative, seeded) of each of up to 4 of the occupation's essential skills. The words of the title and of those
 * skills are taken out of that occupation's own profile too (held out, so title and description must be matched
 * through the remaining labels, other occupations and the unit group, as an ad's wording must).
 */
function heldOutLabels(
  snapshot: EscoSnapshot,
  data: CoderData,
  lang: string,
): { examples: CodedExample[]; heldOut: CoderData } {
  const rnd = seeded(11);
  const pickRnd = seeded(5);
  const L = data.labels[lang];
  if (!L) return { examples: [], heldOut: data };
  // Labels as the coder indexed them (an alternative label that only repeats another one's words, such as the
  // gendered forms ESCO es/fr list beside "soldador/soldadora", is not indexed and cannot be held out).
  const indexed = new Set(L.text.map((t, d) => `${L.occ[d]!}|${t}`));
  const essential = essentialSkills(snapshot);
  const held = new Set<string>();
  const examples: CodedExample[] = [];
  const heldWords = new Map<number, string[]>();
  for (const [i, o] of data.occupations.entries()) {
    // Two draws for every occupation, so the sample depends on the ESCO release only, not on how the coder
    // analyses labels.
    const [take, which] = [rnd(), rnd()];
    const alts = (snapshot.occupations.get(o.uri)?.labels[lang]?.alt ?? []).filter((t) => indexed.has(`${i}|${t}`));
    if (take > 0.2 || !alts.length) continue;
    const text = alts[Math.floor(which * alts.length)]!;
    held.add(`${i}|${text}`);
    const skills = [...(essential.get(o.uri) ?? [])].sort(() => pickRnd() - 0.5).slice(0, 4);
    const skillLabels = skills.flatMap((u) => {
      const l = snapshot.skills.get(u)?.labels[lang];
      return l ? [[l.preferred, ...l.alt]] : [];
    });
    const description = skillLabels.map((pool) => `${pool[Math.floor(pickRnd() * pool.length)]!}.`).join(' ');
    const title = labelForms(text)[0]!;
    // The title's words leave the profile as well: en profiles hold each alternative label once, es/fr twice.
    const titleWords = analyze(text, lang);
    heldWords.set(i, [
      ...analyze(skillLabels.flat().join(' . '), lang),
      ...titleWords,
      ...(lang === 'en' ? [] : titleWords),
    ]);
    examples.push({ id: String(i), title, description, escoUri: o.uri, escoCode: o.code, isco: o.isco, label: '' });
  }
  const heldOut = withoutLabels(data, lang, (occ, text) => held.has(`${occ}|${text}`));
  // Those words leave the occupation's own profile (one occurrence each).
  const without = (profile: string[], words: string[]) => {
    const out = [...profile];
    for (const w of words) {
      const j = out.indexOf(w);
      if (j >= 0) out.splice(j, 1);
    }
    return out;
  };
  if (lang === 'en') {
    heldOut.profiles = heldOut.profiles.map((p, i) => without(p, heldWords.get(i) ?? []));
  } else if (heldOut.localProfiles?.[lang]) {
    const local = heldOut.localProfiles[lang];
    heldOut.localProfiles = {
      ...heldOut.localProfiles,
      [lang]: {
        ...local,
        profiles: local.profiles.map((p, i) =>
          heldWords.has(i) ? without(p.split(' '), heldWords.get(i)!).join(' ') : p,
        ),
      },
    };
  }
  return { examples, heldOut };
}

function codingBench(snapshot: EscoSnapshot, coder: OccupationCoder, data: CoderData): void {
  if (!existsSync(DEV)) {
    console.log(`occupation coding: dev set not found at ${DEV}; quality skipped`);
    return;
  }
  const examples = readCodedExamples(DEV);
  const baseline = buildBaselineCoder(snapshot);
  console.log(`\noccupation coding on ${DEV.replace(ROOT, '')} (${examples.length} ads, title + description)`);
  console.log('| coder | input | acc@1 | acc@5 | ISCO-4 acc@1 |');
  console.log('|---|---|---|---|---|');
  for (const [name, c] of [
    ['Corridor coder', coder],
    ['baseline: plain BM25 over ESCO labels', baseline],
  ] as const) {
    for (const useDescription of [true, false]) {
      const s = scoreCoder(c, examples, { useDescription });
      console.log(
        `| ${name} | ${useDescription ? 'title + description' : 'title only'} | ${pct(s.acc1)} | ${pct(s.acc5)} | ${pct(s.isco1)} |`,
      );
    }
  }
  // Two halves by id parity: a change is kept only when it helps (or is neutral) on both.
  for (const parity of [0, 1]) {
    const half = examples.filter((e) => Number(e.id) % 2 === parity);
    const s = scoreCoder(coder, half);
    console.log(
      `| Corridor coder, ${parity ? 'odd' : 'even'} ids (${half.length}) | title + description | ${pct(s.acc1)} | ${pct(s.acc5)} | ${pct(s.isco1)} |`,
    );
  }
  const sanity = sanitySet(snapshot, data);
  const held = coderFromData(sanity.heldOut);
  for (const useDescription of [true, false]) {
    const s = scoreCoder(held, sanity.examples, { useDescription });
    console.log(
      `| ESCO sanity set (${sanity.examples.length} held-out alt/hidden labels) | ${useDescription ? 'title + skill descriptions' : 'title only'} | ${pct(s.acc1)} | ${pct(s.acc5)} | ${pct(s.isco1)} |`,
    );
  }
  console.log(
    `\ntitles in en/es/fr: held-out ESCO alternative labels coded as titles; descriptions: labels of 4 essential skills in the same language, held out of the occupation's profile`,
  );
  console.log('| language | titles | input | acc@1 | acc@5 | ISCO-4 acc@1 |');
  console.log('|---|---|---|---|---|---|');
  for (const lang of ['en', 'es', 'fr']) {
    const set = heldOutLabels(snapshot, data, lang);
    if (!set.examples.length) continue;
    const held = coderFromData(set.heldOut);
    for (const useDescription of [false, true]) {
      const s = scoreCoder(held, set.examples, { useDescription });
      const input = useDescription ? 'title + description' : 'title only';
      console.log(
        `| ${lang} | ${set.examples.length} | ${input} | ${pct(s.acc1)} | ${pct(s.acc5)} | ${pct(s.isco1)} |`,
      );
    }
  }
  throughput(coder, examples);
}

function throughput(coder: OccupationCoder, examples: CodedExample[]): void {
  // Warm up, then time whole passes over the set (single thread, top 5).
  scoreCoder(coder, examples);
  for (const useDescription of [true, false]) {
    const cpu0 = process.cpuUsage();
    const s = scoreCoder(coder, examples, { useDescription, repeat: 10 });
    const cpu = process.cpuUsage(cpu0);
    const cpuPerTitle = (cpu.user + cpu.system) / 1000 / (examples.length * 10);
    console.log(
      `throughput (${useDescription ? 'title + description' : 'title only'}): ${s.titlesPerSecond.toFixed(0)} titles/s ` +
        `wall, ${(1000 / cpuPerTitle).toFixed(0)} titles/s of CPU time (${cpuPerTitle.toFixed(3)} ms CPU per title)`,
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
  const coder = coderFromData(data);
  console.log(
    `occupation coder: analysis ${prepMs.toFixed(0)} ms (cached by the CLI), index build ${(performance.now() - t).toFixed(0)} ms`,
  );
  codingBench(snapshot, coder, data);
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
