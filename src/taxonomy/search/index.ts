// Search-as-you-type over ESCO occupations and skills: preferred, alternative and hidden labels in every
// language of the snapshot. Typo- and accent-tolerant: each query word is expanded to vocabulary words that
// equal it (after case/accent folding), share its stem (en/es/fr), start with it (the word being typed), or lie
// within a small edit distance (typos). Labels are then ranked by how many query words they cover, how well, how
// rare those words are, and how little else the label says.
import type { EscoSnapshot } from '../model.js';
import { charNgrams, editDistance, fold, isStopWord, labelForms, stem, tokenize } from '../text.js';

export type ConceptType = 'occupation' | 'skill';

export interface SearchOptions {
  type?: ConceptType;
  /** Language of the returned labels, and preferred language of matches (default 'en'). */
  lang?: string;
  /** Maximum results (default 10). */
  limit?: number;
}

export interface SearchHit {
  uri: string;
  type: ConceptType;
  /** Preferred label in the requested language (English when missing). */
  label: string;
  /** The label (in any language) that matched the query. */
  matchedLabel: string;
  /** ESCO code (occupations). */
  code?: string;
  /** ISCO-08 unit group (occupations). */
  isco?: string;
  score: number;
}

export interface SearchIndex {
  search(query: string, options?: SearchOptions): SearchHit[];
  /** Number of indexed labels. */
  readonly labelCount: number;
}

interface Concept {
  uri: string;
  type: ConceptType;
  labels: Record<string, string>;
  code?: string;
  isco?: string;
}

const KIND_WEIGHT = [1, 0.95, 0.85]; // preferred, alternative, hidden
const STEM_LANGS = ['en', 'es', 'fr'];
const MAX_PREFIX_WORDS = 64;
const MAX_CANDIDATES = 6_000;

