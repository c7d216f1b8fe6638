// Statistical disclosure control: the one path every published figure goes through (the API, exports, charts, the
// public page, the corridor brief — and other capabilities' aggregates, such as SDG 10.7.1 recruitment costs).
//
// The method (docs/LABOUR-MARKET.md, "Disclosure control"):
//   1. Record keys. Each counted record (a person, a vacancy, a fee report) has a secret, permanent 32-bit key.
//   2. Cell keys. A cell's key is the sum of its contributors' record keys modulo 2^32: the same set of people
//      always gives the same key, whichever table, filter, scope or request reached it.
//   3. Primary suppression. A cell counting 1 … k−1 records is suppressed (k ≥ 3; default 5). Zero stays zero.
//   4. Secondary suppression. In every additive line of a table (cells and their total) a lone suppressed cell is
//      joined by the smallest other non-zero cell, until no line holds exactly one: a total minus the other cells
//      never yields a suppressed cell.
//   5. Perturbation. Every shown count c ≥ k is published as c + n, n drawn from the cell key and c: uniform on
//      −m … +m with m = min(D, c − k) (D = 2 by default) for 98 % of cells, and for the other 2 % a geometric tail
//      beyond ±D, capped at c − k. The same cell always gets the same noise, so repeating a query or reaching one
//      cell through two tables gives the same number; a difference of two overlapping answers carries the noise of
//      both; a published count is never below k. The tail matters: with noise bounded by ±D, a published count
//      bounds the true one from above, and nested cells (a filter or an organisation inside the platform) could
//      then pin a difference of 1 when both noises sit at opposite extremes. With the tail, no published figure
//      bounds a count from above.
//   6. Rates, ratios and shares are computed from published counts only; magnitudes (durations, costs) are
//      published for cells of at least k contributors, not dominated by one, with key-driven multiplicative noise.
import { createHmac } from 'node:crypto';
import { invalid } from '../kernel/errors.js';

/** k may be raised, never set below this. */
export const K_FLOOR = 3;
export const DEFAULT_K = 5;
export const DEFAULT_MAX_NOISE = 2;
/** Relative noise on magnitudes (±5 %). */
export const DEFAULT_MAGNITUDE_NOISE = 0.05;
/** A magnitude cell is suppressed when its largest contributor holds more than this share of the total. */
export const DEFAULT_DOMINANCE = 0.85;
/** Share of counts whose noise comes from the tail beyond ±D. */
export const DEFAULT_TAIL = 0.02;

export interface DisclosurePolicy {
  /** Minimum number of contributors of a published cell. */
  k: number;
  /** Bound of the noise body (D): all but `tail` of the counts move by at most this. */
  maxNoise: number;
  /** Share of counts with noise from the geometric tail beyond ±D (never zero: see the method above). */
  tail: number;
  magnitudeNoise: number;
  dominance: number;
}

/** The policy in force, checked: a k below the floor is refused with the field path `k`. */
export function disclosurePolicy(options: Partial<DisclosurePolicy> = {}): DisclosurePolicy {
  const policy = {
    k: options.k ?? DEFAULT_K,
    maxNoise: options.maxNoise ?? DEFAULT_MAX_NOISE,
    tail: options.tail ?? DEFAULT_TAIL,
    magnitudeNoise: options.magnitudeNoise ?? DEFAULT_MAGNITUDE_NOISE,
    dominance: options.dominance ?? DEFAULT_DOMINANCE,
  };
  if (!Number.isInteger(policy.k) || policy.k < K_FLOOR || policy.k > 1000) {
    throw invalid(`k must be a whole number from ${K_FLOOR} to 1000 (cells under k are never published)`, 'k');
  }
  if (!Number.isInteger(policy.maxNoise) || policy.maxNoise < 1 || policy.maxNoise > 10) {
    throw invalid('maxNoise must be a whole number from 1 to 10', 'maxNoise');
  }
  if (!(policy.tail > 0 && policy.tail <= 0.2)) throw invalid('tail must be above 0 and at most 0.2', 'tail');
  if (!(policy.magnitudeNoise > 0 && policy.magnitudeNoise <= 0.5)) {
    throw invalid('magnitudeNoise must be above 0 and at most 0.5', 'magnitudeNoise');
  }
  if (!(policy.dominance > 0.5 && policy.dominance < 1)) {
    throw invalid('dominance must be between 0.5 and 1', 'dominance');
  }
  return policy;
}

// ---- keys ----

/** A record's permanent key: HMAC of its id under the statistics salt (kept in the database, never published). */
export function recordKey(salt: string, recordId: string): number {
  return createHmac('sha256', salt).update(recordId).digest().readUInt32BE(0);
}

