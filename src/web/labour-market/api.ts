// Client for the labour-market routes (/labour-market/… for staff, /open-data/… for everyone). Every figure arrives
// protected by the server: a value is a number, 0, or null with status "suppressed" (n.p.).
// Types are the server's contract (src/labour-market/contract.ts), imported type-only: nothing of the server reaches
// the bundle, and a change of a response schema is a type error here.
import type {
  Coded,
  CorridorAnswer,
  CostAnswer,
  CountBySex,
  Disclosure,
  FigureValue,
  ImportRecord,
  OutsideFigures,
  PlacementAnswer,
  ShortageAnswer,
  SkillGapAnswer,
  TableAnswer,
  TimeToFillAnswer,
} from '../../labour-market/index.js';
import { request } from '../api.js';

export type { Coded, CorridorAnswer, CostAnswer, CountBySex, Disclosure, FigureValue, PlacementAnswer };
export type FigureTable = TableAnswer;
export type ShortageRow = ShortageAnswer['rows'][number];
export type SkillGapRow = SkillGapAnswer['rows'][number];
export type DurationRow = TimeToFillAnswer['rows'][number];
export type OutsideFigure = OutsideFigures['items'][number];

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
    shortages: (q: Query, signal?: AbortSignal) => get<ShortageAnswer>(`${base}/shortages`, q, signal),
    outside: (q: Query, signal?: AbortSignal) => get<OutsideFigures>(`${base}/outside-figures`, q, signal),
    /** Where the browser downloads the same table as CSV or XLSX. */
    exportUrl: (q: Query, format: 'csv' | 'xlsx') => `/api/v1${base}/figures/export?${queryString({ ...q, format })}`,
    skillGaps: (q: Query, signal?: AbortSignal) => get<SkillGapAnswer>('/labour-market/skill-gaps', q, signal),
    timeToFill: (q: Query, signal?: AbortSignal) => get<TimeToFillAnswer>('/labour-market/time-to-fill', q, signal),
    placements: (q: Query, signal?: AbortSignal) => get<PlacementAnswer>('/labour-market/placements', q, signal),
    recruitmentCosts: (q: Query, signal?: AbortSignal) => get<CostAnswer>(`${base}/recruitment-costs`, q, signal),
    costsExportUrl: (q: Query, format: 'csv' | 'xlsx') =>
      `/api/v1${base}/recruitment-costs/export?${queryString({ ...q, format })}`,
    corridor: (q: Query, signal?: AbortSignal) => get<CorridorAnswer>('/labour-market/corridors', q, signal),
    briefUrl: (q: Query) => `/api/v1/labour-market/corridors/brief.pdf?${queryString(q)}`,
    importFigures: (body: { kind: string; source: string; csv: string }) =>
      request<ImportRecord>('POST', '/labour-market/imports', { body }),
  };
}
