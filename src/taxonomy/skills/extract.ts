// Skill extraction: free text (CV paragraph, job ad, interview answer; en/es/fr) → ranked ESCO skills, each with the
// span or sentence that evidences it.
//
// Per sentence, three signals are combined:
//  1. label coverage — how much of a skill's label (preferred/alt/hidden, stemmed, any word order, words in between
//     allowed with a gap penalty) the sentence holds, weighted by term rarity; job-text filler words ("experience",
//     "strong", "skills") count little, decided per word so that stem collisions ("Excel"/"excellent") do not
//     discount content words; near-stems sharing a long prefix match at a discount, and so do words whose stem is
//     too short to tell them apart (Spanish "camas" and "cámaras" both stem to "cam");
//  2. BM25 of the sentence against the skill's labels + description — catches paraphrases that share words with
//     the description rather than the label;
//  3. a prior from how many occupations require the skill and its reuse level — job texts mention transversal
//     and widely required skills far more often than niche ones, so among equal matches the common skill wins.
// Over the text's shortlist: a context signal (skills required by the same occupations as the text's other strong
// candidates move up) and a mild demotion of skills evidenced by exactly the same span as skills already chosen.
// Then a phrase model learned from ESCO's skill labels (phrase-model.ts) says how well each of the best candidates'
// sentence reads as that skill, and adds a share of its log-probability.
// Optional and off by default (measured, no net gain): a re-ranker on LSA vectors trained on ESCO (vectors.ts).
// All weights are in DEFAULT_PARAMS; `npm run bench:skills` measures them (docs/BENCHMARKS.md).
import { Bm25 } from '../bm25.js';
import type { EscoSnapshot, Skill } from '../model.js';
import { analyze, isStopWord, stem, tokenize } from '../text.js';
import { titleWords, type TitleModel } from '../occupations/title-model.js';
import { shippedSkillModel } from './phrase-model.js';
import { cachedTermVectors, type TermVectors } from './vectors.js';
import { splitSentences, tokenizeSpan, type Span, type Token } from './sentences.js';

export interface ExtractedSkill {
  uri: string;
  /** Preferred label in the requested language, English when missing. */
  label: string;
  score: number;
  /** The span or sentence of the input that evidences the skill (always a substring of the input). */
  evidence: string;
}

export interface ExtractOptions {
  /** How many skills to return (default 5). */
  top?: number;
  /** Language of the text (default 'en'); English labels are matched too, since tech terms stay English. */
  lang?: string;
}

export interface SkillExtractor {
  extract(text: string, options?: ExtractOptions): ExtractedSkill[];
  /** Languages with labels in the snapshot. */
  readonly languages: readonly string[];
}

/** Tunable weights (defaults are the measured ones; the bench may pass others). */
export interface ExtractorParams {
  /** Exponent on label coverage: higher punishes partial matches more. */
  coveragePower: number;
  /** Weight of the matched information (sum of idf) next to coverage. */
  infoWeight: number;
  /** Weight of the description BM25 signal (normalised to the sentence's best). */
  descWeight: number;
  /** Weight of the popularity / reuse prior. */
  priorWeight: number;
  /** Score multiplier for hidden labels (often misspellings or jargon). */
  hiddenFactor: number;
  /** Weight of job-text filler words ("experience", "knowledge", "strong", ...) in texts and in labels. */
  fillerWeight: number;
  /** Words allowed between the matched words of a label before the score decays. */
  maxGap: number;
  gapPenalty: number;
  /** Weight of a match through a shared long prefix instead of an equal stem. */
  prefixWeight: number;
  /** Weight of a match through an equal short stem (under SHORT_STEM letters) between different words. */
  shortStemWeight: number;
  /** Matched information at which a label match reaches half its strength. */
  infoFloor: number;
  /** Score multiplier for English-label matches in a non-English text. */
  foreignFactor: number;
  /** Prior bonus of a transversal skill (cross-sector: half, sector-specific: a sixth). */
  reuseBonus: number;
  /** Share of the second-best matching label of a skill added to its score. */
  secondLabelWeight: number;
  /** Weight of the LSA cosine in re-ranking the shortlist (0 disables the vectors). */
  vectorWeight: number;
  vectorDim: number;
  /** Weight of description terms (vs label terms) in a skill's vector. */
  descVectorWeight: number;
  /** Shortlist size per sentence for re-ranking. */
  rerankDepth: number;
  /** Demotion per skill already chosen with the very same evidence span (0..1). */
  diversity: number;
  /** Weight of the context signal (occupation cosine to the other candidates of the text). */
  coherenceWeight: number;
  /** How many of the best candidates take part in the context signal. */
  coherenceDepth: number;
  /**
   * Weight of the phrase model (phrase-model.ts): how well a candidate's evidence span reads as the skill, as
   * log-probability counted from −phraseFloor up; 0 disables it.
   */
  phraseWeight: number;
  /** The same for the candidate's whole sentence. */
  sentencePhraseWeight: number;
  /** Log-probabilities below −phraseFloor add nothing. */
  phraseFloor: number;
  /** How many of the text's best candidates the phrase model re-scores. */
  phraseDepth: number;
}

