// SDG 10.7.1 and screening figures: protection (#14) keeps the fee log and the screenings and provides their records
// as services (the interfaces below; protection imports them, labour-market never imports protection). Here they
// are counted (the counting rule, store.ts) and published through disclosure.ts like every other figure: one
// protection for every route, role, export and chart.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { FieldCipher } from '../shared/crypto.js';
import { protectMagnitudes, protectTable, recordKey, type CellCount, type DisclosurePolicy } from './disclosure.js';
import type { FigureValue } from './figures.js';
import { countsInStatistics } from './store.js';

/** The groups of SDG 10.7.1 disaggregation (corridor = origin → destination). */
export const COST_DIMENSIONS = ['corridor', 'sex', 'ageGroup', 'education', 'occupation', 'sector'] as const;
export type CostDimension = (typeof COST_DIMENSIONS)[number];

/** One worker's recruitment cost in months of first-month earnings, with the groups they fall in (codes only). */
export interface RecruitmentCostRecord {
  personId: string;
  organisationId: string;
  months: number;
  groups: Record<CostDimension, string>;
}

export interface RecruitmentCostSource {
  /** Every worker whose indicator can be computed (earnings recorded, every cost convertible). */
  workers(db: Kysely<Database>): Promise<RecruitmentCostRecord[]>;
}

/** The factors and alerts of one person's latest screening, as group codes (`individual:risk`, `alert:trafficking`). */
export interface ScreeningRecord {
  personId: string;
  organisationId: string;
  groups: readonly string[];
}

export interface ScreeningSource {
  /** The group codes any record may hold, so a zero is shown as zero and a missing group gives nothing away. */
  groups: readonly string[];
  /**
   * The latest screening of people who may count. Decrypts: the caller records the read in its transaction.
   * `counted` is the counting rule; the source must not open the screening of anyone it leaves out.
   */
  people(
    db: Kysely<Database>,
    cipher: FieldCipher,
    counted: (personIds: readonly string[]) => Promise<Set<string>>,
  ): Promise<ScreeningRecord[]>;
}

declare module '../kernel/capability.js' {
  interface ServiceMap {
    /** Workers' SDG 10.7.1 indicators (provided by protection's fee log). */
    recruitmentCosts: RecruitmentCostSource;
    /** Latest vulnerability screenings as factor groups (provided by protection). */
    screenings: ScreeningSource;
  }
}

type Scope = { organisationId: string | null };

export interface CostCellAnswer {
  dimension: CostDimension | 'all';
  group: string;
  workers: FigureValue;
  /** Months of earnings; null when the cell is not published. */
  mean: number | null;
  median: number | null;
  /** The 80th percentile: the upper bound of the fourth quintile. */
  p80: number | null;
  withheld: 'too-few' | 'dominated' | null;
}

const ALL = 'all\u0000all';
const id = (dimension: string, group: string) => `${dimension}\u0000${group}`;

/**
 * Mean, median and 80th percentile of the recruitment cost in months of earnings, overall and per group of each
 * asked dimension. Counts go through protectTable (each dimension's groups add up to the total, so secondary
 * suppression holds), statistics through protectMagnitudes, and only for a cell whose count is published.
 */
