// Scoring an occupation coder on a labelled set: job ads (CSV: id,title,description,esco_code,esco_uri,isco_code,…)
// or bare vacancy titles (CSV: index,vacancyTitle,conceptUri, as the JobBERT evaluation set is written).
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { OccupationCoder, OccupationResult } from './coder.js';

export interface CodedExample {
  id: string;
  title: string;
  description: string;
  escoUri: string;
  escoCode: string;
  isco: string;
  label: string;
}

export interface CodingScores {
  n: number;
  acc1: number;
  acc5: number;
  /** Gold among the first 10 results. */
  acc10: number;
  /** Mean reciprocal rank of the gold within the first 10 (0 beyond). */
  mrr10: number;
  isco1: number;
}

export interface ScoredExample {
  example: CodedExample;
  /** Rank of the gold occupation among the results (0 = first), -1 when absent. */
  rank: number;
  results: OccupationResult[];
}

export function readCodedExamples(path: string): CodedExample[] {
  const rows = parse(readFileSync(path, 'utf8'), { columns: true, bom: true, skip_empty_lines: true }) as Record<
    string,
    string
  >[];
  return rows.map((r) => ({
    id: r.id ?? '',
    title: r.title ?? '',
    description: r.description ?? '',
    escoUri: r.esco_uri ?? '',
    escoCode: r.esco_code ?? '',
    isco: (r.isco_code ?? '').padStart(4, '0'),
    label: r.esco_label ?? '',
  }));
}

/**
 * Vacancy titles with their ESCO occupation URI (columns index, vacancyTitle, conceptUri). The set carries no ISCO
 * code: `iscoOf` supplies it from the taxonomy (rows whose URI it does not know are dropped and counted).
 */
export function readTitleExamples(
  path: string,
  iscoOf: (uri: string) => string | undefined,
): { examples: CodedExample[]; unknown: number } {
  const rows = parse(readFileSync(path, 'utf8'), { columns: true, bom: true, skip_empty_lines: true }) as Record<
    string,
    string
  >[];
  const examples: CodedExample[] = [];
  let unknown = 0;
  for (const [k, r] of rows.entries()) {
    const uri = (r.conceptUri ?? '').trim();
    const isco = iscoOf(uri);
    if (!isco) {
      unknown++;
      continue;
    }
    const id = r.index ?? r[''] ?? String(k);
    examples.push({ id, title: r.vacancyTitle ?? '', description: '', escoUri: uri, escoCode: '', isco, label: '' });
  }
  return { examples, unknown };
}

/** Ranks every example once (top 10, labels in English); the gold's rank and the results. */
export function rankExamples(
  coder: OccupationCoder,
  examples: CodedExample[],
  options: { useDescription?: boolean } = {},
): ScoredExample[] {
  const useDesc = options.useDescription ?? true;
  return examples.map((example) => {
    const results = coder.classify(
      { title: example.title, description: useDesc && example.description ? example.description : undefined },
      { top: 10, lang: 'en' },
    );
    return { example, rank: results.findIndex((x) => x.uri === example.escoUri), results };
  });
}

/** acc@1/5/10, MRR@10 and ISCO-4 acc@1 of ranked examples. */
export function summarise(scored: ScoredExample[]): CodingScores {
  let a1 = 0;
  let a5 = 0;
  let a10 = 0;
  let mrr = 0;
  let i1 = 0;
  for (const { example, rank, results } of scored) {
    if (rank === 0) a1++;
    if (rank >= 0 && rank < 5) a5++;
    if (rank >= 0 && rank < 10) {
      a10++;
      mrr += 1 / (rank + 1);
    }
    if (results[0]?.isco === example.isco) i1++;
  }
  const n = scored.length || 1;
  return { n: scored.length, acc1: a1 / n, acc5: a5 / n, acc10: a10 / n, mrr10: mrr / n, isco1: i1 / n };
}

/** acc@1/5/10, MRR@10 and ISCO-4 acc@1 (unit group of the top result), with the misses. */
export function scoreCoder(
  coder: OccupationCoder,
  examples: CodedExample[],
  options: { useDescription?: boolean } = {},
): CodingScores & { misses: { example: CodedExample; got: string[] }[] } {
  const scored = rankExamples(coder, examples, options);
  const misses = scored
    .filter((s) => s.rank !== 0)
    .map((s) => ({ example: s.example, got: s.results.slice(0, 5).map((x) => `${x.label} (${x.isco})`) }));
  return { ...summarise(scored), misses };
}

/** Throughput of whole passes over the examples (single thread, top 5): wall and CPU time per title. */
export function timeCoder(
  coder: OccupationCoder,
  examples: CodedExample[],
  options: { useDescription?: boolean; passes?: number } = {},
): { titlesPerSecond: number; cpuMsPerTitle: number } {
  const useDesc = options.useDescription ?? true;
  const passes = Math.max(1, options.passes ?? 1);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let r = 0; r < passes; r++)
    for (const ex of examples)
      coder.classify(
        { title: ex.title, description: useDesc && ex.description ? ex.description : undefined },
        { top: 5, lang: 'en' },
      );
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const n = examples.length * passes;
  return { titlesPerSecond: n / seconds, cpuMsPerTitle: (cpu.user + cpu.system) / 1000 / n };
}
