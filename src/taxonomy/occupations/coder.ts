// Occupation coding: a job title (and optionally a job-ad description) → ranked ESCO occupations with ISCO-08.
//
// Evidence, fused by a weighted sum (weights measured on the dev set, see docs/BENCHMARKS.md):
//  1. title ↔ label: IDF-weighted cosine between the cleaned title's stems and each preferred/alternative/hidden
//     label of each occupation, per language (en/es/fr), best label wins; unknown title words are replaced by
//     close vocabulary words (typos); a head-word bonus when the title's last word is the label's last word
//     (English titles are head-final: a "procurement department manager" is a manager), smaller for generic heads
//     that end thousands of labels ("officer", "manager"); ISCO unit-group names are weak labels of their occupations;
//  2. description ↔ occupation profile: BM25 of the ad text against each occupation's ESCO description, labels and
//     essential/optional skill labels (so a title like "Commis" still finds evidence in the ad);
//  3. description ↔ ISCO unit-group profile (ISCO-08 definition and tasks plus the group's occupations);
//     a Spanish or French description is read against profiles in its language, made of labels (ESCO does not
//     translate descriptions): the occupations' own and their essential skills';
//  4. title ↔ occupation profile: the same, for the title words (a backoff when no label matches), in the
//     language of the label the title matched best unless an English label matched nearly as well;
//  5. hierarchy: a share of a narrower occupation's score goes to its broader one, and occupations in a unit
//     group that collects much evidence are lifted a little;
//  6. the title model learned from ESCO's labels (title-model.ts): its log-probability of each occupation.
// Each result's confidence is a softmax over all candidates' final scores (temperature set on held-out labels).
// The knobs `general`, `sharpen`, `exact`, `groupSoft`, `lifted`, `descSoft` and `titleGroup` are kept for
// measurement (docs/BENCHMARKS.md says what each did); their defaults switch them off.
import type { EscoSnapshot, Occupation } from '../model.js';
import { Bm25 } from '../bm25.js';
import { analyze, charNgrams, editDistance, guessLanguage, isStopWord, labelForms, stem, tokenize } from '../text.js';
import { type TitleVariant, titleVariants } from './title.js';
import { shippedTitleModel, type TitleModel, titleWords } from './title-model.js';

export interface OccupationQuery {
  title: string;
  description?: string;
}

export interface OccupationResult {
  uri: string;
  /** ESCO code, e.g. "7212.1". */
  code: string;
  /** ISCO-08 4-digit unit group. */
  isco: string;
  /** Preferred label in the requested language (English when missing). */
  label: string;
  score: number;
  /**
   * How likely this occupation is the right one, 0..1: a softmax over every candidate's score, its temperature
   * measured on held-out data (docs/BENCHMARKS.md has the reliability tables). Low for all results means "not sure".
   */
  confidence: number;
}

export interface ClassifyOptions {
  top?: number;
  /** Language of the returned labels (default 'en'); the title may be in any indexed language. */
  lang?: string;
}

export interface OccupationCoder {
  classify(query: OccupationQuery, options?: ClassifyOptions): OccupationResult[];
  /** Number of occupations indexed. */
  readonly size: number;
  /** Languages with occupation labels (the values `lang` may take). */
  readonly languages: readonly string[];
}

/** A result with its evidence: title ↔ label, head-word bonus, description and title ↔ profile scores. */
export interface ExplainedResult extends OccupationResult {
  word: number;
  head: number;
  desc: number;
  titleProfile: number;
  /** Description ↔ the occupation's ISCO unit-group profile, relative to the best group. */
  groupDesc: number;
  /** The unit group's summed evidence relative to the best group's. */
  groupSupport: number;
  /** The occupation has narrower ESCO occupations. */
  broader: boolean;
  /** The label that the title matched best, if any: as written in ESCO, its kind and language. */
  matched?: MatchedLabel;
  /** The title model's probability of this occupation for the title (0 without a model). */
  modelProbability: number;
  /**
   * How likely the occupation's ISCO unit group is the right one, 0..1: the confidence summed over every candidate
   * of that group (the backoff when the occupation itself is uncertain; reliability in docs/BENCHMARKS.md).
   */
  iscoConfidence: number;
}

export type LabelKind = 'preferred' | 'alternative' | 'hidden' | 'unit group';
const LABEL_KINDS: LabelKind[] = ['preferred', 'alternative', 'hidden', 'unit group'];

export interface MatchedLabel {
  text: string;
  kind: LabelKind;
  lang: string;
  /** Cosine of the title's words and the label's, 0..1 (IDF-weighted). */
  similarity: number;
}

export interface ExplainingOccupationCoder extends OccupationCoder {
  explain(query: OccupationQuery, options?: ClassifyOptions): ExplainedResult[];
  /** Weights read at classification time (pref/hidden are fixed at build time). */
  readonly weights: CoderWeights;
}

