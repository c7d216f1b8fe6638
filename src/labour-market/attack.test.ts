// The attacker's view: a generated population whose true counts we know, published only through the figures, and
// three attacks on the small cells (1 … k−1 people): solving a table's margin equations, differencing two
// overlapping filtered queries, and repeating a query. Each attack is first run against a naive publication (small
// cells suppressed, nothing else) to show it has teeth, then against the real protection, where it must recover no
// count below k.
import { describe, expect, it } from 'vitest';
import { syntheticSnapshot } from '../matching/testing.js';
import { disclosurePolicy, type DisclosurePolicy } from './disclosure.js';
import { crossTab, protectRaw, table, type FigureTable, type RawTable, type TableQuery } from './figures.js';
import { modelOf, syntheticPopulation } from './testing.js';
import type { Dimension } from './dimensions.js';

const snapshot = syntheticSnapshot({ occupations: 60, skills: 400 });
const population = syntheticPopulation(snapshot, { profiles: 20_000, vacancies: 2_000, seed: 11 });
const model = modelOf(snapshot, population);
const ctx = { model };
const policy = disclosurePolicy();
const platform = { organisationId: null };
const K = policy.k;
const D = policy.maxNoise;

/** The publication an attacker would face without perturbation or secondary suppression. */
function naive(raw: RawTable, q: TableQuery): FigureTable {
  const t = protectRaw(raw, q, disclosurePolicy());
  const truth = trueTable(raw);
  const show = (n: number) =>
    n === 0
      ? { value: 0, status: 'zero' as const }
      : n < K
        ? { value: null, status: 'suppressed' as const }
        : { value: n, status: 'shown' as const };
  return {
    ...t,
    cells: t.rowCodes.map((r) => t.colCodes.map((c) => show(truth.cell(r, c)))),
    rowTotals: t.rowCodes.map((r) => show(truth.row(r))),
    colTotals: t.colCodes.map((c) => show(truth.col(c))),
    total: show(truth.total),
  };
}

/** True counts of a raw table by code. */
function trueTable(raw: RawTable) {
  const rowIndex = (code: string) => (code === 'unknown' ? 0 : raw.rows.find(code)! + 1);
  const colIndex = (code: string) => (code === 'unknown' ? 0 : raw.cols!.find(code)! + 1);
  const height = raw.counts.length / raw.width;
  return {
    cell: (r: string, c: string) => raw.counts[rowIndex(r) * raw.width + colIndex(c)]!,
    row: (r: string) => {
      let n = 0;
      for (let c = 0; c < raw.width; c++) n += raw.counts[rowIndex(r) * raw.width + c]!;
      return n;
    },
    col: (c: string) => {
      let n = 0;
      for (let r = 0; r < height; r++) n += raw.counts[r * raw.width + colIndex(c)]!;
      return n;
    },
    total: raw.population.count,
  };
}

type Interval = [number, number];

/** What a published value says about the true count, given the published method (k, D). */
function intervalOf(v: { value: number | null; status: string }, perturbed: boolean | 'bounded'): Interval {
  if (v.status === 'zero') return [0, 0];
  if (v.status === 'suppressed') return [1, 1e9]; // a complementary cell may be large
  const x = v.value!;
  if (!perturbed) return [x, x];
  // The published method: |x − c| ≤ c − k (the tail), so c ≥ (x + k) / 2 and no upper bound.
  if (perturbed === true) return [Math.ceil((x + K) / 2), 1e9];
  // Bounded noise (the tail switched off): c ≥ k with |x − c| ≤ min(D, c − k)
  let lo = Infinity;
  let hi = -Infinity;
  for (let c = Math.max(K, x - D); c <= x + D; c++) {
    if (Math.abs(x - c) <= Math.min(D, c - K)) {
      lo = Math.min(lo, c);
      hi = Math.max(hi, c);
    }
  }
  return [lo, hi];
}

/**
 * Margin attack: every row sums to its row total, every column to its column total, and the totals to the grand
 * total. Propagates the bounds of each cell through these equations until nothing changes (interval constraint
 * propagation, as an LP solver's bound tightening would), and returns the bounds of every interior cell.
 */
