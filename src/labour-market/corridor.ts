// The corridor view: the pool of job seekers from an origin country against the demand of a destination country —
// its shortage occupations (from Corridor's own vacancies and from imported official shortage lists) — and, for
// each, how many in the pool already work in it and how many are one training offer away from it, by sex.
// Every count goes through protectTable; nothing else leaves this module.
import { protectTable, type CellCount, type DisclosurePolicy, type TableLine } from './disclosure.js';
import { shortages, type FigureValue, type Scope } from './figures.js';
import { SEX_CODES, type StatisticsModel } from './statistics.js';

export interface TrainingOfferSkills {
  id: string;
  skills: readonly string[];
}

export interface CorridorInput {
  origin: string;
  destination: string;
  /** ISCO codes (1–4 digits) on official shortage lists of the destination (imported). */
  officialShortages: readonly { isco: string; title: string | null }[];
  /** Open training offers: a missing set of skills is "one offer away" if one offer teaches all of it. */
  training: readonly TrainingOfferSkills[];
}

export interface CorridorOccupation {
  isco: string;
  /** Why it is on the list: Corridor's own demand shows a shortage, and/or an imported official list names it. */
  sources: ('vacancies' | 'official-list')[];
  officialTitle: string | null;
  /** Open vacancies in the destination (protected). */
  demand: FigureValue;
  ratio: number | null;
  covered: { total: FigureValue; bySex: Record<string, FigureValue> };
  oneTrainingAway: { total: FigureValue; bySex: Record<string, FigureValue> };
}

export interface CorridorView {
  origin: string;
  destination: string;
  pool: { total: FigureValue; bySex: Record<string, FigureValue> };
  occupations: CorridorOccupation[];
}

/** Share of a target occupation's essential skills a person must already hold to be "one training offer away". */
export const NEAR_SHARE = 0.5;
/** At most this many ESCO occupations stand for one ISCO group when checking training distance. */
const TARGETS_PER_GROUP = 40;

const fv = (p: { value: number | null; status: FigureValue['status'] }): FigureValue => ({
  value: p.value,
  status: p.status,
});