export interface CoderWeights {
  /** Title ↔ label cosine. */
  word: number;
  /** Bonus when title and label share their head (last) word. */
  head: number;
  /** Description ↔ profile, normalised to the best occupation. */
  desc: number;
  /** Title ↔ profile, normalised to the best occupation. */
  titleProfile: number;
  /** Description ↔ ISCO unit-group profile, normalised to the best group. */
  groupDesc: number;
  /** Unit-group support, relative to the best group. */
  isco: number;
  /** Multiplier of a preferred label's match (alternative labels count 1). */
  pref: number;
  /** Multiplier of a hidden label's match. */
  hidden: number;
  /** Multiplier of a match with the occupation's ISCO unit-group name. */
  groupLabel: number;
  /** Multiplier of a fuzzy (typo-corrected) title word. */
  fuzzy: number;
  /** Share of the best narrower occupation's score passed up to its broader occupation (hierarchy backoff). */
  parent: number;
  /** Prior for occupations with narrower ones (general titles are coded to general occupations). */
  general: number;
  /** Query-norm (IDF) below which a title counts as generic and its label matches are scaled down; 0 = off. */
  informative: number;
  /** Description words in more than this share of occupation profiles are skipped (little evidence, much time). */
  profileMaxDf: number;
  /** Characters of the description read (job ads put duties and requirements first; the tail is how to apply). */
  descChars: number;
  /** Exponent on the title ↔ label cosine (>1 favours near-complete matches over partial ones). */
  sharpen: number;
  /** Bonus when the title covers a whole label and nothing else (cosine ≈ 1). */
  exact: number;
  /** Weight of the unit group's share of the softmax over occupation scores (ISCO-4 decision); 0 = off. */
  groupSoft: number;
  /** Temperature of that softmax (in score units). */
  groupTemp: number;
  /** Results ranked with the unit-group lift; the rest of the list is filled by the occupations' own scores. */
  lifted: number;
  /** Weight of the unit group's share of a softmax over description scores alone; 0 = off. */
  descSoft: number;
  /** Temperature of that softmax (description scores are relative to the best occupation, 0..1). */
  descTemp: number;
  /** Head-word bonus scaled by the head word's IDF up to this value (generic heads such as "officer" count less); 0 = off. */
  headIdf: number;
  /** Title ↔ ISCO unit-group profile, normalised to the best group; 0 = off. */
  titleGroup: number;
  /** Weight of an organisational-unit word in a title ("division", "regional"; see ORG_UNIT); 1 = off. */
  orgUnit: number;
  /**
   * A title is read against the profiles of another language (title ↔ profile) when its best label match is in
   * that language and its best English match scores below this share of it; 0 = always English.
   */
  localTitle: number;
  /** Weight of the title model's log-probability (title-model.ts), counted from `modelFloor` up; 0 = off. */
  model: number;
  /** Log-probabilities below −modelFloor add nothing. */
  modelFloor: number;
  /** Temperature of the softmax over candidate scores that gives each result its confidence. */
  confidenceTemp: number;
}

export const DEFAULT_WEIGHTS: CoderWeights = {
  word: 1,
  head: 0.15,
  desc: 0.35,
  titleProfile: 0.2,
  isco: 0.15,
  groupDesc: 0.2,
  pref: 1.2,
  hidden: 0.9,
  groupLabel: 0.7,
  fuzzy: 0.8,
  parent: 0.15,
  general: 0,
  informative: 5,
  descChars: 3500,
  profileMaxDf: 0.05,
  sharpen: 1,
  exact: 0,
  groupSoft: 0,
  groupTemp: 0.1,
  lifted: 99,
  descSoft: 0,
  descTemp: 0.1,
  headIdf: 4,
  titleGroup: 0,
  orgUnit: 0.5,
  localTitle: 0.7,
  model: 0.05,
  modelFloor: 10,
  confidenceTemp: 0.15,
};

/** Languages whose stop words are dropped from every title (the text layer has lists for these). */
const STOP_LANGS = ['en', 'es', 'fr'];
/**
 * Words that name where in an organisation a job sits, not what it is ("Marketing Division Head", "Central
 * Human Resource Management Director", "Regional Sales Manager"). Rare in ESCO labels, so their IDF is high and
 * one of them can outweigh the word that says the occupation; a title's match on them counts `orgUnit` times.
 */
const ORG_UNIT = new Set(
  (
    'division divisional department departmental dept unit section directorate desk branch office ' +
    'regional region zonal zone district central national country head-office headquarters hq corporate ' +
    // Spanish and French, folded as titles are (accents dropped).
    'division departamento seccion unidad nacional departement unite centrale'
  ).split(' '),
);
/** Reference score for the confidence softmax (see `partition`). */
const SCORE_REF = 3;
/** Postings longer than this mark a common label word (see LabelIndex.cosine). */
const COMMON_POSTINGS = 1e9;

/**
 * Label documents of one language as a sparse TF-IDF matrix with cosine scoring. Typed arrays keep a query
 * at a few microseconds per posting and the garbage collector out of the loop.
 */
class LabelIndex {
  readonly termId = new Map<string, number>();
  readonly idf: Float64Array;
  private readonly postDocs: Int32Array[];
  private readonly postW: Float32Array[];
  readonly norm: Float32Array;
  readonly acc: Float64Array;
  readonly touched: Int32Array;
  /** Fuzzy look-up: character trigram → term ids. */
  private readonly gramTerms = new Map<string, number[]>();
  readonly terms: string[] = [];