function solveMargins(t: FigureTable, perturbed: boolean | 'bounded'): Map<string, Interval> {
  const iv = new Map<string, Interval>();
  t.rowCodes.forEach((r, i) => {
    t.colCodes.forEach((c, j) => iv.set(`${r}|${c}`, intervalOf(t.cells[i]![j]!, perturbed)));
    iv.set(`${r}|*`, intervalOf(t.rowTotals[i]!, perturbed));
  });
  t.colCodes.forEach((c, j) => iv.set(`*|${c}`, intervalOf(t.colTotals[j]!, perturbed)));
  iv.set('*|*', intervalOf(t.total, perturbed));
  const lines = [
    ...t.rowCodes.map((r) => ({ total: `${r}|*`, members: t.colCodes.map((c) => `${r}|${c}`) })),
    ...t.colCodes.map((c) => ({ total: `*|${c}`, members: t.rowCodes.map((r) => `${r}|${c}`) })),
    { total: '*|*', members: t.rowCodes.map((r) => `${r}|*`) },
    { total: '*|*', members: t.colCodes.map((c) => `*|${c}`) },
  ];
  for (let round = 0, changed = true; changed && round < 200; round++) {
    changed = false;
    const tighten = (id: string, lo: number, hi: number) => {
      const [a, b] = iv.get(id)!;
      const next: Interval = [Math.max(a, lo), Math.min(b, hi)];
      if (next[0] !== a || next[1] !== b) {
        iv.set(id, next);
        changed = true;
      }
    };
    for (const line of lines) {
      const sumLo = line.members.reduce((s, m) => s + iv.get(m)![0], 0);
      const sumHi = line.members.reduce((s, m) => s + iv.get(m)![1], 0);
      const [tLo, tHi] = iv.get(line.total)!;
      tighten(line.total, sumLo, sumHi);
      for (const m of line.members) {
        const [mLo, mHi] = iv.get(m)!;
        tighten(m, tLo - (sumHi - mHi), tHi - (sumLo - mLo));
      }
    }
  }
  return iv;
}

/** Small cells (1 … k−1 true) whose bounds the attacker pinned to one value. */
function recovered(t: FigureTable, raw: RawTable, perturbed: boolean | 'bounded'): { small: number; pinned: string[] } {
  const truth = trueTable(raw);
  const iv = solveMargins(t, perturbed);
  let small = 0;
  const pinned: string[] = [];
  for (const r of t.rowCodes) {
    for (const c of t.colCodes) {
      const n = truth.cell(r, c);
      if (n === 0 || n >= K) continue;
      small++;
      const [lo, hi] = iv.get(`${r}|${c}`)!;
      if (lo === hi) {
        expect(lo).toBe(n); // the attack is sound: a pinned value is the true one
        pinned.push(`${r}|${c}=${n}`);
      }
    }
  }
  return { small, pinned };
}

const busiestRegions = (() => {
  const t = table(ctx, { measure: 'supply', rows: 'region' }, platform, policy);
  return t.rowCodes.slice(0, 8);
})();

const marginTables: TableQuery[] = busiestRegions.flatMap((region) => [
  { measure: 'supply', rows: 'isco4', cols: 'sex', filters: { region }, limit: 500 },
  { measure: 'supply', rows: 'isco2', cols: 'ageGroup', filters: { region }, limit: 500 },
  { measure: 'supply', rows: 'originCountry', cols: 'iscedBand', filters: { region }, limit: 500 },
  { measure: 'supply', rows: 'isco4', cols: 'migrationStatus', filters: { region }, limit: 500 },
]);

describe('attack: solving the margin equations of a table', () => {
  it('recovers small cells from a naive publication (the attack works)', () => {
    let pinned = 0;
    let small = 0;
    for (const q of marginTables) {
      const raw = crossTab(ctx, q, platform);
      const r = recovered(naive(raw, q), raw, false);
      pinned += r.pinned.length;
      small += r.small;
    }
    expect(small).toBeGreaterThan(100);
    expect(pinned).toBeGreaterThan(10);
  });

  it('recovers no count below k from the protected tables', () => {
    let small = 0;
    const pinned: string[] = [];
    for (const q of marginTables) {
      const raw = crossTab(ctx, q, platform);
      const t = protectRaw(raw, q, policy);
      // As published, and — a stronger attacker — as if every shown count were within ±D of the truth.
      for (const mode of [true, 'bounded'] as const) {
        const r = recovered(t, raw, mode);
        small += r.small;
        pinned.push(...r.pinned);
      }
    }
    expect(small).toBeGreaterThan(100);
    expect(pinned).toEqual([]);
  });

  it('also with k = 3 and k = 10', () => {
    for (const k of [3, 10]) {
      const p: DisclosurePolicy = disclosurePolicy({ k });
      for (const q of marginTables.slice(0, 8)) {
        const raw = crossTab(ctx, q, platform);
        const t = protectRaw(raw, q, p);
        // intervalOf uses the default k: re-check with this k's bounds by hand
        const truth = trueTable(raw);
        for (const [i, r] of t.rowCodes.entries()) {
          const hidden =
            t.cells[i]!.filter((v) => v.status === 'suppressed').length +
            (t.rowTotals[i]!.status === 'suppressed' ? 1 : 0);
          expect(hidden).not.toBe(1);
          for (const [j, c] of t.colCodes.entries()) {
            const n = truth.cell(r, c);
            if (n > 0 && n < k) expect(t.cells[i]![j]!.status).toBe('suppressed');
          }
        }
      }
    }
  });
});

