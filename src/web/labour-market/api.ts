// Client for the labour-market routes (/labour-market/… for staff, /open-data/… for everyone). Every figure arrives
// protected by the server: a value is a number, 0, or null with status "suppressed" (n.p.).
import { request } from '../api.js';

export interface FigureValue {
  value: number | null;
  status: 'shown' | 'zero' | 'suppressed';
}

export interface Coded {
  code: string;
  label: string;
}

export interface Disclosure {
  k: number;
  maxNoise: number;
  tail: number;
  method: string;
}

export interface FigureTable {
  measure: 'supply' | 'demand';
  scope: 'organisation' | 'platform';
  rows: { dimension: string; name: string; values: Coded[] };
  cols: { dimension: string; name: string; values: Coded[] } | null;
  filters: { dimension: string; name: string; code: string; label: string }[];
  cells: FigureValue[][];
  rowTotals: FigureValue[];
  colTotals: FigureValue[];
  total: FigureValue;
  additive: boolean;
  rowsOmitted: number;
  disclosure: Disclosure;
  attribution: string;
}

export interface ShortageRow extends Coded {
  supply: FigureValue;
  demand: FigureValue;
  ratio: number | null;
  assessment: 'shortage' | 'surplus' | 'balanced' | 'not-published';
  officialList: boolean;
}

export interface SkillGapRow extends Coded {
  held: FigureValue;
  demanded: FigureValue;
  heldShare: number | null;
  demandedShare: number | null;
  gap: number | null;
}

export interface DurationRow extends Coded {
  count: FigureValue;
  medianDays: number | null;
  meanDays: number | null;
}

export interface CountBySex {
  total: FigureValue;
  bySex: Record<string, FigureValue>;
}

export interface CorridorAnswer {
  origin: string;
  destination: string;
  originName: string;
  destinationName: string;
  pool: CountBySex;
  occupations: {
    isco: string;
    label: string;
    sources: string[];
    officialTitle: string | null;
    demand: FigureValue;
    ratio: number | null;
    covered: CountBySex;
    oneTrainingAway: CountBySex;
  }[];
  disclosure: Disclosure;
}

export interface PlacementAnswer {
  available: boolean;
  reason: string | null;
  total: FigureValue | null;
  rows: (Coded & {
    placements: FigureValue;
    medianDaysToPlacement: number | null;
    meanDaysToPlacement: number | null;
  })[];
}

export interface CostAnswer {
  available: boolean;
  reason: string | null;
  scope: 'organisation' | 'platform';
  dimensions: { dimension: string; name: string }[];
  cells: {
    dimension: string;
    group: string;
    label: string;
    workers: FigureValue;
    mean: number | null;
    median: number | null;
    p80: number | null;
    withheld: string | null;
  }[];
  disclosure: Disclosure;
}

export interface OutsideFigure {
  source: string;
  country: string;
  indicator: string;
  period: string;
  isco: string;
  sex: string;
  ageGroup: string;
  iscedBand: string;
  value: number;
  unit: string;
}

export type Query = Record<string, string | undefined>;

export function queryString(q: Query): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') p.set(k, v);
  return p.toString();
}

/** Staff figures, or the open-data figures when `open` (anonymous, platform level). */
export function figuresApi(open: boolean) {
  const base = open ? '/open-data' : '/labour-market';
  const get = <T>(path: string, q: Query, signal?: AbortSignal) =>
    request<T>('GET', `${path}?${queryString(q)}`, { signal });
  return {
    table: (q: Query, signal?: AbortSignal) => get<FigureTable>(`${base}/figures`, q, signal),
    shortages: (q: Query, signal?: AbortSignal) =>
      get<{ level: string; rows: ShortageRow[]; disclosure: Disclosure }>(`${base}/shortages`, q, signal),
    outside: (q: Query, signal?: AbortSignal) => get<{ items: OutsideFigure[] }>(`${base}/outside-figures`, q, signal),
    /** Where the browser downloads the same table as CSV or XLSX. */
    exportUrl: (q: Query, format: 'csv' | 'xlsx') => `/api/v1${base}/figures/export?${queryString({ ...q, format })}`,
    skillGaps: (q: Query, signal?: AbortSignal) =>
      get<{ jobSeekers: FigureValue; vacancies: FigureValue; rows: SkillGapRow[] }>(
        '/labour-market/skill-gaps',
        q,
        signal,
      ),
    timeToFill: (q: Query, signal?: AbortSignal) =>
      get<{ rows: DurationRow[] }>('/labour-market/time-to-fill', q, signal),
    placements: (q: Query, signal?: AbortSignal) => get<PlacementAnswer>('/labour-market/placements', q, signal),
    recruitmentCosts: (q: Query, signal?: AbortSignal) => get<CostAnswer>(`${base}/recruitment-costs`, q, signal),
    costsExportUrl: (q: Query, format: 'csv' | 'xlsx') =>
      `/api/v1${base}/recruitment-costs/export?${queryString({ ...q, format })}`,
    corridor: (q: Query, signal?: AbortSignal) => get<CorridorAnswer>('/labour-market/corridors', q, signal),
    briefUrl: (q: Query) => `/api/v1/labour-market/corridors/brief.pdf?${queryString(q)}`,
    importFigures: (body: { kind: string; source: string; csv: string }) =>
      request<{ id: string; rows: number }>('POST', '/labour-market/imports', { body }),
  };
}
