// The in-memory matching index. Columns in typed arrays (one slot per candidate / vacancy), an inverted
// list per skill and per ISCO unit, incremental upsert/remove. A query touches only the people (vacancies)
// that hold (ask for) one of the skills involved, checks hard filters once per touched slot, accumulates
// integer credits and keeps the best k in a heap. It ranks exactly like the reference scorer (scoring.ts).
import {
  DEFAULT_WEIGHTS,
  EVIDENCE_LEVELS,
  CEFR_LEVELS,
  SECTORS,
  cefrRank,
  type EligibilityRule,
  type EvidenceLevel,
  type MatchCandidate,
  type MatchResult,
  type MatchVacancy,
  type MatchWeights,
} from './model.js';
import {
  EVIDENCE_CODE,
  MatchInputError,
  checkEligibility,
  combineScore,
  creditsFor,
  dayNumber,
  normaliseCandidate,
  normaliseVacancy,
  scoreEligiblePair,
  sortRules,
  today,
  type Credits,
} from './scoring.js';
import type { SkillGraph } from './skill-graph.js';
import { validateCandidate, validateVacancy } from './validate.js';

const NO_DAY = -2_147_483_648; // "no date" for availability (available now)
const FOREVER = 2_147_483_647; // "no end date" for permits
const NONE = -1;

// Candidate flag bits.
const ALIVE = 1;
const SEEKING = 2;
const CONSENT_MATCH = 4;
const CONSENT_SHARE = 8;
const RELOCATE = 16;
// Vacancy flag bits.
const OPEN = 2;

class Interner {
  private readonly ids = new Map<string, number>();
  readonly values: string[] = [];
  id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(value, id);
      this.values.push(value);
    }
    return id;
  }
  lookup(value: string): number {
    return this.ids.get(value) ?? NONE;
  }
}

class IntVec {
  data: Int32Array;
  length = 0;
  constructor(capacity = 16) {
    this.data = new Int32Array(capacity);
  }
  push(x: number): void {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length++] = x;
  }
  grow(min: number): void {
    let cap = this.data.length * 2;
    while (cap < min) cap *= 2;
    const next = new Int32Array(cap);
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
}

/** One posting list: slots and one small attribute per posting (evidence code, or essential flag). */
class Postings {
  slots = new Int32Array(4);
  attr = new Uint8Array(4);
  length = 0;
  push(slot: number, attr: number): void {
    if (this.length === this.slots.length) {
      const s = new Int32Array(this.slots.length * 2);
      s.set(this.slots);
      this.slots = s;
      const a = new Uint8Array(this.attr.length * 2);
      a.set(this.attr);
      this.attr = a;
    }
    this.slots[this.length] = slot;
    this.attr[this.length++] = attr;
  }
}

/** Growable per-slot columns. */
class Columns {
  capacity = 0;
  cols: Record<string, Int32Array> = {};
  constructor(private readonly names: string[]) {
    this.ensure(1024);
  }
  ensure(n: number): void {
    if (n <= this.capacity) return;
    let cap = Math.max(1024, this.capacity * 2);
    while (cap < n) cap *= 2;
    for (const name of this.names) {
      const next = new Int32Array(cap);
      const prev = this.cols[name];
      if (prev) next.set(prev);
      this.cols[name] = next;
    }
    this.capacity = cap;
  }
}

// Per-slot scratch, interleaved so that one posting visit touches one cache line, not seven arrays.
const X = 8; // stride
const X_SEEN = 0; // query stamp
const X_ELIG = 1; // 1 when the slot passed the hard filters in this query
const X_JTOK = 2; // token of the asked skill whose best credit is pending in X_JBEST
const X_JBEST = 3;
const X_ESS = 4; // essential credit sum
const X_OPT = 5; // optional credit sum
const X_UNIT = 6; // stamp: has experience in the asked ISCO unit

/** Per-query scratch over slots, reused between queries (stamped, never cleared). */
class Scratch {
  x = new Int32Array(0);
  cap = 0;
  touched = new IntVec(1024);
  stamp = 0;
  ensure(n: number): void {
    if (this.cap >= n) return;
    this.cap = Math.max(1024, n * 2);
    this.x = new Int32Array(this.cap * X);
    this.reset();
  }
  private reset(): void {
    this.x.fill(0);
    for (let o = X_JTOK; o < this.x.length; o += X) this.x[o] = -1;
    this.stamp = 0;
  }
  /** Reserves `n` tokens for one query; returns the first. */
  next(n: number): number {
    if (this.stamp + n + 2 >= 2_000_000_000) this.reset();
    const base = this.stamp + 1;
    this.stamp += n + 2;
    return base;
  }
}

// Hot per-candidate record: what the hard filters and the final score read, in one 64-byte stride.
const H = 16;
const H_FLAGS = 0;
const H_ORG = 1;
const H_AVAIL = 2;
const H_COUNTRY = 3;
const H_REGION = 4;
const H_BLOB = 5;
const H_NPERMIT = 6;
const H_P0_COUNTRY = 7; // first permit, inline (most people hold one)
const H_P0_TYPE = 8;
const H_P0_VALID = 9;
const H_P0_MASK = 10;
const H_NRELOC = 11;
const H_RELOC0 = 12;
const H_ISCED = 13;

/** Bounded top-k by (score desc, id asc); a binary heap whose root is the worst kept result. */
class TopK {
  readonly score: Float64Array;
  readonly slot: Int32Array;
  size = 0;
  constructor(
    readonly k: number,
    private readonly ids: string[],
  ) {
    this.score = new Float64Array(k);
    this.slot = new Int32Array(k);
  }
  /** a is worse than b */
  private worse(sa: number, ia: number, sb: number, ib: number): boolean {
    if (sa !== sb) return sa < sb;
    return this.ids[ia]! > this.ids[ib]!;
  }
  /** Lowest score still able to enter (ties resolved by id inside offer). */
  get floor(): number {
    return this.size < this.k ? -Infinity : this.score[0]!;
  }
  offer(score: number, slot: number): void {
    if (this.k === 0) return;
    if (this.size < this.k) {
      let i = this.size++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!this.worse(score, slot, this.score[p]!, this.slot[p]!)) break;
        this.score[i] = this.score[p]!;
        this.slot[i] = this.slot[p]!;
        i = p;
      }
      this.score[i] = score;
      this.slot[i] = slot;
      return;
    }
    if (!this.worse(this.score[0]!, this.slot[0]!, score, slot)) return;
    let i = 0;
    const n = this.size;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && this.worse(this.score[r]!, this.slot[r]!, this.score[l]!, this.slot[l]!) ? r : l;
      if (!this.worse(this.score[c]!, this.slot[c]!, score, slot)) break;
      this.score[i] = this.score[c]!;
      this.slot[i] = this.slot[c]!;
      i = c;
    }
    this.score[i] = score;
    this.slot[i] = slot;
  }
  sorted(): Array<{ score: number; slot: number }> {
    const out: Array<{ score: number; slot: number }> = [];
    for (let i = 0; i < this.size; i++) out.push({ score: this.score[i]!, slot: this.slot[i]! });
    return out.sort((a, b) =>
      a.score !== b.score ? b.score - a.score : this.ids[a.slot]! < this.ids[b.slot]! ? -1 : 1,
    );
  }
}

