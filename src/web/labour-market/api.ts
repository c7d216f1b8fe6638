// Client for the labour-market routes (/labour-market/… for staff, /open-data/… for everyone). Every figure arrives
// protected by the server: a value is a number, 0, or null with status "suppressed" (n.p.).
// Types are the server's response schemas (import type: nothing of the server reaches the bundle); the skill-gap,
// time-to-fill and placement rows are still declared inline in the routes, so they are written out here.
import type { Static } from '@sinclair/typebox';
import type {
  FigureValueSchema,
  Coded as CodedSchema,
  Disclosure as DisclosureSchema,
  TableAnswer as TableAnswerSchema,
  CountBySex as CountBySexSchema,
  CorridorAnswer as CorridorAnswerSchema,
  CostAnswer as CostAnswerSchema,
  OutsideFigure as OutsideFigureSchema,
  ShortageAnswer as ShortageAnswerSchema,
} from '../../labour-market/index.js';
import { request } from '../api.js';

export type FigureValue = Static<typeof FigureValueSchema>;

export type Coded = Static<typeof CodedSchema>;

export type Disclosure = Static<typeof DisclosureSchema>;

export type FigureTable = Static<typeof TableAnswerSchema>;

export type ShortageRow = Static<typeof ShortageAnswerSchema>['rows'][number];

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

export type CountBySex = Static<typeof CountBySexSchema>;

export type CorridorAnswer = Static<typeof CorridorAnswerSchema>;

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

export type CostAnswer = Static<typeof CostAnswerSchema>;

export type OutsideFigure = Static<typeof OutsideFigureSchema>;

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