/**
 * Overlapping queries: A, and B1…Bn each adding one value of the same dimension to A's filters. A − ΣBi is the true
 * count of the values left out — small when they are rare (people of other or undisclosed sex, aged 65 or over,
 * with no recorded education).
 */
interface Difference {
  a: TableQuery;
  bs: TableQuery[];
}
const differences: Difference[] = busiestRegions.flatMap((region): Difference[] => {
  const base = (rows: Dimension): TableQuery => ({ measure: 'supply', rows, filters: { region }, limit: 500 });
  const plus = (q: TableQuery, d: Dimension, v: string): TableQuery => ({ ...q, filters: { ...q.filters, [d]: v } });
  return [
    { a: base('isco4'), bs: ['female', 'male'].map((v) => plus(base('isco4'), 'sex', v)) },
    { a: base('originCountry'), bs: ['low', 'medium', 'high'].map((v) => plus(base('originCountry'), 'iscedBand', v)) },
    {
      a: base('isco2'),
      bs: ['15-24', '25-34', '35-44', '45-54', '55-64'].map((v) => plus(base('isco2'), 'ageGroup', v)),
    },
  ];
});

function differencing(publish: (q: TableQuery) => FigureTable, perturbed: boolean) {
  let small = 0;
  let exact = 0;
  let pinned = 0;
  for (const { a, bs } of differences) {
    const ta = publish(a);
    const tbs = bs.map(publish);
    const truthA = trueTable(crossTab(ctx, a, platform));
    const truthBs = bs
      .map((b) => ({ raw: crossTab(ctx, b, platform) }))
      .map(({ raw }) => ({ raw, truth: trueTable(raw) }));
    ta.rowCodes.forEach((code, i) => {
      const inB = truthBs.reduce(
        (s, { raw, truth }) => s + (raw.rows.find(code) === undefined ? 0 : truth.row(code)),
        0,
      );
      const trueDiff = truthA.row(code) - inB;
      if (trueDiff <= 0 || trueDiff >= K) return;
      small++;
      const [aLo, aHi] = intervalOf(ta.rowTotals[i]!, perturbed);
      let bLo = 0;
      let bHi = 0;
      let point = ta.rowTotals[i]!.value;
      for (const tb of tbs) {
        const j = tb.rowCodes.indexOf(code);
        const vb = j < 0 ? { value: 0, status: 'zero' } : tb.rowTotals[j]!;
        const [lo, hi] = intervalOf(vb, perturbed);
        bLo += lo;
        bHi += Math.min(hi, aHi);
        point = point === null || vb.value === null ? null : point - vb.value;
      }
      const lo = Math.max(1, aLo - bHi);
      const hi = aHi - bLo;
      if (lo === hi) pinned++;
      if (point === trueDiff) exact++;
    });
  }
  return { small, exact, pinned };
}

