// Figures from the statistics model: cross-tabulations of supply (job seekers) and demand (open vacancies) by the
// predefined dimensions, shortage and surplus occupations, skill gaps and time to fill. Every number leaves through
// disclosure.ts: tables through protectTable (with their lines), ratios from published counts, durations through
// protectMagnitudes. Nothing here returns a true count.
import { invalid } from '../kernel/errors.js';
import {
  protectCount,
  protectedRatio,
  protectMagnitudes,
  protectTable,
  type CellCount,
  type DisclosurePolicy,
  type Protected,
  type TableLine,
} from './disclosure.js';
import {
  MEASURES,
  accessor,
  appliesTo,
  checkCode,
  isDimension,
  type Accessor,
  type Dimension,
  type Measure,
  type MultiAccessor,
  type SingleAccessor,
} from './dimensions.js';
import type { RowWatcher, SlotIndex, StatisticsModel } from './statistics.js';

/** Largest table a query may build (rows × columns). */
const MAX_CELLS = 4_000_000;
export const DEFAULT_ROW_LIMIT = 50;
export const MAX_ROW_LIMIT = 500;

export interface Scope {
  /** Only records of this organisation (its caseload, its vacancies); null = every organisation. */
  organisationId: string | null;
}

export interface TableQuery {
  measure: Measure;
  rows: Dimension;
  cols?: Dimension | null;
  /** Predefined dimensions only; a multi-valued one means "holds at least one". */
  filters?: Partial<Record<Dimension, string>>;
  /** At most this many rows, the largest first (by published total). */
  limit?: number;
}

export interface FigureValue {
  value: number | null;
  status: Protected['status'];
}

export interface FigureTable {
  measure: Measure;
  rows: Dimension;
  cols: Dimension | null;
  filters: Partial<Record<Dimension, string>>;
  rowCodes: string[];
  colCodes: string[];
  /** cells[row][col]; without columns one cell per row (the row total). */
  cells: FigureValue[][];
  rowTotals: FigureValue[];
  /** Records per column; for a multi-valued row dimension these are population counts, not sums. */
  colTotals: FigureValue[];
  /** The records in scope and filter (job seekers or open vacancies). */
  total: FigureValue;
  /** Rows left out by the limit. */
  rowsOmitted: number;
  /** Whether the row totals add up to the total (false for skills: a person holds several). */
  additive: boolean;
}

const fv = (p: Protected): FigureValue => ({ value: p.value, status: p.status });

/** The query checked against the predefined dimensions; errors name the query parameter. */
export function checkQuery(q: TableQuery): void {
  const dims: [Dimension | null | undefined, string][] = [
    [q.rows, 'querystring.rows'],
    [q.cols, 'querystring.cols'],
  ];
  for (const [d, path] of dims) {
    if (d === undefined || d === null) continue;
    if (!isDimension(d)) throw invalid(`Unknown dimension "${String(d)}"`, path);
    if (!appliesTo(d, q.measure)) throw invalid(`${d} does not apply to ${q.measure}`, path);
  }
  if (q.cols && q.cols === q.rows) throw invalid('Rows and columns must be different dimensions', 'querystring.cols');
  if (q.cols && ['skill', 'skillGroup', 'skillCollection'].includes(q.cols)) {
    throw invalid('A skill dimension can only be the rows', 'querystring.cols');
  }
  for (const [d, code] of Object.entries(q.filters ?? {})) {
    if (!isDimension(d)) throw invalid(`Unknown dimension "${d}"`, `querystring.filter.${d}`);
    if (!appliesTo(d, q.measure)) throw invalid(`${d} does not apply to ${q.measure}`, `querystring.filter.${d}`);
    if (code === undefined) continue;
    checkCode(d, code, `querystring.filter.${d}`);
  }
  if (q.limit !== undefined && (!Number.isInteger(q.limit) || q.limit < 1 || q.limit > MAX_ROW_LIMIT)) {
    throw invalid(`limit must be a whole number from 1 to ${MAX_ROW_LIMIT}`, 'querystring.limit');
  }
}

/** True counts and cell keys of a cross-tabulation (private to this module and the tests' attacker). */
export interface RawTable {
  rows: Accessor;
  cols: SingleAccessor | null;
  /** Dense: index (r + 1) * width + (c + 1); r, c = −1 for unknown. Without cols, c = −1. */
  counts: Int32Array;
  keys: Uint32Array;
  width: number;
  /** Per column, the records of the population in it (for multi-valued rows, where cells do not add up). */
  colPop: Int32Array;
  colPopKeys: Uint32Array;
  population: CellCount;
  /** What made it, for incremental maintenance (TableCache). */
  query: TableQuery;
  organisation: number;
  /** A filter named a code no record held when it was built. */
  empty: boolean;
}