interface CompiledRule {
  rule: EligibilityRule;
  country: number;
  type: number;
  sectorMask: number;
  /** [value, divisor] pairs: isco unit / divisor === value. */
  prefixes: number[];
}

export interface QueryOptions {
  k?: number;
  /** Reference day for permit validity and availability (YYYY-MM-DD); default today. */
  asOf?: string;
  /** Attach explanations (default true). */
  explain?: boolean;
}

export interface IndexStats {
  candidates: number;
  vacancies: number;
  candidatePostings: number;
  vacancyPostings: number;
  deadSlots: number;
}

export interface MatchIndexOptions {
  graph: SkillGraph;
  rules: EligibilityRule[];
  weights?: MatchWeights;
}

/** Vacancy fields for a query, from a slot or from an ad-hoc vacancy object. */
interface VQ {
  org: number;
  occ: number;
  isco: number;
  sectorBit: number;
  country: number;
  region: number;
  startDay: number;
  open: boolean;
  minIsced: number;
  langs: number[]; // lang, rank, lang, rank…
  ess: number[];
  opt: number[];
}

/** Candidate fields for a query. */
interface CQ {
  flags: number;
  org: number;
  isced: number;
  country: number;
  region: number;
  availDay: number;
  skills: number[]; // skill, evidence code, …
  exp: number[]; // occ, isco, …
  langs: number[]; // lang, rank, …
  permits: number[]; // country, type, validDay, sectorMask, …
  reloc: number[];
}

function sectorBit(sector: string): number {
  const i = SECTORS.indexOf(sector);
  return i < 0 ? 0 : 1 << i;
}

function iscoNum(isco: string): number {
  return /^\d{4}$/.test(isco) ? Number(isco) : NONE;
}

export class MatchIndex {
  readonly graph: SkillGraph;
  readonly weights: MatchWeights;
  private credits: Credits;
  private rules: EligibilityRule[] = [];
  private compiled: CompiledRule[] = [];
  /** rulesByKey[country][type] → compiled rules, in id order. */
  private rulesByKey = new Map<number, Map<number, CompiledRule[]>>();

  private readonly countries = new Interner();
  private readonly regions = new Interner();
  private readonly types = new Interner();
  private readonly langs = new Interner();
  private readonly orgs = new Interner();
  private readonly occs = new Interner();
  private readonly parts = new Interner();

  // Candidates
  private cIds: string[] = [];
  private cSlot = new Map<string, number>();
  private cHot = new Int32Array(1024 * H);
  /** Candidate blob: nExp (occ,isco)* nLang (lang,rank)* nPermit (country,type,validDay,mask)* nReloc (country)* nSkill (skill,ev)* */
  private cBlob = new IntVec(1 << 16);
  /** Postings by partition then skill: a person is posted only where they could ever be eligible (see partitionsOf). */
  private cBySkill: Postings[][] = [];
  private cByUnit: Array<Map<number, Postings>> = [];
  private cDead = 0;
  private cPostings = 0;

  // Vacancies
  private vIds: string[] = [];
  private vSlot = new Map<string, number>();
  private vCols = new Columns([
    'flags',
    'org',
    'occ',
    'isco',
    'sector',
    'minIsced',
    'country',
    'region',
    'start',
    'blob',
  ]);
  /** Vacancy blob: nLang (lang,rank)* nEss skill* nOpt skill* */
  private vBlob = new IntVec(1 << 14);
  /** Open vacancies' postings by partition (country|region) then skill. */
  private vBySkill: Postings[][] = [];
  private vByUnit: Array<Map<number, Postings>> = [];
  /** Partitions (country|region) of vacancies, by country. */
  private vPartsByCountry = new Map<number, number[]>();
  private vDead = 0;
  private vPostings = 0;

  private readonly scratch = new Scratch();
  /** Work done by the last vacancy query (postings read, people touched, people fully scored): for benchmarks. */
  lastQuery = { postings: 0, touched: 0, scored: 0 };

  constructor(opts: MatchIndexOptions) {
    this.graph = opts.graph;
    this.weights = opts.weights ?? DEFAULT_WEIGHTS;
    this.credits = creditsFor(this.weights);
    this.setRules(opts.rules);
  }

  /** Replaces the eligibility rules (admins edit them); takes effect for the next query. */
  setRules(rules: EligibilityRule[]): void {
    this.rules = sortRules(rules);
    this.compiled = this.rules.map((rule) => ({
      rule,
      country: this.countries.id(rule.country),
      type: this.types.id(rule.permitType),
      sectorMask: rule.sectors.includes('*') ? 0x1fffff : rule.sectors.reduce((m, s) => m | sectorBit(s), 0),
      prefixes: rule.iscoPrefixes.flatMap((p) => [Number(p), 10 ** (4 - p.length)]),
    }));
    this.rulesByKey = new Map();
    for (const r of this.compiled) {
      let byType = this.rulesByKey.get(r.country);
      if (!byType) this.rulesByKey.set(r.country, (byType = new Map()));
      const list = byType.get(r.type) ?? [];
      list.push(r);
      byType.set(r.type, list);
    }
  }

  getRules(): EligibilityRule[] {
    return [...this.rules];
  }

  // ---------- writes ----------

