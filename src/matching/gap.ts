// Gap → training: what a person lacks for a vacancy or an occupation, and which training offers teach it,
// ranked by how much of the gap they cover, then duration, then cost.
import type { EscoSnapshot } from '../taxonomy/domain.js';
import type { MatchCandidate, MatchVacancy, NearKind, TrainingOffer } from './model.js';
import { MatchInputError, normaliseCandidate } from './scoring.js';
import type { SkillGraph } from './skill-graph.js';

export interface GapTarget {
  /** What the target is, for display: a vacancy id or an occupation URI. */
  ref: string;
  essential: string[];
  optional: string[];
}

export function vacancyTarget(v: MatchVacancy): GapTarget {
  return { ref: v.id, essential: [...new Set(v.essentialSkills)], optional: [...new Set(v.optionalSkills)] };
}

/** The occupation's essential and optional skills from the taxonomy. */
export function occupationTarget(snapshot: EscoSnapshot, occupationUri: string): GapTarget {
  if (!snapshot.occupations.has(occupationUri))
    throw new MatchInputError('occupation', `unknown ESCO occupation ${JSON.stringify(occupationUri)}`);
  const essential: string[] = [];
  const optional: string[] = [];
  for (const r of snapshot.occupationSkills)
    if (r.occupationUri === occupationUri) (r.relation === 'essential' ? essential : optional).push(r.skillUri);
  return { ref: occupationUri, essential, optional };
}

export interface SkillGap {
  target: string;
  /** Essential skills neither held nor stood in for by a near skill. */
  missingEssential: string[];
  /** Essential skills only covered by a near skill (partial credit; training closes the rest). */
  nearOnly: Array<{ uri: string; heldInstead: string; kind: NearKind }>;
  missingOptional: string[];
}

export function skillGap(candidate: MatchCandidate, target: GapTarget, graph: SkillGraph): SkillGap {
  const c = normaliseCandidate(candidate);
  const held = new Set(c.skills.map((s) => s.uri));
  const nearHeld = (uri: string): { uri: string; kind: NearKind } | null => {
    for (const h of c.skills) {
      const kind = graph.nearKind(uri, h.uri);
      if (kind) return { uri: h.uri, kind };
    }
    return null;
  };
  const gap: SkillGap = { target: target.ref, missingEssential: [], nearOnly: [], missingOptional: [] };
  for (const s of target.essential) {
    if (held.has(s)) continue;
    const n = nearHeld(s);
    if (n) gap.nearOnly.push({ uri: s, heldInstead: n.uri, kind: n.kind });
    else gap.missingEssential.push(s);
  }
  for (const s of target.optional) if (!held.has(s)) gap.missingOptional.push(s);
  return gap;
}

export interface TrainingSuggestion {
  offer: TrainingOffer;
  /** Gap skills this offer teaches: missing essential first, then near-only, then optional. */
  covers: string[];
  /** Weighted share of the gap covered, 0–1 (missing essential 1, near-only 0.5, optional 0.25 per skill). */
  coverage: number;
}

const WEIGHT = { missing: 1, near: 0.5, optional: 0.25 };

/** Offers that teach at least one gap skill, best first: coverage desc, duration asc, cost asc, id asc. */
export function rankTraining(gap: SkillGap, offers: TrainingOffer[]): TrainingSuggestion[] {
  const weightOf = new Map<string, number>();
  for (const s of gap.missingOptional) weightOf.set(s, WEIGHT.optional);
  for (const s of gap.nearOnly) weightOf.set(s.uri, WEIGHT.near);
  for (const s of gap.missingEssential) weightOf.set(s, WEIGHT.missing);
  let total = 0;
  for (const w of weightOf.values()) total += w;
  if (total === 0) return [];
  const out: TrainingSuggestion[] = [];
  for (const offer of offers) {
    const covers = [...new Set(offer.skills)].filter((s) => weightOf.has(s));
    if (!covers.length) continue;
    covers.sort((a, b) => weightOf.get(b)! - weightOf.get(a)!);
    const covered = covers.reduce((sum, s) => sum + weightOf.get(s)!, 0);
    out.push({ offer, covers, coverage: covered / total });
  }
  return out.sort(
    (a, b) =>
      b.coverage - a.coverage ||
      a.offer.durationHours - b.offer.durationHours ||
      a.offer.cost - b.offer.cost ||
      (a.offer.id < b.offer.id ? -1 : a.offer.id > b.offer.id ? 1 : 0),
  );
}

/**
 * A short plan: greedily pick the offer that closes the most still-open missing essential skills (ties by the
 * ranking above) until none can be closed. Greedy set cover — not optimal, but explainable and fast.
 */
export function trainingPlan(gap: SkillGap, offers: TrainingOffer[]): { offers: TrainingOffer[]; uncovered: string[] } {
  const open = new Set(gap.missingEssential);
  const ranked = rankTraining(gap, offers);
  const plan: TrainingOffer[] = [];
  for (;;) {
    let best: TrainingSuggestion | null = null;
    let bestGain = 0;
    for (const s of ranked) {
      const gain = s.covers.filter((x) => open.has(x)).length;
      if (gain > bestGain) [best, bestGain] = [s, gain];
    }
    if (!best) break;
    plan.push(best.offer);
    for (const x of best.covers) open.delete(x);
  }
  return { offers: plan, uncovered: [...open] };
}