interface Context {
  model: StatisticsModel;
  /** Incrementally maintained tables of this model (the engine keeps one). */
  tables?: TableCache;
}

/** A record passes the filters: single-valued ones compare code columns, multi-valued ones look through skills. */
interface CompiledFilters {
  columns: Int32Array[];
  values: number[];
  multi: { accessor: MultiAccessor; want: number }[];
  /** A filter names a code no record holds: nothing passes. */
  empty: boolean;
}

function compileFilters(model: StatisticsModel, measure: Measure, filters: TableQuery['filters']): CompiledFilters {
  const out: CompiledFilters = { columns: [], values: [], multi: [], empty: false };
  for (const [d, code] of Object.entries(filters ?? {}) as [Dimension, string | undefined][]) {
    if (code === undefined) continue;
    const a = accessor(model, measure, d);
    const want = a.find(code);
    if (want === undefined) out.empty = true;
    else if (a.multi) out.multi.push({ accessor: a, want });
    else {
      out.columns.push(a.column);
      out.values.push(want);
    }
  }
  return out;
}

/** Whether the record's skills hold the wanted value of a multi-valued dimension. */
function holds(a: MultiAccessor, want: number, pool: Int32Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const skill = pool[i]!;
    if (a.map ? a.map[skill] === want : (a.masks![skill]! >> want) & 1) return true;
  }
  return false;
}

/** The slot index a scan may read instead of every row: the organisation's, or the filtered country's. */
function restriction(
  model: StatisticsModel,
  population: StatisticsModel['people'] | StatisticsModel['vacancies'],
  org: number,
  filters: TableQuery['filters'],
): { index: SlotIndex | null; value: number } {
  let best: { index: SlotIndex | null; value: number; size: number } = {
    index: null,
    value: -1,
    size: population.size,
  };
  if (org >= 0) best = { index: population.byOrg, value: org, size: population.byOrg.size(org) };
  const region = filters?.region !== undefined ? model.regions.find(filters.region) : undefined;
  const country =
    filters?.country !== undefined
      ? model.countries.find(filters.country)
      : region !== undefined
        ? model.regionCountry[region]
        : undefined;
  if (country !== undefined && population.byCountry.size(country) < best.size) {
    best = { index: population.byCountry, value: country, size: population.byCountry.size(country) };
  }
  return best;
}