  constructor(docs: string[][]) {
    const df: number[] = [];
    for (const d of docs)
      for (const t of new Set(d)) {
        let id = this.termId.get(t);
        if (id === undefined) {
          id = this.terms.length;
          this.termId.set(t, id);
          this.terms.push(t);
          df.push(0);
        }
        df[id]!++;
      }
    this.idf = Float64Array.from(df, (n) => Math.log(1 + docs.length / n));
    const lists = df.map(() => ({ d: [] as number[], w: [] as number[] }));
    this.norm = new Float32Array(docs.length);
    docs.forEach((d, i) => {
      const tf = new Map<number, number>();
      for (const t of d) tf.set(this.termId.get(t)!, (tf.get(this.termId.get(t)!) ?? 0) + 1);
      let n2 = 0;
      for (const [id, c] of tf) {
        const w = (1 + Math.log(c)) * this.idf[id]!;
        n2 += w * w;
        lists[id]!.d.push(i);
        lists[id]!.w.push(w);
      }
      this.norm[i] = Math.sqrt(n2) || 1;
    });
    this.postDocs = lists.map((l) => Int32Array.from(l.d));
    this.postW = lists.map((l) => Float32Array.from(l.w));
    this.acc = new Float64Array(docs.length);
    this.touched = new Int32Array(docs.length);
    this.terms.forEach((t, id) => {
      if (t.length < 4) return;
      for (const g of new Set(charNgrams(t, 3))) {
        let l = this.gramTerms.get(g);
        if (!l) this.gramTerms.set(g, (l = []));
        l.push(id);
      }
    });
  }

  private readonly corrections = new Map<string, number | undefined>();

  /** The closest known term to an unknown one (memoised: job-ad titles repeat). */
  correct(term: string): number | undefined {
    if (this.corrections.has(term)) return this.corrections.get(term);
    const id = this.findCorrection(term);
    if (this.corrections.size > 50_000) this.corrections.clear();
    this.corrections.set(term, id);
    return id;
  }

  /** Edit distance 1 (2 for long words), found through shared trigrams; undefined when none. */
  private findCorrection(term: string): number | undefined {
    if (term.length < 4 || /\d/.test(term)) return undefined;
    const max = term.length >= 8 ? 2 : 1;
    const votes = new Map<number, number>();
    for (const g of new Set(charNgrams(term, 3)))
      for (const id of this.gramTerms.get(g) ?? []) votes.set(id, (votes.get(id) ?? 0) + 1);
    let best: number | undefined;
    let bestKey = Infinity;
    for (const [id, v] of votes) {
      if (v < 2) continue;
      const cand = this.terms[id]!;
      const d = editDistance(term, cand, max);
      if (d > max) continue;
      // Closest first, then the more frequent word (lower idf).
      const key = d * 100 + this.idf[id]!;
      if (key < bestKey) {
        bestKey = key;
        best = id;
      }
    }
    return best;
  }

  /**
   * Dot products of weighted query term ids with every label sharing a term: afterwards `touched[0..n)` are the
   * labels and `acc[label]` their dot products; the caller divides by the norms and must reset `acc` to 0.
   */
  cosine(query: Map<number, number>): number {
    const { acc, touched } = this;
    let nt = 0;
    // Rare terms first; once they have matched labels, very common terms ("manager", "officer") only add to
    // labels already matched: a label sharing nothing but a common word cannot win against one sharing a rare one.
    const terms = [...query].sort((a, b) => this.postDocs[a[0]]!.length - this.postDocs[b[0]]!.length);
    for (const [id, w] of terms) {
      const docs = this.postDocs[id]!;
      const ws = this.postW[id]!;
      if (nt > 0 && docs.length > COMMON_POSTINGS) {
        for (let i = 0; i < docs.length; i++) {
          const d = docs[i]!;
          if (acc[d] !== 0) acc[d]! += w * ws[i]!;
        }
        continue;
      }
      for (let i = 0; i < docs.length; i++) {
        const d = docs[i]!;
        if (acc[d] === 0) touched[nt++] = d;
        acc[d]! += w * ws[i]!;
      }
    }
    return nt;
  }
}

interface LangLabels {
  index: LabelIndex;
  occ: Int32Array;
  weight: Float32Array;
  head: Int32Array;
}

/**
 * What the coder needs from a snapshot, already analysed (stems): plain JSON, so a CLI can cache it and skip
 * reading and analysing the ESCO CSV files on the next start.
 */
export interface CoderData {
  format: number;
  occupations: { uri: string; code: string; isco: string; labels: Record<string, string>; parent: number }[];
  /**
   * Per language: label documents (stems), their text as written, their occupation and kind (0 preferred,
   * 1 alternative, 2 hidden, 3 ISCO group).
   */
  labels: Record<string, { terms: string[][]; text: string[]; occ: number[]; kind: number[] }>;
  /** Per occupation: stems of its labels, description and skills. */
  profiles: string[][];
  /** ISCO unit groups present, and per group: stems of its definition and its occupations' texts. */
  groups: { codes: string[]; docs: string[][] };
  /**
   * Per other title language, for descriptions and titles read in it: each occupation's profile and each unit
   * group's name, as space-joined stems (same order as above). ESCO has no es/fr descriptions: profiles hold labels.
   */
  localProfiles: Record<string, { profiles: string[]; groups: string[] }>;
}

export const CODER_DATA_FORMAT = 5;