  upsertCandidate(input: MatchCandidate): void {
    validateCandidate(input);
    const c = normaliseCandidate(input);
    this.removeCandidate(c.id);
    const slot = this.cIds.length;
    this.cIds.push(c.id);
    this.cSlot.set(c.id, slot);
    if ((slot + 1) * H > this.cHot.length) {
      const next = new Int32Array(this.cHot.length * 2);
      next.set(this.cHot);
      this.cHot = next;
    }
    const q = this.encodeCandidate(c);
    const hot = this.cHot;
    const h = slot * H;
    hot[h + H_FLAGS] = q.flags;
    hot[h + H_ORG] = q.org;
    hot[h + H_ISCED] = q.isced;
    hot[h + H_COUNTRY] = q.country;
    hot[h + H_REGION] = q.region;
    hot[h + H_AVAIL] = q.availDay;
    hot[h + H_NPERMIT] = q.permits.length / 4;
    if (q.permits.length) {
      hot[h + H_P0_COUNTRY] = q.permits[0]!;
      hot[h + H_P0_TYPE] = q.permits[1]!;
      hot[h + H_P0_VALID] = q.permits[2]!;
      hot[h + H_P0_MASK] = q.permits[3]!;
    }
    hot[h + H_NRELOC] = q.reloc.length;
    hot[h + H_RELOC0] = q.reloc.length ? q.reloc[0]! : NONE;
    // The blob: experience (occupation, ISCO unit), languages (language, CEFR rank), permits (country, type, valid
    // until, sector mask), relocation countries, skills (skill, evidence); each list after its length.
    const b = this.cBlob;
    hot[h + H_BLOB] = b.length;
    b.push(q.exp.length / 2);
    for (const x of q.exp) b.push(x);
    b.push(q.langs.length / 2);
    for (const x of q.langs) b.push(x);
    b.push(q.permits.length / 4);
    for (const x of q.permits) b.push(x);
    b.push(q.reloc.length);
    for (const x of q.reloc) b.push(x);
    b.push(q.skills.length / 2);
    const parts = candidatePartitions(c).map((k) => this.parts.id(k));
    const units = new Set<number>();
    for (let i = 1; i < q.exp.length; i += 2) if (q.exp[i] !== NONE) units.add(q.exp[i]!);
    for (let i = 0; i < q.skills.length; i += 2) {
      const id = q.skills[i]!;
      const ev = q.skills[i + 1]!;
      b.push(id);
      b.push(ev);
      for (const part of parts) {
        ((this.cBySkill[part] ??= [])[id] ??= new Postings()).push(slot, ev);
        this.cPostings++;
      }
    }
    for (const part of parts) {
      const byUnit = (this.cByUnit[part] ??= new Map());
      for (const u of units) {
        let p = byUnit.get(u);
        if (!p) byUnit.set(u, (p = new Postings()));
        p.push(slot, 0);
      }
    }
    this.maybeCompact();
  }

  removeCandidate(id: string): boolean {
    const slot = this.cSlot.get(id);
    if (slot === undefined) return false;
    this.cHot[slot * H + H_FLAGS] = 0;
    this.cSlot.delete(id);
    this.cDead++;
    return true;
  }

  upsertVacancy(input: MatchVacancy): void {
    validateVacancy(input);
    const v = normaliseVacancy(input);
    this.removeVacancy(v.id);
    const slot = this.vIds.length;
    this.vIds.push(v.id);
    this.vSlot.set(v.id, slot);
    this.vCols.ensure(slot + 1);
    const q = this.encodeVacancy(v);
    const col = this.vCols.cols;
    col.flags![slot] = ALIVE | (q.open ? OPEN : 0);
    col.org![slot] = q.org;
    col.occ![slot] = q.occ;
    col.isco![slot] = q.isco;
    col.sector![slot] = q.sectorBit;
    col.minIsced![slot] = q.minIsced;
    col.country![slot] = q.country;
    col.region![slot] = q.region;
    col.start![slot] = q.startDay;
    const b = this.vBlob;
    col.blob![slot] = b.length;
    b.push(q.langs.length / 2);
    for (const x of q.langs) b.push(x);
    b.push(q.ess.length);
    for (const s of q.ess) b.push(s);
    b.push(q.opt.length);
    for (const s of q.opt) b.push(s);
    // Closed vacancies stay decodable but are never posted: no query can reach them.
    if (q.open) {
      const part = this.parts.id(`${v.location.country}|${v.location.region}`);
      const list = this.vPartsByCountry.get(q.country) ?? [];
      if (!list.includes(part)) this.vPartsByCountry.set(q.country, [...list, part]);
      const bySkill = (this.vBySkill[part] ??= []);
      for (const s of q.ess) (bySkill[s] ??= new Postings()).push(slot, 1);
      for (const s of q.opt) (bySkill[s] ??= new Postings()).push(slot, 0);
      this.vPostings += q.ess.length + q.opt.length;
      const byUnit = (this.vByUnit[part] ??= new Map());
      let p = byUnit.get(q.isco);
      if (!p) byUnit.set(q.isco, (p = new Postings()));
      p.push(slot, 0);
    }
    this.maybeCompact();
  }

  removeVacancy(id: string): boolean {
    const slot = this.vSlot.get(id);
    if (slot === undefined) return false;
    this.vCols.cols.flags![slot] = 0;
    this.vSlot.delete(id);
    this.vDead++;
    return true;
  }

  candidateIds(): string[] {
    return [...this.cSlot.keys()];
  }

  vacancyIds(): string[] {
    return [...this.vSlot.keys()];
  }

  hasCandidate(id: string): boolean {
    return this.cSlot.has(id);
  }

  hasVacancy(id: string): boolean {
    return this.vSlot.has(id);
  }

  stats(): IndexStats {
    return {
      candidates: this.cSlot.size,
      vacancies: this.vSlot.size,
      candidatePostings: this.cPostings,
      vacancyPostings: this.vPostings,
      deadSlots: this.cDead + this.vDead,
    };
  }