/** Adds a record key to a cell key (sum modulo 2^32). */
export function addKey(cellKey: number, key: number): number {
  return (cellKey + key) >>> 0;
}

/** Removes a record key from a cell key (the inverse of addKey: aggregates can be maintained incrementally). */
export function removeKey(cellKey: number, key: number): number {
  return (cellKey - key) >>> 0;
}

/** Count and cell key of a set of records. */
export interface CellCount {
  count: number;
  key: number;
}

export function cellOf(keys: Iterable<number>): CellCount {
  let count = 0;
  let key = 0;
  for (const k of keys) {
    count++;
    key = addKey(key, k);
  }
  return { count, key };
}

/** A well-mixed 32-bit value from a cell key and a salt number (so equal keys of other counts differ). */
function mix(key: number, salt: number): number {
  let x = (key ^ Math.imul(salt + 0x632be5ab, 0x9e3779b1)) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Uniform in [0, 1), fixed by the cell key and the salt. */
function uniform(key: number, salt: number): number {
  return mix(key, salt) / 4294967296;
}

// ---- counts ----

export type Protected =
  { status: 'shown'; value: number } | { status: 'zero'; value: 0 } | { status: 'suppressed'; value: null };

export const SUPPRESSED: Protected = Object.freeze({ status: 'suppressed', value: null }) as Protected;
const ZERO: Protected = Object.freeze({ status: 'zero', value: 0 }) as Protected;

/**
 * The published value of a count c of at least k, fixed by the cell key: c + n, with n uniform on −m…m
 * (m = min(D, c − k)) for 1 − tail of the keys, else ±(D + a geometric number ≥ 1), capped at c − k.
 */
export function perturb(count: number, key: number, policy: DisclosurePolicy): number {
  const room = count - policy.k; // never publish below k
  if (room <= 0) return count;
  const u = uniform(key, count);
  const body = 1 - policy.tail;
  if (u < body) {
    const m = Math.min(policy.maxNoise, room);
    return count + Math.floor((u / body) * (2 * m + 1)) - m;
  }
  const v = (u - body) / policy.tail;
  const side = v < 0.5 ? -1 : 1;
  const extra = 1 + Math.floor(Math.log1p(-((v % 0.5) * 2)) / Math.log(0.5));
  return count + side * Math.min(policy.maxNoise + extra, room);
}

/** One cell on its own: primary suppression and perturbation (tables use protectTable for secondary suppression). */
export function protectCount(cell: CellCount, policy: DisclosurePolicy): Protected {
  if (cell.count === 0) return ZERO;
  if (cell.count < policy.k) return SUPPRESSED;
  return { status: 'shown', value: perturb(cell.count, cell.key, policy) };
}

/** An additive relation of a table: total = sum of members (a row with its row total, a group with its parent). */
export interface TableLine {
  total: string;
  members: readonly string[];
}

export interface TableInput {
  cells: ReadonlyMap<string, CellCount>;
  lines: readonly TableLine[];
}

/**
 * Protects a whole table: primary suppression, secondary suppression along every line, then perturbation. Cells
 * absent from `cells` count zero. Returns the protected value of every cell named in `cells` or in a line.
 */
export function protectTable(table: TableInput, policy: DisclosurePolicy): Map<string, Protected> {
  const count = (id: string) => table.cells.get(id)?.count ?? 0;
  const suppressed = new Set<string>();
  for (const [id, cell] of table.cells) if (cell.count > 0 && cell.count < policy.k) suppressed.add(id);
  // Lines by cell, so a new suppression re-checks only the lines it sits on.
  const linesOf = new Map<string, number[]>();
  table.lines.forEach((line, i) => {
    for (const id of [line.total, ...line.members]) {
      let list = linesOf.get(id);
      if (!list) linesOf.set(id, (list = []));
      list.push(i);
    }
  });
  const pending = new Set<number>();
  for (const id of suppressed) for (const i of linesOf.get(id) ?? []) pending.add(i);
  while (pending.size > 0) {
    const i = pending.values().next().value as number;
    pending.delete(i);
    const line = table.lines[i]!;
    const ids = [line.total, ...line.members];
    const hidden = ids.filter((id) => suppressed.has(id));
    if (hidden.length !== 1) continue;
    // The complement: a non-zero member that opens the fewest new lines with a lone suppressed cell (so the
    // pattern does not cascade), then the smallest, then by id for determinism; the total only when no member fits.
    const opens = (id: string) =>
      (linesOf.get(id) ?? []).filter((j) => {
        if (j === i) return false;
        const l = table.lines[j]!;
        return ![l.total, ...l.members].some((x) => suppressed.has(x));
      }).length;
    let pick: string | null = null;
    let pickOpens = 0;
    for (const id of line.members) {
      if (suppressed.has(id) || count(id) === 0) continue;
      const o = opens(id);
      if (
        pick === null ||
        o < pickOpens ||
        (o === pickOpens && (count(id) < count(pick) || (count(id) === count(pick) && id < pick)))
      ) {
        pick = id;
        pickOpens = o;
      }
    }
    if (pick === null && !suppressed.has(line.total) && count(line.total) > 0) pick = line.total;
    if (pick === null) continue; // every other cell is zero: the line's total is the suppressed cell itself
    suppressed.add(pick);
    for (const j of linesOf.get(pick) ?? []) pending.add(j);
    pending.add(i);
  }
  const out = new Map<string, Protected>();
  const ids = new Set<string>([...table.cells.keys(), ...linesOf.keys()]);
  for (const id of ids) {
    const cell = table.cells.get(id) ?? { count: 0, key: 0 };
    out.set(
      id,
      cell.count === 0
        ? ZERO
        : suppressed.has(id)
          ? SUPPRESSED
          : { status: 'shown', value: perturb(cell.count, cell.key, policy) },
    );
  }
  return out;
}

/**
 * A ratio of two published counts (× scale), rounded to `digits`; null when either is suppressed or the
 * denominator is zero. Never computed from true counts.
 */
export function protectedRatio(numerator: Protected, denominator: Protected, scale = 1, digits = 2): number | null {
  if (numerator.value === null || denominator.value === null || denominator.value === 0) return null;
  const f = 10 ** digits;
  return Math.round((numerator.value / denominator.value) * scale * f) / f;
}

// ---- magnitudes ----

export const MAGNITUDE_STATISTICS = ['mean', 'median', 'p20', 'p40', 'p60', 'p80', 'sum'] as const;
export type MagnitudeStatistic = (typeof MAGNITUDE_STATISTICS)[number];

export interface MagnitudeInput {
  /** One value per contributing record (a duration in days, a recruitment cost…). */
  values: readonly number[];
  /** The contributors' record keys, in any order. */
  keys: readonly number[];
}

export interface ProtectedMagnitudes {
  /** The number of contributors, protected as a count. */
  count: Protected;
  /** Per statistic the published value, or null when the cell is suppressed. */
  statistics: Partial<Record<MagnitudeStatistic, number | null>>;
  /** Why the statistics are withheld: too few contributors, or one contributor dominates the total. */
  withheld: 'too-few' | 'dominated' | null;
}

/** The q-quantile (0..1) of sorted values, linear between neighbours (type 7). */
function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/**
 * Mean, median, quintile points or sum of a magnitude, protected: withheld under k contributors or when the
 * largest value exceeds the dominance share of the total (sums and means), else each statistic is multiplied by
 * 1 + ε (ε uniform on ±magnitudeNoise, fixed by the cell key and the statistic) and rounded to `digits`.
 */
export function protectMagnitudes(
  input: MagnitudeInput,
  statistics: readonly MagnitudeStatistic[],
  policy: DisclosurePolicy,
  digits = 0,
): ProtectedMagnitudes {
  const cell = cellOf(input.keys);
  if (cell.count !== input.values.length) throw new Error('protectMagnitudes: one key per value');
  const count = protectCount(cell, policy);
  const none = Object.fromEntries(statistics.map((s) => [s, null]));
  if (cell.count < policy.k) return { count, statistics: none, withheld: cell.count === 0 ? null : 'too-few' };
  const sorted = [...input.values].sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  const largest = Math.max(Math.abs(sorted[0]!), Math.abs(sorted[sorted.length - 1]!));
  const additive = statistics.some((s) => s === 'mean' || s === 'sum');
  if (additive && sum > 0 && largest > policy.dominance * sum)
    return { count, statistics: none, withheld: 'dominated' };
  const f = 10 ** digits;
  const out: Partial<Record<MagnitudeStatistic, number | null>> = {};
  statistics.forEach((s) => {
    const raw =
      s === 'mean'
        ? sum / sorted.length
        : s === 'sum'
          ? sum
          : s === 'median'
            ? quantile(sorted, 0.5)
            : quantile(sorted, Number(s.slice(1)) / 100);
    const salt = 0x51ed + MAGNITUDE_STATISTICS.indexOf(s);
    const noise = 1 + (2 * uniform(cell.key, salt) - 1) * policy.magnitudeNoise;
    out[s] = Math.round(raw * noise * f) / f;
  });
  return { count, statistics: out, withheld: null };
}
