// The reference scorer: hard filters and score of one candidate for one vacancy, written for clarity.
// The index (index.ts) must rank exactly like this; tests and the benchmark compare the two.
// Credits are integers (per mille) so that sums are exact whatever the order they are added in, and both
// implementations end in the same combineScore() call — equal inputs give bit-identical scores.
import {
  EVIDENCE_LEVELS,
  cefrRank,
  type CandidateSkill,
  type EligibilityReason,
  type EligibilityRule,
  type EvidenceLevel,
  type Ineligibility,
  type LanguageFit,
  type LevelFit,
  type MatchCandidate,
  type MatchExplanation,
  type MatchResult,
  type MatchVacancy,
  type MatchWeights,
  type NearKind,
  type NearSkill,
  type MatchedSkill,
} from './model.js';
import { kindFromCode, type SkillGraph } from './skill-graph.js';

export class MatchInputError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'MatchInputError';
  }
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Days since 1970-01-01 of a YYYY-MM-DD date; throws MatchInputError naming `path` when malformed. */
const dayCache = new Map<string, number>();
export function dayNumber(date: string, path = 'date'): number {
  const hit = dayCache.get(date);
  if (hit !== undefined) return hit;
  const m = DATE.exec(date);
  const t = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== date)
    throw new MatchInputError(path, `expected a date YYYY-MM-DD, got ${JSON.stringify(date)}`);
  const day = Math.round(t / 86_400_000);
  if (dayCache.size > 100_000) dayCache.clear(); // dates repeat a lot; keep the cache bounded
  dayCache.set(date, day);
  return day;
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Integer credit tables derived from the weights (per mille). */
export interface Credits {
  /** By evidence code (index in EVIDENCE_LEVELS). */
  exact: Int32Array;
  /** near[kindCode][evidenceCode]. */
  near: Int32Array[];
  experience: { occupation: number; iscoUnit: number; iscoMinor: number };
  oneLevelShort: number;
}

export function creditsFor(w: MatchWeights): Credits {
  const ev = EVIDENCE_LEVELS.map((e) => w.evidence[e]);
  const exact = Int32Array.from(ev, (x) => Math.round(1000 * x));
  const factor = [w.near.hierarchy, w.near.hierarchy, w.near.hierarchy, w.near.related];
  return {
    exact,
    near: factor.map((f) => Int32Array.from(ev, (x) => Math.round(1000 * x * f))),
    experience: {
      occupation: Math.round(1000 * w.experienceCredit.occupation),
      iscoUnit: Math.round(1000 * w.experienceCredit.iscoUnit),
      iscoMinor: Math.round(1000 * w.experienceCredit.iscoMinor),
    },
    oneLevelShort: Math.round(1000 * w.oneLevelShort),
  };
}

export const KIND_CODES: Record<NearKind, number> = { broader: 0, narrower: 1, sibling: 2, related: 3 };
export const EVIDENCE_CODE: Record<EvidenceLevel, number> = {
  certified: 0,
  assessed: 1,
  'advisor-checked': 2,
  'self-declared': 3,
};

/**
 * Final score in 0–1 from integer component sums. Components that do not apply (vacancy lists no essential
 * skills, no optional skills, no language, no ISCED level) leave the weighted average.
 */
export function combineScore(
  w: MatchWeights,
  essSum: number,
  nEss: number,
  optSum: number,
  nOpt: number,
  expCredit: number,
  langSum: number,
  nLang: number,
  eduCredit: number,
  eduAsked: boolean,
): number {
  let num = w.experience * (expCredit / 1000);
  let den = w.experience;
  if (nEss > 0) {
    num += w.essentialSkills * (essSum / (1000 * nEss));
    den += w.essentialSkills;
  }
  if (nOpt > 0) {
    num += w.optionalSkills * (optSum / (1000 * nOpt));
    den += w.optionalSkills;
  }
  if (nLang > 0) {
    num += w.languages * (langSum / (1000 * nLang));
    den += w.languages;
  }
  if (eduAsked) {
    num += w.education * (eduCredit / 1000);
    den += w.education;
  }
  return den > 0 ? num / den : 0;
}