describe('attack: differencing two overlapping filtered queries', () => {
  const limit = (q: TableQuery): TableQuery => ({ ...q, limit: 500 });

  it('recovers small groups exactly from a naive publication', () => {
    const r = differencing((q) => naive(crossTab(ctx, limit(q), platform), limit(q)), false);
    expect(r.small).toBeGreaterThan(20);
    expect(r.exact).toBeGreaterThan(r.small / 2);
    expect(r.exact).toBeGreaterThan(0);
    expect(r.pinned).toBeGreaterThan(0);
  });

  it('recovers none from the protected figures: never pinned, right no more often than a guess', () => {
    const r = differencing((q) => table(ctx, limit(q), platform, policy), true);
    expect(r.small).toBeGreaterThan(20);
    expect(r.pinned).toBe(0);
    // The difference of two noisy counts lands on the truth about one time in five (uniform noise on ±2 each).
    expect(r.exact / r.small).toBeLessThan(0.4);
  });

  // One organisation holds nine people in ten: platform minus its own figures is the small rest.
  const skewed = modelOf(snapshot, {
    people: population.people.map((p, i) => ({ ...p, organisationId: i % 10 === 0 ? 'org-small' : 'org-big' })),
    vacancies: population.vacancies,
  });
  function nested(p: DisclosurePolicy, mode: true | 'bounded') {
    const sctx = { model: skewed };
    const big = { organisationId: 'org-big' };
    let small = 0;
    let pinned = 0;
    let exact = 0;
    for (const region of busiestRegions) {
      const q: TableQuery = { measure: 'supply', rows: 'isco4', cols: 'sex', filters: { region }, limit: 500 };
      const all = table(sctx, q, platform, p);
      const mine = table(sctx, q, big, p);
      const truthAll = trueTable(crossTab(sctx, q, platform));
      const rawMine = crossTab(sctx, q, big);
      const truthMine = trueTable(rawMine);
      all.rowCodes.forEach((r, i) => {
        all.colCodes.forEach((c, j) => {
          const own =
            rawMine.rows.find(r) === undefined || rawMine.cols!.find(c) === undefined ? 0 : truthMine.cell(r, c);
          const others = truthAll.cell(r, c) - own;
          if (others <= 0 || others >= K) return;
          small++;
          const ri = mine.rowCodes.indexOf(r);
          const ci = mine.colCodes.indexOf(c);
          const vb = ri < 0 || ci < 0 ? { value: 0, status: 'zero' as const } : mine.cells[ri]![ci]!;
          const va = all.cells[i]![j]!;
          // The organisation's cell lies inside the platform's: B ≤ A, so A − B ≥ 1 when the rest is not empty.
          const [aLo, aHi] = intervalOf(va, mode);
          const [bLo, bHi] = intervalOf(vb, mode);
          if (Math.max(1, aLo - Math.min(bHi, aHi)) === aHi - bLo) pinned++;
          if (va.value !== null && vb.value !== null && va.value - vb.value === others) exact++;
        });
      });
    }
    return { small, pinned, exact };
  }

  it('organisation against platform figures: noise bounded by ±D would let nested cells pin a 1', () => {
    const r = nested({ ...policy, tail: 1e-12 }, 'bounded');
    expect(r.small).toBeGreaterThan(20);
    expect(r.pinned).toBeGreaterThan(0);
  });

  it('organisation against platform figures: with the published method nothing is pinned', () => {
    const r = nested(policy, true);
    expect(r.small).toBeGreaterThan(20);
    expect(r.pinned).toBe(0);
    expect(r.exact / r.small).toBeLessThan(0.4);
  });
});

describe('attack: repeating a query', () => {
  it('gives the same answer every time, and the same cell through another table', () => {
    const region = busiestRegions[0]!;
    const q: TableQuery = { measure: 'supply', rows: 'isco4', cols: 'sex', filters: { region }, limit: 500 };
    const first = table(ctx, q, platform, policy);
    for (let i = 0; i < 25; i++) expect(table(ctx, q, platform, policy)).toEqual(first);
    // The cell (unit group u, women) reached as a row total of a table filtered by sex.
    const bySexFilter = table(
      ctx,
      { measure: 'supply', rows: 'isco4', filters: { region, sex: 'female' }, limit: 500 },
      platform,
      policy,
    );
    const col = first.colCodes.indexOf('female');
    bySexFilter.rowCodes.forEach((u, i) => {
      const row = first.rowCodes.indexOf(u);
      const a = first.cells[row]![col]!;
      const b = bySexFilter.rowTotals[i]!;
      if (a.status === 'shown' && b.status === 'shown') expect(b.value).toBe(a.value);
    });
  });

  it('averaging repeated answers does not converge on the truth', () => {
    const q: TableQuery = { measure: 'supply', rows: 'isco4', filters: { region: busiestRegions[1]! }, limit: 500 };
    const raw = crossTab(ctx, q, platform);
    const truth = trueTable(raw);
    const answers = Array.from({ length: 30 }, () => table(ctx, q, platform, policy));
    let off = 0;
    answers[0]!.rowCodes.forEach((code, i) => {
      const mean = answers.reduce((s, a) => s + (a.rowTotals[i]!.value ?? 0), 0) / answers.length;
      if (answers[0]!.rowTotals[i]!.status === 'shown' && mean !== truth.row(code)) off++;
    });
    expect(off).toBeGreaterThan(0);
  });
});