  /**
   * Rebuilds columns and postings without removed slots, people grouped by partition (runs by itself when a
   * third of slots are dead; call it after a bulk load for the best query speed).
   */
  compact(): void {
    // People of one partition get neighbouring slots: a query then works in a small, cache-friendly range.
    const key = (c: MatchCandidate): string => candidatePartitions(c)[0] ?? '~';
    const candidates = [...this.cSlot.values()]
      .sort((a, b) => a - b)
      .map((s) => this.decodeCandidate(s))
      .map((c) => ({ c, k: key(c) }))
      .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
      .map((x) => x.c);
    const vacancies = [...this.vSlot.values()].sort((a, b) => a - b).map((s) => this.decodeVacancy(s));
    this.cIds = [];
    this.cSlot = new Map();
    this.cHot = new Int32Array(1024 * H);
    this.cBlob = new IntVec(1 << 16);
    this.cBySkill = [];
    this.cByUnit = [];
    this.cDead = 0;
    this.cPostings = 0;
    this.vIds = [];
    this.vSlot = new Map();
    this.vCols = new Columns([
      'flags',
      'org',
      'occ',
      'isco',
      'sector',
      'minIsced',
      'country',
      'region',
      'start',
      'blob',
    ]);
    this.vBlob = new IntVec(1 << 14);
    this.vBySkill = [];
    this.vByUnit = [];
    this.vPartsByCountry = new Map();
    this.vDead = 0;
    this.vPostings = 0;
    this.compacting = true;
    try {
      for (const c of candidates) this.upsertCandidate(c);
      for (const v of vacancies) this.upsertVacancy(v);
    } finally {
      this.compacting = false;
    }
  }
  private compacting = false;

  private maybeCompact(): void {
    if (this.compacting) return;
    const slots = this.cIds.length + this.vIds.length;
    const dead = this.cDead + this.vDead;
    if (dead > 1000 && dead * 3 > slots) this.compact();
  }

  // ---------- reads ----------

  getCandidate(id: string): MatchCandidate | undefined {
    const slot = this.cSlot.get(id);
    return slot === undefined ? undefined : this.decodeCandidate(slot);
  }

  /** The organisation holding a person, without decoding their entry (undefined: not held). */
  candidateOrganisation(id: string): string | undefined {
    const slot = this.cSlot.get(id);
    return slot === undefined ? undefined : this.orgs.values[this.cHot[slot * H + H_ORG]!];
  }

  /** Whether the person holds some skill at this evidence level (e.g. 'assessed'), without decoding their entry. */
  candidateHasEvidence(id: string, level: EvidenceLevel): boolean {
    const slot = this.cSlot.get(id);
    if (slot === undefined) return false;
    const b = this.cBlob.data;
    // The entry's lists in decodeCandidate's order: experience (pairs), languages (pairs), permits (fours),
    // relocation countries, then skills (uri, evidence code).
    let i = this.cHot[slot * H + H_BLOB]!;
    i += 1 + 2 * b[i]!;
    i += 1 + 2 * b[i]!;
    i += 1 + 4 * b[i]!;
    i += 1 + b[i]!;
    const code = EVIDENCE_CODE[level];
    for (let n = b[i++]!; n > 0; n--, i += 2) if (b[i + 1] === code) return true;
    return false;
  }

  getVacancy(id: string): MatchVacancy | undefined {
    const slot = this.vSlot.get(id);
    return slot === undefined ? undefined : this.decodeVacancy(slot);
  }

  /** Ranked candidates for a vacancy (by id from the index, or an ad-hoc vacancy object). */
  topCandidates(vacancy: string | MatchVacancy, opts: QueryOptions = {}): MatchResult[] {
    const v = this.resolveVacancy(vacancy);
    const k = opts.k ?? 50;
    const asOfDay = dayNumber(opts.asOf ?? today(), 'asOf');
    const q = this.encodeVacancy(v);
    const top = this.rankCandidates(q, k, asOfDay);
    if (opts.explain === false)
      return top.map(({ score, slot }) => ({ candidateId: this.cIds[slot]!, vacancyId: v.id, score }));
    return top.map(({ score, slot }) => this.result(this.decodeCandidate(slot), v, score, true, asOfDay));
  }

  /** Ranked vacancies for a candidate (by id from the index, or an ad-hoc candidate object). */
  topVacancies(candidate: string | MatchCandidate, opts: QueryOptions = {}): MatchResult[] {
    const c = this.resolveCandidate(candidate);
    const k = opts.k ?? 20;
    const asOfDay = dayNumber(opts.asOf ?? today(), 'asOf');
    const q = this.encodeCandidate(c);
    const top = this.rankVacancies(q, k, asOfDay);
    if (opts.explain === false)
      return top.map(({ score, slot }) => ({ candidateId: c.id, vacancyId: this.vIds[slot]!, score }));
    return top.map(({ score, slot }) => this.result(c, this.decodeVacancy(slot), score, true, asOfDay));
  }

  /** Ids of the candidates passing every hard filter for a vacancy (the eligible pool of a fairness audit). */
  eligibleCandidates(vacancy: string | MatchVacancy, asOf?: string): string[] {
    const v = this.resolveVacancy(vacancy);
    const q = this.encodeVacancy(v);
    const asOfDay = dayNumber(asOf ?? today(), 'asOf');
    const ctx = this.vacancyContext(q, asOfDay);
    const out: string[] = [];
    const eligible = this.candidateFilter(q, ctx);
    for (let s = 0; s < this.cIds.length; s++) if (eligible(s)) out.push(this.cIds[s]!);
    return out;
  }

  private resolveVacancy(v: string | MatchVacancy): MatchVacancy {
    if (typeof v !== 'string') {
      validateVacancy(v);
      return normaliseVacancy(v);
    }
    const found = this.getVacancy(v);
    if (!found) throw new MatchInputError('vacancy', `no vacancy ${JSON.stringify(v)} in the matching index`);
    return found;
  }

  private resolveCandidate(c: string | MatchCandidate): MatchCandidate {
    if (typeof c !== 'string') {
      validateCandidate(c);
      return normaliseCandidate(c);
    }
    const found = this.getCandidate(c);
    if (!found) throw new MatchInputError('profile', `no profile ${JSON.stringify(c)} in the matching index`);
    return found;
  }

  private result(c: MatchCandidate, v: MatchVacancy, score: number, explain: boolean, asOfDay: number): MatchResult {
    if (!explain) return { candidateId: c.id, vacancyId: v.id, score };
    const e = checkEligibility(c, v, { rules: this.rules, weights: this.weights, asOfDay });
    const r = e.ok ? scoreEligiblePair(c, v, this.graph, this.weights, this.credits, e.reason, true) : null;
    // The index and the reference scorer must agree; a mismatch is a bug, never shown as a result.
    if (!r || r.score !== score) throw new Error(`matching index and reference scorer disagree on ${c.id}/${v.id}`);
    return r;
  }

