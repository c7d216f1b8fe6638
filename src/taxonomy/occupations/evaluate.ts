// Scoring an occupation coder on a labelled set (CSV: id,title,description,esco_code,esco_uri,isco_code,...).
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { OccupationCoder } from './coder.js';

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
  isco1: number;
  /** Titles per second, single thread, whole classify() including the description. */
  titlesPerSecond: number;
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

/** acc@1, acc@5 (URI), ISCO-4 acc@1 (unit group of the top result) and throughput. */
export function scoreCoder(
  coder: OccupationCoder,
  examples: CodedExample[],
  options: { useDescription?: boolean; repeat?: number } = {},
): CodingScores & { misses: { example: CodedExample; got: string[] }[] } {
  let a1 = 0;
  let a5 = 0;
  let i1 = 0;
  const misses: { example: CodedExample; got: string[] }[] = [];
  const useDesc = options.useDescription ?? true;
  const repeat = Math.max(1, options.repeat ?? 1);
  const t0 = performance.now();
  for (let r = 0; r < repeat; r++) {
    for (const ex of examples) {
      const res = coder.classify(
        { title: ex.title, description: useDesc ? ex.description : undefined },
        { top: 5, lang: 'en' },
      );
      if (r > 0) continue;
      if (res[0]?.uri === ex.escoUri) a1++;
      else misses.push({ example: ex, got: res.map((x) => `${x.label} (${x.isco})`) });
      if (res.some((x) => x.uri === ex.escoUri)) a5++;
      if (res[0]?.isco === ex.isco) i1++;
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  const n = examples.length;
  return {
    n,
    acc1: a1 / n,
    acc5: a5 / n,
    isco1: i1 / n,
    titlesPerSecond: (n * repeat) / seconds,
    misses,
  };
}
