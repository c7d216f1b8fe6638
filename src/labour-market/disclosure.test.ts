import { describe, expect, it } from 'vitest';
import {
  cellOf,
  disclosurePolicy,
  perturb,
  protectCount,
  protectedRatio,
  protectMagnitudes,
  protectTable,
  recordKey,
  removeKey,
  addKey,
  type CellCount,
} from './disclosure.js';

const policy = disclosurePolicy();
const keysOf = (n: number, from = 0) => Array.from({ length: n }, (_, i) => recordKey('salt', `r${from + i}`));

describe('disclosure policy', () => {
  it('refuses k below the floor of 3, with the field path', () => {
    expect(() => disclosurePolicy({ tail: 0 })).toThrow(/tail/);
    expect(() => disclosurePolicy({ k: 2 })).toThrow(/k must be a whole number from 3/);
    try {
      disclosurePolicy({ k: 1 });
    } catch (err) {
      expect((err as { path?: string }).path).toBe('k');
    }
    expect(disclosurePolicy({ k: 3 }).k).toBe(3);
    expect(disclosurePolicy().k).toBe(5);
  });
});

describe('counts', () => {
  it('suppresses 1…k−1, keeps zero, publishes k and more never below k', () => {
    expect(protectCount({ count: 0, key: 1 }, policy)).toEqual({ status: 'zero', value: 0 });
    for (let c = 1; c < 5; c++) expect(protectCount({ count: c, key: 99 }, policy).status).toBe('suppressed');
    let body = 0;
    let tail = 0;
    for (let c = 5; c < 200; c++) {
      for (let s = 0; s < 50; s++) {
        const v = perturb(c, recordKey('k', `${c}:${s}`), policy);
        expect(v).toBeGreaterThanOrEqual(5);
        expect(Math.abs(v - c)).toBeLessThanOrEqual(c - 5);
        if (Math.abs(v - c) <= 2) body++;
        else tail++;
      }
    }
    // About 2 % of cells get noise from the tail beyond ±2 (fewer near k, where the cap c − k bites).
    expect(tail / (body + tail)).toBeGreaterThan(0.01);
    expect(tail / (body + tail)).toBeLessThan(0.03);
  });

  it('gives the same cell the same value, and other cells of the same count other values', () => {
    const cell = cellOf(keysOf(40));
    const a = protectCount(cell, policy);
    const b = protectCount(cellOf([...keysOf(40)].reverse()), policy);
    expect(a).toEqual(b);
    const values = new Set<number>();
    for (let s = 0; s < 60; s++) values.add(protectCount(cellOf(keysOf(40, s * 100)), policy).value!);
    expect(values.size).toBeGreaterThanOrEqual(5); // 38…42 (and rarely the tail)
  });

  it('perturbs with mean close to zero', () => {
    let total = 0;
    const n = 4000;
    for (let s = 0; s < n; s++) total += perturb(50, recordKey('m', String(s)), policy) - 50;
    expect(Math.abs(total / n)).toBeLessThan(0.1);
  });

  it('keeps cell keys invertible (incremental aggregates)', () => {
    const keys = keysOf(10);
    const all = cellOf(keys).key;
    expect(removeKey(all, keys[3]!)).toBe(cellOf(keys.filter((_, i) => i !== 3)).key);
    expect(addKey(removeKey(all, keys[3]!), keys[3]!)).toBe(all);
  });
});

describe('tables', () => {
  /** rows × cols table with row and column totals and the grand total. */
  function table(counts: number[][]) {
    const cells = new Map<string, CellCount>();
    let next = 0;
    const put = (id: string, n: number) => cells.set(id, cellOf(keysOf(n, (next += 1000))));
    counts.forEach((row, r) => row.forEach((n, c) => put(`${r}:${c}`, n)));
    counts.forEach((row, r) =>
      put(
        `${r}:T`,
        row.reduce((a, b) => a + b, 0),
      ),
    );
    counts[0]!.forEach((_, c) =>
      put(
        `T:${c}`,
        counts.reduce((a, row) => a + row[c]!, 0),
      ),
    );
    put(
      'T:T',
      counts.flat().reduce((a, b) => a + b, 0),
    );
    const lines = [
      ...counts.map((row, r) => ({ total: `${r}:T`, members: row.map((_, c) => `${r}:${c}`) })),
      ...counts[0]!.map((_, c) => ({ total: `T:${c}`, members: counts.map((_, r) => `${r}:${c}`) })),
      { total: 'T:T', members: counts.map((_, r) => `${r}:T`) },
      { total: 'T:T', members: counts[0]!.map((_, c) => `T:${c}`) },
    ];
    return { cells, lines };
  }

  it('never leaves a line with exactly one suppressed cell', () => {
    const t = table([
      [2, 30, 40],
      [25, 35, 45],
      [50, 8, 60],
    ]);
    const out = protectTable(t, policy);
    expect(out.get('0:0')!.status).toBe('suppressed');
    for (const line of t.lines) {
      const hidden = [line.total, ...line.members].filter((id) => out.get(id)!.status === 'suppressed');
      expect(hidden.length).not.toBe(1);
    }
    // The complement in row 0 and column 0 is the smallest other cell there.
    expect(out.get('0:1')!.status).toBe('suppressed');
    expect(out.get('1:0')!.status).toBe('suppressed');
  });

  it('leaves a table without small cells alone', () => {
    const t = table([
      [20, 30],
      [25, 35],
    ]);
    const out = protectTable(t, policy);
    expect([...out.values()].every((p) => p.status === 'shown')).toBe(true);
  });

  it('computes ratios from published counts only', () => {
    expect(protectedRatio({ status: 'shown', value: 10 }, { status: 'shown', value: 4 })).toBe(2.5);
    expect(protectedRatio({ status: 'suppressed', value: null }, { status: 'shown', value: 4 })).toBeNull();
    expect(protectedRatio({ status: 'shown', value: 10 }, { status: 'zero', value: 0 })).toBeNull();
  });
});

describe('magnitudes', () => {
  it('withholds under k contributors and when one contributor dominates', () => {
    expect(protectMagnitudes({ values: [1, 2, 3], keys: keysOf(3) }, ['mean'], policy).withheld).toBe('too-few');
    const dominated = protectMagnitudes({ values: [1, 1, 1, 1, 1000], keys: keysOf(5) }, ['mean', 'median'], policy);
    expect(dominated.withheld).toBe('dominated');
    expect(dominated.statistics).toEqual({ mean: null, median: null });
  });

  it('publishes noisy statistics within the noise bound, the same every time', () => {
    const values = Array.from({ length: 50 }, (_, i) => 100 + i * 10);
    const keys = keysOf(50);
    const a = protectMagnitudes({ values, keys }, ['mean', 'median', 'p80'], policy, 2);
    const b = protectMagnitudes(
      { values: [...values].reverse(), keys: [...keys].reverse() },
      ['mean', 'median', 'p80'],
      policy,
      2,
    );
    expect(a).toEqual(b);
    expect(a.statistics.mean!).toBeGreaterThanOrEqual(345 * 0.95);
    expect(a.statistics.mean!).toBeLessThanOrEqual(345 * 1.05);
    expect(a.statistics.p80!).toBeGreaterThan(a.statistics.median! * 0.9);
  });
});