/** Analyses a snapshot into the coder's data (the slow part of building a coder: ~2–3 s on full ESCO). */
export function prepareCoderData(snapshot: EscoSnapshot): CoderData {
  const occs: Occupation[] = [...snapshot.occupations.values()].sort((a, b) => (a.uri < b.uri ? -1 : 1));
  const iscoByCode = new Map([...snapshot.iscoGroups.values()].map((g) => [g.code, g]));
  const indexOf = new Map(occs.map((o, i) => [o.uri, i]));

  // 1: one document per (occupation, label, language), in every language of the snapshot, English first (a tie
  // between languages goes to the earlier one). Languages without a stemmer are matched word for word.
  const titleLangs = [...new Set(['en', 'es', 'fr', ...snapshot.languages])];
  const labels: CoderData['labels'] = {};
  for (const lang of titleLangs) {
    const docs: string[][] = [];
    const written: string[] = [];
    const occ: number[] = [];
    const kind: number[] = [];
    occs.forEach((o, i) => {
      const l = o.labels[lang];
      if (!l) return;
      const seen = new Set<string>();
      const add = (text: string, k: number) => {
        // Labels with both genders ("soldador/soldadora", "waiter/waitress"): one label per form (see labelForms).
        for (const form of labelForms(text)) {
          const terms = analyze(form, lang);
          const key = terms.join(' ');
          if (!terms.length || seen.has(key)) continue;
          seen.add(key);
          docs.push(terms);
          written.push(text);
          occ.push(i);
          kind.push(k);
        }
      };
      add(l.preferred, 0);
      for (const a of l.alt) add(a, 1);
      for (const h of l.hidden) add(h, 2);
      // The ISCO unit group's name ("Primary school teachers") as a weak label of each of its occupations.
      const group = iscoByCode.get(o.isco)?.labels[lang]?.preferred;
      if (group) add(group, 3);
    });
    if (docs.length) labels[lang] = { terms: docs, text: written, occ, kind };
  }

  // 2 + 3: occupation profiles (English: ESCO descriptions and skills are English in every release).
  const skillLabel = (uri: string) => snapshot.skills.get(uri)?.labels.en?.preferred ?? '';
  const essentialUris: string[][] = occs.map(() => []);
  const optionalUris: string[][] = occs.map(() => []);
  for (const r of snapshot.occupationSkills) {
    const i = indexOf.get(r.occupationUri);
    if (i === undefined) continue;
    (r.relation === 'essential' ? essentialUris : optionalUris)[i]!.push(r.skillUri);
  }
  const essential = essentialUris.map((uris) => uris.map(skillLabel));
  const optional = optionalUris.map((uris) => uris.map(skillLabel));
  const profiles = occs.map((o, i) => {
    const l = o.labels.en;
    const names = l ? [l.preferred, l.preferred, ...l.alt] : [];
    return analyze([...names, l?.description ?? '', ...essential[i]!, ...essential[i]!, ...optional[i]!].join(' . '));
  });

  // 4: ISCO unit-group profiles: the ISCO-08 definition and task list, plus its occupations' labels, descriptions
  // and essential skills. Job ads describe tasks much as ISCO does, and 436 groups are steadier than 3,000 codes.
  const codes = [...new Set(occs.map((o) => o.isco))];
  const groupText: string[][] = codes.map((code) => {
    const g = iscoByCode.get(code)?.labels.en;
    // The "classified elsewhere" list names other groups' occupations: not evidence for this group.
    const def = (g?.description ?? '').split(/Some related occupations classified elsewhere/i)[0]!;
    return [g?.preferred ?? '', def];
  });
  const groupIndex = new Map(codes.map((c, i) => [c, i]));
  occs.forEach((o, i) => {
    const l = o.labels.en;
    groupText[groupIndex.get(o.isco)!]!.push(
      l?.preferred ?? '',
      ...(l?.alt ?? []),
      l?.description ?? '',
      ...essential[i]!,
    );
  });

  // 5: occupation profiles in es/fr, from labels only: the occupation's labels and its essential skills' preferred
  // and alternative labels (standing in for the description ESCO does not translate). Space-joined stems: a few
  // thousand strings, not millions, in the cache and in memory. Unit-group profiles are assembled from them.
  const localProfiles: CoderData['localProfiles'] = {};
  for (const lang of titleLangs) {
    if (lang === 'en' || !labels[lang]) continue;
    const stems = (texts: string[]) => analyze(texts.join(' . '), lang).join(' ');
    // Skills recur across occupations: each is analysed once.
    const skillStems = new Map<string, string>();
    const skill = (uri: string) => {
      let out = skillStems.get(uri);
      if (out === undefined) {
        const l = snapshot.skills.get(uri)?.labels[lang];
        skillStems.set(uri, (out = l ? stems([l.preferred, ...l.alt]) : ''));
      }
      return out;
    };
    const profiles = occs.map((o, i) => {
      const l = o.labels[lang];
      const names = l ? stems([l.preferred, ...l.alt].flatMap(labelForms)) : '';
      return [names, names, ...essentialUris[i]!.map(skill)].filter(Boolean).join(' ');
    });
    const groups = codes.map((code) => {
      const g = iscoByCode.get(code)?.labels[lang];
      return g ? stems([g.preferred, ...g.alt]) : '';
    });
    localProfiles[lang] = { profiles, groups };
  }

  return {
    format: CODER_DATA_FORMAT,
    occupations: occs.map((o) => {
      const preferred: Record<string, string> = {};
      for (const [lang, l] of Object.entries(o.labels)) preferred[lang] = l.preferred;
      // ESCO hierarchy below the ISCO unit group: the broader occupation (-1 at the top).
      let parent = -1;
      for (const b of o.broader) parent = parent >= 0 ? parent : (indexOf.get(b) ?? -1);
      return { uri: o.uri, code: o.code, isco: o.isco, labels: preferred, parent };
    }),
    labels,
    profiles,
    groups: { codes, docs: groupText.map((t) => analyze(t.join(' . '))) },
    localProfiles,
  };
}