  // ---------- encoding ----------

  private encodeVacancy(v: MatchVacancy): VQ {
    const langs: number[] = [];
    for (const l of v.languages) langs.push(this.langs.id(l.lang), cefrRank(l.level));
    return {
      org: this.orgs.id(v.employerOrganisationId),
      occ: this.occs.id(v.occupationUri),
      isco: iscoNum(v.isco),
      sectorBit: sectorBit(v.sector),
      country: this.countries.id(v.location.country),
      region: this.regions.id(`${v.location.country}/${v.location.region}`),
      startDay: v.startDate ? dayNumber(v.startDate) : NO_DAY,
      open: v.open,
      minIsced: v.minIsced ?? NONE,
      langs,
      ess: v.essentialSkills.map((s) => this.graph.id(s)),
      opt: v.optionalSkills.map((s) => this.graph.id(s)),
    };
  }

  private encodeCandidate(c: MatchCandidate): CQ {
    const q: CQ = {
      flags:
        ALIVE |
        (c.seeking ? SEEKING : 0) |
        (c.consent.matching ? CONSENT_MATCH : 0) |
        (c.consent.shareWithEmployers ? CONSENT_SHARE : 0) |
        (c.relocation.willing ? RELOCATE : 0),
      org: this.orgs.id(c.organisationId),
      isced: c.iscedLevel ?? NONE,
      country: this.countries.id(c.location.country),
      region: this.regions.id(`${c.location.country}/${c.location.region}`),
      availDay: c.availableFrom ? dayNumber(c.availableFrom) : NO_DAY,
      skills: [],
      exp: [],
      langs: [],
      permits: [],
      reloc: c.relocation.countries.map((x) => this.countries.id(x)),
    };
    for (const s of c.skills) q.skills.push(this.graph.id(s.uri), EVIDENCE_CODE[s.evidence]);
    for (const x of c.experience) q.exp.push(this.occs.id(x.occupationUri), iscoNum(x.isco));
    for (const l of c.languages) q.langs.push(this.langs.id(l.lang), cefrRank(l.level));
    for (const p of c.permits)
      q.permits.push(
        this.countries.id(p.country),
        this.types.id(p.type),
        p.validUntil === null ? FOREVER : dayNumber(p.validUntil),
        p.sectors.reduce((m, s) => m | sectorBit(s), 0),
      );
    return q;
  }

  private decodeCandidate(slot: number): MatchCandidate {
    const hot = this.cHot;
    const h = slot * H;
    const b = this.cBlob.data;
    let i = hot[h + H_BLOB]!;
    const flags = hot[h + H_FLAGS]!;
    const experience: MatchCandidate['experience'] = [];
    for (let n = b[i++]!; n > 0; n--, i += 2) {
      const isco = b[i + 1]!;
      experience.push({
        occupationUri: this.occs.values[b[i]!]!,
        isco: isco === NONE ? '' : String(isco).padStart(4, '0'),
      });
    }
    const languages: MatchCandidate['languages'] = [];
    for (let n = b[i++]!; n > 0; n--, i += 2)
      languages.push({ lang: this.langs.values[b[i]!]!, level: CEFR_LEVELS[b[i + 1]! - 1]! });
    const permits: MatchCandidate['permits'] = [];
    for (let n = b[i++]!; n > 0; n--, i += 4) {
      const mask = b[i + 3]!;
      permits.push({
        country: this.countries.values[b[i]!]!,
        type: this.types.values[b[i + 1]!]!,
        validUntil: b[i + 2] === FOREVER ? null : dayString(b[i + 2]!),
        sectors: SECTORS.filter((_, k) => mask & (1 << k)),
      });
    }
    const reloc: string[] = [];
    for (let n = b[i++]!; n > 0; n--, i++) reloc.push(this.countries.values[b[i]!]!);
    const skills: MatchCandidate['skills'] = [];
    for (let n = b[i++]!; n > 0; n--, i += 2)
      skills.push({ uri: this.graph.uris[b[i]!]!, evidence: EVIDENCE_LEVELS[b[i + 1]!]! });
    const [country, region] = splitRegion(this.regions.values[hot[h + H_REGION]!]!);
    const avail = hot[h + H_AVAIL]!;
    return {
      id: this.cIds[slot]!,
      organisationId: this.orgs.values[hot[h + H_ORG]!]!,
      skills,
      experience,
      languages,
      iscedLevel: hot[h + H_ISCED] === NONE ? null : hot[h + H_ISCED]!,
      permits,
      location: { country, region },
      relocation: { willing: (flags & RELOCATE) !== 0, countries: reloc },
      seeking: (flags & SEEKING) !== 0,
      availableFrom: avail === NO_DAY ? null : dayString(avail),
      consent: { matching: (flags & CONSENT_MATCH) !== 0, shareWithEmployers: (flags & CONSENT_SHARE) !== 0 },
    };
  }

  private decodeVacancy(slot: number): MatchVacancy {
    const col = this.vCols.cols;
    const b = this.vBlob.data;
    let i = col.blob![slot]!;
    const languages: MatchVacancy['languages'] = [];
    for (let n = b[i++]!; n > 0; n--, i += 2)
      languages.push({ lang: this.langs.values[b[i]!]!, level: CEFR_LEVELS[b[i + 1]! - 1]! });
    const ess: string[] = [];
    for (let n = b[i++]!; n > 0; n--) ess.push(this.graph.uris[b[i++]!]!);
    const opt: string[] = [];
    for (let n = b[i++]!; n > 0; n--) opt.push(this.graph.uris[b[i++]!]!);
    const [country, region] = splitRegion(this.regions.values[col.region![slot]!]!);
    const isco = col.isco![slot]!;
    const sec = col.sector![slot]!;
    const start = col.start![slot]!;
    return {
      id: this.vIds[slot]!,
      employerOrganisationId: this.orgs.values[col.org![slot]!]!,
      occupationUri: this.occs.values[col.occ![slot]!]!,
      isco: isco === NONE ? '' : String(isco).padStart(4, '0'),
      sector: sec === 0 ? '' : SECTORS[31 - Math.clz32(sec)]!,
      essentialSkills: ess,
      optionalSkills: opt,
      minIsced: col.minIsced![slot] === NONE ? null : col.minIsced![slot]!,
      languages,
      location: { country, region },
      startDate: start === NO_DAY ? null : dayString(start),
      open: (col.flags![slot]! & OPEN) !== 0,
    };
  }