/** Scans one population and counts it by the query's dimensions. */
export function crossTab(ctx: Context, q: TableQuery, scope: Scope): RawTable {
  checkQuery(q);
  const { model } = ctx;
  const measure = q.measure;
  const population = measure === 'supply' ? model.people : model.vacancies;
  const rows = accessor(model, measure, q.rows);
  const cols = q.cols ? (accessor(model, measure, q.cols) as SingleAccessor) : null;
  const width = (cols?.size ?? 0) + 1;
  const height = rows.size + 1;
  if (width * height > MAX_CELLS) {
    throw invalid('This table is too large; filter it or choose a coarser dimension', 'querystring.rows');
  }
  const counts = new Int32Array(width * height);
  const keys = new Uint32Array(width * height);
  const colPop = new Int32Array(width);
  const colPopKeys = new Uint32Array(width);
  let popCount = 0;
  let popKey = 0;

  const filters = compileFilters(model, measure, q.filters);
  const org = scope.organisationId === null ? -1 : (model.organisations.find(scope.organisationId) ?? -2);
  if (!filters.empty && org !== -2) {
    const { alive, org: orgs, key: recordKeys, skillAt, skillLen } = population;
    const pool = population.skills.pool;
    const active = measure === 'supply' ? model.people.seeking : model.vacancies.open;
    const fColumns = filters.columns;
    const fValues = filters.values;
    const nf = fColumns.length;
    const multi = filters.multi;
    const rowColumn = rows.multi ? null : rows.column;
    const colColumn = cols ? cols.column : null;
    const map = rows.multi ? rows.map : null;
    const masks = rows.multi ? rows.masks : null;
    // Per value, the last slot counted in it: a person with three skills of one group counts once in it.
    const stamp = rows.multi ? new Int32Array(rows.size).fill(-1) : null;
    // Read only the rows of the organisation or of the filtered country (the fewer), else every row.
    const { index, value } = restriction(model, population, org, q.filters);
    const list = index ? index.slots(value) : null;
    const listed = list ? list.slots : null;
    const n = list ? list.length : population.size;
    if (rowColumn && multi.length === 0) {
      // The common case, kept to plain typed-array reads (about 3× faster than the general loop below).
      const f0 = nf > 0 ? fColumns[0]! : null;
      const v0 = nf > 0 ? fValues[0]! : 0;
      scan: for (let i = 0; i < n; i++) {
        const s = listed === null ? i : listed[i]!;
        if ((alive[s]! & active[s]!) === 0) continue;
        if (listed !== null && !index!.isCurrent(s, value, i)) continue;
        if (org >= 0 && orgs[s] !== org) continue;
        if (f0 !== null && f0[s] !== v0) continue;
        for (let f = 1; f < nf; f++) if (fColumns[f]![s] !== fValues[f]) continue scan;
        const k = recordKeys[s]!;
        const c = colColumn === null ? 0 : colColumn[s]! + 1;
        colPop[c]!++;
        colPopKeys[c] = (colPopKeys[c]! + k) >>> 0;
        const x = (rowColumn[s]! + 1) * width + c;
        counts[x]!++;
        keys[x] = (keys[x]! + k) >>> 0;
      }
      for (let c = 0; c < width; c++) {
        popCount += colPop[c]!;
        popKey = (popKey + colPopKeys[c]!) >>> 0;
      }
    } else {
      scan: for (let i = 0; i < n; i++) {
        const s = listed === null ? i : listed[i]!;
        if (alive[s] === 0 || active[s] === 0) continue;
        if (listed !== null && !index!.isCurrent(s, value, i)) continue;
        if (org >= 0 && orgs[s] !== org) continue;
        for (let f = 0; f < nf; f++) if (fColumns[f]![s] !== fValues[f]) continue scan;
        const from = skillAt[s]!;
        const to = from + skillLen[s]!;
        for (let f = 0; f < multi.length; f++)
          if (!holds(multi[f]!.accessor, multi[f]!.want, pool, from, to)) continue scan;
        const k = recordKeys[s]!;
        const c = colColumn ? colColumn[s]! + 1 : 0;
        popCount++;
        popKey = (popKey + k) >>> 0;
        colPop[c]!++;
        colPopKeys[c] = (colPopKeys[c]! + k) >>> 0;
        if (rowColumn) {
          const x = (rowColumn[s]! + 1) * width + c;
          counts[x]!++;
          keys[x] = (keys[x]! + k) >>> 0;
        } else if (map) {
          for (let j = from; j < to; j++) {
            const v = map[pool[j]!]!;
            if (v < 0 || stamp![v] === s) continue;
            stamp![v] = s;
            const x = (v + 1) * width + c;
            counts[x]!++;
            keys[x] = (keys[x]! + k) >>> 0;
          }
        } else {
          let mask = 0;
          for (let j = from; j < to; j++) mask |= masks![pool[j]!]!;
          for (let v = 0; mask; v++, mask >>= 1) {
            if ((mask & 1) === 0) continue;
            const x = (v + 1) * width + c;
            counts[x]!++;
            keys[x] = (keys[x]! + k) >>> 0;
          }
        }
      }
    }
  }
  return {
    rows,
    cols,
    counts,
    keys,
    width,
    colPop,
    colPopKeys,
    population: { count: popCount, key: popKey },
    query: q,
    organisation: org,
    empty: filters.empty || org === -2,
  };
}

/**
 * Adds (+1) or removes (−1) one record's contribution to a raw table, as the scan would have counted it. Returns
 * false when the record holds a value the table has no room for (a new occupation, skill, region or month): the
 * table must then be built again.
 */