export function recruitmentCostFigures(
  records: readonly RecruitmentCostRecord[],
  dimensions: readonly CostDimension[],
  salt: string,
  policy: DisclosurePolicy,
): CostCellAnswer[] {
  const groups = new Map<
    string,
    { dimension: CostDimension | 'all'; group: string; values: number[]; keys: number[] }
  >();
  const add = (dimension: CostDimension | 'all', group: string, value: number, key: number) => {
    const cid = id(dimension, group);
    let g = groups.get(cid);
    if (!g) groups.set(cid, (g = { dimension, group, values: [], keys: [] }));
    g.values.push(value);
    g.keys.push(key);
  };
  for (const r of records) {
    const key = recordKey(salt, `recruitment-cost:${r.personId}`);
    add('all', 'all', r.months, key);
    for (const d of dimensions) add(d, r.groups[d], r.months, key);
  }
  if (!groups.has(ALL)) groups.set(ALL, { dimension: 'all', group: 'all', values: [], keys: [] });
  const cells = new Map<string, CellCount>();
  for (const [cid, g] of groups)
    cells.set(cid, { count: g.keys.length, key: g.keys.reduce((a, k) => (a + k) >>> 0, 0) });
  const lines = dimensions.map((d) => ({
    total: ALL,
    members: [...groups.values()].filter((g) => g.dimension === d).map((g) => id(d, g.group)),
  }));
  const counts = protectTable({ cells, lines }, policy);
  return [...groups.entries()]
    .map(([cid, g]): CostCellAnswer => {
      const count = counts.get(cid)!;
      const stats =
        count.status === 'shown'
          ? protectMagnitudes({ values: g.values, keys: g.keys }, ['mean', 'median', 'p80'], policy, 2)
          : null;
      return {
        dimension: g.dimension,
        group: g.group,
        workers: { value: count.value, status: count.status },
        mean: stats?.statistics.mean ?? null,
        median: stats?.statistics.median ?? null,
        p80: stats?.statistics.p80 ?? null,
        withheld: count.status === 'suppressed' ? 'too-few' : (stats?.withheld ?? null),
      };
    })
    .sort((a, b) =>
      a.dimension === 'all'
        ? -1
        : b.dimension === 'all'
          ? 1
          : a.dimension === b.dimension
            ? a.group.localeCompare(b.group)
            : COST_DIMENSIONS.indexOf(a.dimension) - COST_DIMENSIONS.indexOf(b.dimension),
    );
}

/** The source's workers who count (the counting rule) in the caller's scope. */
export async function countedWorkers(
  db: Kysely<Database>,
  source: RecruitmentCostSource,
  scope: Scope,
): Promise<RecruitmentCostRecord[]> {
  const all = (await source.workers(db)).filter(
    (w) => scope.organisationId === null || w.organisationId === scope.organisationId,
  );
  const counted = await countsInStatistics(
    db,
    all.map((w) => w.personId),
  );
  return all.filter((w) => counted.has(w.personId));
}

export interface ScreeningCellAnswer {
  group: string;
  people: FigureValue;
}

/**
 * How many counted people's latest screening records each factor group and alert. A person holds several groups,
 * so the groups do not add up to the total (no additive line): each is a count protected on its own.
 */
export async function screeningFigures(
  db: Kysely<Database>,
  cipher: FieldCipher,
  source: ScreeningSource,
  scope: Scope,
  salt: string,
  policy: DisclosurePolicy,
): Promise<{ people: FigureValue; groups: ScreeningCellAnswer[] }> {
  const counted = (ids: readonly string[]) => countsInStatistics(db, ids);
  const people = (await source.people(db, cipher, counted)).filter(
    (p) => scope.organisationId === null || p.organisationId === scope.organisationId,
  );
  const cells = new Map<string, CellCount>(source.groups.map((g) => [g, { count: 0, key: 0 }]));
  let total: CellCount = { count: 0, key: 0 };
  for (const p of people) {
    const key = recordKey(salt, `screening:${p.personId}`);
    total = { count: total.count + 1, key: (total.key + key) >>> 0 };
    for (const g of new Set(p.groups)) {
      const c = cells.get(g) ?? { count: 0, key: 0 };
      cells.set(g, { count: c.count + 1, key: (c.key + key) >>> 0 });
    }
  }
  cells.set('*', total);
  const out = protectTable({ cells, lines: [] }, policy);
  const value = (g: string) => {
    const p = out.get(g)!;
    return { value: p.value, status: p.status };
  };
  return { people: value('*'), groups: source.groups.map((g) => ({ group: g, people: value(g) })) };
}