  // ---------- hard filters over columns ----------

  private vacancyContext(q: VQ, asOfDay: number): { refDay: number; allowType: Uint8Array } {
    const refDay = Math.max(asOfDay, q.startDay);
    // Permit types of the vacancy's country that some rule lets work in this sector / ISCO unit.
    const allowType = new Uint8Array(this.types.values.length + 1);
    const byType = this.rulesByKey.get(q.country);
    if (byType)
      for (const [type, rules] of byType)
        if (rules.some((r) => this.ruleFits(r, q.sectorBit, q.isco))) allowType[type] = 1;
    return { refDay, allowType };
  }

  private ruleFits(r: CompiledRule, sector: number, isco: number): boolean {
    if ((r.sectorMask & sector) === 0) return false;
    if (r.prefixes.length === 0) return true;
    if (isco === NONE) return false;
    for (let i = 0; i < r.prefixes.length; i += 2)
      if (Math.floor(isco / r.prefixes[i + 1]!) === r.prefixes[i]) return true;
    return false;
  }

  /** The hard filters for one vacancy as a closure over the hot records (hot path of every query). */
  private candidateFilter(q: VQ, ctx: { refDay: number; allowType: Uint8Array }): (s: number) => boolean {
    if (!q.open) return () => false;
    const hot = this.cHot;
    const b = this.cBlob.data;
    const need = ALIVE | SEEKING | CONSENT_MATCH;
    const lastDay = ctx.refDay + this.weights.availabilityGraceDays;
    const { refDay, allowType } = ctx;
    const { org, country, region, sectorBit: sector } = q;
    const permitFits = (pc: number, type: number, valid: number, mask: number): boolean =>
      pc === country && valid >= refDay && (mask === 0 || (mask & sector) !== 0) && allowType[type] === 1;
    return (s: number): boolean => {
      const h = s * H;
      const flags = hot[h + H_FLAGS]!;
      if ((flags & need) !== need) return false;
      if ((flags & CONSENT_SHARE) === 0 && hot[h + H_ORG] !== org) return false;
      if (hot[h + H_AVAIL]! > lastDay) return false;
      const nPermit = hot[h + H_NPERMIT]!;
      if (nPermit === 0) return false;
      if (!(hot[h + H_COUNTRY] === country && hot[h + H_REGION] === region)) {
        if ((flags & RELOCATE) === 0) return false;
        const nReloc = hot[h + H_NRELOC]!;
        if (nReloc === 1 && hot[h + H_RELOC0] !== country) return false;
        if (nReloc > 1) {
          let i = hot[h + H_BLOB]!;
          i += 1 + 2 * b[i]!; // experience
          i += 1 + 2 * b[i]!; // languages
          i += 1 + 4 * b[i]!; // permits
          let ok = false;
          for (let r = 0, n = b[i++]!; r < n; r++) if (b[i + r] === country) ok = true;
          if (!ok) return false;
        }
      }
      if (permitFits(hot[h + H_P0_COUNTRY]!, hot[h + H_P0_TYPE]!, hot[h + H_P0_VALID]!, hot[h + H_P0_MASK]!))
        return true;
      if (nPermit === 1) return false;
      let j = hot[h + H_BLOB]!;
      j += 1 + 2 * b[j]!; // experience
      j += 1 + 2 * b[j]!; // languages
      j += 1 + 4; // permit count, first permit (checked above)
      for (let p = 1; p < nPermit; p++, j += 4) if (permitFits(b[j]!, b[j + 1]!, b[j + 2]!, b[j + 3]!)) return true;
      return false;
    };
  }

  private vacancyEligible(s: number, c: CQ, asOfDay: number): boolean {
    const col = this.vCols.cols;
    if ((col.flags![s]! & (ALIVE | OPEN)) !== (ALIVE | OPEN)) return false;
    if ((c.flags & (SEEKING | CONSENT_MATCH)) !== (SEEKING | CONSENT_MATCH)) return false;
    if ((c.flags & CONSENT_SHARE) === 0 && col.org![s] !== c.org) return false;
    const refDay = Math.max(asOfDay, col.start![s]!);
    if (c.availDay > refDay + this.weights.availabilityGraceDays) return false;
    const country = col.country![s]!;
    if (!(c.country === country && c.region === col.region![s])) {
      if ((c.flags & RELOCATE) === 0) return false;
      if (c.reloc.length > 0 && !c.reloc.includes(country)) return false;
    }
    const sector = col.sector![s]!;
    const byType = this.rulesByKey.get(country);
    if (!byType) return false;
    const p = c.permits;
    for (let j = 0; j < p.length; j += 4) {
      if (p[j] !== country || p[j + 2]! < refDay) continue;
      const mask = p[j + 3]!;
      if (mask !== 0 && (mask & sector) === 0) continue;
      const rules = byType.get(p[j + 1]!);
      if (rules && rules.some((r) => this.ruleFits(r, sector, col.isco![s]!))) return true;
    }
    return false;
  }

  // ---------- ranking ----------