/** Builds the in-memory search index of a snapshot (≈1–2 s for the full ESCO in three languages). */
export function buildSearchIndex(snapshot: EscoSnapshot): SearchIndex {
  const concepts: Concept[] = [];
  for (const o of snapshot.occupations.values()) {
    const labels: Record<string, string> = {};
    for (const [lang, l] of Object.entries(o.labels)) labels[lang] = l.preferred;
    concepts.push({ uri: o.uri, type: 'occupation', labels, code: o.code, isco: o.isco });
  }
  for (const s of snapshot.skills.values()) {
    const labels: Record<string, string> = {};
    for (const [lang, l] of Object.entries(s.labels)) labels[lang] = l.preferred;
    concepts.push({ uri: s.uri, type: 'skill', labels });
  }

  // Vocabulary of folded words; each label entry is a list of word ids.
  const wordId = new Map<string, number>();
  const words: string[] = [];
  const wordDf: number[] = [];
  const entryConcept: number[] = [];
  const entryKind: number[] = [];
  const entryLang: string[] = [];
  const entryText: string[] = [];
  const entryWords: Int32Array[] = [];
  const postings: number[][] = [];

  concepts.forEach((c, ci) => {
    const src = c.type === 'occupation' ? snapshot.occupations.get(c.uri)! : snapshot.skills.get(c.uri)!;
    for (const [lang, l] of Object.entries(src.labels)) {
      const seen = new Set<string>();
      const add = (text: string, kind: number) => {
        // Gendered pairs ("cocinero/cocinera", "waiter/waitress") are one label per form: a typed "cocinero"
        // then matches a whole label instead of half of one.
        const forms = labelForms(text);
        if (forms.length > 1) {
          for (const f of forms) add(f, kind);
          return;
        }
        const key = fold(text).trim();
        if (!key || seen.has(key)) return;
        seen.add(key);
        const toks = tokenize(text);
        if (!toks.length) return;
        const ids = toks.map((t) => {
          let id = wordId.get(t);
          if (id === undefined) {
            id = words.length;
            wordId.set(t, id);
            words.push(t);
            wordDf.push(0);
            postings.push([]);
          }
          return id;
        });
        const e = entryConcept.length;
        entryConcept.push(ci);
        entryKind.push(kind);
        entryLang.push(lang);
        entryText.push(text);
        entryWords.push(Int32Array.from(ids));
        for (const id of new Set(ids)) {
          wordDf[id]!++;
          postings[id]!.push(e);
        }
      };
      add(l.preferred, 0);
      for (const a of l.alt) add(a, 1);
      for (const h of l.hidden) add(h, 2);
    }
  });
  const entryCount = entryConcept.length;
  const post = postings.map((p) => Int32Array.from(p));
  const idf = Float64Array.from(wordDf, (df) => Math.log(1 + entryCount / df));

  // Sorted vocabulary for prefix ranges.
  const sorted = words.map((_, i) => i).sort((a, b) => (words[a]! < words[b]! ? -1 : words[a]! > words[b]! ? 1 : 0));
  const sortedWords = sorted.map((i) => words[i]!);
  // Stem → words, per language, so that "nurses" finds "nursing" and "soldadoras" finds "soldador".
  const byStem = new Map<string, number[]>();
  for (const lang of STEM_LANGS) {
    words.forEach((w, id) => {
      const key = `${lang}:${stem(w, lang)}`;
      let l = byStem.get(key);
      if (!l) byStem.set(key, (l = []));
      l.push(id);
    });
  }
  // Trigram → words, for typo candidates.
  const gramWords = new Map<string, number[]>();
  words.forEach((w, id) => {
    if (w.length < 3) return;
    for (const g of new Set(charNgrams(w, 3))) {
      let l = gramWords.get(g);
      if (!l) gramWords.set(g, (l = []));
      l.push(id);
    }
  });

  function lowerBound(prefix: string): number {
    let lo = 0;
    let hi = sortedWords.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sortedWords[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Vocabulary words a query word may stand for, with a match quality in (0, 1]. */
  function expand(tok: string, isPrefix: boolean): Map<number, number> {
    const out = new Map<number, number>();
    const put = (id: number, q: number) => {
      if ((out.get(id) ?? 0) < q) out.set(id, q);
    };
    const exact = wordId.get(tok);
    if (exact !== undefined) put(exact, 1);
    // A word ESCO itself uses is what the person meant; other words with its stem are weaker evidence, since
    // stemming folded words conflates unrelated ones (Spanish "camas" and "cámaras" both stem to "cam").
    const stemQuality = exact === undefined ? 0.9 : 0.7;
    for (const lang of STEM_LANGS)
      for (const id of byStem.get(`${lang}:${stem(tok, lang)}`) ?? []) put(id, stemQuality);
    if (isPrefix) {
      // The word being typed: complete it to the most frequent words starting with it.
      const from = lowerBound(tok);
      const range: number[] = [];
      for (let i = from; i < sortedWords.length && sortedWords[i]!.startsWith(tok); i++) range.push(sorted[i]!);
      if (range.length > MAX_PREFIX_WORDS) range.sort((a, b) => wordDf[b]! - wordDf[a]!).length = MAX_PREFIX_WORDS;
      for (const id of range) put(id, 0.75 + 0.2 * (tok.length / words[id]!.length));
    }
    if (tok.length >= 4 && (out.size === 0 || (isPrefix && tok.length >= 5 && out.size < 3))) {
      // Typos: words within edit distance 1 (2 for long words), found through shared trigrams.
      const max = tok.length >= 7 ? 2 : 1;
      const votes = new Map<number, number>();
      for (const g of new Set(charNgrams(tok, 3)))
        for (const id of gramWords.get(g) ?? []) votes.set(id, (votes.get(id) ?? 0) + 1);
      for (const [id, v] of votes) {
        if (v < 2) continue;
        const w = words[id]!;
        let d = editDistance(tok, w, max);
        // A typo inside the word being typed: compare with the same-length start of the candidate.
        if (d > max && isPrefix && w.length > tok.length) d = editDistance(tok, w.slice(0, tok.length), max) + 0.5;
        if (d <= max + 0.5) put(id, d <= 1 ? 0.7 : 0.55);
      }
    }
    return out;
  }

  function searchCodes(q: string, type: ConceptType | undefined, lang: string, limit: number): SearchHit[] {
    if (type === 'skill') return [];
    const hits: SearchHit[] = [];
    for (const c of concepts) {
      if (c.type !== 'occupation' || !c.code!.startsWith(q)) continue;
      const label = c.labels[lang] ?? c.labels.en ?? c.code!;
      hits.push({ uri: c.uri, type: c.type, label, matchedLabel: c.code!, code: c.code, isco: c.isco, score: 1 });
    }
    hits.sort((a, b) => a.code!.localeCompare(b.code!, 'en', { numeric: true }));
    return hits.slice(0, limit);
  }

  const best = new Float64Array(concepts.length);
  const bestEntry = new Int32Array(concepts.length);
  const seenEntry = new Uint8Array(entryCount);

  const candidateList: number[] = [];

  /** Scores one label against the query; keeps the concept's best label. True when every query word matched. */
  function scoreEntry(
    e: number,
    expansions: Map<number, number>[],
    weights: number[],
    totalWeight: number,
    type: ConceptType | undefined,
    lang: string,
    touched: number[],
  ): boolean {
    const ci = entryConcept[e]!;
    if (type && concepts[ci]!.type !== type) return false;
    const ws = entryWords[e]!;
    const n = Math.min(ws.length, 31);
    let used = 0; // bit k: label word k already matched a query word
    let matched = 0;
    let covered = 0;
    let firstHit = false;
    for (let i = 0; i < expansions.length; i++) {
      const ex = expansions[i]!;
      let q = 0;
      let pos = -1;
      for (let k = 0; k < n; k++) {
        if (used & (1 << k)) continue;
        const v = ex.get(ws[k]!);
        if (v !== undefined && v > q) {
          q = v;
          pos = k;
        }
      }
      if (q > 0) {
        used |= 1 << pos;
        matched += q * weights[i]!;
        covered++;
        if (i === 0 && pos === 0) firstHit = true;
      }
    }
    if (!covered) return false;
    // Label words not asked for dilute the match ("welder" beats "welder of pipes and tubes").
    let extra = 0;
    for (let k = 0; k < n; k++) if (!(used & (1 << k))) extra += Math.min(idf[ws[k]!]!, 4);
    const coverage = matched / totalWeight;
    let score = (coverage * coverage * KIND_WEIGHT[entryKind[e]!]!) / (1 + 0.08 * extra);
    // The label starting with the query's first word is a sign of the right concept only in its preferred label:
    // ESCO skills are named verb first ("operate forklift"), so their alternative labels, often noun first
    // ("forklift driving" of "drive agricultural machines"), would otherwise outrank them.
    if (firstHit && entryKind[e] === 0) score *= 1.1;
    if (entryLang[e] !== lang) score *= 0.92;
    if (score > best[ci]!) {
      if (best[ci] === 0) touched.push(ci);
      best[ci] = score;
      bestEntry[ci] = e;
    }
    return covered === expansions.length;
  }

  function search(query: string, options: SearchOptions = {}): SearchHit[] {
    const lang = options.lang ?? 'en';
    const limit = Math.max(1, Math.min(100, options.limit ?? 10));
    const type = options.type;
    const trimmed = query.trim();
    if (/^\d[\d.]*$/.test(trimmed)) return searchCodes(trimmed, type, lang, limit);
    let toks = tokenize(query);
    if (!toks.length) return [];
    const typing = !/\s$/.test(query); // the last word is still being typed
    // Stop words count only when they are all there is ("de" alone is a legitimate prefix).
    const content = toks.filter((t, i) => !isStop(t) || (typing && i === toks.length - 1));
    if (content.length) toks = content;
    toks = toks.slice(0, 8);
    const expansions = toks.map((t, i) => expand(t, typing && i === toks.length - 1));
    const weights = expansions.map((ex, i) => {
      let m = 0;
      for (const id of ex.keys()) m = Math.max(m, idf[id]!);
      // One or two letters typed say little yet: they refine, they do not dominate.
      const short = toks[i]!.length <= 2 && typing && i === toks.length - 1 && toks.length > 1 ? 0.5 : 1;
      return (m || (toks[i]!.length > 2 ? 1 : 0.2)) * short;
    });
    const totalWeight = weights.reduce((a, b) => a + b, 0);

    // Candidates: labels holding a word of the most selective query word (all query words should match);
    // the next most selective word widens the set only when too few labels match (it may hold the typo).
    const order = expansions
      .map((ex, i) => ({ i, size: [...ex.keys()].reduce((a, id) => a + post[id]!.length, 0) }))
      .filter((x) => x.size > 0)
      .sort((a, b) => a.size - b.size);
    if (!order.length) return [];
    const touched: number[] = [];
    let complete = 0;
    for (let round = 0; round < Math.min(2, order.length); round++) {
      // Widening helps only when the next word is long enough to hold a typo.
      if (round === 1 && (complete >= limit || toks[order[1]!.i]!.length < 4)) break;
      const ex = expansions[order[round]!.i]!;
      // Best expansions first (exact, stem, then completions by frequency), up to the candidate budget.
      const ids = [...ex.keys()].sort((a, b) => ex.get(b)! - ex.get(a)! || post[b]!.length - post[a]!.length);
      let budget = toks[order[round]!.i]!.length <= 2 ? MAX_CANDIDATES / 3 : MAX_CANDIDATES;
      for (const id of ids) {
        const list = post[id]!;
        for (let j = 0; j < list.length && budget > 0; j++) {
          const e = list[j]!;
          if (seenEntry[e]) continue;
          seenEntry[e] = 1;
          budget--;
          candidateList.push(e);
          if (scoreEntry(e, expansions, weights, totalWeight, type, lang, touched)) complete++;
        }
        if (budget <= 0) break;
      }
    }
    for (const e of candidateList) seenEntry[e] = 0;
    candidateList.length = 0;
    const ranked = touched.map((ci) => ({ ci, s: best[ci]! }));
    for (const ci of touched) best[ci] = 0;
    ranked.sort((a, b) => b.s - a.s || a.ci - b.ci);
    return ranked.slice(0, limit).map(({ ci, s }) => {
      const c = concepts[ci]!;
      const hit: SearchHit = {
        uri: c.uri,
        type: c.type,
        label: c.labels[lang] ?? c.labels.en ?? Object.values(c.labels)[0] ?? c.uri,
        matchedLabel: entryText[bestEntry[ci]!]!,
        score: Math.round(s * 10000) / 10000,
      };
      if (c.code) hit.code = c.code;
      if (c.isco) hit.isco = c.isco;
      return hit;
    });
  }

  function isStop(t: string): boolean {
    return isStopWord(t, 'en') || isStopWord(t, 'es') || isStopWord(t, 'fr');
  }

  return { search, labelCount: entryCount };
}