function applyRecord(model: StatisticsModel, raw: RawTable, slot: number, sign: 1 | -1): boolean {
  const q = raw.query;
  const population = q.measure === 'supply' ? model.people : model.vacancies;
  const active = q.measure === 'supply' ? model.people.seeking : model.vacancies.open;
  if (raw.empty) return sign < 0; // a new record may hold the missing code: rebuild on any arrival
  if (!population.alive[slot] || !active[slot]) return true;
  if (raw.organisation >= 0 && population.org[slot] !== raw.organisation) return true;
  const from = population.skillAt[slot]!;
  const to = from + population.skillLen[slot]!;
  for (const [d, code] of Object.entries(q.filters ?? {}) as [Dimension, string | undefined][]) {
    if (code === undefined) continue;
    const a = accessor(model, q.measure, d);
    const want = a.find(code);
    if (want === undefined) return false;
    if (a.multi ? !holds(a, want, population.skills.pool, from, to) : a.column[slot] !== want) return true;
  }
  const k = sign > 0 ? population.key[slot]! : (0x100000000 - population.key[slot]!) >>> 0;
  let c = 0;
  if (raw.cols) {
    const v = population.dim(q.cols!)[slot]!;
    if (v >= raw.cols.size) return false;
    c = v + 1;
  }
  const rowValues: number[] = [];
  if (!raw.rows.multi) {
    const v = population.dim(q.rows)[slot]!;
    if (v >= raw.rows.size) return false;
    rowValues.push(v);
  } else if (q.rows === 'skillCollection') {
    let mask = 0;
    for (let j = from; j < to; j++) mask |= model.skillCollections[population.skills.pool[j]!]!;
    for (let v = 0; mask; v++, mask >>= 1) if (mask & 1) rowValues.push(v);
  } else {
    const seen = new Set<number>();
    for (let j = from; j < to; j++) {
      const skill = population.skills.pool[j]!;
      const v = q.rows === 'skill' ? skill : model.skillGroup[skill]!;
      if (v < 0 || seen.has(v)) continue;
      if (v >= raw.rows.size) return false;
      seen.add(v);
      rowValues.push(v);
    }
  }
  raw.population = { count: raw.population.count + sign, key: (raw.population.key + k) >>> 0 };
  raw.colPop[c]! += sign;
  raw.colPopKeys[c] = (raw.colPopKeys[c]! + k) >>> 0;
  for (const v of rowValues) {
    const i = (v + 1) * raw.width + c;
    raw.counts[i]! += sign;
    raw.keys[i] = (raw.keys[i]! + k) >>> 0;
  }
  return true;
}

/**
 * Raw tables kept current as records change (most recently used first out of the way): a dashboard asking the same
 * figures again is answered without a scan, also while writes arrive. Protected answers are cached per table
 * version and disclosure policy.
 */
interface CacheEntry {
  raw: RawTable;
  version: number;
  answers: Map<string, FigureTable>;
}

const ISCO_LEVELS = ['isco1', 'isco2', 'isco3', 'isco4'] as const;
/** The disaggregations the dashboard splits ISCO groups by (warmed at build). */
const WARM_COLUMNS: Dimension[] = ['sex', 'ageGroup', 'iscedBand', 'migrationStatus', 'originCountry', 'citizenship'];

export class TableCache implements RowWatcher {
  private readonly entries = new Map<string, CacheEntry>();

  constructor(
    private readonly model: StatisticsModel,
    private readonly max = 200,
  ) {
    model.watchers.add(this);
  }

  dispose(): void {
    this.model.watchers.delete(this);
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  table(q: TableQuery, scope: Scope, policy: DisclosurePolicy): FigureTable {
    checkQuery(q);
    const entry = this.entry(q, scope);
    const answerKey = `${entry.version}|${policy.k}|${policy.maxNoise}|${policy.tail}|${q.limit ?? ''}`;
    let answer = entry.answers.get(answerKey);
    if (!answer) {
      answer = protectRaw(entry.raw, q, policy);
      entry.answers.clear();
      entry.answers.set(answerKey, answer);
    }
    return answer;
  }

  /** The kept raw table of a query (true counts: for figures that protect its cells themselves, as skill gaps do). */
  raw(q: TableQuery, scope: Scope): RawTable {
    checkQuery(q);
    return this.entry(q, scope).raw;
  }

  /** The kept raw table of a query: found, rolled up from a kept ISCO unit-group table, or scanned. */
  private entry(q: TableQuery, scope: Scope): CacheEntry {
    const key = JSON.stringify([
      q.measure,
      q.rows,
      q.cols ?? null,
      Object.entries(q.filters ?? {}).sort(),
      scope.organisationId,
    ]);
    let entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
      return entry;
    }
    entry = { raw: this.rollUp(q, scope) ?? crossTab({ model: this.model }, q, scope), version: 0, answers: new Map() };
    this.entries.set(key, entry);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
    return entry;
  }