  private rankCandidates(q: VQ, k: number, asOfDay: number): Array<{ score: number; slot: number }> {
    const n = this.cIds.length;
    const sc = this.scratch;
    sc.ensure(n);
    const nEss = q.ess.length;
    const nSkills = nEss + q.opt.length;
    const base = sc.next(nSkills);
    const qid = base; // "seen in this query" stamp
    const ctx = this.vacancyContext(q, asOfDay);
    const x = sc.x;
    const touched = sc.touched;
    touched.length = 0;
    const cr = this.credits;
    const eligible = this.candidateFilter(q, ctx);
    const visit = (s: number): boolean => {
      const o = s * X;
      if (x[o + X_SEEN] !== qid) {
        x[o + X_SEEN] = qid;
        touched.push(s);
        const ok = eligible(s);
        x[o + X_ELIG] = ok ? 1 : 0;
        x[o + X_ESS] = 0;
        x[o + X_OPT] = 0;
        x[o + X_JTOK] = -1;
        return ok;
      }
      return x[o + X_ELIG] === 1;
    };
    // Adds the pending best credit of the previous asked skill to the essential or optional sum.
    const flush = (o: number): void => {
      const t = x[o + X_JTOK]!;
      if (t >= base) {
        if (t - base < nEss) x[o + X_ESS]! += x[o + X_JBEST]!;
        else x[o + X_OPT]! += x[o + X_JBEST]!;
      }
    };
    let scanned = 0;
    // Only two partitions can hold eligible people: living in the vacancy's region, or willing to move there.
    const country = this.countries.values[q.country]!;
    const region = splitRegion(this.regions.values[q.region]!)[1];
    for (const key of [`${country}|${region}`, `${country}|*`]) {
      const part = this.parts.lookup(key);
      if (part === NONE) continue;
      const bySkill = this.cBySkill[part] ?? [];
      for (let j = 0; j < nSkills; j++) {
        const skill = j < nEss ? q.ess[j]! : q.opt[j - nEss]!;
        const token = base + j;
        const near = this.graph.nearList(skill);
        for (let nx = -2; nx < near.length; nx += 2) {
          const list = bySkill[nx < 0 ? skill : near[nx]!];
          if (!list) continue;
          const table = nx < 0 ? cr.exact : cr.near[near[nx + 1]!]!;
          scanned += list.length;
          const slots = list.slots;
          const attr = list.attr;
          for (let i = 0, len = list.length; i < len; i++) {
            const s = slots[i]!;
            const o = s * X;
            if (x[o + X_SEEN] === qid) {
              if (x[o + X_ELIG] === 0) continue;
            } else {
              x[o + X_SEEN] = qid;
              touched.push(s);
              x[o + X_ESS] = 0;
              x[o + X_OPT] = 0;
              x[o + X_JTOK] = -1;
              if (!eligible(s)) {
                x[o + X_ELIG] = 0;
                continue;
              }
              x[o + X_ELIG] = 1;
            }
            const c = table[attr[i]!]!;
            const pending = x[o + X_JTOK]!;
            if (pending !== token) {
              if (pending >= base) {
                if (pending - base < nEss) x[o + X_ESS]! += x[o + X_JBEST]!;
                else x[o + X_OPT]! += x[o + X_JBEST]!;
              }
              x[o + X_JTOK] = token;
              x[o + X_JBEST] = c;
            } else if (c > x[o + X_JBEST]!) x[o + X_JBEST] = c;
          }
        }
      }
      const unitList = this.cByUnit[part]?.get(q.isco);
      if (unitList)
        for (let i = 0; i < unitList.length; i++) {
          const s = unitList.slots[i]!;
          if (visit(s)) x[s * X + X_UNIT] = qid;
        }
    }

    const top = new TopK(k, this.cIds);
    let scored = 0;
    const w = this.weights;
    const nOpt = q.opt.length;
    const nLang = q.langs.length / 2;
    const eduAsked = q.minIsced !== NONE;
    const hot = this.cHot;
    const b = this.cBlob.data;
    const t = touched.data;
    for (let ti = 0; ti < touched.length; ti++) {
      const s = t[ti]!;
      const o = s * X;
      if (x[o + X_ELIG] === 0) continue;
      flush(o);
      x[o + X_JTOK] = -1;
      const essSum = x[o + X_ESS]!;
      const optSum = x[o + X_OPT]!;
      if (essSum + optSum === 0 && x[o + X_UNIT] !== qid) continue;
      // Upper bound with full experience, language and education credit: skip what cannot enter the top k.
      const floor = top.floor;
      if (floor > -Infinity) {
        const bound = combineScore(w, essSum, nEss, optSum, nOpt, 1000, 1000 * nLang, nLang, 1000, eduAsked);
        if (bound < floor) continue;
      }
      let i = hot[s * H + H_BLOB]!;
      let exp = 0;
      for (let m = b[i++]!; m > 0; m--, i += 2)
        exp = Math.max(exp, experienceCredit(cr, b[i]!, b[i + 1]!, q.occ, q.isco));
      let langSum = 0;
      const nl = b[i++]!;
      for (let r = 0; r < q.langs.length; r += 2) {
        let held = 0;
        for (let m = 0; m < nl; m++)
          if (b[i + 2 * m] === q.langs[r] && b[i + 2 * m + 1]! > held) held = b[i + 2 * m + 1]!;
        langSum += this.levelCredit(held === 0 ? NONE : held, q.langs[r + 1]!, false);
      }
      const edu = eduAsked ? this.levelCredit(hot[s * H + H_ISCED]!, q.minIsced, true) : 0;
      const score = combineScore(w, essSum, nEss, optSum, nOpt, exp, langSum, nLang, edu, eduAsked);
      scored++;
      top.offer(score, s);
    }
    this.lastQuery = { postings: scanned, touched: touched.length, scored };
    return top.sorted();
  }

  /** Credit for a held level against an asked one; unknown (NONE) earns nothing. */
  private levelCredit(held: number, asked: number, _edu: boolean): number {
    if (held === NONE) return 0;
    if (held >= asked) return 1000;
    if (held === asked - 1) return this.credits.oneLevelShort;
    return 0;
  }

  /** Vacancy partitions a candidate can be eligible in (mirror of candidatePartitions). */
  private vacancyPartitionsFor(c: CQ): number[] {
    if ((c.flags & (SEEKING | CONSENT_MATCH)) !== (SEEKING | CONSENT_MATCH)) return [];
    const out: number[] = [];
    const countries = new Set<number>();
    for (let j = 0; j < c.permits.length; j += 4) countries.add(c.permits[j]!);
    for (const country of countries) {
      const moves = (c.flags & RELOCATE) !== 0 && (c.reloc.length === 0 || c.reloc.includes(country));
      if (moves) out.push(...(this.vPartsByCountry.get(country) ?? []));
      else if (c.country === country) {
        const key = `${this.countries.values[country]}|${splitRegion(this.regions.values[c.region]!)[1]}`;
        const part = this.parts.lookup(key);
        if (part !== NONE) out.push(part);
      }
    }
    return out;
  }