export function corridorView(
  model: StatisticsModel,
  input: CorridorInput,
  scope: Scope,
  policy: DisclosurePolicy,
): CorridorView {
  const ctx = { model };
  const own = shortages(ctx, 'isco4', { country: input.destination }, scope, policy);
  const byCode = new Map<string, CorridorOccupation>();
  const blank = (isco: string): CorridorOccupation => ({
    isco,
    sources: [],
    officialTitle: null,
    demand: { value: 0, status: 'zero' },
    ratio: null,
    covered: { total: { value: 0, status: 'zero' }, bySex: {} },
    oneTrainingAway: { total: { value: 0, status: 'zero' }, bySex: {} },
  });
  for (const row of own) {
    if (row.assessment !== 'shortage') continue;
    const o = blank(row.code);
    o.sources.push('vacancies');
    o.demand = row.demand;
    o.ratio = row.ratio;
    byCode.set(row.code, o);
  }
  for (const s of input.officialShortages) {
    const o = byCode.get(s.isco) ?? blank(s.isco);
    if (!o.sources.includes('official-list')) o.sources.push('official-list');
    o.officialTitle ??= s.title;
    if (!byCode.has(s.isco)) {
      const demand = own.find((r) => r.code === s.isco);
      if (demand) {
        o.demand = demand.demand;
        o.ratio = demand.ratio;
      }
      byCode.set(s.isco, o);
    }
  }
  const codes = [...byCode.keys()].sort();

  // Target ESCO occupations per code: those the destination's open vacancies ask for, else the taxonomy's own.
  const v = model.vacancies;
  const destination = model.countries.find(input.destination);
  const isco4 = v.dim('isco4');
  const targetsOf = new Map<string, Set<number>>();
  for (let s = 0; s < v.size; s++) {
    if (!v.alive[s] || !v.open[s] || v.country[s] !== destination || isco4[s]! < 0) continue;
    const unit = model.iscoCodes.values[isco4[s]!]!;
    for (const c of codes) {
      if (!unit.startsWith(c)) continue;
      let set = targetsOf.get(c);
      if (!set) targetsOf.set(c, (set = new Set()));
      if (set.size < TARGETS_PER_GROUP) set.add(v.occupation[s]!);
    }
  }
  for (const c of codes) {
    if (targetsOf.has(c)) continue;
    const set = new Set<number>();
    for (const uri of model.taxonomy.occupationsIn(c)) {
      if (set.size >= TARGETS_PER_GROUP) break;
      set.add(model.occupationId(uri));
    }
    targetsOf.set(c, set);
  }
  // Essential skills per target, and which targets each skill serves.
  const targets = [...new Set([...targetsOf.values()].flatMap((s) => [...s]))];
  const targetIndex = new Map(targets.map((t, i) => [t, i]));
  const essential = targets.map((t) =>
    model.taxonomy.essentialSkills(model.occupations.values[t]!).map((u) => model.skillId(u)),
  );
  const codeTargets = codes.map((c) => [...targetsOf.get(c)!].map((t) => targetIndex.get(t)!));
  // Training offers as skill-id sets, indexed by skill.
  const offers = input.training.map((o) => new Set(o.skills.map((u) => model.skillId(u))));
  const offersBySkill = new Map<number, number[]>();
  offers.forEach((set, i) => {
    for (const k of set) {
      let list = offersBySkill.get(k);
      if (!list) offersBySkill.set(k, (list = []));
      list.push(i);
    }
  });
  // Which targets each skill serves — only targets some offer teaches a skill of: a target no offer touches can
  // never be one offer away (its missing skills would stay missing).
  const skillCount = model.skills.values.length;
  const serves: (number[] | undefined)[] = new Array(skillCount);
  essential.forEach((skills, i) => {
    if (!skills.some((k) => offersBySkill.has(k))) return;
    for (const k of skills) (serves[k] ??= []).push(i);
  });
  const teachable = new Map<string, boolean>();
  const oneOffer = (missing: number[]): boolean => {
    const key = missing.join(',');
    let yes = teachable.get(key);
    if (yes === undefined) {
      yes = (offersBySkill.get(missing[0]!) ?? []).some((i) => missing.every((k) => offers[i]!.has(k)));
      teachable.set(key, yes);
    }
    return yes;
  };
  // Per target, the answer by which of its essential skills are missing (a bit mask while it fits in 31 bits), so
  // the people with the same gap share one check.
  const byMask = targets.map(() => new Map<number, boolean>());
  const teachableFor = (t: number, held: Uint8Array): boolean => {
    const need = essential[t]!;
    const ask = () => oneOffer(need.filter((k) => !held[k]).sort((a, b) => a - b));
    if (need.length > 31) return ask();
    let mask = 0;
    for (let i = 0; i < need.length; i++) if (!held[need[i]!]) mask |= 1 << i;
    const cache = byMask[t]!;
    let yes = cache.get(mask);
    if (yes === undefined) cache.set(mask, (yes = ask()));
    return yes;
  };

  // Counts per cell in typed arrays (cell = section × sex, the last sex slot the total); the map protectTable
  // reads is built once at the end. Sections: 0 the pool, then per code `covered` and `away`.
  const S = SEX_CODES.length;
  const width = S + 1;
  const sections = 1 + 2 * codes.length;
  const counts = new Int32Array(sections * width);
  const keys = new Uint32Array(sections * width);
  const count = (at: number, key: number) => {
    counts[at]!++;
    keys[at] = (keys[at]! + key) >>> 0;
  };
  const add = (section: number, sex: number, key: number) => {
    count(section * width + sex, key);
    count(section * width + S, key);
  };
  const coveredSection = (ci: number) => 1 + 2 * ci;
  const awaySection = (ci: number) => 2 + 2 * ci;
  // Which codes a person's unit group falls under, per unit group (codes nest: '72' and '7212').
  const codesOfUnit = new Map<number, number[]>();
  const coveringCodes = (unit: number): number[] => {
    let list = codesOfUnit.get(unit);
    if (!list) {
      const code = model.iscoCodes.values[unit]!;
      codesOfUnit.set(unit, (list = codes.flatMap((c, ci) => (code.startsWith(c) ? [ci] : []))));
    }
    return list;
  };
  // Which codes each target stands for, so a person's work is proportional to the targets their skills touch.
  const codesOfTarget: number[][] = targets.map(() => []);
  codeTargets.forEach((ts, ci) => ts.forEach((t) => codesOfTarget[t]!.push(ci)));
  const p = model.people;
  const origin = model.countries.find(input.origin);
  const org = scope.organisationId === null ? -1 : (model.organisations.find(scope.organisationId) ?? -2);
  const person4 = p.dim('isco4');
  const hits = new Int32Array(targets.length);
  const touched: number[] = [];
  const held = new Uint8Array(skillCount);
  const covered = new Uint8Array(codes.length);
  const away = new Uint8Array(codes.length);
  const anyOffer = offers.length > 0;
  if (origin !== undefined && org !== -2) {
    for (let s = 0; s < p.size; s++) {
      if (!p.alive[s] || !p.seeking[s] || p.origin[s] !== origin) continue;
      if (org >= 0 && p.org[s] !== org) continue;
      const key = p.key[s]!;
      const sex = p.sex[s]!;
      add(0, sex, key);
      covered.fill(0);
      if (person4[s]! >= 0) {
        for (const ci of coveringCodes(person4[s]!)) {
          covered[ci] = 1;
          add(coveredSection(ci), sex, key);
        }
      }
      // Without an offer nobody is one offer away; otherwise: hits of this person's skills on the targets'
      // essential skills, then the touched targets that are half-held but not wholly held.
      if (!anyOffer) continue;
      touched.length = 0;
      const from = p.skillAt[s]!;
      const to = from + p.skillLen[s]!;
      for (let j = from; j < to; j++) {
        const k = p.skills.pool[j]!;
        held[k] = 1;
        const list = serves[k];
        if (list) for (const t of list) if (hits[t]!++ === 0) touched.push(t);
      }
      away.fill(0);
      for (const t of touched) {
        const need = essential[t]!.length;
        const got = hits[t]!;
        hits[t] = 0;
        if (got >= need || got < Math.ceil(need * NEAR_SHARE)) continue;
        if (codesOfTarget[t]!.every((ci) => covered[ci] || away[ci])) continue;
        if (!teachableFor(t, held)) continue;
        for (const ci of codesOfTarget[t]!) if (!covered[ci]) away[ci] = 1;
      }
      for (let j = from; j < to; j++) held[p.skills.pool[j]!] = 0;
      away.forEach((yes, ci) => {
        if (yes) add(awaySection(ci), sex, key);
      });
    }
  }
  const sectionName = (section: number) =>
    section === 0 ? 'pool' : `${section % 2 === 1 ? 'covered' : 'away'}:${(section - 1) >> 1}`;
  const cells = new Map<string, CellCount>();
  for (let section = 0; section < sections; section++) {
    for (let x = 0; x <= S; x++) {
      const at = section * width + x;
      if (counts[at]! > 0)
        cells.set(`${sectionName(section)}|${x === S ? '*' : SEX_CODES[x]}`, { count: counts[at]!, key: keys[at]! });
    }
  }
  const lines: TableLine[] = [];
  const line = (prefix: string) => ({ total: `${prefix}|*`, members: SEX_CODES.map((x) => `${prefix}|${x}`) });
  lines.push(line('pool'));
  codes.forEach((_, ci) => lines.push(line(`covered:${ci}`), line(`away:${ci}`)));
  const out = protectTable({ cells, lines }, policy);
  const get = (id: string) => fv(out.get(id) ?? { value: 0, status: 'zero' });
  const bySex = (prefix: string) => Object.fromEntries(SEX_CODES.map((x) => [x, get(`${prefix}|${x}`)]));
  return {
    origin: input.origin,
    destination: input.destination,
    pool: { total: get('pool|*'), bySex: bySex('pool') },
    occupations: codes.map((c, ci) => ({
      ...byCode.get(c)!,
      covered: { total: get(`covered:${ci}|*`), bySex: bySex(`covered:${ci}`) },
      oneTrainingAway: { total: get(`away:${ci}|*`), bySex: bySex(`away:${ci}`) },
    })),
  };
}