  /**
   * An ISCO table (rows at 1–4 digits, ISCO filters) from the kept unit-group table with the same columns, other
   * filters and scope: ISCO groups nest, and counts and cell keys both add up, so summing unit groups gives exactly
   * what a scan would count. The drill-down from major to unit group then reads hundreds of cells, not every record.
   */
  private rollUp(q: TableQuery, scope: Scope): RawTable | null {
    const level = ISCO_LEVELS.indexOf(q.rows as (typeof ISCO_LEVELS)[number]) + 1;
    if (level === 0) return null;
    const iscoFilters: [number, string][] = [];
    const otherFilters: Partial<Record<Dimension, string>> = {};
    for (const [d, code] of Object.entries(q.filters ?? {}) as [Dimension, string | undefined][]) {
      if (code === undefined) continue;
      const l = ISCO_LEVELS.indexOf(d as (typeof ISCO_LEVELS)[number]) + 1;
      if (l === 0) otherFilters[d] = code;
      else if (this.model.iscoCodes.find(code) === undefined)
        return null; // nothing holds it: the scan says so
      else iscoFilters.push([l, code]);
    }
    if (level === 4 && iscoFilters.length === 0) return null; // the unit-group table itself
    const base = this.entry(
      { measure: q.measure, rows: 'isco4', cols: q.cols ?? null, filters: otherFilters },
      scope,
    ).raw;
    if (base.empty) return null;
    const rows = accessor(this.model, q.measure, q.rows);
    const { width } = base;
    const counts = new Int32Array((rows.size + 1) * width);
    const keys = new Uint32Array(counts.length);
    const colPop = new Int32Array(width);
    const colPopKeys = new Uint32Array(width);
    const codes = this.model.iscoCodes;
    const height = base.counts.length / width;
    for (let r = 0; r < height; r++) {
      const unitGroup = r === 0 ? null : codes.values[r - 1]!;
      if (unitGroup !== null && unitGroup.length !== 4) continue;
      if (iscoFilters.some(([l, code]) => unitGroup?.slice(0, l) !== code)) continue;
      const target = unitGroup === null ? 0 : codes.find(unitGroup.slice(0, level))! + 1;
      for (let c = 0; c < width; c++) {
        const from = r * width + c;
        if (base.counts[from] === 0) continue;
        const to = target * width + c;
        counts[to]! += base.counts[from]!;
        keys[to] = (keys[to]! + base.keys[from]!) >>> 0;
        colPop[c]! += base.counts[from]!;
        colPopKeys[c] = (colPopKeys[c]! + base.keys[from]!) >>> 0;
      }
    }
    let count = 0;
    let key = 0;
    for (let c = 0; c < width; c++) {
      count += colPop[c]!;
      key = (key + colPopKeys[c]!) >>> 0;
    }
    return {
      rows,
      cols: base.cols,
      counts,
      keys,
      width,
      colPop,
      colPopKeys,
      population: { count, key },
      query: q,
      organisation: base.organisation,
      empty: false,
    };
  }

  /**
   * Builds the tables the dashboard's first questions roll up from (platform level: ISCO unit groups alone and by
   * each disaggregation, job seekers and vacancies by country), so that a rebuilt model answers them without a scan.
   */
  warm(): void {
    const platform: Scope = { organisationId: null };
    for (const cols of [null, ...WARM_COLUMNS]) this.entry({ measure: 'supply', rows: 'isco4', cols }, platform);
    this.entry({ measure: 'demand', rows: 'isco4' }, platform);
    for (const measure of MEASURES) this.entry({ measure, rows: 'country' }, platform);
    // Skill gaps by collection and by group, in any country or region (skillCounts reads a column of these).
    for (const measure of MEASURES)
      for (const rows of ['skillCollection', 'skillGroup'] as const)
        for (const cols of SKILL_PLACES) this.entry({ measure, rows, cols }, platform);
  }

  private apply(measure: Measure, slot: number, sign: 1 | -1): void {
    for (const [key, entry] of this.entries) {
      if (entry.raw.query.measure !== measure) continue;
      if (applyRecord(this.model, entry.raw, slot, sign)) entry.version++;
      else this.entries.delete(key);
    }
  }

  leave(measure: Measure, slot: number): void {
    this.apply(measure, slot, -1);
  }

  enter(measure: Measure, slot: number): void {
    this.apply(measure, slot, 1);
  }
}