  private rankVacancies(c: CQ, k: number, asOfDay: number): Array<{ score: number; slot: number }> {
    const n = this.vIds.length;
    const sc = this.scratch;
    // Vacancy scratch shares arrays with candidate scratch; sized for the larger side.
    sc.ensure(Math.max(n, this.cIds.length));
    const qid = sc.next(1);
    const x = sc.x;
    const touched = sc.touched;
    touched.length = 0;
    const cr = this.credits;
    const visit = (s: number): boolean => {
      const o = s * X;
      if (x[o + X_SEEN] !== qid) {
        x[o + X_SEEN] = qid;
        touched.push(s);
        const ok = this.vacancyEligible(s, c, asOfDay);
        x[o + X_ELIG] = ok ? 1 : 0;
        x[o + X_ESS] = 0;
        x[o + X_OPT] = 0;
        return ok;
      }
      return x[o + X_ELIG] === 1;
    };
    // Best credit the candidate earns for each asked skill S: exact hold or the best near skill.
    const best = new Map<number, number>();
    const sk = c.skills;
    for (let i = 0; i < sk.length; i += 2) {
      const p = sk[i]!;
      const ev = sk[i + 1]!;
      const x = cr.exact[ev]!;
      if ((best.get(p) ?? 0) < x) best.set(p, x);
      const near = this.graph.nearList(p);
      for (let j = 0; j < near.length; j += 2) {
        const y = cr.near[near[j + 1]!]![ev]!;
        if ((best.get(near[j]!) ?? 0) < y) best.set(near[j]!, y);
      }
    }
    const units = new Set<number>();
    for (let i = 1; i < c.exp.length; i += 2) if (c.exp[i] !== NONE) units.add(c.exp[i]!);
    for (const part of this.vacancyPartitionsFor(c)) {
      const bySkill = this.vBySkill[part] ?? [];
      for (const [skill, credit] of best) {
        const list = bySkill[skill];
        if (!list || credit === 0) continue;
        for (let i = 0; i < list.length; i++) {
          const s = list.slots[i]!;
          if (!visit(s)) continue;
          if (list.attr[i] === 1) x[s * X + X_ESS]! += credit;
          else x[s * X + X_OPT]! += credit;
        }
      }
      for (const u of units) {
        const list = this.vByUnit[part]?.get(u);
        if (!list) continue;
        for (let i = 0; i < list.length; i++) {
          const s = list.slots[i]!;
          if (visit(s)) x[s * X + X_UNIT] = qid;
        }
      }
    }

    const top = new TopK(k, this.vIds);
    const w = this.weights;
    const col = this.vCols.cols;
    const b = this.vBlob.data;
    const t = touched.data;
    for (let ti = 0; ti < touched.length; ti++) {
      const s = t[ti]!;
      const o = s * X;
      if (x[o + X_ELIG] === 0) continue;
      const essSum = x[o + X_ESS]!;
      const optSum = x[o + X_OPT]!;
      if (essSum + optSum === 0 && x[o + X_UNIT] !== qid) continue;
      let i = col.blob![s]!;
      const nl = b[i++]!;
      const lStart = i;
      i += 2 * nl;
      const nEss = b[i]!;
      const nOpt = b[i + 1 + nEss]!;
      const minIsced = col.minIsced![s]!;
      const eduAsked = minIsced !== NONE;
      const floor = top.floor;
      if (floor > -Infinity) {
        const bound = combineScore(w, essSum, nEss, optSum, nOpt, 1000, 1000 * nl, nl, 1000, eduAsked);
        if (bound < floor) continue;
      }
      const vOcc = col.occ![s]!;
      const vIsco = col.isco![s]!;
      let exp = 0;
      for (let m = 0; m < c.exp.length; m += 2)
        exp = Math.max(exp, experienceCredit(cr, c.exp[m]!, c.exp[m + 1]!, vOcc, vIsco));
      let langSum = 0;
      for (let r = 0; r < nl; r++) {
        const lang = b[lStart + 2 * r]!;
        let held = 0;
        for (let m = 0; m < c.langs.length; m += 2)
          if (c.langs[m] === lang && c.langs[m + 1]! > held) held = c.langs[m + 1]!;
        langSum += this.levelCredit(held === 0 ? NONE : held, b[lStart + 2 * r + 1]!, false);
      }
      const edu = eduAsked ? this.levelCredit(c.isced, minIsced, true) : 0;
      const score = combineScore(w, essSum, nEss, optSum, nOpt, exp, langSum, nl, edu, eduAsked);
      top.offer(score, s);
    }
    return top.sorted();
  }
}

/** Credit of one experience entry (occupation, ISCO unit) for the asked ones: same occupation, unit or minor group. */
function experienceCredit(cr: Credits, occ: number, isco: number, askedOcc: number, askedIsco: number): number {
  if (occ === askedOcc) return cr.experience.occupation;
  if (isco === NONE) return 0;
  if (isco === askedIsco) return cr.experience.iscoUnit;
  if (askedIsco !== NONE && Math.floor(isco / 10) === Math.floor(askedIsco / 10)) return cr.experience.iscoMinor;
  return 0;
}

/**
 * Where a person is posted: for each country they hold a permit for, the partition "country|region" when they
 * live there and would not move, "country|*" when they would move to (or within) that country. Nobody else in
 * that country can ever pass the place and permit filters, and people not seeking or not consenting to be
 * matched pass no filter at all, so leaving them out changes no result and saves most of the work.
 */
function candidatePartitions(c: MatchCandidate): string[] {
  if (!c.seeking || !c.consent.matching) return [];
  const out: string[] = [];
  for (const country of new Set(c.permits.map((p) => p.country))) {
    const moves =
      c.relocation.willing && (c.relocation.countries.length === 0 || c.relocation.countries.includes(country));
    if (moves) out.push(`${country}|*`);
    else if (c.location.country === country) out.push(`${country}|${c.location.region}`);
  }
  return out;
}

/** Days as ISO dates, remembered: every explained result decodes a few, and a page holds only a handful of days. */
const DAY_STRINGS = new Map<number, string>();

function dayString(day: number): string {
  let s = DAY_STRINGS.get(day);
  if (s === undefined) {
    s = new Date(day * 86_400_000).toISOString().slice(0, 10);
    // Bounded: a day index spans at most a few centuries of dates; start over past that.
    if (DAY_STRINGS.size >= 100_000) DAY_STRINGS.clear();
    DAY_STRINGS.set(day, s);
  }
  return s;
}

function splitRegion(key: string): [string, string] {
  const i = key.indexOf('/');
  return [key.slice(0, i), key.slice(i + 1)];
}