/**
 * A title's words without the stop words of any title language: a Spanish "de" must not match the "de" of the
 * English "de-icer" or "chef de partie".
 */
function titleTokens(title: string): string[] {
  return tokenize(title).filter((t) => !STOP_LANGS.some((l) => isStopWord(t, l)));
}

/**
 * Builds the coder from a snapshot. `titleModel`: the shipped title model when undefined (its occupations are
 * matched by URI; occupations it does not know get no model evidence), none when null.
 */
export function buildOccupationCoder(
  snapshot: EscoSnapshot,
  weights: Partial<CoderWeights> = {},
  titleModel?: TitleModel | null,
): ExplainingOccupationCoder {
  return coderFromData(prepareCoderData(snapshot), weights, titleModel);
}

/** Builds the coder from prepared (possibly cached) data; `titleModel` as in buildOccupationCoder. */
export function coderFromData(
  data: CoderData,
  weights: Partial<CoderWeights> = {},
  titleModel?: TitleModel | null,
): ExplainingOccupationCoder {
  if (data.format !== CODER_DATA_FORMAT) throw new Error(`occupation coder data: unknown format ${data.format}`);
  const W: CoderWeights = { ...DEFAULT_WEIGHTS, ...weights };
  const occs = data.occupations;
  const n = occs.length;
  const indexOf = new Map(occs.map((o, i) => [o.uri, i]));
  const model = W.model > 0 ? (titleModel === undefined ? shippedTitleModel() : titleModel) : null;
  // Each occupation's leaf in the model's tree (-1: unknown to the model), the node log-probabilities of the
  // current title, and each occupation's model evidence (log-probability above the floor, 0 when below).
  const leafOf = Int32Array.from(occs, (o) => model?.node(o.uri) ?? -1);
  const nodeLogProb = new Float32Array(model?.nodeCount ?? 0);
  const modelEvidence = new Float64Array(n);
  // Each occupation's final score in the last topK (0: not a candidate).
  const final = new Float64Array(n);
  const kindWeight = [W.pref, 1, W.hidden, W.groupLabel];

  const byLang = new Map<string, LangLabels>();
  for (const [lang, L] of Object.entries(data.labels)) {
    const index = new LabelIndex(L.terms);
    byLang.set(lang, {
      index,
      occ: Int32Array.from(L.occ),
      weight: Float32Array.from(L.kind, (k) => kindWeight[k] ?? 1),
      head: Int32Array.from(L.terms, (d) => index.termId.get(d[d.length - 1]!)!),
    });
  }
  // Languages in a fixed order: an occupation's best title match records its language by number.
  const languages = [...byLang];
  const langNames = languages.map(([lang]) => lang);
  const profile = new Bm25(data.profiles, { k1: 1.2, b: 0.5 });
  const maxUsefulDf = Math.max(20, Math.floor(n * W.profileMaxDf));

  const parentOf = Int32Array.from(occs, (o) => o.parent);
  const groupCodes = data.groups.codes;
  const groupIndex = new Map(groupCodes.map((c, i) => [c, i]));
  const groupOf = Int32Array.from(occs, (o) => groupIndex.get(o.isco) ?? 0);
  const groupSum = new Float64Array(groupCodes.length);
  const groupProfile = new Bm25(data.groups.docs, { k1: 1.2, b: 0.75 });
  const groupMaxDf = Math.max(10, Math.floor(groupCodes.length * 0.1));
  // Texts read in es/fr (descriptions, titles) meet label-only profiles in that language, built on first use.
  const descLangs = ['en', ...Object.keys(data.localProfiles)];
  const localIndexes = new Map<string, { profile: Bm25; group: Bm25 }>();
  function descIndexes(lang: string): { profile: Bm25; group: Bm25 } {
    if (lang === 'en') return { profile, group: groupProfile };
    let ix = localIndexes.get(lang);
    if (!ix) {
      const local = data.localProfiles[lang]!;
      const profiles = local.profiles.map((d) => (d ? d.split(' ') : []));
      // A unit group's profile: its name and its occupations' profiles.
      const groups = local.groups.map((d) => (d ? d.split(' ') : []));
      profiles.forEach((p, i) => groups[groupOf[i]!]!.push(...p));
      ix = { profile: new Bm25(profiles, { k1: 1.2, b: 0.5 }), group: new Bm25(groups, { k1: 1.2, b: 0.75 }) };
      localIndexes.set(lang, ix);
    }
    return ix;
  }
  const hasNarrower = new Uint8Array(n);
  for (const p of parentOf) if (p >= 0) hasNarrower[p] = 1;
  const gdesc = new Float64Array(groupCodes.length);
  const gtitle = new Float64Array(groupCodes.length);
  const word = new Float64Array(n);
  // Which label gave an occupation its title match (its number in `languages`, label document).
  const matchLang = new Int8Array(n);
  const matchDoc = new Int32Array(n);
  const matchCos = new Float32Array(n);
  const head = new Float64Array(n);
  const desc = new Float64Array(n);
  const tprof = new Float64Array(n);
  const total = new Float64Array(n);
  const lifted = new Float64Array(n);
  const groupProb = new Float64Array(groupCodes.length);
  // Per unit group: its candidates' share of the confidence softmax's denominator (last topK).
  const groupPartition = new Float64Array(groupCodes.length);

  // The best English label match of the current title (an occupation's own best match may be a tie won by
  // its Spanish or French label).
  const englishNo = langNames.indexOf('en');
  let bestEnglish = 0;

  function titleScores(variants: TitleVariant[]): void {
    bestEnglish = 0;
    const sharpen = W.sharpen;
    const exact = W.exact;
    for (const { text: variant, weight: vWeight } of variants) {
      const tokens = titleTokens(variant);
      if (!tokens.length) continue;
      // A word known in any language is no typo; only words unknown everywhere are corrected.
      const known = tokens.map((t) => languages.some(([lang, L]) => L.index.termId.has(stem(t, lang))));
      for (const [langNo, [lang, L]] of languages.entries()) {
        const q = new Map<number, number>();
        let qn2 = 0;
        let matched = 0;
        const defaultIdf = Math.log(1 + L.occ.length);
        tokens.forEach((tok, k) => {
          const t = stem(tok, lang);
          let id = L.index.termId.get(t);
          let w = 1;
          if (id === undefined && !known[k]) {
            id = L.index.correct(t);
            w = W.fuzzy;
          }
          const idf = (id === undefined ? defaultIdf : L.index.idf[id]!) * (ORG_UNIT.has(tok) ? W.orgUnit : 1);
          qn2 += idf * idf;
          if (id !== undefined) {
            q.set(id, (q.get(id) ?? 0) + idf * w);
            matched++;
          }
        });
        if (!matched) continue;
        // A title of generic words only ("Manager", "Officer") says little: its label matches count less,
        // leaving room for the description.
        const info = W.informative > 0 ? Math.min(1, Math.sqrt(qn2) / W.informative) : 1;
        const last = tokens[tokens.length - 1]!;
        const headTerm = lang === 'en' ? L.index.termId.get(stem(last, lang)) : undefined;
        const nt = L.index.cosine(q);
        const { acc, touched, norm } = L.index;
        const scale = 1 / Math.sqrt(qn2);
        const vw = vWeight * info * W.word;
        const headBonus =
          W.head *
          vWeight *
          (W.headIdf > 0 && headTerm !== undefined ? Math.min(1, L.index.idf[headTerm]! / W.headIdf) : 1);
        for (let k = 0; k < nt; k++) {
          const d = touched[k]!;
          // Cosine; the query norm counts unknown words too (an unmatched rare word lowers every match).
          const cos = (acc[d]! * scale) / norm[d]!;
          acc[d] = 0;
          const o = L.occ[d]!;
          const s = (sharpen === 1 ? cos : Math.pow(cos, sharpen)) + (cos > 0.999 ? exact : 0);
          const v = s * L.weight[d]! * vw;
          if (langNo === englishNo && v > bestEnglish) bestEnglish = v;
          // A tie (within float rounding) keeps the earlier language's label: English before Spanish and French.
          if (v > word[o]! + 1e-6) {
            word[o] = v;
            matchDoc[o] = d;
            matchLang[o] = langNo;
            matchCos[o] = cos;
          }
          if (headTerm !== undefined && L.head[d] === headTerm && headBonus > head[o]!) head[o] = headBonus;
        }
      }
    }
  }

  /** BM25 of a text against profiles, normalised to the best profile; very common terms are skipped (speed). */
  /** Query terms with log-scaled frequencies, once per text (shared by the occupation and group profiles). */
  function termWeights(terms: string[]): [string, number][] {
    const tf = new Map<string, number>();
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    const q: [string, number][] = [];
    for (const [t, c] of tf) q.push([t, c === 1 ? 1 : 1 + Math.log(c)]);
    return q;
  }

  function profileScores(index: Bm25, maxDf: number, q: [string, number][], into: Float64Array): number {
    index.accumulate(q, into, undefined, maxDf);
    let max = 0;
    for (let i = 0; i < into.length; i++) if (into[i]! > max) max = into[i]!;
    // Scores are used relative to the best profile (the scale of BM25 depends on the text's length).
    return max > 0 ? 1 / max : 0;
  }

  let descScale = 0;
  let gdescScale = 0;
  let bestGroup = 0;
  let tprofScale = 0;

  /**
   * Job ads split compounds that ESCO writes as one word ("Book Keeper", "Sales person", "Fork lift operator"):
   * when two adjacent title words joined form a known English label word, the joined reading is added.
   */
  function joinCompounds(variants: TitleVariant[]): TitleVariant[] {
    const en = byLang.get('en');
    if (!en || !variants.length) return variants;
    const words = tokenize(variants[0]!.text);
    let joined = false;
    const out: string[] = [];
    for (let i = 0; i < words.length; i++) {
      const a = words[i]!;
      const b = words[i + 1];
      if (b && a.length >= 3 && b.length >= 3 && en.index.termId.has(stem(a + b, 'en')) && !/\d/.test(a + b)) {
        out.push(a + b);
        i++;
        joined = true;
      } else out.push(a);
    }
    return joined ? [...variants, { text: out.join(' '), weight: 1 }] : variants;
  }

  function classify(query: OccupationQuery, options: ClassifyOptions = {}): OccupationResult[] {
    const top = Math.max(1, Math.floor(options.top ?? 5));
    const lang = options.lang ?? 'en';
    word.fill(0);
    head.fill(0);
    desc.fill(0);
    tprof.fill(0);
    gdesc.fill(0);
    gtitle.fill(0);
    let gtitleScale = 0;
    groupSum.fill(0);
    descScale = 0;
    tprofScale = 0;
    gdescScale = 0;
    const variants = joinCompounds(titleVariants(query.title ?? ''));
    titleScores(variants);
    modelEvidence.fill(0);
    if (model && variants.length) {
      model.logProbs(titleWords(variants[0]!.text), nodeLogProb, -W.modelFloor);
      for (let i = 0; i < n; i++) {
        const leaf = leafOf[i]!;
        if (leaf >= 0) modelEvidence[i] = Math.max(0, nodeLogProb[leaf]! + W.modelFloor);
      }
    }
    if (W.titleProfile > 0 && variants.length) {
      // The title's language: that of the label it matched best, unless an English label matched nearly as well
      // ("Fast Food Chef" matches French "employé de fast-food" a little better than "chef").
      let bestWord = 0;
      let titleLang = 'en';
      for (let i = 0; i < n; i++) {
        if (word[i]! > bestWord) {
          bestWord = word[i]!;
          titleLang = langNames[matchLang[i]!] ?? 'en';
        }
      }
      if (!descLangs.includes(titleLang) || bestEnglish >= W.localTitle * bestWord) titleLang = 'en';
      tprofScale = profileScores(
        descIndexes(titleLang).profile,
        maxUsefulDf,
        termWeights(analyze(titleTokens(variants[0]!.text).join(' '), titleLang)),
        tprof,
      );
    }
    if (W.titleGroup > 0 && variants.length)
      gtitleScale = profileScores(
        groupProfile,
        groupMaxDf,
        termWeights(analyze(titleTokens(variants[0]!.text).join(' '))),
        gtitle,
      );
    if (query.description && (W.desc > 0 || W.groupDesc > 0)) {
      const text = query.description.slice(0, W.descChars);
      const descLang = descLangs.length > 1 ? guessLanguage(text, descLangs) : 'en';
      const ix = descIndexes(descLang);
      // Stop words need no list here: they are in most profiles, and such words are skipped anyway.
      const q = termWeights(analyze(text, descLang, { stopWords: false }));
      if (W.desc > 0) descScale = profileScores(ix.profile, maxUsefulDf, q, desc);
      if (W.groupDesc > 0) gdescScale = profileScores(ix.group, groupMaxDf, q, gdesc);
    }
    const wDesc = W.desc * descScale;
    // Description evidence per unit group: each group's share of a softmax over the occupations' description
    // scores (several of a group's occupations fitting the duties is steadier evidence than one profile).
    let descGroupShare = 0;
    if (W.descSoft > 0 && descScale > 0) {
      groupProb.fill(0);
      const invT = 1 / W.descTemp;
      let z = 0;
      for (let i = 0; i < n; i++) {
        const d = desc[i]!;
        if (d <= 0) continue;
        const e = Math.exp((d * descScale - 1) * invT);
        groupProb[groupOf[i]!]! += e;
        z += e;
      }
      descGroupShare = W.descSoft / z;
    }
    const wTprof = W.titleProfile * tprofScale;
    const wGroup = W.groupDesc * gdescScale;
    const wTgroup = W.titleGroup * gtitleScale;
    // One pass: combine the evidence, and collect what each broader occupation inherits from its best narrower
    // one (hierarchy backoff); a second pass adds it and sums unit-group support.
    const liftShare = W.parent;
    for (let i = 0; i < n; i++) {
      const w = word[i]!;
      const g = groupOf[i]!;
      const t =
        w +
        (w > 0 ? head[i]! : 0) +
        wDesc * desc[i]! +
        wTprof * tprof[i]! +
        wGroup * gdesc[g]! +
        wTgroup * gtitle[g]! +
        (descGroupShare > 0 ? descGroupShare * groupProb[g]! : 0);
      total[i] = t;
      const p = parentOf[i]!;
      if (liftShare > 0 && p >= 0 && t * liftShare > lifted[p]!) lifted[p] = t * liftShare;
    }
    const general = W.general;
    for (let i = 0; i < n; i++) {
      let t = total[i]!;
      if (t > 0) {
        t += lifted[i]! + (hasNarrower[i] ? general : 0);
        total[i] = t;
        groupSum[groupOf[i]!]! += t;
      }
      lifted[i] = 0;
    }
    bestGroup = 0;
    for (let g = 0; g < groupSum.length; g++) if (groupSum[g]! > bestGroup) bestGroup = groupSum[g]!;
    const groupShare = bestGroup > 0 ? W.isco / bestGroup : 0;
    // ISCO unit-group decision: each group's share of a softmax over its occupations' scores. A group with
    // several plausible occupations beats one with a single lucky label match; its occupations are lifted.
    let softShare = 0;
    if (W.groupSoft > 0) {
      let maxS = 0;
      for (let i = 0; i < n; i++) {
        const t = total[i]!;
        if (t > 0) maxS = Math.max(maxS, t + groupShare * groupSum[groupOf[i]!]!);
      }
      groupProb.fill(0);
      const invT = 1 / W.groupTemp;
      let z = 0;
      for (let i = 0; i < n; i++) {
        const t = total[i]!;
        if (t <= 0) continue;
        const e = Math.exp((t + groupShare * groupSum[groupOf[i]!]! - maxS) * invT);
        groupProb[groupOf[i]!]! += e;
        z += e;
      }
      softShare = z > 0 ? W.groupSoft / z : 0;
    }
    const best = topK(top, groupShare, softShare);
    const z = partition;
    if (W.lifted < top) {
      // The first results follow the unit-group decision; the rest cover other groups' best occupations, ranked
      // by their own evidence (the lift would fill the list with the winning group's weaker occupations).
      const own = topK(top, 0, 0);
      best.length = Math.min(best.length, W.lifted);
      for (const c of own) {
        if (best.length >= top) break;
        if (best.some((b) => b.i === c.i)) continue;
        best.push({ i: c.i, s: Math.min(c.s, best[best.length - 1]?.s ?? Infinity) });
      }
    }
    return best.map(({ i, s }) => {
      const o = occs[i]!;
      return {
        uri: o.uri,
        code: o.code,
        isco: o.isco,
        label: o.labels[lang] ?? o.labels.en ?? o.code,
        score: Math.round(s * 10000) / 10000,
        confidence: z > 0 ? Math.round((1000 * Math.exp((s - SCORE_REF) / W.confidenceTemp)) / z) / 1000 : 0,
      };
    });
  }

  // Sum of exp((score − SCORE_REF) / confidenceTemp) over every candidate of the last topK (scores stay below ~4,
  // so the reference keeps the exponentials finite).
  let partition = 0;

  /**
   * Top-k occupations with evidence by total + unit-group support (+ softmax share), best first. Insertion: k is
   * small, the candidate list is not.
   */
  function topK(top: number, groupShare: number, softShare: number): { i: number; s: number }[] {
    const best: { i: number; s: number }[] = [];
    let floor = -Infinity;
    const wModel = model ? W.model : 0;
    for (let i = 0; i < n; i++) {
      const t = total[i]!;
      const m = wModel * modelEvidence[i]!;
      final[i] = 0;
      if (t <= 0 && m <= 0) continue;
      const g = groupOf[i]!;
      // The title model can bring an occupation the other evidence missed (words no label has, "salesgirl").
      const s = (t > 0 ? t + groupShare * groupSum[g]! + (softShare > 0 ? softShare * groupProb[g]! : 0) : 0) + m;
      final[i] = s;
      if (s <= floor) continue;
      let j = best.length < top ? best.length : top - 1;
      while (j > 0 && best[j - 1]!.s < s) {
        best[j] = best[j - 1]!;
        j--;
      }
      best[j] = { i, s };
      if (best.length === top) floor = best[top - 1]!.s;
    }
    // The softmax's denominator: a candidate more than 12 temperatures below the best adds under 1e-5 of its term.
    const temp = W.confidenceTemp;
    const cut = (best[0]?.s ?? 0) - 12 * temp;
    let z = 0;
    groupPartition.fill(0);
    for (let i = 0; i < n; i++) {
      const s = final[i]!;
      if (s > 0 && s > cut) {
        const e = Math.exp((s - SCORE_REF) / temp);
        z += e;
        groupPartition[groupOf[i]!]! += e;
      }
    }
    partition = z;
    return best;
  }

  /** The evidence behind a classification (for tuning and for advisors asking "why this code?"). */
  function explain(query: OccupationQuery, options: ClassifyOptions = {}): ExplainedResult[] {
    return classify(query, options).map((r) => {
      const i = indexOf.get(r.uri)!;
      const lang = langNames[matchLang[i]!];
      const L = lang ? data.labels[lang] : undefined;
      const d = matchDoc[i]!;
      const matched =
        word[i]! > 0 && lang && L
          ? { text: L.text[d]!, kind: LABEL_KINDS[L.kind[d]!] ?? 'alternative', lang, similarity: matchCos[i]! }
          : undefined;
      return {
        ...r,
        word: word[i]!,
        head: head[i]!,
        desc: desc[i]! * descScale,
        titleProfile: tprof[i]! * tprofScale,
        groupDesc: gdesc[groupOf[i]!]! * gdescScale,
        groupSupport: bestGroup > 0 ? groupSum[groupOf[i]!]! / bestGroup : 0,
        broader: hasNarrower[i] === 1,
        matched,
        modelProbability: model && leafOf[i]! >= 0 ? Math.exp(nodeLogProb[leafOf[i]!]!) : 0,
        iscoConfidence: partition > 0 ? Math.round((1000 * groupPartition[groupOf[i]!]!) / partition) / 1000 : 0,
      };
    });
  }

  const labelLanguages = [...new Set(occs.flatMap((o) => Object.keys(o.labels)))].sort();
  return { classify, explain, size: n, languages: labelLanguages, weights: W };
}