/** Protects a raw table as one table (cells, row and column totals, total, and their lines) and lays it out. */
export function protectRaw(raw: RawTable, q: TableQuery, policy: DisclosurePolicy): FigureTable {
  const { rows, cols, counts, keys, width } = raw;
  const cells = new Map<string, CellCount>();
  const lines: TableLine[] = [];
  const height = counts.length / width;
  const rowIds: number[] = [];
  const colSeen = new Set<number>();
  for (let r = 0; r < height; r++) {
    let rowCount = 0;
    let rowKey = 0;
    const members: string[] = [];
    for (let c = 0; c < width; c++) {
      const i = r * width + c;
      if (counts[i] === 0) continue;
      rowCount += counts[i]!;
      rowKey = (rowKey + keys[i]!) >>> 0;
      if (cols) {
        cells.set(`${r}|${c}`, { count: counts[i]!, key: keys[i]! });
        members.push(`${r}|${c}`);
        colSeen.add(c);
      }
    }
    if (rowCount === 0) continue;
    rowIds.push(r);
    cells.set(`${r}|*`, { count: rowCount, key: rowKey });
    if (cols) lines.push({ total: `${r}|*`, members });
  }
  const colIds = [...colSeen].sort((a, b) => a - b);
  for (const c of colIds) cells.set(`*|${c}`, { count: raw.colPop[c]!, key: raw.colPopKeys[c]! });
  cells.set('*|*', raw.population);
  const additive = !rows.multi;
  if (additive) {
    lines.push({ total: '*|*', members: rowIds.map((r) => `${r}|*`) });
    for (const c of colIds)
      lines.push({ total: `*|${c}`, members: rowIds.filter((r) => cells.has(`${r}|${c}`)).map((r) => `${r}|${c}`) });
  }
  if (cols) lines.push({ total: '*|*', members: colIds.map((c) => `*|${c}`) });
  const out = protectTable({ cells, lines }, policy);
  const get = (id: string) => fv(out.get(id) ?? { status: 'zero', value: 0 });

  // Largest published row first; suppressed rows after shown ones, then by code.
  const code = (r: number) => rows.code(r - 1);
  const order = rowIds
    .map((r) => ({ r, v: out.get(`${r}|*`)!.value }))
    .sort((a, b) => (b.v ?? -1) - (a.v ?? -1) || (code(a.r) < code(b.r) ? -1 : 1));
  const limit = q.limit ?? (rows.size > 60 ? DEFAULT_ROW_LIMIT : MAX_ROW_LIMIT);
  const shown = (rows.multi || rows.size > 60 ? order : order.sort((a, b) => a.r - b.r)).slice(0, limit);
  return {
    measure: q.measure,
    rows: q.rows,
    cols: q.cols ?? null,
    filters: q.filters ?? {},
    rowCodes: shown.map(({ r }) => code(r)),
    colCodes: colIds.map((c) => cols!.code(c - 1)),
    cells: shown.map(({ r }) => (cols ? colIds.map((c) => get(`${r}|${c}`)) : [get(`${r}|*`)])),
    rowTotals: shown.map(({ r }) => get(`${r}|*`)),
    colTotals: colIds.map((c) => get(`*|${c}`)),
    total: get('*|*'),
    rowsOmitted: rowIds.length - shown.length,
    additive,
  };
}

/** A protected table: from the context's table cache when it has one, else by a fresh scan. */
export function table(ctx: Context, q: TableQuery, scope: Scope, policy: DisclosurePolicy): FigureTable {
  return ctx.tables ? ctx.tables.table(q, scope, policy) : protectRaw(crossTab(ctx, q, scope), q, policy);
}

// ---- shortages and surpluses ----

export const SHORTAGE_LEVELS = ['isco1', 'isco2', 'isco3', 'isco4', 'occupation'] as const;
export type ShortageLevel = (typeof SHORTAGE_LEVELS)[number];
/** Job seekers per vacancy below this: a shortage; at or above SURPLUS_RATIO: a surplus. */
export const SHORTAGE_RATIO = 1;
export const SURPLUS_RATIO = 3;

export interface ShortageRow {
  code: string;
  supply: FigureValue;
  demand: FigureValue;
  /** Published job seekers per published open vacancy. */
  ratio: number | null;
  assessment: 'shortage' | 'surplus' | 'balanced' | 'not-published';
}