export const DEFAULT_PARAMS: ExtractorParams = {
  coveragePower: 2,
  infoWeight: 0.15,
  descWeight: 0.3,
  priorWeight: 0.15,
  hiddenFactor: 0.9,
  fillerWeight: 0.2,
  maxGap: 3,
  gapPenalty: 0.15,
  prefixWeight: 0.6,
  shortStemWeight: 0.8,
  infoFloor: 1.5,
  foreignFactor: 0.8,
  reuseBonus: 0.6,
  secondLabelWeight: 0.2,
  vectorWeight: 0,
  vectorDim: 100,
  descVectorWeight: 0.3,
  rerankDepth: 40,
  diversity: 0.1,
  coherenceWeight: 2.5,
  coherenceDepth: 20,
  phraseWeight: 0,
  sentencePhraseWeight: 0.05,
  phraseFloor: 10,
  phraseDepth: 40,
};

// Words that frame a requirement in job ads, CVs and interviews rather than name a skill. They still count a
// little: "communication skills" should prefer a label with "skills" over one without, all else equal.
const FILLER: Record<string, Set<string>> = {
  en: new Set(
    (
      'experience experienced experiences knowledge knowledgeable skill skills skilled ability abilities able ' +
      'capable capability understanding understand proficiency proficient competent competence competences ' +
      'competency competencies familiarity familiar expertise expert strong solid good great excellent ' +
      'outstanding advanced basic deep proven demonstrated year years candidate candidates position ' +
      'role job work working opportunity required requirement requirements preferred plus desirable ideally ' +
      'must need needs minimum least etc including related similar equivalent relevant new highly very well ' +
      'level levels field area areas'
    ).split(' '),
  ),
  es: new Set(
    (
      'experiencia experiencias conocimiento conocimientos habilidad habilidades capacidad capacidades ' +
      'competencia competencias dominio buen buena buenos buenas excelente solido solida avanzado avanzada ' +
      'basico basica ano anos candidato candidata puesto trabajo requisito requisitos deseable valorable ' +
      'minimo nivel area areas ' +
      // Frame words of CVs and answers: "conozco bien …" must not find "bienes", nor "todos los días" a skill.
      'bien dia dias'
    ).split(' '),
  ),
  fr: new Set(
    (
      'experience experiences connaissance connaissances competence competences capacite capacites aptitude ' +
      'aptitudes maitrise bon bonne bons bonnes excellent excellente solide solides avance avancee ' +
      'base an ans annee annees candidat candidate poste emploi travail exige souhaite souhaitee minimum ' +
      'niveau domaine ' +
      // Frame words: "je connais bien …" must not find "biens", "je devais …" must not find "devis" (same stem),
      // nor "tous les jours" "mettre à jour".
      'bien jour jours dois doit devons devez doivent devais devait devions deviez devaient devra devrait devraient'
    ).split(' '),
  ),
};

function isFillerWord(word: string, lang: string): boolean {
  return FILLER[lang]?.has(word) ?? false;
}

const HIDDEN = 2;
const PREFIX = 5;
/**
 * A stem shorter than this leaves too little of a word to tell words apart: the Snowball stemmers take "cámaras"
 * and "camas" to "cam", "tejido" and "tejado" to "tej", "fitness" and "fitting" to "fit".
 */
const SHORT_STEM = 4;

/**
 * A word's term in the label index: its stem, unless the stem is short and not the word itself (or the word with a
 * plural ending); then the word (less a final plural "s"), so that "camas" finds "cama" and "cámaras" "cámara" in full, and each other only
 * at a discount through their shared stem (LabelIndex.related).
 */
export function labelKey(word: string, stemmed: string): string {
  if (stemmed.length >= SHORT_STEM || stemmed === word) return stemmed;
  // The stem and a plural ending ("pigs", "boxes", "meses"): the stem is the word.
  if (word === `${stemmed}s` || word === `${stemmed}es`) return stemmed;
  return word.length > 3 && word.endsWith('s') ? word.slice(0, -1) : word;
}

interface LabelVariant {
  skill: number;
  kind: number;
  /** Label index terms (labelKey). */
  terms: string[];
  /** Terms that come from filler words only ("skills" in "communication skills"). */
  filler: Set<string>;
  /** Terms whose stem is short → that stem. */
  family: Map<string, string>;
}

/**
 * A label's index terms (stop words dropped, labelKey), which of them come from filler words, the short stems
 * they belong to, and the plain stems (for the BM25 document).
 */