/** A vacancy's skill lists without duplicates; a skill listed as both essential and optional counts as essential. */
export function normaliseVacancy(v: MatchVacancy): MatchVacancy {
  const essential = [...new Set(v.essentialSkills)];
  const ess = new Set(essential);
  const optional = [...new Set(v.optionalSkills)].filter((s) => !ess.has(s));
  return { ...v, essentialSkills: essential, optionalSkills: optional };
}

/** A candidate's skills without duplicates, keeping the strongest evidence of each. */
export function normaliseCandidate(c: MatchCandidate): MatchCandidate {
  const best = new Map<string, CandidateSkill>();
  for (const s of c.skills) {
    const prev = best.get(s.uri);
    if (!prev || EVIDENCE_CODE[s.evidence] < EVIDENCE_CODE[prev.evidence]) best.set(s.uri, s);
  }
  return { ...c, skills: [...best.values()] };
}

// ---- hard filters ----

export interface PairContext {
  rules: EligibilityRule[];
  weights: MatchWeights;
  asOfDay: number;
}

export function ruleAllows(rule: EligibilityRule, v: MatchVacancy): boolean {
  return (
    rule.country === v.location.country &&
    (rule.sectors.includes('*') || rule.sectors.includes(v.sector)) &&
    (rule.iscoPrefixes.length === 0 || rule.iscoPrefixes.some((p) => v.isco.startsWith(p)))
  );
}