/** Supply and demand by occupation in one place (country or region), each protected, then compared. */
export function shortages(
  ctx: Context,
  level: ShortageLevel,
  filters: Partial<Record<Dimension, string>>,
  scope: Scope,
  policy: DisclosurePolicy,
): ShortageRow[] {
  const q = (measure: Measure): TableQuery => ({ measure, rows: level, filters, limit: MAX_ROW_LIMIT });
  const supply = table(ctx, q('supply'), scope, policy);
  const demand = table(ctx, q('demand'), scope, policy);
  const zero: FigureValue = { value: 0, status: 'zero' };
  const s = new Map(supply.rowCodes.map((c, i) => [c, supply.rowTotals[i]!]));
  const d = new Map(demand.rowCodes.map((c, i) => [c, demand.rowTotals[i]!]));
  const codes = [...new Set([...d.keys(), ...s.keys()])].filter((c) => c !== 'unknown');
  return codes
    .map((code) => {
      const sv = s.get(code) ?? zero;
      const dv = d.get(code) ?? zero;
      const ratio = protectedRatio(sv as Protected, dv as Protected);
      let assessment: ShortageRow['assessment'] = 'not-published';
      if (dv.status === 'shown' && (sv.status === 'zero' || (ratio !== null && ratio < SHORTAGE_RATIO))) {
        assessment = 'shortage';
      } else if (sv.status === 'shown' && (dv.status === 'zero' || (ratio !== null && ratio >= SURPLUS_RATIO))) {
        assessment = 'surplus';
      } else if (ratio !== null) assessment = 'balanced';
      return { code, supply: sv, demand: dv, ratio, assessment };
    })
    .sort((a, b) => (b.demand.value ?? -1) - (a.demand.value ?? -1) || (a.code < b.code ? -1 : 1));
}

// ---- skill gaps ----

export const SKILL_LEVELS = ['skill', 'skillGroup', 'skillCollection'] as const;
export type SkillLevel = (typeof SKILL_LEVELS)[number];

export interface SkillGapRow {
  code: string;
  /** Job seekers holding it / open vacancies requiring it (essential), published. */
  held: FigureValue;
  demanded: FigureValue;
  /** Published shares, in percent of the published job seekers / open vacancies of the place. */
  heldShare: number | null;
  demandedShare: number | null;
  /** demandedShare − heldShare, in percentage points: above zero, employers ask for it more than people hold it. */
  gap: number | null;
}

/** True counts of a skill table's rows (private: skill gaps protect them cell by cell). */
interface SkillCounts {
  population: CellCount;
  /** Values 0 … size − 1. */
  size: number;
  cell(value: number): CellCount;
  code(value: number): string;
}

/** The places a kept skill table is split by, so that a question about one place reads a column of it. */
const SKILL_PLACES = ['country', 'region'] as const;

/**
 * A skill table's true counts in scope and filters. Filtered by one country or region only, with a table cache:
 * that place's column of the kept table of skills × places (the same records, so the same counts and cell keys as a
 * filtered scan) — the first question about any place pays one scan, every other place none.
 */
function skillCounts(
  ctx: Context,
  measure: Measure,
  level: SkillLevel,
  filters: Partial<Record<Dimension, string>>,
  scope: Scope,
): SkillCounts {
  const named = Object.entries(filters).filter(([, code]) => code !== undefined);
  const place = named.length === 1 ? SKILL_PLACES.find((p) => p === named[0]![0]) : undefined;
  const rows = accessor(ctx.model, measure, level);
  const places = place ? (accessor(ctx.model, measure, place) as SingleAccessor) : null;
  // Single skills: thousands of rows × places would cost more to build than the filtered scans it saves.
  if (ctx.tables && place && places && level !== 'skill' && (rows.size + 1) * (places.size + 1) <= MAX_CELLS / 4) {
    checkQuery({ measure, rows: level, filters });
    const t = ctx.tables.raw({ measure, rows: level, cols: place }, scope);
    const found = t.cols!.find(named[0]![1]!);
    // A place no record held when the table was built has no column: nobody there.
    const c = found === undefined || found >= t.cols!.size ? -1 : found + 1;
    const at = (v: number) => (v + 1) * t.width + c;
    return {
      population: c < 0 ? { count: 0, key: 0 } : { count: t.colPop[c]!, key: t.colPopKeys[c]! },
      size: t.counts.length / t.width - 1,
      cell: (v) => (c < 0 ? { count: 0, key: 0 } : { count: t.counts[at(v)]!, key: t.keys[at(v)]! }),
      code: (v) => t.rows.code(v),
    };
  }
  const q: TableQuery = { measure, rows: level, filters };
  const t = ctx.tables ? ctx.tables.raw(q, scope) : crossTab(ctx, q, scope);
  return {
    population: t.population,
    size: t.counts.length - 1,
    cell: (v) => ({ count: t.counts[v + 1]!, key: t.keys[v + 1]! }),
    code: (v) => t.rows.code(v),
  };
}

