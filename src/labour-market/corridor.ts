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
  const serves = new Map<number, number[]>();
  essential.forEach((skills, i) => {
    for (const k of skills) {
      let list = serves.get(k);
      if (!list) serves.set(k, (list = []));
      list.push(i);
    }
  });
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

  const cells = new Map<string, CellCount>();
  const add = (id: string, key: number) => {
    const cell = cells.get(id);
    if (cell) {
      cell.count++;
      cell.key = (cell.key + key) >>> 0;
    } else cells.set(id, { count: 1, key });
  };
  const p = model.people;
  const origin = model.countries.find(input.origin);
  const org = scope.organisationId === null ? -1 : (model.organisations.find(scope.organisationId) ?? -2);
  const person4 = p.dim('isco4');
  const hits = new Int32Array(targets.length);
  const held = new Set<number>();
  if (origin !== undefined && org !== -2) {
    for (let s = 0; s < p.size; s++) {
      if (!p.alive[s] || !p.seeking[s] || p.origin[s] !== origin) continue;
      if (org >= 0 && p.org[s] !== org) continue;
      const key = p.key[s]!;
      const sex = SEX_CODES[p.sex[s]!]!;
      add(`pool|${sex}`, key);
      add('pool|*', key);
      const unit = person4[s]! < 0 ? '' : model.iscoCodes.values[person4[s]!]!;
      // Hits of this person's skills on every target's essential skills.
      held.clear();
      hits.fill(0);
      const from = p.skillAt[s]!;
      for (let j = from; j < from + p.skillLen[s]!; j++) {
        const k = p.skills.pool[j]!;
        held.add(k);
        for (const t of serves.get(k) ?? []) hits[t]!++;
      }
      codes.forEach((c, ci) => {
        if (unit && unit.startsWith(c)) {
          add(`covered:${ci}|${sex}`, key);
          add(`covered:${ci}|*`, key);
          return;
        }
        const near = codeTargets[ci]!.some((t) => {
          const need = essential[t]!.length;
          if (need === 0 || hits[t]! >= need || hits[t]! < Math.ceil(need * NEAR_SHARE)) return false;
          return oneOffer(essential[t]!.filter((k) => !held.has(k)).sort((a, b) => a - b));
        });
        if (near) {
          add(`away:${ci}|${sex}`, key);
          add(`away:${ci}|*`, key);
        }
      });
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
