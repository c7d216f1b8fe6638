// Search ranking quality (src/taxonomy/search): for queries made from ESCO labels, how often the concept the
// label belongs to comes first / in the top 5 (and MRR@10). Sets: whole preferred labels, whole alternative labels,
// and queries as people type them (as bench/taxonomy.ts makes them for latency: 1–3 words, 40 % cut mid-word,
// 20 % with a letter dropped, 80 % without accents), 2,000 each with a fixed seed; type filter on, label language
// as the query's. Then a few queries from issue 10 with their top 3.
// Run alone: npm run bench:search
import { readEscoSnapshot, shippedEscoSources } from '../src/taxonomy/esco/reader.js';
import { buildSearchIndex } from '../src/taxonomy/search/index.js';
const { snapshot } = readEscoSnapshot(shippedEscoSources());
const index = buildSearchIndex(snapshot);
function seeded(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
type Q = { q: string; lang: string; uri: string; type: 'occupation' | 'skill' };
function queries(kind: 'occupation' | 'skill', count: number, seed: number): Q[] {
  const labels: Q[] = [];
  const src = kind === 'occupation' ? snapshot.occupations.values() : snapshot.skills.values();
  for (const c of src)
    for (const [lang, l] of Object.entries(c.labels)) labels.push({ q: l.preferred, lang, uri: c.uri, type: kind });
  const rnd = seeded(seed);
  const out: Q[] = [];
  while (out.length < count) {
    const x = labels[Math.floor(rnd() * labels.length)]!;
    const words = x.q.split(/[\s/]+/).filter(Boolean);
    const k = 1 + Math.floor(rnd() * Math.min(3, words.length));
    let q = words.slice(0, k).join(' ');
    const r = rnd();
    if (r < 0.4) q = q.slice(0, Math.max(2, Math.floor(q.length * (0.3 + 0.7 * rnd()))));
    else if (r < 0.6 && q.length > 4) {
      const i = 1 + Math.floor(rnd() * (q.length - 2));
      q = q.slice(0, i) + q.slice(i + 1);
    }
    out.push({ ...x, q: r < 0.8 ? q.normalize('NFD').replace(/\p{M}/gu, '') : q });
  }
  return out;
}
// Whole preferred labels (what a person who knows the term types).
function whole(kind: 'occupation' | 'skill', count: number, seed: number): Q[] {
  const all: Q[] = [];
  const src = kind === 'occupation' ? snapshot.occupations.values() : snapshot.skills.values();
  for (const c of src)
    for (const [lang, l] of Object.entries(c.labels))
      all.push({ q: l.preferred.split('/')[0]!, lang, uri: c.uri, type: kind });
  const rnd = seeded(seed);
  return Array.from({ length: count }, () => all[Math.floor(rnd() * all.length)]!);
}
function score(name: string, qs: Q[]) {
  let top1 = 0,
    top5 = 0,
    mrr = 0;
  for (const x of qs) {
    const hits = index.search(x.q + ' ', { type: x.type, lang: x.lang, limit: 10 });
    const r = hits.findIndex((h) => h.uri === x.uri);
    if (r === 0) top1++;
    if (r >= 0 && r < 5) top5++;
    if (r >= 0) mrr += 1 / (r + 1);
  }
  console.log(
    `${name}: n=${qs.length} top1 ${((100 * top1) / qs.length).toFixed(1)}% top5 ${((100 * top5) / qs.length).toFixed(1)}% MRR@10 ${(mrr / qs.length).toFixed(3)}`,
  );
}
function alt(kind: 'occupation' | 'skill', count: number, seed: number): Q[] {
  const all: Q[] = [];
  const src = kind === 'occupation' ? snapshot.occupations.values() : snapshot.skills.values();
  for (const c of src)
    for (const [lang, l] of Object.entries(c.labels))
      for (const a of l.alt) all.push({ q: a, lang, uri: c.uri, type: kind });
  const rnd = seeded(seed);
  return Array.from({ length: count }, () => all[Math.floor(rnd() * all.length)]!);
}
console.log(`## Search ranking — ${new Date().toISOString()}`);
score('occupation alt label', alt('occupation', 2000, 46));
score('skill alt label', alt('skill', 2000, 47));
score('occupation typed', queries('occupation', 2000, 42));
score('skill typed', queries('skill', 2000, 43));
score('occupation whole label', whole('occupation', 2000, 44));
score('skill whole label', whole('skill', 2000, 45));
for (const [q, o] of [
  ['camas', { lang: 'es', type: 'skill' }],
  ['forklift', { lang: 'en', type: 'skill' }],
  ['nurses', { lang: 'en' }],
  ['soldadoras', { lang: 'es' }],
] as const)
  console.log(
    q,
    index
      .search(q, o as never)
      .slice(0, 3)
      .map((h) => h.label),
  );