/**
 * Skill gaps in a place. A skill table is not additive (a person holds several skills), so it has no lines and
 * protectRaw protects each of its cells on its own (primary suppression, perturbation): the same protectCount is
 * applied here to the two raw tables' cells, so a gap's counts are exactly the skill tables' published values —
 * without laying out and sorting every skill held (thousands of rows at the single-skill level) to read a few.
 */
export function skillGaps(
  ctx: Context,
  level: SkillLevel,
  filters: Partial<Record<Dimension, string>>,
  scope: Scope,
  policy: DisclosurePolicy,
  limit = DEFAULT_ROW_LIMIT,
): { jobSeekers: FigureValue; vacancies: FigureValue; rows: SkillGapRow[] } {
  const supply = skillCounts(ctx, 'supply', level, filters, scope);
  const demand = skillCounts(ctx, 'demand', level, filters, scope);
  const jobSeekers = fv(protectCount(supply.population, policy));
  const vacancies = fv(protectCount(demand.population, policy));
  const rows: SkillGapRow[] = [];
  // Values are the model's skill (group, collection) ids, the same for both populations.
  for (let v = 0; v < demand.size; v++) {
    const d = demand.cell(v);
    if (d.count === 0) continue;
    const held = fv(protectCount(v < supply.size ? supply.cell(v) : { count: 0, key: 0 }, policy));
    const demanded = fv(protectCount(d, policy));
    const heldShare = protectedRatio(held as Protected, jobSeekers as Protected, 100, 1);
    const demandedShare = protectedRatio(demanded as Protected, vacancies as Protected, 100, 1);
    const gap = heldShare !== null && demandedShare !== null ? Math.round((demandedShare - heldShare) * 10) / 10 : null;
    rows.push({ code: demand.code(v), held, demanded, heldShare, demandedShare, gap });
  }
  rows.sort((a, b) => (b.gap ?? -Infinity) - (a.gap ?? -Infinity) || (a.code < b.code ? -1 : 1));
  return { jobSeekers, vacancies, rows: rows.slice(0, limit) };
}

// ---- time to fill ----

export const DURATION_LEVELS = ['isco1', 'isco2', 'isco3', 'isco4', 'country', 'region'] as const;
export type DurationLevel = (typeof DURATION_LEVELS)[number];

export interface DurationRow {
  code: string;
  count: FigureValue;
  medianDays: number | null;
  meanDays: number | null;
  withheld: 'too-few' | 'dominated' | null;
}

/** Days from publication to closing of closed vacancies, by a dimension: median and mean, protected. */
export function timeToFill(
  ctx: Context,
  level: DurationLevel,
  filters: Partial<Record<Dimension, string>>,
  scope: Scope,
  policy: DisclosurePolicy,
): DurationRow[] {
  checkQuery({ measure: 'demand', rows: level, filters });
  const { model } = ctx;
  const v = model.vacancies;
  const by = accessor(model, 'demand', level) as SingleAccessor;
  const f = compileFilters(model, 'demand', filters);
  const org = scope.organisationId === null ? -1 : (model.organisations.find(scope.organisationId) ?? -2);
  const groups = new Map<number, { values: number[]; keys: number[] }>();
  if (!f.empty && org !== -2) {
    const pool = v.skills.pool;
    scan: for (let s = 0; s < v.size; s++) {
      if (!v.alive[s] || v.open[s] || v.daysToClose[s]! < 0) continue;
      if (org !== -1 && v.org[s] !== org) continue;
      for (let i = 0; i < f.columns.length; i++) if (f.columns[i]![s] !== f.values[i]) continue scan;
      const from = v.skillAt[s]!;
      const to = from + v.skillLen[s]!;
      for (const m of f.multi) if (!holds(m.accessor, m.want, pool, from, to)) continue scan;
      const g = by.column[s]!;
      let group = groups.get(g);
      if (!group) groups.set(g, (group = { values: [], keys: [] }));
      group.values.push(v.daysToClose[s]!);
      group.keys.push(v.key[s]!);
    }
  }
  return [...groups.entries()]
    .map(([g, input]) => {
      const p = protectMagnitudes(input, ['median', 'mean'], policy, 0);
      return {
        code: by.code(g),
        count: fv(p.count),
        medianDays: p.statistics.median ?? null,
        meanDays: p.statistics.mean ?? null,
        withheld: p.withheld,
      };
    })
    .sort((a, b) => (a.code < b.code ? -1 : 1));
}

export type { Context as FigureContext };