function labelTerms(
  label: string,
  lang: string,
): { terms: string[]; filler: Set<string>; family: Map<string, string>; stems: string[] } {
  const terms: string[] = [];
  const stems: string[] = [];
  const filler = new Set<string>();
  const content = new Set<string>();
  const family = new Map<string, string>();
  for (const w of tokenize(label)) {
    if (isStopWord(w, lang)) continue;
    const st = stem(w, lang);
    const t = labelKey(w, st);
    terms.push(t);
    stems.push(st);
    if (st.length < SHORT_STEM && !/[\d+#]/.test(st)) family.set(t, st);
    (isFillerWord(w, lang) ? filler : content).add(t);
  }
  for (const t of content) filler.delete(t);
  return { terms, filler, family, stems };
}

/** Label variants of one language, with an inverted index from term to variant. */
class LabelIndex {
  readonly termIds = new Map<string, number>();
  idf!: Float32Array;
  /** variant → skill index */
  variantSkill: Int32Array;
  /** variant → sum of idf of its distinct terms (filler terms discounted) */
  variantWeight: Float32Array;
  variantKind: Uint8Array;
  variantTerms: Int32Array[];
  postings: Int32Array[] = [];
  /** Per posting: the term's weight in that label (a filler word such as "skills" counts little). */
  postingFactor: Float32Array[] = [];
  /** First PREFIX characters of a term → term ids, for near-miss stems ("enthusiast" ~ "enthusiasm"). */
  private readonly byPrefix = new Map<string, number[]>();
  /** A short stem → the terms of words that have it ("cam" → "cama", "camara"). */
  private readonly byShortStem = new Map<string, number[]>();
  private readonly relatedCache = new Map<string, [number, number][]>();

  /** True when some label holds the word (its term, or a word of the same short stem). */
  knows(word: string, stemmed: string): boolean {
    return this.termIds.has(labelKey(word, stemmed)) || this.byShortStem.has(stemmed);
  }

  /**
   * Label terms a text word (with its stem) matches: its own term (weight 1); label terms sharing a long prefix
   * with it (weight `near`), which bridges derivations the stemmer leaves apart and US/UK spellings
   * ("analyz"/"analys"); and, when its stem is short, the other words of that stem (weight `short`).
   */
  related(word: string, stemmed: string, near: number, short: number): [number, number][] {
    const term = labelKey(word, stemmed);
    // A word's own form can equal another word's stem: the cache tells them apart.
    const cacheKey = stemmed.length < SHORT_STEM ? `${term}\u0000${stemmed}` : term;
    let out = this.relatedCache.get(cacheKey);
    if (out) return out;
    out = [];
    const self = this.termIds.get(term);
    if (self !== undefined) out.push([self, 1]);
    if (stemmed.length < SHORT_STEM) {
      if (short > 0) for (const id of this.byShortStem.get(stemmed) ?? []) if (id !== self) out.push([id, short]);
    } else if (near > 0 && term.length >= PREFIX && !/[\d+#]/.test(term)) {
      for (const id of this.byPrefix.get(term.slice(0, PREFIX)) ?? []) {
        if (id === self) continue;
        const other = this.termList[id]!;
        let p = 0;
        while (p < term.length && p < other.length && term[p] === other[p]) p++;
        if (p >= Math.max(PREFIX, 0.75 * Math.min(term.length, other.length))) out.push([id, near]);
      }
    }
    if (this.relatedCache.size > 200_000) this.relatedCache.clear();
    this.relatedCache.set(cacheKey, out);
    return out;
  }
  termList: string[] = [];

  constructor(variants: LabelVariant[], skillCount: number, fillerWeight: number) {
    const lists: number[][] = [];
    const factors: number[][] = [];
    const skillDf: Set<number>[] = [];
    this.variantSkill = new Int32Array(variants.length);
    this.variantWeight = new Float32Array(variants.length);
    this.variantKind = new Uint8Array(variants.length);
    this.variantTerms = [];
    const shortStems = new Map<string, string>();
    variants.forEach((v, i) => {
      for (const [t, st] of v.family) shortStems.set(t, st);
      this.variantSkill[i] = v.skill;
      this.variantKind[i] = v.kind;
      const ids: number[] = [];
      for (const t of new Set(v.terms)) {
        let id = this.termIds.get(t);
        if (id === undefined) {
          id = lists.length;
          this.termIds.set(t, id);
          lists.push([]);
          factors.push([]);
          skillDf.push(new Set());
        }
        lists[id]!.push(i);
        factors[id]!.push(v.filler.has(t) ? fillerWeight : 1);
        skillDf[id]!.add(v.skill);
        ids.push(id);
      }
      this.variantTerms.push(Int32Array.from(ids));
    });
    this.idf = new Float32Array(lists.length);
    const terms = [...this.termIds.keys()];
    this.termList = terms;
    terms.forEach((t, id) => {
      const st = shortStems.get(t);
      if (st !== undefined) {
        const list = this.byShortStem.get(st);
        if (list) list.push(id);
        else this.byShortStem.set(st, [id]);
        return;
      }
      if (t.length < PREFIX || /[\d+#]/.test(t)) return;
      const key = t.slice(0, PREFIX);
      const list = this.byPrefix.get(key);
      if (list) list.push(id);
      else this.byPrefix.set(key, [id]);
    });
    // The words of one short stem keep the stem's rarity (skills holding any of them): splitting them changes what
    // matches what, not how much a match weighs.
    const familyDf = new Map<string, Set<number>>();
    for (const [st, ids] of this.byShortStem) {
      const union = new Set<number>();
      for (const id of ids) for (const k of skillDf[id]!) union.add(k);
      familyDf.set(st, union);
    }
    lists.forEach((l, id) => {
      this.postings.push(Int32Array.from(l));
      this.postingFactor.push(Float32Array.from(factors[id]!));
      const st = shortStems.get(terms[id]!);
      const df = (st !== undefined ? familyDf.get(st) : undefined) ?? skillDf[id]!;
      this.idf[id] = Math.log(1 + skillCount / df.size);
    });
    variants.forEach((v, i) => {
      let w = 0;
      for (const id of this.variantTerms[i]!)
        w += this.idf[id]! * (v.filler.has(this.termList[id]!) ? fillerWeight : 1);
      this.variantWeight[i] = w;
    });
  }
}

interface LangModel {
  labels: LabelIndex;
  desc: Bm25;
  descLength: Float32Array;
  /** Term vectors trained on this language's ESCO texts, and each skill's unit vector (absent when disabled). */
  vectors?: TermVectors;
  skillVectors?: Float32Array;
}

/** Adds weight × the term's vector into `out` (unknown terms add nothing). */
function addTermVector(v: TermVectors, term: string, weight: number, out: Float32Array): void {
  const r = v.index.get(term);
  if (r === undefined || weight === 0) return;
  const o = r * v.dim;
  for (let j = 0; j < v.dim; j++) out[j]! += weight * v.data[o + j]!;
}

/** Scales to unit length in place; false for a zero vector. */
function normalise(x: Float32Array): boolean {
  let n = 0;
  for (let j = 0; j < x.length; j++) n += x[j]! * x[j]!;
  if (n === 0) return false;
  n = Math.sqrt(n);
  for (let j = 0; j < x.length; j++) x[j]! /= n;
  return true;
}

/**
 * Greedy top-k that demotes a candidate evidenced by exactly the same span as skills already chosen: five
 * variants of "wind turbines" tell less than the other skills of the sentence. Whole-sentence evidence
 * (no label match) is never demoted.
 */
function diversify<T extends { skill: number; score: number; span: Span; wholeSentence: boolean }>(
  items: T[],
  top: number,
  factor: number,
): T[] {
  items.sort((a, b) => b.score - a.score || a.skill - b.skill);
  if (factor <= 0) return items.slice(0, top);
  const pool = items.slice(0, top * 6);
  const used = new Map<string, number>();
  const out: T[] = [];
  while (out.length < top && pool.length) {
    let bestI = 0;
    let bestScore = -Infinity;
    for (let i = 0; i < pool.length; i++) {
      const c = pool[i]!;
      // Sorted by raw score: nothing further down can beat the current best once raw scores fall below it.
      if (c.score <= bestScore) break;
      const n = used.get(`${c.span.start}:${c.span.end}`) ?? 0;
      const s = c.score * Math.pow(1 - factor, n);
      if (s > bestScore) {
        bestScore = s;
        bestI = i;
      }
    }
    const [c] = pool.splice(bestI, 1);
    const key = `${c!.span.start}:${c!.span.end}`;
    if (!c!.wholeSentence) used.set(key, (used.get(key) ?? 0) + 1);
    out.push(c!);
  }
  return out;
}

/** Label matches weaker than this are not worth their proximity check. */
const MIN_LABEL_SCORE = 0.1;

/** Pushes into a min-heap (by score) holding at most `cap` items. */
function heapPush<T extends { score: number }>(heap: T[], item: T, cap: number): void {
  if (heap.length < cap) {
    heap.push(item);
    let i = heap.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (heap[p]!.score <= heap[i]!.score) break;
      [heap[p], heap[i]] = [heap[i]!, heap[p]!];
      i = p;
    }
    return;
  }
  if (item.score <= heap[0]!.score) return;
  heap[0] = item;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let m = i;
    if (l < heap.length && heap[l]!.score < heap[m]!.score) m = l;
    if (r < heap.length && heap[r]!.score < heap[m]!.score) m = r;
    if (m === i) break;
    [heap[m], heap[i]] = [heap[i]!, heap[m]!];
    i = m;
  }
}

/** Removes a trailing parenthetical qualifier: "Java (computer programming)" → "Java". */
function withoutQualifier(label: string): string | undefined {
  const m = /^(.+?)\s*\([^)]*\)\s*$/.exec(label);
  return m ? m[1] : undefined;
}

function skillPrior(snapshot: EscoSnapshot, skills: Skill[], reuse: number): Float32Array {
  const uses = new Map<string, number>();
  for (const r of snapshot.occupationSkills) {
    uses.set(r.skillUri, (uses.get(r.skillUri) ?? 0) + (r.relation === 'essential' ? 1 : 0.5));
  }
  let max = 0;
  const raw = skills.map((s) => {
    const v = Math.log1p(uses.get(s.uri) ?? 0);
    if (v > max) max = v;
    return v;
  });
  const reuseBonus: Record<string, number> = {
    transversal: reuse,
    'cross-sector': reuse / 2,
    'sector-specific': reuse / 6,
  };
  return Float32Array.from(skills.map((s, i) => (max ? raw[i]! / max : 0) + (reuseBonus[s.reuseLevel] ?? 0)));
}

export interface ExtractorOptions {
  /** The phrase model; default the shipped one (none when absent). */
  phraseModel?: TitleModel | null;
}

export function buildSkillExtractor(
  snapshot: EscoSnapshot,
  params: Partial<ExtractorParams> = {},
  options: ExtractorOptions = {},
): SkillExtractor {
  const P: ExtractorParams = { ...DEFAULT_PARAMS, ...params };
  const phrase =
    P.phraseWeight > 0 || P.sentencePhraseWeight > 0
      ? options.phraseModel === undefined
        ? shippedSkillModel()
        : options.phraseModel
      : null;
  const skills = [...snapshot.skills.values()].sort((a, b) => (a.uri < b.uri ? -1 : 1));
  const prior = skillPrior(snapshot, skills, P.reuseBonus);
  const languages = snapshot.languages.length ? snapshot.languages : ['en'];
  const models = new Map<string, LangModel>();

  const modelFor = (lang: string): LangModel | undefined => {
    if (models.has(lang)) return models.get(lang);
    if (!languages.includes(lang)) return undefined;
    const variants: LabelVariant[] = [];
    const docs: string[][] = [];
    const labelTermCounts = new Int32Array(skills.length);
    skills.forEach((s, i) => {
      const l = s.labels[lang];
      const doc: string[] = [];
      if (l) {
        const forms: [string, number][] = [[l.preferred, 0], ...l.alt.map((a): [string, number] => [a, 1])];
        forms.push(...l.hidden.map((h): [string, number] => [h, HIDDEN]));
        for (const [form, kind] of forms) {
          for (const f of [form, withoutQualifier(form)]) {
            if (!f) continue;
            const { terms, filler, family, stems } = labelTerms(f, lang);
            // "team-working" also as "teamworking", so that a text's "teamwork" finds it.
            if (/\p{L}-\p{L}/u.test(f)) {
              const joined = labelTerms(f.replace(/(\p{L})-(\p{L})/gu, '$1$2'), lang);
              if (joined.terms.length && joined.terms.join(' ') !== terms.join(' '))
                variants.push({ skill: i, kind, terms: joined.terms, filler: joined.filler, family: joined.family });
            }
            if (terms.length) variants.push({ skill: i, kind, terms, filler, family });
            if (kind !== HIDDEN) doc.push(...stems);
          }
        }
        labelTermCounts[i] = doc.length;
        if (l.description) doc.push(...analyze(l.description, lang));
      }
      docs.push(doc);
    });
    let vectors: TermVectors | undefined;
    let skillVectors: Float32Array | undefined;
    if (P.vectorWeight > 0) {
      // Contexts: every skill (labels + description) and every occupation (labels + description).
      const contexts: string[][] = docs.filter((d) => d.length > 0);
      for (const o of snapshot.occupations.values()) {
        const l = o.labels[lang];
        if (l) contexts.push(analyze([l.preferred, ...l.alt, l.description ?? ''].join(' \n '), lang));
      }
      vectors = cachedTermVectors(`skill-lsa-${lang}`, contexts, { dim: P.vectorDim });
      skillVectors = new Float32Array(skills.length * vectors.dim);
      const bm = new Bm25(docs, { b: 0.5 });
      docs.forEach((doc, i) => {
        // A skill's vector: its label terms, then its description at a lower weight (labels come first in doc).
        const labelCount = labelTermCounts[i]!;
        const row = skillVectors!.subarray(i * vectors!.dim, (i + 1) * vectors!.dim);
        doc.forEach((t, j) => addTermVector(vectors!, t, bm.idf(t) * (j < labelCount ? 1 : P.descVectorWeight), row));
        normalise(row);
      });
    }
    const m: LangModel = {
      vectors,
      skillVectors,
      labels: new LabelIndex(variants, skills.length, P.fillerWeight),
      desc: new Bm25(docs, { b: 0.5 }),
      descLength: Float32Array.from(docs, (d) => d.length),
    };
    models.set(lang, m);
    return m;
  };

  interface Candidate {
    skill: number;
    score: number;
    span: Span;
    /** The sentence the candidate was found in. */
    sentence: Span;
    /** True when no label matched and the evidence is the whole sentence. */
    wholeSentence: boolean;
  }

  const nSkills = skills.length;
  // Per-sentence scratch space, reused (allocation-free hot path); every touched entry is reset after use.
  const labelScore = new Float32Array(nSkills);
  const labelRest = new Float32Array(nSkills);
  const labelVariant = new Int32Array(nSkills);
  const descAcc = new Float32Array(nSkills);
  const seen = new Uint8Array(nSkills);
  const skillTouched = new Int32Array(nSkills);
  const scratch = new Map<
    string,
    { firstPos: Int32Array; qWeight: Float32Array; acc: Float32Array; count: Uint8Array; touched: Int32Array }
  >();

  /** Scores one sentence against one language's labels and descriptions; returns its best candidates. */
  const scoreSentence = (tokens: Token[], sentence: Span, lang: string, m: LangModel, keep: number): Candidate[] => {
    const L = m.labels;
    let sc = scratch.get(lang);
    if (!sc) {
      const nv = L.variantSkill.length;
      sc = {
        firstPos: new Int32Array(L.idf.length).fill(-1),
        qWeight: new Float32Array(L.idf.length),
        acc: new Float32Array(nv),
        count: new Uint8Array(nv),
        touched: new Int32Array(nv),
      };
      scratch.set(lang, sc);
    }
    const { firstPos, qWeight, acc, count, touched } = sc;
    const qTerms: number[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const { term, word } = tokens[i]!;
      if (!term) continue;
      // Filler is decided on the word, not the stem: "Excel" is no filler though "excellent" is.
      const factor = isFillerWord(word, lang) ? P.fillerWeight : 1;
      for (const [id, related] of L.related(word, term, P.prefixWeight, P.shortStemWeight)) {
        const w = related * factor;
        if (firstPos[id]! < 0) {
          firstPos[id] = i;
          qWeight[id] = w;
          qTerms.push(id);
        } else if (w > qWeight[id]!) qWeight[id] = w;
      }
    }
    // 1. Label coverage.
    let nTouched = 0;
    for (const id of qTerms) {
      const idf = L.idf[id]!;
      const q = qWeight[id]!;
      const post = L.postings[id]!;
      const fac = L.postingFactor[id]!;
      for (let k = 0; k < post.length; k++) {
        const v = post[k]!;
        if (acc[v] === 0) touched[nTouched++] = v;
        // A filler word on either side only counts as filler.
        acc[v]! += idf * (q < fac[k]! ? q : fac[k]!);
        count[v]!++;
      }
    }
    let nSk = 0;
    for (let k = 0; k < nTouched; k++) {
      const v = touched[k]!;
      const matched = acc[v]!;
      const matchedTerms = count[v]!;
      acc[v] = 0;
      count[v] = 0;
      const cov = Math.min(1, matched / L.variantWeight[v]!);
      // Low-information matches (one common or filler word) stay weak even at full coverage.
      let s = Math.pow(cov, P.coveragePower) * (1 + P.infoWeight * matched) * (matched / (matched + P.infoFloor));
      if (L.variantKind[v] === HIDDEN) s *= P.hiddenFactor;
      if (s < MIN_LABEL_SCORE) continue;
      const d = L.variantSkill[v]!;
      // Proximity only lowers a score: skip it when this label cannot beat the skill's runner-up anyway.
      if (seen[d] && s <= labelRest[d]!) continue;
      // Proximity: the matched words should sit together (inserted words allowed, any order). A single matched
      // word has no gap, and most touched labels match one word only, so the check runs for the rest alone.
      if (matchedTerms > 1) {
        const terms = L.variantTerms[v]!;
        let lo = 1 << 30;
        let hi = -1;
        let n = 0;
        for (let j = 0; j < terms.length; j++) {
          const p = firstPos[terms[j]!]!;
          if (p < 0) continue;
          n++;
          if (p < lo) lo = p;
          if (p > hi) hi = p;
        }
        const gap = hi - lo + 1 - n;
        if (gap > P.maxGap) s /= 1 + P.gapPenalty * (gap - P.maxGap);
      }
      if (!seen[d]) {
        seen[d] = 1;
        skillTouched[nSk++] = d;
        labelScore[d] = s;
        labelRest[d] = 0;
        labelVariant[d] = v;
      } else if (s > labelScore[d]!) {
        // Several labels of one skill matching is more evidence than one: keep a share of the runner-up.
        labelRest[d] = Math.max(labelRest[d]!, labelScore[d]!);
        labelScore[d] = s;
        labelVariant[d] = v;
      } else if (s > labelRest[d]!) labelRest[d] = s;
    }
    // 2. BM25 of the sentence against label + description documents, normalised to the sentence's best.
    let maxDesc = 0;
    if (P.descWeight > 0) {
      // term → query weight: filler words (by the word itself, not its stem) count little.
      const queryTerms = new Map<string, number>();
      for (const t of tokens) {
        if (!t.term) continue;
        const w = isFillerWord(t.word, lang) ? P.fillerWeight : 1;
        if (w > (queryTerms.get(t.term) ?? 0)) queryTerms.set(t.term, w);
      }
      const D = m.desc;
      const { k1, b } = D;
      const norm = k1 * (1 - b);
      const slope = (k1 * b) / D.avgDocLength;
      for (const [term, qw] of queryTerms) {
        const post = D.postings(term);
        // Terms in over a tenth of the documents say little and cost most; skip them.
        if (!post || post.docs.length > nSkills / 10) continue;
        const w = D.idf(term) * qw;
        const { docs, tf } = post;
        for (let k = 0; k < docs.length; k++) {
          const d = docs[k]!;
          const f = tf[k]!;
          if (!seen[d]) {
            seen[d] = 1;
            skillTouched[nSk++] = d;
            labelScore[d] = 0;
            labelRest[d] = 0;
            labelVariant[d] = -1;
          }
          const v = (descAcc[d]! += (w * f * (k1 + 1)) / (f + norm + slope * m.descLength[d]!));
          if (v > maxDesc) maxDesc = v;
        }
      }
    }
    // 3. Combine with the prior; keep the best few (a small min-heap by score).
    const heap: Candidate[] = [];
    for (let k = 0; k < nSk; k++) {
      const d = skillTouched[k]!;
      seen[d] = 0;
      const desc = maxDesc ? descAcc[d]! / maxDesc : 0;
      descAcc[d] = 0;
      const score =
        labelScore[d]! + P.secondLabelWeight * labelRest[d]! + P.descWeight * desc + P.priorWeight * prior[d]!;
      if (heap.length === keep && score <= heap[0]!.score) continue;
      heapPush(heap, { skill: d, score, span: sentence, sentence, wholeSentence: true }, keep);
    }
    // Evidence of the shortlisted: from the first to the last text word matched by the skill's best label.
    for (const c of heap) {
      const v = labelVariant[c.skill]!;
      if (!(labelScore[c.skill]! > 0 && v >= 0)) continue;
      let lo = 1 << 30;
      let hi = -1;
      for (const id of L.variantTerms[v]!) {
        const p = firstPos[id]!;
        if (p < 0) continue;
        if (p < lo) lo = p;
        if (p > hi) hi = p;
      }
      if (hi < 0) continue;
      c.span = { start: tokens[lo]!.start, end: tokens[hi]!.end };
      c.wholeSentence = false;
    }
    for (const id of qTerms) firstPos[id] = -1;
    // 4. Semantic re-ranking of the shortlist: cosine of the sentence's and the skill's LSA vectors.
    if (m.vectors && m.skillVectors && heap.length) {
      const V = m.vectors;
      const q = new Float32Array(V.dim);
      for (const t of tokens) {
        if (t.term) addTermVector(V, t.term, m.desc.idf(t.term) * (isFillerWord(t.word, lang) ? P.fillerWeight : 1), q);
      }
      if (normalise(q)) {
        for (const c of heap) {
          const o = c.skill * V.dim;
          let dot = 0;
          for (let j = 0; j < V.dim; j++) dot += q[j]! * m.skillVectors[o + j]!;
          c.score += P.vectorWeight * Math.max(0, dot);
        }
      }
    }
    return heap;
  };

  // Occupations requiring each skill (sorted ids): two skills required by the same occupations belong together.
  const skillOccupations: Int32Array[] = (() => {
    const occIds = new Map<string, number>();
    const lists = skills.map((): number[] => []);
    const skillIdx = new Map(skills.map((s, i) => [s.uri, i]));
    for (const r of snapshot.occupationSkills) {
      const i = skillIdx.get(r.skillUri);
      if (i === undefined) continue;
      let o = occIds.get(r.occupationUri);
      if (o === undefined) occIds.set(r.occupationUri, (o = occIds.size));
      lists[i]!.push(o);
    }
    return lists.map((l) => Int32Array.from(new Set(l)).sort());
  })();

  const occupationCosine = (a: number, b: number): number => {
    const x = skillOccupations[a]!;
    const y = skillOccupations[b]!;
    if (!x.length || !y.length) return 0;
    let i = 0;
    let j = 0;
    let n = 0;
    while (i < x.length && j < y.length) {
      if (x[i]! < y[j]!) i++;
      else if (x[i]! > y[j]!) j++;
      else {
        n++;
        i++;
        j++;
      }
    }
    return n / Math.sqrt(x.length * y.length);
  };

  /**
   * Context: a candidate required by the same occupations as the text's other strong candidates fits the text
   * ("cloud" among cloud-computing skills is not "public offering"). Adds the score-weighted mean occupation
   * cosine to the other shortlisted candidates.
   */
  const addCoherence = (candidates: Candidate[]): void => {
    candidates.sort((a, b) => b.score - a.score || a.skill - b.skill);
    const short = candidates.slice(0, P.coherenceDepth);
    const base = short.map((c) => c.score);
    short.forEach((c, i) => {
      let sum = 0;
      let weight = 0;
      short.forEach((o, j) => {
        if (i === j || o.span.start === c.span.start) return;
        sum += base[j]! * occupationCosine(c.skill, o.skill);
        weight += base[j]!;
      });
      if (weight > 0) c.score += (P.coherenceWeight * sum) / weight;
    });
  };

  // Each skill's node in the phrase model (−1: unknown to it, e.g. a skill of a newer ESCO version).
  const phraseNode = Int32Array.from(skills, (s) => phrase?.node(s.uri) ?? -1);

  /**
   * Phrase model: the best candidates gain by how well their evidence span, and their sentence, read as the skill
   * (log-probability above −phraseFloor). Each distinct span is encoded once.
   */
  const addPhraseFit = (text: string, candidates: Candidate[], model: TitleModel): void => {
    candidates.sort((a, b) => b.score - a.score || a.skill - b.skill);
    const short = candidates.slice(0, P.phraseDepth);
    const bonus = new Float64Array(short.length);
    const pass = (weight: number, spanOf: (c: Candidate) => Span) => {
      if (weight <= 0) return;
      const bySpan = new Map<string, number[]>();
      short.forEach((c, i) => {
        const s = spanOf(c);
        const key = `${s.start}:${s.end}`;
        const list = bySpan.get(key);
        if (list) list.push(i);
        else bySpan.set(key, [i]);
      });
      for (const list of bySpan.values()) {
        const s = spanOf(short[list[0]!]!);
        if (!model.encode(titleWords(text.slice(s.start, s.end)))) continue;
        for (const i of list) {
          const node = phraseNode[short[i]!.skill]!;
          if (node >= 0) bonus[i]! += weight * Math.max(0, model.pathLogProb(node) + P.phraseFloor);
        }
      }
    };
    pass(P.phraseWeight, (c) => c.span);
    pass(P.sentencePhraseWeight, (c) => c.sentence);
    short.forEach((c, i) => (c.score += bonus[i]!));
  };

  const extract = (text: string, options: ExtractOptions = {}): ExtractedSkill[] => {
    const top = options.top ?? 5;
    const lang = options.lang ?? 'en';
    const langs = lang === 'en' ? ['en'] : [lang, 'en'];
    const found = new Map<number, Candidate>();
    for (const sentence of splitSentences(text)) {
      for (const l of langs) {
        const m = modelFor(l);
        if (!m) continue;
        const tokens = tokenizeSpan(text, sentence, l);
        const foreign = l !== lang;
        if (foreign) {
          // English labels in a non-English text: only words the text's language does not explain
          // (tech terms, loanwords), never its stop words or short function words ("ai" in "j'ai").
          const own = modelFor(lang)?.labels;
          for (const t of tokens) {
            if (
              isStopWord(t.word, lang) ||
              (t.word.length < 3 && !/[+#]/.test(t.word)) ||
              own?.knows(t.word, stem(t.word, lang))
            ) {
              t.term = '';
            }
          }
        }
        for (const c of scoreSentence(tokens, sentence, l, m, Math.max(top * 3, P.rerankDepth))) {
          if (foreign) c.score *= P.foreignFactor;
          const cur = found.get(c.skill);
          if (!cur || c.score > cur.score) found.set(c.skill, c);
        }
      }
    }
    const candidates = [...found.values()];
    if (P.coherenceWeight > 0) addCoherence(candidates);
    if (phrase) addPhraseFit(text, candidates, phrase);
    return diversify(candidates, top, P.diversity).map((c) => {
      const s = skills[c.skill]!;
      return {
        uri: s.uri,
        label: s.labels[lang]?.preferred || s.labels.en?.preferred || '',
        score: Math.round(c.score * 1e4) / 1e4,
        evidence: text.slice(c.span.start, c.span.end),
      };
    });
  };

  return { extract, languages };
}