const sorted = new WeakMap<EligibilityRule[], EligibilityRule[]>();
/** Rules in the order they are tried (by id), so the rule named in an explanation is deterministic. */
export function sortRules(rules: EligibilityRule[]): EligibilityRule[] {
  let out = sorted.get(rules);
  if (!out) {
    out = [...rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    sorted.set(rules, out);
    sorted.set(out, out);
  }
  return out;
}

/** Hard filters, in order: vacancy open, consent, availability, place, legal eligibility. */
export function checkEligibility(
  c: MatchCandidate,
  v: MatchVacancy,
  ctx: PairContext,
): { ok: true; reason: EligibilityReason } | { ok: false; why: Ineligibility } {
  if (!v.open) return { ok: false, why: 'vacancy-closed' };
  if (!c.consent.matching || (!c.consent.shareWithEmployers && c.organisationId !== v.employerOrganisationId))
    return { ok: false, why: 'no-consent' };
  const refDay = v.startDate ? Math.max(ctx.asOfDay, dayNumber(v.startDate)) : ctx.asOfDay;
  if (!c.seeking) return { ok: false, why: 'not-available' };
  if (c.availableFrom && dayNumber(c.availableFrom) > refDay + ctx.weights.availabilityGraceDays)
    return { ok: false, why: 'not-available' };
  let location: EligibilityReason['location'];
  if (c.location.country === v.location.country && c.location.region === v.location.region) location = 'same-region';
  else if (
    c.relocation.willing &&
    (c.relocation.countries.length === 0 || c.relocation.countries.includes(v.location.country))
  )
    location = 'relocation';
  else return { ok: false, why: 'location' };
  const rules = sortRules(ctx.rules);
  for (const p of c.permits) {
    if (p.country !== v.location.country) continue;
    if (p.validUntil !== null && dayNumber(p.validUntil) < refDay) continue;
    if (p.sectors.length > 0 && !p.sectors.includes(v.sector)) continue;
    const rule = rules.find((r) => r.permitType === p.type && ruleAllows(r, v));
    if (rule)
      return {
        ok: true,
        reason: {
          ruleId: rule.id,
          ruleDescription: rule.description,
          example: rule.example,
          permitType: p.type,
          country: v.location.country,
          sector: v.sector,
          location,
        },
      };
  }
  return { ok: false, why: 'no-permit' };
}

// ---- score ----

function levelFit(held: number | null, asked: number): LevelFit {
  if (held === null) return 'unknown';
  if (held >= asked) return 'meets';
  if (held === asked - 1) return 'one-below';
  return 'below';
}

function fitCredit(fit: LevelFit, credits: Credits): number {
  return fit === 'meets' ? 1000 : fit === 'one-below' ? credits.oneLevelShort : 0;
}

/** A vacancy normalised, with the near skills of each asked skill; memoised per vacancy object and graph. */
const preparedCache = new WeakMap<
  MatchVacancy,
  { graph: SkillGraph; v: MatchVacancy; near: Map<string, Array<[string, NearKind]>> }
>();
function prepared(
  vIn: MatchVacancy,
  graph: SkillGraph,
): { v: MatchVacancy; near: Map<string, Array<[string, NearKind]>> } {
  const hit = preparedCache.get(vIn);
  if (hit && hit.graph === graph) return hit;
  const v = normaliseVacancy(vIn);
  const near = new Map<string, Array<[string, NearKind]>>();
  for (const asked of [...v.essentialSkills, ...v.optionalSkills]) {
    const id = graph.lookup(asked);
    const list = id === undefined ? [] : graph.nearList(id);
    const out: Array<[string, NearKind]> = [];
    for (let i = 0; i < list.length; i += 2) out.push([graph.uris[list[i]!]!, kindFromCode(list[i + 1]!)]);
    near.set(asked, out);
  }
  const entry = { graph, v, near };
  preparedCache.set(vIn, entry);
  return entry;
}

/**
 * Scores an eligible pair. Returns null when the pair shares nothing relevant: no skill (exact or near) of
 * the vacancy and no experience in its ISCO unit — such a person is not a match, whatever their languages.
 */
export function scoreEligiblePair(
  cIn: MatchCandidate,
  vIn: MatchVacancy,
  graph: SkillGraph,
  w: MatchWeights,
  credits: Credits,
  eligibility: EligibilityReason,
  /** The candidate's skills are already deduplicated (as the index stores them). */
  normalised = false,
): MatchResult | null {
  const c = normalised ? cIn : normaliseCandidate(cIn);
  const { v, near: nearOf } = prepared(vIn, graph);
  const matched: MatchedSkill[] = [];
  const near: NearSkill[] = [];
  const missingEssential: string[] = [];
  let essSum = 0;
  let optSum = 0;
  const held = new Map<string, CandidateSkill>();
  for (const s of c.skills) held.set(s.uri, s);
  // Credit for one asked skill: the best of holding it (by evidence) or holding a near skill.
  const credit = (asked: string, essential: boolean): number => {
    let best = 0;
    let bestExact: CandidateSkill | null = null;
    let bestNear: NearSkill | null = null;
    const exact = held.get(asked);
    if (exact) {
      best = credits.exact[EVIDENCE_CODE[exact.evidence]]!;
      bestExact = exact;
    }
    for (const [uri, kind] of nearOf.get(asked) ?? []) {
      const s = held.get(uri);
      if (!s) continue;
      const x = credits.near[KIND_CODES[kind]]![EVIDENCE_CODE[s.evidence]]!;
      if (x > best) {
        best = x;
        bestExact = null;
        bestNear = { uri: s.uri, standsInFor: asked, kind, evidence: s.evidence, essential };
      }
    }
    if (bestExact) matched.push({ uri: asked, evidence: bestExact.evidence, essential });
    else if (bestNear) near.push(bestNear);
    else if (essential) missingEssential.push(asked);
    return best;
  };
  for (const s of v.essentialSkills) essSum += credit(s, true);
  for (const s of v.optionalSkills) optSum += credit(s, false);

  let expCredit = 0;
  let expLevel: MatchExplanation['experience']['level'] = 'none';
  let expOcc: string | null = null;
  let sameUnit = false;
  for (const x of c.experience) {
    let cr = 0;
    let lvl: MatchExplanation['experience']['level'] = 'none';
    if (x.isco === v.isco) sameUnit = true;
    if (x.occupationUri === v.occupationUri) [cr, lvl] = [credits.experience.occupation, 'occupation'];
    else if (x.isco === v.isco) [cr, lvl] = [credits.experience.iscoUnit, 'isco-unit'];
    else if (x.isco.slice(0, 3) === v.isco.slice(0, 3)) [cr, lvl] = [credits.experience.iscoMinor, 'isco-minor'];
    if (cr > expCredit) [expCredit, expLevel, expOcc] = [cr, lvl, x.occupationUri];
  }
  if (essSum + optSum === 0 && !sameUnit) return null;

  const languages: LanguageFit[] = [];
  let langSum = 0;
  for (const req of v.languages) {
    let held: LanguageFit['held'] = null;
    for (const l of c.languages)
      if (l.lang === req.lang && (held === null || cefrRank(l.level) > cefrRank(held))) held = l.level;
    const fit = held === null ? 'below' : levelFit(cefrRank(held), cefrRank(req.level));
    langSum += fitCredit(fit, credits);
    languages.push({ lang: req.lang, required: req.level, held, fit });
  }
  const eduAsked = v.minIsced !== null;
  const eduFit: LevelFit = eduAsked ? levelFit(c.iscedLevel, v.minIsced!) : 'not-asked';
  const eduCredit = eduAsked ? fitCredit(eduFit, credits) : 0;

  const nEss = v.essentialSkills.length;
  const nOpt = v.optionalSkills.length;
  const nLang = v.languages.length;
  const score = combineScore(w, essSum, nEss, optSum, nOpt, expCredit, langSum, nLang, eduCredit, eduAsked);
  return {
    candidateId: c.id,
    vacancyId: v.id,
    score,
    explanation: {
      eligibility,
      matched,
      near,
      missingEssential,
      languages,
      education: { required: v.minIsced, held: c.iscedLevel, fit: eduFit },
      experience: { occupationUri: expOcc, level: expLevel },
      components: {
        essentialSkills: nEss > 0 ? essSum / (1000 * nEss) : null,
        optionalSkills: nOpt > 0 ? optSum / (1000 * nOpt) : null,
        experience: expCredit / 1000,
        languages: nLang > 0 ? langSum / (1000 * nLang) : null,
        education: eduAsked ? eduCredit / 1000 : null,
      },
    },
  };
}

export interface ReferenceContext extends PairContext {
  graph: SkillGraph;
  credits: Credits;
}

/** Hard filters then score; null when not eligible or not relevant. */
export function scorePair(c: MatchCandidate, v: MatchVacancy, ctx: ReferenceContext): MatchResult | null {
  const e = checkEligibility(c, v, ctx);
  if (!e.ok) return null;
  return scoreEligiblePair(c, v, ctx.graph, ctx.weights, ctx.credits, e.reason);
}

/** Result order: score descending, then id ascending (stable across runs and implementations). */
export function compareResults(a: { score: number; id: string }, b: { score: number; id: string }): number {
  if (a.score !== b.score) return b.score - a.score;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Brute force: score every candidate, sort, keep k. */
export function bruteForceTopCandidates(
  v: MatchVacancy,
  candidates: Iterable<MatchCandidate>,
  ctx: ReferenceContext,
  k: number,
): MatchResult[] {
  const all: MatchResult[] = [];
  for (const c of candidates) {
    const r = scorePair(c, v, ctx);
    if (r) all.push(r);
  }
  return all
    .sort((a, b) => compareResults({ score: a.score, id: a.candidateId }, { score: b.score, id: b.candidateId }))
    .slice(0, k);
}

export function bruteForceTopVacancies(
  c: MatchCandidate,
  vacancies: Iterable<MatchVacancy>,
  ctx: ReferenceContext,
  k: number,
): MatchResult[] {
  const all: MatchResult[] = [];
  for (const v of vacancies) {
    const r = scorePair(c, v, ctx);
    if (r) all.push(r);
  }
  return all
    .sort((a, b) => compareResults({ score: a.score, id: a.vacancyId }, { score: b.score, id: b.vacancyId }))
    .slice(0, k);
}
